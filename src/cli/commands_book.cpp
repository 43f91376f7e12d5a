// The book itself: init, demo, settings show|set, close-day.
#include <filesystem>
#include <memory>
#include <ostream>

#include "book/demo.hpp"
#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "cli/render_records.hpp"
#include "cli/render_reports.hpp"
#include "core/calendar.hpp"
#include "wire/auto_approval.hpp"

namespace mf::cli {

namespace {

// Today by the run's clock (MICROFACTOR_FIXED_TIME in tests).
Result<Date> today(const Context& ctx) {
    return parse_date(ctx.clock()->now_utc().substr(0, 10), "date");
}

// "on" or "off" (credit reviews required before funding).
Result<bool> parse_on_off(std::string_view text, std::string_view field) {
    if (text == "on")
        return true;
    if (text == "off")
        return false;
    return make_error("invalid_" + std::string(field),
                      std::string(field) + " must be on or off, not '" + std::string(text) + "'",
                      std::string(field));
}

void add_init(CLI::App& app, Context& ctx) {
    struct Options {
        std::string currency;
        Text date;
        std::string calendar = "us_federal_reserve";
        std::string name = "microfactor book";
        std::string credit_reviews = "on";
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("init", "Create a new, empty book at --db");
    cmd->add_option("--credit-reviews", o->credit_reviews,
                    "on: funding needs a current credit review of each debtor; off: it does not")
        ->capture_default_str();
    cmd->add_option("--currency", o->currency, "Base currency (ISO 4217 code, e.g. USD)")->required();
    add(*cmd, "--date", o->date, "First business date, YYYY-MM-DD (default: today)");
    cmd->add_option("--calendar", o->calendar, "us_federal_reserve or weekends_only")->capture_default_str();
    cmd->add_option("--name", o->name, "Name of the book")->capture_default_str();
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        NewBook input;
        input.name = o->name;
        MF_TRY(input.require_credit_review, parse_on_off(o->credit_reviews, "credit_reviews"));
        MF_TRY(input.base_currency, parse_currency(o->currency));
        MF_TRY(input.calendar, parse_calendar(o->calendar));
        MF_TRY(auto date, parse_optional_date(o->date, "date"));
        if (!date) {
            MF_TRY(date, today(ctx));
        }
        input.business_date = *date;
        MF_TRY(auto* book, ctx.create_book(input));
        MF_TRY(auto settings, book->settings());
        ctx.show(settings, [&](std::ostream& out) {
            out << "Created book at " << ctx.options.db << "\n\n";
            print_settings(out, settings);
        });
        return ok();
    });
}

// Removes a book file the demo created but could not finish, so a failed demo leaves nothing behind.
void remove_book_files(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ignored);
}

Result<bool> book_is_empty(Book& book) {
    MF_TRY(auto clients, book.clients());
    MF_TRY(auto debtors, book.debtors());
    MF_TRY(auto balance, book.trial_balance());
    return clients.empty() && debtors.empty() && balance.rows.empty();
}

// Opens the book at --db when it exists and is empty, else creates it; `created` says which.
Result<Book*> demo_book(Context& ctx, bool& created) {
    auto opened = ctx.book();
    if (opened) {
        MF_TRY(auto empty, book_is_empty(*opened.value()));
        if (!empty) {
            return make_error("book_not_empty",
                              "the demo builds a whole portfolio and needs a new or empty book; " +
                                  ctx.options.db + " has data already (choose another --db)",
                              "db");
        }
        return opened;
    }
    if (opened.error().code != "book_not_found")
        return opened.error();
    NewBook input;
    input.name = "microfactor demo";
    MF_TRY(input.base_currency, Currency::from_code("USD"));
    MF_TRY(input.business_date, Date::from_ymd(2026, 6, 1));
    created = true;
    return ctx.create_book(input);
}

