// Money out as bank files: clients' payout accounts and the factor as originator (checked with the formats
// validators), and payout files (NACHA, pain.001) written over pending payouts, stored whole, their payouts
// marked sent in the same transaction.
#include "book/payout_files.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/calendar.hpp"
#include "formats/nacha.hpp"
#include "formats/pain001.hpp"

namespace mf {
namespace detail {
namespace {

std::string trimmed_upper(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == ' ')
            continue;  // IBANs are often written in groups of four
        out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
    return out;
}

bool is_ach_account_number(std::string_view number) {
    constexpr size_t kAchAccountLengthMax = 17;
    if (number.empty() || number.size() > kAchAccountLengthMax)
        return false;
    return std::all_of(number.begin(), number.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-'; });
}

Status check_routing(const std::string& routing, std::string_view field) {
    if (!routing.empty() && !formats::is_valid_routing_number(routing)) {
        return make_error("invalid_routing_number",
                          std::string(field) + " must be 9 digits with a valid ABA check digit",
                          std::string(field));
    }
    return ok();
}

Status check_ach_account(const PayoutAccount& account, Currency currency) {
    if (account.routing_number.empty() != account.account_number.empty()) {
        return make_error("missing_field", "an ACH payout account needs both a routing and an account number",
                          account.routing_number.empty() ? "routing_number" : "account_number");
    }
    if (!account.has_ach())
        return ok();
    if (currency.code() != "USD") {
        return make_error("invalid_payout_account",
                          "ACH accounts receive USD payouts; this client is paid in " +
                              std::string(currency.code()) +
                              (currency.code() == "EUR" ? ": give an IBAN" : ""),
                          "routing_number");
    }
    MF_CHECK(check_routing(account.routing_number, "routing_number"));
    if (!is_ach_account_number(account.account_number)) {
        return make_error("invalid_account_number",
                          "the account number must be 1 to 17 digits, capital letters or hyphens",
                          "account_number");
    }
    return ok();
}

Status check_sepa_account(const PayoutAccount& account, Currency currency) {
    if (account.iban.empty()) {
        if (!account.bic.empty())
            return make_error("missing_field", "a BIC needs the IBAN it belongs to", "iban");
        return ok();
    }
    if (currency.code() != "EUR") {
        return make_error("invalid_payout_account",
                          "IBAN payouts (SEPA) are in EUR; this client is paid in " +
                              std::string(currency.code()) +
                              (currency.code() == "USD" ? ": give an ACH routing and account number" : ""),
                          "iban");
    }
    if (!formats::is_valid_iban(account.iban))
        return make_error("invalid_iban", "the IBAN's length or check digits are wrong", "iban");
    if (!account.bic.empty() && !formats::is_valid_bic(account.bic))
        return make_error("invalid_bic",
                          "a BIC is 8 or 11 letters and digits (bank, country, location, branch)", "bic");
    return ok();
}

void set_text(std::string& target, const std::optional<std::string>& value) {
    if (value)
        target = *value;
}

}  // namespace

Result<PayoutAccount> changed_payout_account(const PayoutAccount& current, const PayoutAccountChange& change,
                                             Currency currency) {
    PayoutAccount account = current;
    if (change.routing_number)
        account.routing_number = trimmed_upper(*change.routing_number);
    if (change.account_number)
        account.account_number = trimmed_upper(*change.account_number);
    if (change.account_type)
        account.account_type = *change.account_type;
    if (change.iban)
        account.iban = trimmed_upper(*change.iban);
    if (change.bic)
        account.bic = trimmed_upper(*change.bic);
    MF_CHECK(check_ach_account(account, currency));
    MF_CHECK(check_sepa_account(account, currency));
    return account;
}

bool changes_payout_account(const PayoutAccountChange& change) {
    return change.routing_number || change.account_number || change.account_type || change.iban || change.bic;
}

Status apply_originator_change(PayoutOriginator& originator, const SettingsChange& change) {
    set_text(originator.name, change.originator_name);
    set_text(originator.ach_company_id, change.ach_company_id);
    set_text(originator.ach_immediate_origin, change.ach_immediate_origin);
    set_text(originator.ach_origin_name, change.ach_origin_name);
    set_text(originator.ach_odfi_routing, change.ach_odfi_routing);
    set_text(originator.ach_destination, change.ach_destination);
    set_text(originator.ach_destination_name, change.ach_destination_name);
    if (change.originator_iban)
        originator.iban = trimmed_upper(*change.originator_iban);
    if (change.originator_bic)
        originator.bic = trimmed_upper(*change.originator_bic);
    MF_CHECK(check_routing(originator.ach_odfi_routing, "ach_odfi_routing"));
    MF_CHECK(check_routing(originator.ach_destination, "ach_destination"));
    constexpr size_t kCompanyIdLength = 10;
    if (originator.ach_company_id.size() > kCompanyIdLength)
        return make_error("invalid_field", "the ACH company id is at most 10 characters", "ach_company_id");
    if (!originator.iban.empty() && !formats::is_valid_iban(originator.iban))
        return make_error("invalid_iban", "the originator IBAN's length or check digits are wrong",
                          "originator_iban");
    if (!originator.bic.empty() && !formats::is_valid_bic(originator.bic))
        return make_error("invalid_bic", "the originator BIC is 8 or 11 letters and digits",
                          "originator_bic");
    return ok();
}

bool changes_originator(const SettingsChange& change) {
    return change.originator_name || change.ach_company_id || change.ach_immediate_origin ||
           change.ach_origin_name || change.ach_odfi_routing || change.ach_destination ||
           change.ach_destination_name || change.originator_iban || change.originator_bic;
}

}  // namespace detail

namespace {

using detail::money_text;

Currency currency_of(PayoutFileFormat format) {
    auto currency = Currency::from_code(format == PayoutFileFormat::nacha ? "USD" : "EUR");
    MF_ASSERT(currency);
    return currency.value();
}

std::string sha256_hex(std::string_view content) {
    const int sodium_ready = sodium_init();  // 0, or 1 when already initialized
    MF_ASSERT(sodium_ready >= 0);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(content.data()), content.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

// Seconds since midnight of an RFC 3339 UTC instant ("2026-11-22T10:15:00Z"): the file's creation time.
int second_of_day(std::string_view instant) {
    if (instant.size() < 19 || instant[10] != 'T')
        return 0;
    auto two = [&](size_t at) { return (instant[at] - '0') * 10 + (instant[at + 1] - '0'); };
    return two(11) * 3600 + two(14) * 60 + two(17);
}

Status check_originator(const PayoutOriginator& originator, PayoutFileFormat format) {
    const bool ready = format == PayoutFileFormat::nacha
                           ? !originator.name.empty() && !originator.ach_company_id.empty() &&
                                 !originator.ach_immediate_origin.empty() &&
                                 !originator.ach_odfi_routing.empty() && !originator.ach_destination.empty()
                           : !originator.name.empty() && !originator.iban.empty();
    if (ready)
        return ok();
    return make_error(
        "originator_not_set",
        format == PayoutFileFormat::nacha
            ? "the book's ACH originator is not set up: microfactor settings set --originator-name "
              "--ach-company-id --ach-immediate-origin --ach-odfi-routing --ach-destination"
            : "the book's SEPA originator is not set up: microfactor settings set --originator-name "
              "--originator-iban [--originator-bic]",
        "originator");
}

formats::Originator originator_of(const PayoutOriginator& from) {
    formats::Originator to;
    to.name = from.name;
    to.ach_company_id = from.ach_company_id;
    to.ach_immediate_origin = from.ach_immediate_origin;
    to.ach_origin_name = from.ach_origin_name.empty() ? from.name : from.ach_origin_name;
    to.ach_odfi_routing = from.ach_odfi_routing;
    to.ach_destination = from.ach_destination;
    to.ach_destination_name = from.ach_destination_name;
    to.iban = from.iban;
    to.bic = from.bic;
    return to;
}

// The payouts the file pays: the ones asked for (each pending, in the currency), or every pending one.
Result<std::vector<Payout>> payouts_to_pay(Transaction& tx, const PayoutFileRequest& request,
                                           Currency currency) {
    if (request.payout_ids.empty()) {
        MF_TRY(auto pending, tx.pending_payouts(currency));
        std::erase_if(pending, [](const Payout& payout) { return payout.amount_minor <= 0; });
        if (pending.empty()) {
            return make_error("nothing_to_pay",
                              fmt::format("no pending {} payout to put in a file", currency.code()),
                              "payout_ids");
        }
        return pending;
    }
    std::vector<Payout> out;
    std::set<int64_t> seen;
    for (size_t index = 0; index < request.payout_ids.size(); ++index) {
        const int64_t id = request.payout_ids[index];
        const std::string field = fmt::format("payout_ids[{}]", index);
        const std::string name = format_id(IdKind::payout, id);
        if (!seen.insert(id).second)
            return make_error("duplicate_payout", "payout " + name + " is named twice", field);
        MF_TRY(auto payout, tx.find_payout(id));
        if (!payout)
            return make_error("not_found", "no payout " + name, field);
        if (payout->status != PayoutStatus::pending) {
            return make_error(
                "payout_sent",
                "payout " + name + " was sent already" +
                    (payout->payout_file_id
                         ? " in payout file " + format_id(IdKind::payout_file, *payout->payout_file_id)
                         : std::string()),
                field);
        }
        if (payout->currency != currency) {
            return make_error("currency_mismatch",
                              fmt::format("payout {} is in {}; this file pays {}", name,
                                          payout->currency.code(), currency.code()),
                              field);
        }
        if (payout->amount_minor <= 0)
            return make_error("nothing_to_pay", "payout " + name + " pays nothing (all of it was netted)",
                              field);
        out.push_back(*payout);
    }
    return out;
}

Result<formats::PayoutOrder> order_of(const Payout& payout, const Client& client, PayoutFileFormat format,
                                      Date execution_date) {
    const PayoutAccount& account = client.payout_account;
    const std::string payout_name = format_id(IdKind::payout, payout.id);
    const std::string client_name = format_id(IdKind::client, client.id);
    if (format == PayoutFileFormat::nacha ? !account.has_ach() : !account.has_iban()) {
        return make_error(
            "missing_payout_account",
            fmt::format("payout {}: client {} ({}) has no {}: set it with microfactor client set {} {}",
                        payout_name, client_name, client.name,
                        format == PayoutFileFormat::nacha ? "ACH account" : "IBAN", client_name,
                        format == PayoutFileFormat::nacha ? "--routing ... --account ..." : "--iban ..."),
            "payouts");
    }
    formats::PayoutOrder order;
    order.id = payout_name;
    order.payee_name = client.name;
    order.payee_id = client_name;
    order.routing_number = account.routing_number;
    order.account_number = account.account_number;
    order.savings = account.account_type == AchAccountType::savings;
    order.iban = account.iban;
    order.bic = account.bic;
    order.amount = Money{payout.amount_minor, payout.currency};
    order.execution_date = execution_date;
    if (payout.kind == PayoutKind::advance) {
        order.entry_description = "ADVANCE";
        order.remittance =
            payout.schedule_id ? "ADVANCE " + format_id(IdKind::schedule, *payout.schedule_id) : "ADVANCE";
    } else {
        order.entry_description = "REBATE";
        order.remittance = "REBATE " + payout_name;
    }
    return order;
}

// A-Z then 0-9: NACHA's file id modifier tells apart the files of one day.
Result<char> file_id_modifier(Transaction& tx, PayoutFileFormat format, Date on) {
    MF_TRY(auto files, tx.list_payout_files());
    const auto same_day = std::count_if(files.begin(), files.end(), [&](const PayoutFile& file) {
        return file.format == format && file.business_date == on;
    });
    constexpr std::string_view kModifiers = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    if (static_cast<size_t>(same_day) >= kModifiers.size()) {
        return make_error("too_many_files",
                          "NACHA allows 36 files a day (modifiers A-Z, 0-9); close the day first", "format");
    }
    return kModifiers[static_cast<size_t>(same_day)];
}

Result<std::string> write_file(Transaction& tx, const BookSettings& settings, PayoutFileFormat format,
                               const std::vector<formats::PayoutOrder>& orders, const std::string& now_utc) {
    const formats::Originator originator = originator_of(settings.originator);
    const int seconds = second_of_day(now_utc);
    if (format == PayoutFileFormat::nacha) {
        formats::NachaOptions options;
        options.file_creation_date = settings.business_date;
        options.file_creation_minute_of_day = seconds / 60;
        MF_TRY(options.file_id_modifier, file_id_modifier(tx, format, settings.business_date));
        return formats::write_nacha(originator, orders, options);
    }
    MF_TRY(auto files, tx.list_payout_files());
    formats::Pain001Options options;
    // Unique per file of the book: files are never deleted, so their count only grows.
    options.message_id = fmt::format("MF-{}-PFL-{}", settings.business_date.to_string(), files.size() + 1);
    options.creation_date = settings.business_date;
    options.creation_second_of_day = seconds;
    return formats::write_pain001(originator, orders, options);
}

}  // namespace

Result<PayoutFile> Book::create_payout_file(const Actor& actor, const PayoutFileRequest& request) {
    constexpr size_t kPayoutsPerFileMax = 100'000;
    if (request.payout_ids.size() > kPayoutsPerFileMax)
        return make_error("too_many_payouts", "a payout file holds at most 100000 payouts", "payout_ids");
    const Currency currency = currency_of(request.format);
    PayoutFile file;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_CHECK(check_originator(settings.originator, request.format));
        MF_TRY(auto payouts, payouts_to_pay(tx, request, currency));
        // Paid on the business date, or the next business day when the book's date is not one.
        const Date execution_date = next_business_day_on_or_after(settings.calendar, settings.business_date);
        std::map<int64_t, Client> clients;
        std::vector<formats::PayoutOrder> orders;
        orders.reserve(payouts.size());
        int64_t total_minor = 0;
        for (const auto& payout : payouts) {
            auto known = clients.find(payout.client_id);
            if (known == clients.end()) {
                MF_TRY(auto client, detail::load_client(tx, payout.client_id));
                known = clients.emplace(payout.client_id, std::move(client)).first;
            }
            MF_TRY(auto order, order_of(payout, known->second, request.format, execution_date));
            orders.push_back(std::move(order));
            MF_TRY(total_minor, checked_add(total_minor, payout.amount_minor));
        }
        file.format = request.format;
        file.currency = currency;
        file.created_at = clock_->now_utc();
        file.business_date = settings.business_date;
        file.payout_count = static_cast<int64_t>(payouts.size());
        file.total_minor = total_minor;
        MF_TRY(file.content, write_file(tx, settings, request.format, orders, file.created_at));
        file.sha256 = sha256_hex(file.content);
        MF_TRY(file.id, tx.insert_payout_file(file));
        const std::string file_name = format_id(IdKind::payout_file, file.id);
        for (const auto& payout : payouts) {
            MF_CHECK(tx.mark_payout_sent(payout.id, file.id));
            MF_CHECK(tx.append_audit(
                audit(actor, settings, "payout.send", "payout", payout.id,
                      money_text(payout.amount_minor, payout.currency) + " sent in " + file_name)));
        }
        return tx.append_audit(audit(
            actor, settings, "payout_file.create", "payout_file", file.id,
            fmt::format("{} file of {} payouts, {} {}, sha256 {}", to_string(file.format), file.payout_count,
                        money_text(total_minor, currency), currency.code(), file.sha256)));
    }));
    return file;
}

Result<PayoutFile> Book::payout_file(int64_t payout_file_id) {
    PayoutFile out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto file, tx.find_payout_file(payout_file_id));
        if (!file)
            return detail::not_found(IdKind::payout_file, payout_file_id);
        out = std::move(*file);
        return ok();
    }));
    return out;
}

Result<std::vector<PayoutFile>> Book::payout_files() {
    std::vector<PayoutFile> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_payout_files());
        return ok();
    }));
    return out;
}

}  // namespace mf
