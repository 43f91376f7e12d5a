#include "book/internal.hpp"

#include <algorithm>

#include "core/outbox.hpp"

#include "core/fees.hpp"
#include "core/limits.hpp"

namespace mf::detail {

Error not_found(IdKind kind, int64_t id) {
    return make_error("not_found", "no " + std::string(id_noun(kind)) + " " + format_id(kind, id));
}

namespace {
template <class T>
Result<T> require(Result<std::optional<T>> found, IdKind kind, int64_t id) {
    if (!found)
        return found.error();
    if (!found.value())
        return not_found(kind, id);
    return std::move(*found.value());
}
}  // namespace

Result<Client> load_client(Transaction& tx, int64_t id) {
    return require(tx.find_client(id), IdKind::client, id);
}
Result<Debtor> load_debtor(Transaction& tx, int64_t id) {
    return require(tx.find_debtor(id), IdKind::debtor, id);
}
Result<Invoice> load_invoice(Transaction& tx, int64_t id) {
    return require(tx.find_invoice(id), IdKind::invoice, id);
}
Result<Schedule> load_schedule(Transaction& tx, int64_t id) {
    return require(tx.find_schedule(id), IdKind::schedule, id);
}
Result<Receipt> load_receipt(Transaction& tx, int64_t id) {
    return require(tx.find_receipt(id), IdKind::receipt, id);
}

Status validate_terms(const ClientTerms& terms) {
    if (terms.advance_rate_ppm <= 0 || terms.advance_rate_ppm > kPpmPerUnit) {
        return make_error("invalid_rate", "advance rate must be above 0% and at most 100%", "advance_rate");
    }
    MF_CHECK(validate(terms.fee_schedule));
    if (terms.factoring_limit_minor < 0) {
        return make_error("invalid_amount", "factoring limit must not be negative", "factoring_limit");
    }
    if (terms.recourse_days <= 0 || terms.recourse_days > 3650) {
        return make_error("invalid_days", "recourse days must be between 1 and 3650", "recourse_days");
    }
    if (terms.clearance_days < 0 || terms.clearance_days > 30) {
        return make_error("invalid_days", "clearance days must be between 0 and 30", "clearance_days");
    }
    if (terms.concentration_limit_ppm <= 0 || terms.concentration_limit_ppm > kPpmPerUnit) {
        return make_error("invalid_rate", "concentration limit must be above 0% and at most 100%",
                          "concentration_limit");
    }
    return ok();
}

Status validate_name(const std::string& name, std::string_view field) {
    if (name.empty())
        return make_error("missing_field", std::string(field) + " is required", std::string(field));
    if (name.size() > 200) {
        return make_error("invalid_field", std::string(field) + " is longer than 200 characters",
                          std::string(field));
    }
    // A name is printed on letters, files and mail headers: a line break or other control character in it
    // would break those (or smuggle a header into a mail).
    if (std::any_of(name.begin(), name.end(), [](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return byte < 0x20 || byte == 0x7F;
        })) {
        return make_error("invalid_field",
                          std::string(field) + " holds a control character (a line break, tab or the like)",
                          std::string(field));
    }
    return ok();
}

Status validate_email(const std::string& email, std::string_view field) {
    if (email.empty())
        return ok();  // no address: mail for this party waits, unaddressed, until one is set
    auto addresses = split_addresses(email, field);
    if (!addresses)
        return make_error("invalid_email", std::string(field) + ": " + addresses.error().message,
                          std::string(field));
    return ok();
}

Status save_invoice(Transaction& tx, const BookSettings& settings, const Invoice& before,
                    const Invoice& after) {
    MF_ASSERT(before.id == after.id && before.client_id == after.client_id);
    MF_ASSERT(after.outstanding_minor() >= 0);
    MF_CHECK(tx.update_invoice(after));
    const int64_t delta = required_reserve_minor(after, settings.business_date, settings) -
                          required_reserve_minor(before, settings.business_date, settings);
    if (delta != 0)
        MF_CHECK(tx.add_required_reserve(after.client_id, delta));
    return ok();
}

Result<ReserveFigures> client_reserve_figures(Transaction& tx, const Client& client) {
    ReserveFigures figures;
    MF_TRY(auto balance, tx.balance_minor(Account::client_reserve, client.currency, client.id));
    figures.reserve_minor = -balance;
    MF_TRY(figures.required_minor, tx.required_reserve_minor(client.id));
    return figures;
}

Result<int64_t> recompute_required_reserve(Transaction& tx, int64_t client_id, const BookSettings& settings,
                                           Date as_of) {
    int64_t required = 0;
    InvoiceFilter filter;
    filter.client_id = client_id;
    filter.states = {InvoiceState::funded};
    MF_CHECK(tx.scan_invoices(filter, [&](const Invoice& invoice) -> Status {
        required += required_reserve_minor(invoice, as_of, settings);
        return ok();
    }));
    return required;
}

std::string money_text(int64_t minor, Currency currency) {
    return format_money(Money{minor, currency});
}

}  // namespace mf::detail