void add_demo(CLI::App& app, Context& ctx) {
    struct Options {
        int32_t days = 120;
        uint64_t seed = DemoOptions{}.seed;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "demo", "Build a demo portfolio (clients, debtors, months of activity) in a new book");
    cmd->add_option("--days", o->days, "Business days of activity to simulate")
        ->capture_default_str()
        ->check(CLI::Range(1, 2000));
    cmd->add_option("--seed", o->seed, "Random seed (the same seed builds the same book)")
        ->capture_default_str();
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        bool created = false;
        MF_TRY(auto* book, demo_book(ctx, created));
        DemoOptions options;
        options.business_days = o->days;
        options.seed = o->seed;
        const bool progress = ctx.err_is_terminal && !ctx.json();
        auto summary = build_demo(*book, options, [&](int32_t day, int32_t days) {
            if (progress)
                ctx.err << "\rdemo: closed day " << day << " of " << days << std::flush;
        });
        if (progress)
            ctx.err << '\n';
        if (!summary) {
            if (created) {
                ctx.close_book();
                remove_book_files(sqlite_path(ctx.options.db));
            }
            return summary.error();
        }
        MF_CHECK(add_demo_users(ctx, *book));
        ctx.show(summary.value(), [&](std::ostream& out) {
            out << "Demo book at " << ctx.options.db << "\n\n";
            print_demo_summary(out, summary.value());
        });
        return ok();
    });
}

