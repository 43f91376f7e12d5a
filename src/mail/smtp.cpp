#include "mail/smtp.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace mf::mail {

namespace {

void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// What libcurl reads the message from.
struct Upload {
    const std::string& text;
    size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const size_t room = size * count;
    const size_t left = upload->text.size() - upload->offset;
    const size_t n = std::min(room, left);
    std::memcpy(buffer, upload->text.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

// The relay's first refusal (a 4xx or 5xx reply line), for the error text ("550 5.1.1 <x@y>: user
// unknown"); the replies after it (to QUIT) say nothing about why.
int keep_reply(CURL*, curl_infotype type, char* data, size_t size, void* user) {
    auto& refusal = *static_cast<std::string*>(user);
    if (type != CURLINFO_HEADER_IN || !refusal.empty() || size == 0 || (data[0] != '4' && data[0] != '5'))
        return 0;
    std::string line(data, size);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    refusal = line.substr(0, 300);
    return 0;
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

std::string_view to_string(SmtpTls tls) {
    switch (tls) {
        case SmtpTls::starttls:
            return "starttls";
        case SmtpTls::tls:
            return "tls";
        case SmtpTls::none:
            return "none";
    }
    MF_ASSERT(false);
    return "";
}

Result<SmtpTls> parse_smtp_tls(std::string_view text) {
    for (const auto tls : {SmtpTls::starttls, SmtpTls::tls, SmtpTls::none}) {
        if (to_string(tls) == text)
            return tls;
    }
    return make_error("invalid_field", "'" + std::string(text) + "' is not a TLS mode (starttls, tls, none)",
                      "smtp_tls");
}

bool is_loopback_host(std::string_view host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

Status check_smtp_settings(const SmtpSettings& settings) {
    if (settings.host.empty())
        return make_error("missing_field", "no SMTP relay host is set", "smtp_host");
    if (settings.host.find_first_of("/@ \r\n") != std::string::npos)
        return make_error("invalid_field", "the SMTP relay host is a host name or an address", "smtp_host");
    if (settings.port == 0)
        return make_error("invalid_field", "the SMTP relay port is 1 to 65535", "smtp_port");
    if (settings.tls == SmtpTls::none && !is_loopback_host(settings.host)) {
        return make_error("insecure_relay",
                          "a relay on another host needs TLS (starttls or tls): mail would cross the network "
                          "in clear text; only a loopback relay may use none",
                          "smtp_tls");
    }
    if (settings.timeout_s < 1)
        return make_error("invalid_field", "the SMTP timeout is at least 1 second", "smtp_timeout");
    return ok();
}

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
    init_curl_once();
}

Status SmtpTransport::send(const std::string& from, const std::vector<std::string>& to,
                           const std::string& message) {
    MF_CHECK(check_smtp_settings(settings_));
    const std::string relay = settings_.host + ":" + std::to_string(settings_.port);
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl)
        return make_error(std::string(kTransient), "libcurl could not start a transfer");
    std::unique_ptr<curl_slist, ListDeleter> recipients;
    for (const auto& address : to) {
        const std::string bracketed = "<" + address + ">";
        curl_slist* grown = curl_slist_append(recipients.get(), bracketed.c_str());
        if (!grown)
            return make_error(std::string(kTransient), "out of memory listing the recipients");
        (void)recipients.release();
        recipients.reset(grown);
    }
    const std::string host = settings_.host.find(':') != std::string::npos && settings_.host.front() != '['
                                 ? "[" + settings_.host + "]"
                                 : settings_.host;
    const std::string url = std::string(settings_.tls == SmtpTls::tls ? "smtps://" : "smtp://") + host + ":" +
                            std::to_string(settings_.port) + "/microfactor";
    const std::string mail_from = "<" + from + ">";
    Upload upload{message};
    std::string reply;
    char error_text[CURL_ERROR_SIZE] = {0};
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings_.timeout_s));
    curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT, static_cast<long>(settings_.timeout_s));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);  // the debug function keeps the relay's replies
    curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, keep_reply);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, &reply);
    if (settings_.tls == SmtpTls::starttls)
        curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!settings_.username.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, settings_.username.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    const CURLcode result = curl_easy_perform(h);
    if (result == CURLE_OK)
        return ok();
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    const std::string said =
        error_text[0] ? std::string(error_text) : std::string(curl_easy_strerror(result));
    if (code >= 500 && code <= 599) {
        return make_error(std::string(kPermanent),
                          "relay " + relay + " refused the mail: " + (reply.empty() ? said : reply));
    }
    if (code >= 400 && code <= 499) {
        return make_error(std::string(kTransient),
                          "relay " + relay + " deferred the mail: " + (reply.empty() ? said : reply));
    }
    return make_error(std::string(kTransient), "cannot deliver through relay " + relay + ": " + said);
}

}  // namespace mf::mail
