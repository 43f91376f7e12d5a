// Book set-up and the master data use cases: settings, clients, debtors, the charge catalog.
#include "book/book.hpp"

#include "book/internal.hpp"
#include "book/payout_files.hpp"
#include "core/ids.hpp"

namespace mf {

using namespace detail;

Book::Book(std::unique_ptr<Store> store, std::shared_ptr<const Clock> clock)
    : store_(std::move(store)), clock_(std::move(clock)) {
    MF_ASSERT(store_ != nullptr && clock_ != nullptr);
}

namespace {
// The charges a factor books most often; amounts are editable per book.
struct StandardCharge {
    const char* code;
    const char* name;
    int64_t major;
};
constexpr StandardCharge kStandardCharges[] = {
    {"ach_fee", "ACH transfer fee", 5},
    {"wire_fee", "Wire transfer fee", 25},
    {"credit_check_fee", "Debtor credit check", 15},
    {"noa_fee", "Notice of assignment", 10},
    {"misdirected_payment_fee", "Misdirected payment handling", 50},
};
}  // namespace

Result<std::unique_ptr<Book>> Book::create(std::string_view url, const NewBook& input,
                                           std::shared_ptr<const Clock> clock) {
    if (!input.base_currency.valid()) {
        return make_error("missing_field", "a book needs its base currency", "currency");
    }
    MF_CHECK(validate_name(input.name, "name"));
    MF_TRY(auto store, open_store(url, OpenMode::create_new));
    auto book = std::make_unique<Book>(std::move(store), std::move(clock));
    const Actor system{"system:create-book"};
    MF_CHECK(book->store_->write([&](Transaction& tx) -> Status {
        BookSettings settings;
        settings.name = input.name;
        settings.base_currency = input.base_currency;
        settings.calendar = input.calendar;
        settings.business_date = next_business_day_on_or_after(input.calendar, input.business_date);
        settings.require_credit_review = input.require_credit_review;
        MF_CHECK(tx.save_settings(settings));
        for (const auto& standard : kStandardCharges) {
            Charge charge;
            charge.code = standard.code;
            charge.name = standard.name;
            charge.currency = input.base_currency;
            charge.amount_minor = standard.major * input.base_currency.minor_per_major();
            MF_CHECK(tx.insert_charge(charge));
        }
        return tx.append_audit(book->audit(system, settings, "book.create", "book", 0,
                                           "book '" + settings.name + "' in " +
                                               std::string(settings.base_currency.code()) +
                                               ", business date " + settings.business_date.to_string()));
    }));
    return book;
}

Result<std::unique_ptr<Book>> Book::open(std::string_view url, std::shared_ptr<const Clock> clock) {
    MF_TRY(auto store, open_store(url, OpenMode::open_existing));
    return std::make_unique<Book>(std::move(store), std::move(clock));
}

Status Book::write(const Actor& actor, const std::function<Status(Transaction&, const BookSettings&)>& fn) {
    if (actor.name.empty())
        return make_error("missing_field", "every change needs an actor to record", "actor");
    return store_->write([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        return fn(tx, settings);
    });
}

AuditEvent Book::audit(const Actor& actor, const BookSettings& settings, std::string action,
                       std::string entity, int64_t entity_id, std::string detail, std::string reason) const {
    AuditEvent event;
    event.at = clock_->now_utc();
    event.business_date = settings.business_date;
    event.actor = actor.name;
    event.action = std::move(action);
    event.entity_type = std::move(entity);
    event.entity_id = entity_id;
    event.detail = std::move(detail);
    event.reason = std::move(reason);
    return event;
}

Result<BookSettings> Book::settings() {
    BookSettings out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.load_settings());
        return ok();
    }));
    return out;
}

