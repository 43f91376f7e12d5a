// Where the outbox's mail goes: the SMTP relay and the sender, from flags or MICROFACTOR_* variables
// (docs/mail.md), and the background worker `serve` starts when a relay is set. Thread-safety: settings are
// plain values; a MailWorker runs one thread of its own and is stopped by its destructor.
#pragma once

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "book/book.hpp"
#include "mail/smtp.hpp"

namespace mf::cli {

struct MailSettings {
    mail::SmtpSettings smtp;
    MailDelivery delivery;
    int64_t interval_s = 30;  // the worker's pause between runs
};

// The options of the relay and sender on `command` (defaults from the environment: MICROFACTOR_SMTP_HOST,
// _SMTP_PORT, _SMTP_TLS, _SMTP_USER, _SMTP_PASSWORD, _MAIL_FROM, _MAIL_FROM_NAME, _MAIL_ATTEMPTS,
// _MAIL_BACKOFF, _MAIL_INTERVAL).
struct MailOptions {
    std::string host, tls, user, password, from, from_name;
    int port = 0, attempts = 0, backoff_s = 0, interval_s = 0;
};
void add_mail_options(CLI::App& command, MailOptions& options);
// The settings the options and environment give; "missing_field" naming what is not set when `required`.
Result<std::optional<MailSettings>> mail_settings(const MailOptions& options, bool required);

class MailWorker {
  public:
    MailWorker(Book& book, MailSettings settings, std::ostream& log);
    ~MailWorker();  // stops the thread (an attempt in flight finishes first)
    MailWorker(const MailWorker&) = delete;
    MailWorker& operator=(const MailWorker&) = delete;

  private:
    void loop();
    Book& book_;
    MailSettings settings_;
    std::ostream& log_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace mf::cli
