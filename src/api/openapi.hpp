// The OpenAPI 3.1 document of the API (src/api/openapi.json, built into the program). Thread-safety:
// constant.
#pragma once

#include <string_view>

namespace mf::api {

std::string_view openapi_document();

}  // namespace mf::api
