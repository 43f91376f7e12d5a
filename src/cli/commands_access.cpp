// The server and its users: `serve` (the HTTP API), `user add|list|set|api-key`, and the demo's logins.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>

#include <fmt/format.h>

#include "api/routes.hpp"
#include "api/server.hpp"
#include "api/static_files.hpp"
#include "auth/access.hpp"
#include "cli/commands.hpp"
#include "cli/mail_settings.hpp"
#include "cli/parse.hpp"

namespace mf::cli {
namespace {

// A password from --password, else the first line of stdin (so it stays out of the process list).
Result<std::string> read_password(const Text& given, Context& ctx) {
    if (given.given())
        return given.value;
    if (isatty(STDIN_FILENO))
        ctx.err << "password: " << std::flush;
    std::string line;
    if (!std::getline(std::cin, line) || line.empty())
        return make_error("missing_field", "give the password on stdin (one line) or with --password",
                          "password");
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

void print_user(std::ostream& out, const User& user) {
    out << format_id(IdKind::user, user.id) << "  " << user.email << "  " << user.role
        << (user.client_id ? "  " + format_id(IdKind::client, user.client_id) : "")
        << (user.active ? "" : "  (inactive)") << "  " << user.name << '\n';
}

void add_user_add(CLI::App& group, Context& ctx) {
    struct Options {
        std::string email, name, role;
        Text client, password;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = group.add_subcommand("add", "Add a user who may sign in (the password is read from stdin)");
    cmd->add_option("--email", o->email, "E-mail address (the login)")->required();
    cmd->add_option("--name", o->name, "The person's name")->required();
    cmd->add_option("--role", o->role, "admin, underwriter, collector, viewer, client or investor")
        ->required();
    add(*cmd, "--client", o->client, "The client a client user acts for");
    add(*cmd, "--password", o->password, "The password (else read from stdin; at least 10 characters)");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        auth::NewUser input;
        input.email = o->email;
        input.name = o->name;
        MF_TRY(input.role, auth::parse_role(o->role));
        MF_TRY(auto client_id, parse_optional_id(IdKind::client, o->client, "client"));
        input.client_id = client_id.value_or(0);
        MF_TRY(input.password, read_password(o->password, ctx));
        MF_TRY(auto* book, ctx.book());
        auth::Access access(book->store(), ctx.clock());
        MF_TRY(auto user, access.add_user(ctx.actor(), input));
        if (ctx.json()) {
            ctx.print_json(boost::json::value_from(user));
        } else {
            print_user(ctx.out, user);
        }
        return ok();
    });
}

void add_user_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "user", "Users who may sign in to the API and the dashboard");
    add_user_add(*group, ctx);
    auto* list = group->add_subcommand("list", "List users");
    on_run(*list, ctx, [](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        auth::Access access(book->store(), ctx.clock());
        MF_TRY(auto users, access.users());
        if (ctx.json()) {
            ctx.print_json(wire::page(boost::json::value_from(users).as_array(), std::nullopt));
        } else {
            for (const auto& user : users)
                print_user(ctx.out, user);
        }
        return ok();
    });
    struct SetOptions {
        std::string id;
        Text role, active, name;
        bool password = false;
    };
    auto s = std::make_shared<SetOptions>();
    auto* set = group->add_subcommand("set", "Change a user's role, name, active flag or password");
    set->add_option("id", s->id, "User id (usr_3 or 3)")->required();
    add(*set, "--role", s->role, "New role");
    add(*set, "--name", s->name, "New name");
    add(*set, "--active", s->active, "true or false (false signs the user out everywhere)");
    set->add_flag("--password", s->password, "Read a new password from stdin");
    on_run(*set, ctx, [s](Context& ctx) -> Status {
        MF_TRY(const int64_t id, parse_id(IdKind::user, s->id, "id"));
        auth::UserChange change;
        if (s->role.given()) {
            MF_TRY(change.role, auth::parse_role(s->role.value));
        }
        if (s->name.given())
            change.name = s->name.value;
        if (s->active.given()) {
            if (s->active.value != "true" && s->active.value != "false")
                return make_error("invalid_field", "--active is true or false", "active");
            change.active = s->active.value == "true";
        }
        if (s->password) {
            MF_TRY(change.password, read_password(Text{}, ctx));
        }
        MF_TRY(auto* book, ctx.book());
        auth::Access access(book->store(), ctx.clock());
        MF_TRY(auto user, access.update_user(ctx.actor(), id, change));
        print_user(ctx.out, user);
        return ok();
    });
    struct KeyOptions {
        std::string id, label;
    };
    auto k = std::make_shared<KeyOptions>();
    auto* key = group->add_subcommand("api-key", "Issue an API key for a user (printed once)");
    key->add_option("id", k->id, "User id")->required();
    key->add_option("--label", k->label, "What uses the key (\"bank sync\")")->required();
    on_run(*key, ctx, [k](Context& ctx) -> Status {
        MF_TRY(const int64_t id, parse_id(IdKind::user, k->id, "id"));
        MF_TRY(auto* book, ctx.book());
        auth::Access access(book->store(), ctx.clock());
        MF_TRY(auto issued, access.create_api_key(ctx.actor(), id, k->label));
        ctx.out << issued.key << '\n';
        return ok();
    });
}