void add_settings(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "settings", "The book's settings");
    auto* show = group->add_subcommand("show", "Show the book's settings and business date");
    on_run(*show, ctx, [](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto settings, book->settings());
        if (ctx.json()) {
            MF_TRY(auto automatic, book->auto_approval_settings(std::nullopt));
            boost::json::object object = boost::json::value_from(settings).as_object();
            object["auto_approval"] = boost::json::value_from(automatic).as_object()["book"];
            ctx.print_json(object);
            return ok();
        }
        print_settings(ctx.out, settings);
        ctx.out << "Auto-approval: " << auto_approval_line(*book) << '\n';
        return ok();
    });
    struct Options {
        Text name, rebate_schedule, rebate_weekday, recourse_action, max_invoice_age_days, cross_age;
        Text originator_name, ach_company_id, ach_immediate_origin, ach_origin_name, ach_odfi_routing,
            ach_destination, ach_destination_name, originator_iban, originator_bic;
        Text require_noa, remittance;
        Text credit_reviews;
    };
    auto o = std::make_shared<Options>();
    auto* set = group->add_subcommand("set", "Change settings (only the options given)");
    add(*set, "--name", o->name, "Name of the book");
    add(*set, "--rebate-schedule", o->rebate_schedule, "on_collection or weekly");
    add(*set, "--rebate-weekday", o->rebate_weekday, "Weekday of weekly rebates, 1 (Monday) to 5 (Friday)");
    add(*set, "--recourse-action", o->recourse_action,
        "charge_back or flag (recourse invoices past recourse days)");
    add(*set, "--max-invoice-age-days", o->max_invoice_age_days, "Oldest invoice age accepted at submission");
    add(*set, "--cross-age", o->cross_age,
        "Percent of a debtor's face over 90 days that makes it cross-aged");
    add(*set, "--originator-name", o->originator_name, "Payout files: the factor's company name");
    add(*set, "--ach-company-id", o->ach_company_id, "NACHA: company id (10 characters, usually 1 + EIN)");
    add(*set, "--ach-immediate-origin", o->ach_immediate_origin, "NACHA: immediate origin (routing or id)");
    add(*set, "--ach-origin-name", o->ach_origin_name, "NACHA: immediate origin name (default: company)");
    add(*set, "--ach-odfi-routing", o->ach_odfi_routing, "NACHA: the factor's bank routing number (ODFI)");
    add(*set, "--ach-destination", o->ach_destination, "NACHA: immediate destination routing number");
    add(*set, "--ach-destination-name", o->ach_destination_name, "NACHA: immediate destination name");
    add(*set, "--originator-iban", o->originator_iban, "pain.001: the factor's IBAN payouts leave from");
    add(*set, "--originator-bic", o->originator_bic, "pain.001: the factor's bank BIC (optional)");
    add(*set, "--require-noa-before-funding", o->require_noa,
        "yes or no: funding needs the pair's notice of assignment sent (notification factoring)");
    add(*set, "--remittance", o->remittance,
        "Where and how debtors pay the factor (notices, legend, debtor links; \\n starts a new line)");
    add(*set, "--credit-reviews", o->credit_reviews,
        "on: funding needs a current credit review of each debtor; off: it does not");
    on_run(*set, ctx, [o](Context& ctx) -> Status {
        SettingsChange change;
        for (auto [text, target] : {std::pair{&o->originator_name, &change.originator_name},
                                    std::pair{&o->ach_company_id, &change.ach_company_id},
                                    std::pair{&o->ach_immediate_origin, &change.ach_immediate_origin},
                                    std::pair{&o->ach_origin_name, &change.ach_origin_name},
                                    std::pair{&o->ach_odfi_routing, &change.ach_odfi_routing},
                                    std::pair{&o->ach_destination, &change.ach_destination},
                                    std::pair{&o->ach_destination_name, &change.ach_destination_name},
                                    std::pair{&o->originator_iban, &change.originator_iban},
                                    std::pair{&o->originator_bic, &change.originator_bic}}) {
            if (text->given())
                *target = text->value;
        }
        if (o->name.given())
            change.name = o->name.value;
        if (o->rebate_schedule.given()) {
            MF_TRY(change.rebate_schedule, parse_rebate_schedule(o->rebate_schedule.value));
        }
        if (o->rebate_weekday.given()) {
            MF_TRY(auto weekday, parse_count(o->rebate_weekday.value, 1, 5, "rebate_weekday"));
            change.rebate_weekday = static_cast<unsigned>(weekday);
        }
        if (o->recourse_action.given()) {
            MF_TRY(change.recourse_action, parse_recourse_action(o->recourse_action.value));
        }
        if (o->max_invoice_age_days.given()) {
            MF_TRY(change.max_invoice_age_days,
                   parse_count(o->max_invoice_age_days.value, 1, 3650, "max_invoice_age_days"));
        }
        if (o->cross_age.given()) {
            MF_TRY(change.cross_age_ppm, parse_rate_percent(o->cross_age.value, "cross_age"));
        }
        if (o->require_noa.given()) {
            if (o->require_noa.value != "yes" && o->require_noa.value != "no") {
                return make_error("invalid_field", "--require-noa-before-funding is yes or no",
                                  "require_noa_before_funding");
            }
            change.require_noa_before_funding = o->require_noa.value == "yes";
        }
        if (o->remittance.given())
            change.remittance_instructions = with_line_breaks(o->remittance.value);
        if (o->credit_reviews.given()) {
            MF_TRY(change.require_credit_review, parse_on_off(o->credit_reviews.value, "credit_reviews"));
        }
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto settings, book->update_settings(ctx.actor(), change));
        ctx.show(settings, [&](std::ostream& out) { print_settings(out, settings); });
        return ok();
    });
}

void add_close_day(CLI::App& app, Context& ctx) {
    auto through = std::make_shared<Text>();
    auto* cmd =
        app.add_subcommand("close-day", "Close business days: accrue fees, age, recourse, rebates, snapshot");
    add(*cmd, "--through", *through, "Close every business day up to this date (default: the business date)");
    on_run(*cmd, ctx, [through](Context& ctx) -> Status {
        MF_TRY(auto date, parse_optional_date(*through, "through"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto results, book->close_day(ctx.actor(), date));
        MF_TRY(auto settings, book->settings());
        ctx.show(results, [&](std::ostream& out) {
            print_close_days(out, results);
            out << "\nBusiness date is now " << settings.business_date.to_string() << '\n';
        });
        return ok();
    });
}

}  // namespace

void add_book_commands(CLI::App& app, Context& ctx) {
    add_init(app, ctx);
    add_demo(app, ctx);
    add_settings(app, ctx);
    add_close_day(app, ctx);
}

}  // namespace mf::cli
