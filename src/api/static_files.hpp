// The web dashboard's files (the built bundle, web/dist) served from the API's origin: GET and HEAD of a path
// outside /v1 get the file it names, or index.html for a client-side route ("/invoices/inv_7"), with the
// content type of its extension, cache headers (hashed assets/ immutable, the rest revalidated), the
// security headers of a page (a Content-Security-Policy of 'self' only, no framing, no sniffing), and the
// build's gzip copy ("x.js.gz") instead of the file to a browser that accepts gzip.
// A path that leaves the folder ("..", an encoded slash, a symlink out) is never served.
// Thread-safety: built once, then answer() may run on many threads at once.
#pragma once

#include <filesystem>
#include <optional>

#include "api/router.hpp"

namespace mf::api {

class StaticFiles {
  public:
    // `root` holds index.html; see usable().
    explicit StaticFiles(std::filesystem::path root);

    // Whether the folder exists and has an index.html.
    bool usable() const;
    const std::filesystem::path& root() const { return root_; }

    // The answer to a request, or nothing when the request is not for a page or a file of the bundle (a
    // method other than GET/HEAD, a path under /v1, a missing file with an extension, a path that leaves
    // the folder): the router then answers it as usual (404).
    std::optional<Response> answer(const Request& request) const;

  private:
    std::optional<Response> file_response(const Request& request, const std::filesystem::path& file,
                                          bool immutable) const;

    std::filesystem::path root_;  // canonical when it exists
};

// The content type of a file name by its extension ("application/octet-stream" when unknown).
std::string_view content_type_of(const std::filesystem::path& file);

}  // namespace mf::api