// A demo book's logins, so a new user can sign in at once (books not made by `demo` have none of them).
void print_demo_logins(Context& ctx, Book& book, auth::Access& access, const std::string& address,
                       uint16_t port) {
    auto users = access.users();
    if (!users)
        return;
    std::string lines;
    for (const auto& login : demo_logins()) {
        for (const auto& user : users.value()) {
            if (user.email != login.email)
                continue;
            std::string acts_for;
            if (user.client_id) {
                auto client = book.client(user.client_id);
                acts_for = "  (client user of " +
                           (client ? client.value().name : format_id(IdKind::client, user.client_id)) + ")";
            }
            lines += fmt::format("  {:<12} {:<36} {}{}\n", login.role, login.email, login.password, acts_for);
        }
    }
    if (lines.empty())
        return;
    ctx.err << fmt::format(
                   "\nDemo logins (this is a demo book; try docs/api.md's walk-through):\n{}\n"
                   "  curl -s -X POST http://{}:{}/v1/auth/login -H 'Content-Type: application/json' -d "
                   "'{{\"email\": \"{}\", \"password\": "
                   "\"{}\"}}'\n\n",
                   lines, address, port, demo_logins().front().email, demo_logins().front().password)
            << std::flush;
}

// The dashboard's folder: --web, else $MICROFACTOR_WEB, else the source tree's web/dist when it was built.
// Empty: the API alone.
Result<std::string> web_folder(const std::string& asked) {
    std::string folder = asked;
    if (folder.empty()) {
        if (const char* env = std::getenv("MICROFACTOR_WEB"); env && *env)
            folder = env;
    }
    if (folder.empty()) {
        const api::StaticFiles built(std::filesystem::path(MF_SOURCE_DIR) / "web" / "dist");
        return built.usable() ? built.root().string() : std::string();
    }
    if (!api::StaticFiles(folder).usable())
        return make_error("invalid_field", fmt::format("{} has no index.html (build it: make web)", folder),
                          "web");
    return folder;
}