Result<BookSettings> Book::update_settings(const Actor& actor, const SettingsChange& change) {
    BookSettings out;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& current) -> Status {
        out = current;
        if (change.name) {
            MF_CHECK(validate_name(*change.name, "name"));
            out.name = *change.name;
        }
        if (change.rebate_schedule)
            out.rebate_schedule = *change.rebate_schedule;
        if (change.rebate_weekday) {
            if (*change.rebate_weekday < 1 || *change.rebate_weekday > 5) {
                return make_error("invalid_field", "rebate weekday must be 1 (Monday) to 5 (Friday)",
                                  "rebate_weekday");
            }
            out.rebate_weekday = *change.rebate_weekday;
        }
        if (change.recourse_action)
            out.recourse_action = *change.recourse_action;
        if (change.max_invoice_age_days) {
            if (*change.max_invoice_age_days < 1 || *change.max_invoice_age_days > 3650) {
                return make_error("invalid_days", "max invoice age must be 1 to 3650 days",
                                  "max_invoice_age_days");
            }
            out.max_invoice_age_days = *change.max_invoice_age_days;
            // eligibility by age changes with it: every client's required reserve is recomputed
            MF_TRY(auto clients, tx.list_clients());
            for (const auto& client : clients) {
                MF_TRY(auto required, recompute_required_reserve(tx, client.id, out, out.business_date));
                MF_CHECK(tx.set_required_reserve(client.id, required));
            }
        }
        if (change.cross_age_ppm) {
            if (*change.cross_age_ppm <= 0 || *change.cross_age_ppm > kPpmPerUnit) {
                return make_error("invalid_rate", "cross-age share must be above 0% and at most 100%",
                                  "cross_age");
            }
            out.cross_age_ppm = *change.cross_age_ppm;
        }
        MF_CHECK(apply_originator_change(out.originator, change));
        if (change.require_noa_before_funding)
            out.require_noa_before_funding = *change.require_noa_before_funding;
        if (change.remittance_instructions) {
            if (change.remittance_instructions->size() > 1'000) {
                return make_error("too_large", "remittance instructions have at most 1,000 characters",
                                  "remittance_instructions");
            }
            out.remittance_instructions = *change.remittance_instructions;
        }
        std::string detail = "settings changed";
        if (change.require_credit_review && *change.require_credit_review != current.require_credit_review) {
            out.require_credit_review = *change.require_credit_review;
            detail += out.require_credit_review ? "; funding now needs a current credit review of the debtor"
                                                : "; funding no longer needs a credit review of the debtor";
        }
        MF_CHECK(tx.save_settings(out));
        return tx.append_audit(audit(actor, out, "book.settings", "book", 0, detail));
    }));
    return out;
}

Result<Client> Book::add_client(const Actor& actor, const NewClient& input) {
    MF_CHECK(validate_name(input.name, "name"));
    if (!input.currency.valid())
        return make_error("missing_field", "a client needs a currency", "currency");
    MF_CHECK(validate_terms(input.terms));
    MF_CHECK(validate_email(input.email, "email"));
    Client client;
    client.name = input.name;
    client.currency = input.currency;
    client.terms = input.terms;
    client.email = input.email;
    client.tax_id = input.tax_id;
    MF_TRY(client.payout_account, changed_payout_account({}, input.payout_account, client.currency));
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(client.id, tx.insert_client(client));
        return tx.append_audit(audit(actor, settings, "client.add", "client", client.id,
                                     "client " + client.name + " (" + std::string(client.currency.code()) +
                                         "), limit " +
                                         money_text(client.terms.factoring_limit_minor, client.currency) +
                                         ", advance " + format_rate_percent(client.terms.advance_rate_ppm) +
                                         "%, " + std::string(to_string(client.terms.recourse))));
    }));
    return client;
}

Result<Client> Book::update_client(const Actor& actor, int64_t client_id, const ClientChange& change) {
    Client client;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(client, load_client(tx, client_id));
        if (change.expected_version && *change.expected_version != client.version) {
            return make_error("precondition_failed", "client " + format_id(IdKind::client, client_id) +
                                                         " changed since version " +
                                                         std::to_string(*change.expected_version));
        }
        if (change.name)
            client.name = *change.name;
        if (change.advance_rate_ppm)
            client.terms.advance_rate_ppm = *change.advance_rate_ppm;
        if (change.fee_schedule)
            client.terms.fee_schedule = *change.fee_schedule;
        if (change.factoring_limit_minor)
            client.terms.factoring_limit_minor = *change.factoring_limit_minor;
        if (change.recourse)
            client.terms.recourse = *change.recourse;
        if (change.recourse_days)
            client.terms.recourse_days = *change.recourse_days;
        if (change.clearance_days)
            client.terms.clearance_days = *change.clearance_days;
        if (change.concentration_limit_ppm)
            client.terms.concentration_limit_ppm = *change.concentration_limit_ppm;
        if (change.status)
            client.status = *change.status;
        if (change.email) {
            MF_CHECK(validate_email(*change.email, "email"));
            client.email = *change.email;
        }
        if (change.tax_id)
            client.tax_id = *change.tax_id;
        MF_CHECK(validate_name(client.name, "name"));
        MF_CHECK(validate_terms(client.terms));
        MF_TRY(client.payout_account,
               changed_payout_account(client.payout_account, change.payout_account, client.currency));
        MF_CHECK(tx.update_client(client));
        client.version += 1;
        // The account itself is never written to the audit log (bank details are not logged).
        return tx.append_audit(
            audit(actor, settings, "client.update", "client", client.id,
                  "terms or details of " + client.name + " changed" +
                      (changes_payout_account(change.payout_account) ? "; payout account set" : "")));
    }));
    return client;
}

