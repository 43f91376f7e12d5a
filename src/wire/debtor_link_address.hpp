// Where a debtor link's token is used: the page the debtor opens in a browser (the web app's debtor portal,
// /debtor#token=TOKEN; the token rides in the fragment, which browsers never send to a server, so it stays
// out of every request line and proxy log) and the API route a program calls (/v1/debtor-link?token=TOKEN).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace mf::wire {

inline std::string debtor_link_page_path(std::string_view token) {
    return "/debtor#token=" + std::string(token);
}

inline std::string debtor_link_api_path(std::string_view token) {
    return "/v1/debtor-link?token=" + std::string(token);
}

}  // namespace mf::wire