void add_serve(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<api::ServerOptions>();
    auto web = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("serve", "Serve the HTTP API (and the dashboard) for the book at --db");
    cmd->add_option("--address", options->address, "Address to listen on")->capture_default_str();
    cmd->add_option("--port", options->port, "Port (0: any free port, printed)")->capture_default_str();
    cmd->add_option("--threads", options->threads, "Threads answering requests (0: one per core)")
        ->capture_default_str();
    cmd->add_option("--write-group", options->write_group_max,
                    "Writes committed together in one transaction, each in its own savepoint (1: each alone)")
        ->capture_default_str()
        ->check(CLI::Range(1, 10'000));
    auto read_seconds = std::make_shared<int>(static_cast<int>(options->read_timeout.count()));
    auto idle_seconds = std::make_shared<int>(static_cast<int>(options->idle_timeout.count()));
    cmd->add_option("--read-timeout", *read_seconds, "Seconds a request may take to arrive whole")
        ->capture_default_str()
        ->check(CLI::Range(1, 3600));
    cmd->add_option("--idle-timeout", *idle_seconds, "Seconds a kept-alive connection may wait for a request")
        ->capture_default_str()
        ->check(CLI::Range(1, 3600));
    cmd->add_option("--web", *web,
                    "Folder of the dashboard's built files (default: $MICROFACTOR_WEB, else web/dist of the "
                    "source tree when built)");
    auto mail_options = std::make_shared<MailOptions>();
    add_mail_options(*cmd, *mail_options);
    cmd->add_option("--mail-interval", mail_options->interval_s,
                    "Seconds between the mail worker's runs (default $MICROFACTOR_MAIL_INTERVAL, else 30)")
        ->check(CLI::Range(1, 3600));
    on_run(*cmd, ctx, [options, read_seconds, idle_seconds, web, mail_options](Context& ctx) -> Status {
        MF_TRY(auto mail, mail_settings(*mail_options, false));
        options->read_timeout = std::chrono::seconds(*read_seconds);
        options->idle_timeout = std::chrono::seconds(*idle_seconds);
        MF_TRY(auto* book, ctx.book());
        auth::Access access(book->store(), ctx.clock());
        api::Router router({*book, access});
        api::Metrics metrics;
        api::add_routes(router);
        api::add_metrics_route(router, metrics);
        MF_TRY(const std::string web_root, web_folder(*web));
        std::optional<api::StaticFiles> pages;
        if (!web_root.empty()) {
            pages.emplace(web_root);
            router.set_fallback([&pages](const api::Request& request) { return pages->answer(request); });
        }
        api::Server server(router, metrics, *options);
        MF_TRY(const uint16_t port, server.start());
        // The first line says where to connect (scripts and tests read it).
        ctx.err << "microfactor: serving " << ctx.options.db << " on http://" << options->address << ':'
                << port << std::endl;
        if (pages) {
            ctx.err << "microfactor: dashboard at http://" << options->address << ':' << port << "/ (from "
                    << pages->root().string() << ")" << std::endl;
        } else {
            ctx.err << "microfactor: no dashboard (build web/ with make, or give --web DIR)" << std::endl;
        }
        print_demo_logins(ctx, *book, access, options->address, port);
        // The outbox's worker runs beside the server, off the request path, while a relay is set up.
        std::unique_ptr<MailWorker> mail_worker;
        if (mail) {
            ctx.err << "microfactor: delivering mail through " << mail->smtp.host << ':' << mail->smtp.port
                    << " every " << mail->interval_s << " s" << std::endl;
            mail_worker = std::make_unique<MailWorker>(*book, *mail, ctx.err);
        } else {
            ctx.err << "microfactor: no SMTP relay set up: mail stays in the outbox (docs/mail.md)"
                    << std::endl;
        }
        server.run();
        mail_worker.reset();
        ctx.err << "microfactor: stopped" << std::endl;
        return ok();
    });
}

}  // namespace

void add_access_commands(CLI::App& app, Context& ctx) {
    add_serve(app, ctx);
    add_user_commands(app, ctx);
}

Status add_demo_users(Context& ctx, Book& book) {
    auth::Access access(book.store(), ctx.clock());
    MF_TRY(auto clients, book.clients());
    for (const auto& login : demo_logins()) {
        auth::NewUser input;
        input.email = login.email;
        input.name = login.name;
        MF_TRY(input.role, auth::parse_role(login.role));
        input.client_id = input.role == auth::Role::client && !clients.empty() ? clients.front().id : 0;
        input.password = login.password;
        MF_CHECK(access.add_user(Actor{"system:demo"}, input));
    }
    return ok();
}

const std::vector<DemoLogin>& demo_logins() {
    static const std::vector<DemoLogin> kLogins{
        {"admin@demo.microfactor.test", "Ada Admin", "admin", "demo-admin-2026"},
        {"underwriter@demo.microfactor.test", "Uma Underwriter", "underwriter", "demo-underwriter-2026"},
        {"collector@demo.microfactor.test", "Cole Collector", "collector", "demo-collector-2026"},
        {"viewer@demo.microfactor.test", "Vic Viewer", "viewer", "demo-viewer-2026"},
        {"client@demo.microfactor.test", "Cleo Client", "client", "demo-client-2026"},
    };
    return kLogins;
}

}  // namespace mf::cli