Result<Client> Book::client(int64_t client_id) {
    Client out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, load_client(tx, client_id));
        return ok();
    }));
    return out;
}

Result<std::vector<Client>> Book::clients() {
    std::vector<Client> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_clients());
        return ok();
    }));
    return out;
}

Result<Debtor> Book::add_debtor(const Actor& actor, const NewDebtor& input) {
    MF_CHECK(validate_name(input.name, "name"));
    if (!input.currency.valid())
        return make_error("missing_field", "a debtor needs a currency", "currency");
    if (input.credit_limit_minor < 0) {
        return make_error("invalid_amount", "credit limit must not be negative", "credit_limit");
    }
    MF_CHECK(validate_email(input.email, "email"));
    Debtor debtor;
    debtor.name = input.name;
    debtor.currency = input.currency;
    debtor.credit_limit_minor = input.credit_limit_minor;
    debtor.email = input.email;
    debtor.tax_id = input.tax_id;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(debtor.id, tx.insert_debtor(debtor));
        return tx.append_audit(audit(actor, settings, "debtor.add", "debtor", debtor.id,
                                     "debtor " + debtor.name + ", credit limit " +
                                         money_text(debtor.credit_limit_minor, debtor.currency)));
    }));
    return debtor;
}

Result<Debtor> Book::update_debtor(const Actor& actor, int64_t debtor_id, const DebtorChange& change) {
    Debtor debtor;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(debtor, load_debtor(tx, debtor_id));
        if (change.expected_version && *change.expected_version != debtor.version) {
            return make_error("precondition_failed", "debtor " + format_id(IdKind::debtor, debtor_id) +
                                                         " changed since version " +
                                                         std::to_string(*change.expected_version));
        }
        const int64_t old_limit = debtor.credit_limit_minor;
        if (change.name)
            debtor.name = *change.name;
        if (change.credit_limit_minor)
            debtor.credit_limit_minor = *change.credit_limit_minor;
        if (change.email) {
            MF_CHECK(validate_email(*change.email, "email"));
            debtor.email = *change.email;
        }
        if (change.tax_id)
            debtor.tax_id = *change.tax_id;
        MF_CHECK(validate_name(debtor.name, "name"));
        if (debtor.credit_limit_minor < 0) {
            return make_error("invalid_amount", "credit limit must not be negative", "credit_limit");
        }
        MF_CHECK(tx.update_debtor(debtor));
        debtor.version += 1;
        return tx.append_audit(audit(actor, settings, "debtor.update", "debtor", debtor.id,
                                     "debtor " + debtor.name + " updated; credit limit " +
                                         money_text(old_limit, debtor.currency) + " -> " +
                                         money_text(debtor.credit_limit_minor, debtor.currency)));
    }));
    return debtor;
}

Result<Debtor> Book::debtor(int64_t debtor_id) {
    Debtor out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, load_debtor(tx, debtor_id));
        return ok();
    }));
    return out;
}

Result<std::vector<Debtor>> Book::debtors() {
    std::vector<Debtor> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_debtors());
        return ok();
    }));
    return out;
}

Result<Charge> Book::define_charge(const Actor& actor, const NewCharge& input) {
    MF_CHECK(validate_name(input.code, "code"));
    MF_CHECK(validate_name(input.name, "name"));
    MF_CHECK(require_positive(input.amount, "amount"));
    Charge charge{0, input.code, input.name, input.amount.currency, input.amount.minor};
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(auto existing, tx.find_charge(charge.code));
        if (existing)
            return make_error("conflict", "charge code '" + charge.code + "' exists already", "code");
        MF_TRY(charge.id, tx.insert_charge(charge));
        return tx.append_audit(audit(actor, settings, "charge.define", "charge", charge.id,
                                     charge.code + " = " + format_money(input.amount)));
    }));
    return charge;
}

Result<std::vector<Charge>> Book::charges() {
    std::vector<Charge> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_charges());
        return ok();
    }));
    return out;
}

}  // namespace mf
