#include "formats/camt_entry.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "formats/camt_xml.hpp"

namespace mf::formats {
namespace {

using xml::child;
using xml::children;
using xml::path;
using xml::text;

enum class EntryKind { credit, debit, reversal, pending };

// What the Ntry itself says.
struct Entry {
    Money amount;
    Date booking_date;
    std::optional<Date> value_date;
    std::string reference;  // AcctSvcrRef
    std::string type_code;
    std::string additional_info;  // AddtlNtryInf
};

// What one TxDtls says.
struct Details {
    Place place;
    std::optional<Money> amount;
    bool debit = false;
    std::string reference;  // Refs/AcctSvcrRef
    std::string payer_name;
    std::string payer_account;
    std::string remittance;
    std::string creditor_reference;
    std::string end_to_end_id;
    std::string type_code;
};

// The non-empty values joined by separator, each once when distinct is asked for.
std::string join(const std::vector<std::string>& values, std::string_view separator, bool distinct) {
    std::vector<std::string> kept;
    for (const std::string& value : values) {
        if (!value.empty() && (!distinct || std::find(kept.begin(), kept.end(), value) == kept.end()))
            kept.push_back(value);
    }
    return fmt::format("{}", fmt::join(kept, separator));
}

Result<bool> read_boolean(pugi::xml_node node, const Place& place) {
    const std::string value = text(node);
    if (value.empty() || value == "false" || value == "0")
        return false;
    if (value == "true" || value == "1")
        return true;
    return bank_error("invalid_bank_file", place, fmt::format("'{}' is not true or false", value));
}

Result<EntryKind> classify(pugi::xml_node entry, const Place& place) {
    const std::string direction = text(child(entry, "CdtDbtInd"));
    if (direction != "CRDT" && direction != "DBIT") {
        return bank_error("invalid_bank_file", place,
                          fmt::format("CdtDbtInd is '{}', expected CRDT or DBIT", direction));
    }
    MF_TRY(const bool reversal, read_boolean(child(entry, "RvslInd"), place + "/RvslInd"));
    // Sts holds the code as text up to .07 and in Sts/Cd from .08.
    const pugi::xml_node status_node = child(entry, "Sts");
    const std::string status = child(status_node, "Cd") ? text(child(status_node, "Cd")) : text(status_node);
    if (status != "BOOK" && status != "PDNG" && status != "INFO" && status != "FUTR") {
        return bank_error("invalid_bank_file", place,
                          fmt::format("Sts is '{}', expected BOOK, PDNG, INFO or FUTR", status));
    }
    if (reversal)
        return EntryKind::reversal;
    if (direction == "DBIT")
        return EntryKind::debit;
    return status == "BOOK" ? EntryKind::credit : EntryKind::pending;
}

Result<Money> read_amount(pugi::xml_node amount, const Place& place) {
    const Place amount_place = place + "/Amt";
    if (!amount)
        return bank_error("invalid_bank_file", place, "Amt is missing");
    const std::string code = amount.attribute("Ccy").value();
    MF_TRY(const Currency currency, currency_at(code, amount_place));
    auto money = parse_money(text(amount), currency, amount_place);
    if (!money) {
        // The core message says how many decimals are too many; add whose rule it is.
        Error error = money.error();
        error.message += fmt::format(" ({} has {} decimals)", code, currency.exponent());
        return error;
    }
    if (money.value().is_negative())
        return bank_error("invalid_amount", amount_place, "is negative; CdtDbtInd gives the direction");
    return money.value();
}

// BookgDt and ValDt: a date (Dt), or a date and time (DtTm) whose date, as the bank wrote it, is kept.
Result<std::optional<Date>> read_date(pugi::xml_node choice, const Place& place) {
    if (!choice)
        return std::optional<Date>();
    std::string value;
    if (pugi::xml_node date = child(choice, "Dt")) {
        value = text(date);
    } else if (pugi::xml_node date_time = child(choice, "DtTm")) {
        value = text(date_time);
        if (value.size() > 10 && value[10] == 'T')
            value.resize(10);
    } else {
        return bank_error("invalid_date", place, "has neither Dt nor DtTm");
    }
    MF_TRY(Date date, parse_date(value, place));
    return std::optional<Date>(date);
}

// "PMNT/RCDT/ESCT" from Domn, else the proprietary code.
std::string transaction_code(pugi::xml_node code) {
    if (const pugi::xml_node domain = child(code, "Domn")) {
        const pugi::xml_node family = child(domain, "Fmly");
        return fmt::format("{}/{}/{}", text(child(domain, "Cd")), text(child(family, "Cd")),
                           text(child(family, "SubFmlyCd")));
    }
    return text(path(code, {"Prtry", "Cd"}));
}

// Up to .07 a party holds its Nm; from .08 the party sits in Pty.
std::string party_name(pugi::xml_node party) {
    std::string name = text(child(party, "Nm"));
    return name.empty() ? text(path(party, {"Pty", "Nm"})) : name;
}

Result<Entry> read_entry_fields(pugi::xml_node node, const Place& place) {
    Entry entry;
    MF_TRY(entry.amount, read_amount(child(node, "Amt"), place));
    MF_TRY(auto booking, read_date(child(node, "BookgDt"), place + "/BookgDt"));
    MF_TRY(entry.value_date, read_date(child(node, "ValDt"), place + "/ValDt"));
    if (!booking)
        booking = entry.value_date;
    if (!booking)
        return bank_error("invalid_bank_file", place, "a booked entry without BookgDt or ValDt");
    entry.booking_date = *booking;
    entry.reference = text(child(node, "AcctSvcrRef"));
    entry.type_code = transaction_code(child(node, "BkTxCd"));
    entry.additional_info = text(child(node, "AddtlNtryInf"));
    return entry;
}

Result<Details> read_details(pugi::xml_node node, const Place& place) {
    Details details;
    details.place = place;
    pugi::xml_node amount = child(node, "Amt");  // .03 and later
    if (!amount)
        amount = path(node, {"AmtDtls", "TxAmt", "Amt"});
    if (amount) {
        MF_TRY(details.amount, read_amount(amount, place));
    }
    const std::string direction = text(child(node, "CdtDbtInd"));
    if (!direction.empty() && direction != "CRDT" && direction != "DBIT") {
        return bank_error("invalid_bank_file", place,
                          fmt::format("CdtDbtInd is '{}', expected CRDT or DBIT", direction));
    }
    details.debit = direction == "DBIT";
    const pugi::xml_node references = child(node, "Refs");
    details.reference = text(child(references, "AcctSvcrRef"));
    details.end_to_end_id = text(child(references, "EndToEndId"));
    if (details.end_to_end_id == "NOTPROVIDED")
        details.end_to_end_id.clear();
    const pugi::xml_node parties = child(node, "RltdPties");
    details.payer_name = party_name(child(parties, "Dbtr"));
    if (details.payer_name.empty())
        details.payer_name = party_name(child(parties, "UltmtDbtr"));
    details.payer_account = account_id(child(parties, "DbtrAcct"));
    const pugi::xml_node remittance = child(node, "RmtInf");
    std::vector<std::string> lines;
    std::vector<std::string> creditor_references;
    for (pugi::xml_node line : children(remittance, "Ustrd"))
        lines.push_back(text(line));
    for (pugi::xml_node block : children(remittance, "Strd"))
        creditor_references.push_back(text(path(block, {"CdtrRefInf", "Ref"})));
    details.remittance = join(lines, " ", false);
    details.creditor_reference = join(creditor_references, "; ", true);
    details.type_code = transaction_code(child(node, "BkTxCd"));
    return details;
}

// Several TxDtls without amounts describe one credit together.
Details merge(const std::vector<Details>& all) {
    const auto joined = [&all](std::string Details::*field, std::string_view separator, bool distinct) {
        std::vector<std::string> values;
        for (const Details& details : all)
            values.push_back(details.*field);
        return join(values, separator, distinct);
    };
    Details merged;
    // The bank's reference serves the whole only when the details that give one agree on it.
    const std::string references = joined(&Details::reference, "\n", true);
    merged.reference = references.find('\n') == std::string::npos ? references : std::string();
    merged.payer_name = joined(&Details::payer_name, "; ", true);
    merged.payer_account = joined(&Details::payer_account, "; ", true);
    merged.remittance = joined(&Details::remittance, " ", false);
    merged.creditor_reference = joined(&Details::creditor_reference, "; ", true);
    merged.end_to_end_id = joined(&Details::end_to_end_id, "; ", true);
    merged.type_code = joined(&Details::type_code, "; ", true);
    return merged;
}

BankCredit make_credit(const Entry& entry, const Details* details, const Place& place, Money amount,
                       const std::string& account) {
    BankCredit credit;
    credit.place = place;
    credit.account = account;
    credit.booking_date = entry.booking_date;
    credit.value_date = entry.value_date;
    credit.amount = amount;
    credit.type_code = entry.type_code;
    credit.remittance = entry.additional_info;
    if (details != nullptr) {
        credit.payer_name = details->payer_name;
        credit.payer_account = details->payer_account;
        if (!details->remittance.empty())
            credit.remittance = details->remittance;
        credit.creditor_reference = details->creditor_reference;
        credit.end_to_end_id = details->end_to_end_id;
        if (!details->type_code.empty())
            credit.type_code = details->type_code;
    }
    return credit;
}

Status require_credit_amount(const Money& amount, const Place& place) {
    if (amount.is_positive())
        return ok();
    return bank_error("invalid_amount", place, "a credit of 0 is not a payment");
}

// One credit per TxDtls, their amounts adding up to the entry's.
Status read_batch(const Entry& entry, const std::vector<Details>& batch, const Place& place,
                  const std::string& account, BankFile& file, BankReferences& references) {
    int64_t net_minor = 0;
    for (const Details& details : batch) {
        if (!(details.amount->currency == entry.amount.currency)) {
            return bank_error("invalid_bank_file", details.place,
                              fmt::format("Amt is in {}, the entry in {}", details.amount->currency.code(),
                                          entry.amount.currency.code()));
        }
        const int64_t minor = details.amount->minor;
        MF_TRY(net_minor, details.debit ? checked_sub(net_minor, minor) : checked_add(net_minor, minor));
    }
    if (net_minor != entry.amount.minor) {
        return bank_error(
            "control_total_mismatch", place,
            fmt::format("the TxDtls amounts add up to {}, the entry's Amt is {}",
                        format_amount(net_minor, entry.amount.currency), format_amount(entry.amount)));
    }
    for (size_t index = 0; index < batch.size(); ++index) {
        const Details& details = batch[index];
        if (details.debit) {
            ++file.debits_skipped;
            continue;
        }
        MF_CHECK(require_credit_amount(*details.amount, details.place));
        BankCredit credit = make_credit(entry, &details, details.place, *details.amount, account);
        std::string given = details.reference;
        if (given.empty() && !entry.reference.empty())
            given = fmt::format("{}/{}", entry.reference, index + 1);
        references.assign(credit, given);
        file.credits.push_back(std::move(credit));
    }
    return ok();
}

}  // namespace

std::string account_id(pugi::xml_node account) {
    const pugi::xml_node id = child(account, "Id");
    std::string iban = text(child(id, "IBAN"));
    return iban.empty() ? text(path(id, {"Othr", "Id"})) : iban;
}

Status read_entry(pugi::xml_node node, const Place& place, const std::string& account, BankFile& file,
                  BankReferences& references) {
    MF_TRY(const EntryKind kind, classify(node, place));
    if (kind != EntryKind::credit) {
        // Not ours to book, but a malformed amount still makes the file suspect.
        MF_CHECK(read_amount(child(node, "Amt"), place));
    }
    switch (kind) {
        case EntryKind::reversal:
            ++file.reversals_skipped;
            return ok();
        case EntryKind::debit:
            ++file.debits_skipped;
            return ok();
        case EntryKind::pending:
            ++file.pending_skipped;
            return ok();
        case EntryKind::credit:
            break;
    }
    MF_TRY(const Entry entry, read_entry_fields(node, place));
    std::vector<Details> all;
    for (pugi::xml_node group : children(node, "NtryDtls")) {
        for (pugi::xml_node details : children(group, "TxDtls")) {
            MF_TRY(Details read, read_details(details, fmt::format("{}/TxDtls[{}]", place, all.size() + 1)));
            all.push_back(std::move(read));
        }
    }
    const auto with_amount = std::count_if(all.begin(), all.end(), [](const Details& d) { return d.amount; });
    if (all.size() > 1 && static_cast<size_t>(with_amount) == all.size())
        return read_batch(entry, all, place, account, file, references);
    if (with_amount != 0 && all.size() > 1) {
        return bank_error("invalid_bank_file", place,
                          "some TxDtls give an amount and others do not, so the batch cannot be split");
    }
    MF_CHECK(require_credit_amount(entry.amount, place));
    const std::optional<Details> details =
        all.empty() ? std::nullopt : std::optional<Details>(all.size() == 1 ? all.front() : merge(all));
    BankCredit credit = make_credit(entry, details ? &*details : nullptr, place, entry.amount, account);
    references.assign(credit, entry.reference.empty() && details ? details->reference : entry.reference);
    file.credits.push_back(std::move(credit));
    return ok();
}

}  // namespace mf::formats
