#include "cli/mail_settings.hpp"

#include <cstdlib>
#include <ostream>

#include "documents/documents.hpp"

namespace mf::cli {

namespace {

std::string env_text(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

Result<int64_t> env_number(const char* name, int64_t fallback, int64_t min, int64_t max,
                           std::string_view field) {
    const std::string text = env_text(name);
    if (text.empty())
        return fallback;
    int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9' || value > max)
            return make_error("invalid_field", std::string(name) + " is a whole number", std::string(field));
        value = value * 10 + (c - '0');
    }
    if (value < min || value > max)
        return make_error("invalid_field",
                          std::string(name) + " is " + std::to_string(min) + " to " + std::to_string(max),
                          std::string(field));
    return value;
}

}  // namespace

void add_mail_options(CLI::App& command, MailOptions& options) {
    command.add_option("--smtp-host", options.host, "SMTP relay host (default $MICROFACTOR_SMTP_HOST)");
    command
        .add_option("--smtp-port", options.port, "SMTP relay port (default $MICROFACTOR_SMTP_PORT, else 25)")
        ->check(CLI::Range(1, 65535));
    command.add_option(
        "--smtp-tls", options.tls,
        "starttls (default), tls, or none (a loopback relay only); default $MICROFACTOR_SMTP_TLS");
    command.add_option("--smtp-user", options.user, "SMTP AUTH user (default $MICROFACTOR_SMTP_USER)");
    command.add_option("--mail-from", options.from, "Sender address (default $MICROFACTOR_MAIL_FROM)");
    command.add_option("--mail-from-name", options.from_name,
                       "Sender's display name (default $MICROFACTOR_MAIL_FROM_NAME, else the book's name)");
    command
        .add_option("--mail-attempts", options.attempts,
                    "Attempts before a mail fails (default $MICROFACTOR_MAIL_ATTEMPTS, else 8)")
        ->check(CLI::Range(1, 100));
    command
        .add_option("--mail-backoff", options.backoff_s,
                    "Seconds before the second attempt, doubling after each (default "
                    "$MICROFACTOR_MAIL_BACKOFF, else 60)")
        ->check(CLI::Range(1, 86'400));
}

Result<std::optional<MailSettings>> mail_settings(const MailOptions& options, bool required) {
    MailSettings settings;
    settings.smtp.host = !options.host.empty() ? options.host : env_text("MICROFACTOR_SMTP_HOST");
    if (settings.smtp.host.empty()) {
        if (!required)
            return std::optional<MailSettings>{};
        return make_error("missing_field",
                          "no SMTP relay is set up: give --smtp-host or MICROFACTOR_SMTP_HOST (docs/mail.md)",
                          "smtp_host");
    }
    MF_TRY(const int64_t port, env_number("MICROFACTOR_SMTP_PORT", 25, 1, 65535, "smtp_port"));
    settings.smtp.port = static_cast<uint16_t>(options.port ? options.port : port);
    const std::string tls = !options.tls.empty() ? options.tls : env_text("MICROFACTOR_SMTP_TLS");
    if (!tls.empty()) {
        MF_TRY(settings.smtp.tls, mail::parse_smtp_tls(tls));
    }
    settings.smtp.username = !options.user.empty() ? options.user : env_text("MICROFACTOR_SMTP_USER");
    settings.smtp.password = env_text("MICROFACTOR_SMTP_PASSWORD");  // never a flag: flags show in ps
    MF_CHECK(mail::check_smtp_settings(settings.smtp));
    settings.delivery.from_address = !options.from.empty() ? options.from : env_text("MICROFACTOR_MAIL_FROM");
    if (settings.delivery.from_address.empty())
        return make_error("missing_field", "no sender is set up: give --mail-from or MICROFACTOR_MAIL_FROM",
                          "mail_from");
    MF_CHECK(check_address(settings.delivery.from_address, "mail_from"));
    settings.delivery.from_name =
        !options.from_name.empty() ? options.from_name : env_text("MICROFACTOR_MAIL_FROM_NAME");
    MF_CHECK(check_header_text(settings.delivery.from_name, "mail_from_name"));
    MF_TRY(const int64_t attempts, env_number("MICROFACTOR_MAIL_ATTEMPTS", 8, 1, 100, "mail_attempts"));
    settings.delivery.retry.attempts_max = options.attempts ? options.attempts : attempts;
    MF_TRY(const int64_t backoff, env_number("MICROFACTOR_MAIL_BACKOFF", 60, 1, 86'400, "mail_backoff"));
    settings.delivery.retry.backoff_first_s = options.backoff_s ? options.backoff_s : backoff;
    settings.delivery.notice_letter = documents::notice_letter_pdf;  // a notice's mail carries its letter
    MF_TRY(settings.interval_s, env_number("MICROFACTOR_MAIL_INTERVAL", 30, 1, 3600, "mail_interval"));
    if (options.interval_s)
        settings.interval_s = options.interval_s;
    return std::optional<MailSettings>{settings};
}

MailWorker::MailWorker(Book& book, MailSettings settings, std::ostream& log)
    : book_(book), settings_(std::move(settings)), log_(log), thread_([this] { loop(); }) {}

MailWorker::~MailWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void MailWorker::loop() {
    mail::SmtpTransport transport(settings_.smtp);
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        auto run = book_.deliver_mail(transport, settings_.delivery);
        lock.lock();
        if (!run) {
            log_ << "microfactor: mail delivery: [" << run.error().code << "] " << run.error().message
                 << std::endl;
        } else if (!run.value().attempts.empty()) {
            log_ << "microfactor: mail: " << run.value().delivered << " delivered, " << run.value().retrying
                 << " to retry, " << run.value().failed << " failed" << std::endl;
        }
        // A full batch means more may be due: go on at once; else wait for the interval or the stop.
        const bool full =
            run && static_cast<int64_t>(run.value().attempts.size()) >= settings_.delivery.batch_max;
        if (!full)
            wake_.wait_for(lock, std::chrono::seconds(settings_.interval_s), [this] { return stopping_; });
    }
}

}  // namespace mf::cli
