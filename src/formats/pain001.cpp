#include "formats/pain001.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "formats/payout_fields.hpp"

namespace mf::formats {
namespace {

constexpr std::string_view kNamespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
constexpr int64_t kSepaAmountMaxCents = 99'999'999'999;  // 999,999,999.99 EUR
constexpr size_t kIdLengthMax = 35;
constexpr size_t kNameLengthMax = 70;
constexpr size_t kRemittanceLengthMax = 140;
constexpr int kSecondsPerDay = 24 * 60 * 60;

// IBAN lengths of the SWIFT IBAN registry, by country.
const std::map<std::string_view, size_t>& iban_lengths() {
    static const std::map<std::string_view, size_t> lengths = {
        {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
        {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
        {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
        {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
        {"GT", 28}, {"HN", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26},
        {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20},
        {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20},
        {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
        {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24},
        {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25},
        {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
        {"YE", 30},
    };
    return lengths;
}

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_upper_or_digit(char c) {
    return is_upper(c) || is_digit(c);
}

// SEPA identifiers (MsgId, PmtInfId, EndToEndId): the SEPA set, no leading '/', no "//".
bool is_sepa_id(std::string_view id) {
    return !id.empty() && id.size() <= kIdLengthMax && is_sepa_charset(id) && id.front() != '/' &&
           id.find("//") == std::string_view::npos && id.front() != ' ' && id.back() != ' ';
}

// Free text for the SEPA set, cut to width.
Result<std::string> sepa_text(std::string_view utf8, size_t width, std::string_view field) {
    MF_TRY(auto ascii, to_printable_ascii(utf8, field));
    return truncate_to(to_sepa_charset(ascii), width);
}

struct Transfer {
    const PayoutOrder* payout = nullptr;
    std::string end_to_end_id;
    std::string creditor_name;
    std::string iban;
    std::string remittance;
};

std::string end_to_end_id(std::string_view payout_id) {
    std::string id(payout_id);
    std::replace(id.begin(), id.end(), '_', '-');
    return id;
}

struct DebtorFields {
    std::string name;
    std::string iban;
};

Result<Transfer> transfer_of(size_t index, const PayoutOrder& payout, const Pain001Options& options) {
    Transfer transfer{.payout = &payout, .end_to_end_id = end_to_end_id(payout.id), .iban = payout.iban};
    if (!is_sepa_id(transfer.end_to_end_id))
        return payout_error(index, payout, "id", "invalid_end_to_end_id",
                            "the payout id is not a SEPA end-to-end id (1 to 35 characters of the SEPA set)");
    if (payout.amount.currency.code() != "EUR")
        return payout_error(
            index, payout, "amount", "unsupported_currency",
            fmt::format("SEPA credit transfers pay euros only, not {}", payout.amount.currency.code()));
    if (!payout.amount.is_positive() || payout.amount.minor > kSepaAmountMaxCents)
        return payout_error(index, payout, "amount", "invalid_amount",
                            "the amount must be above zero and at most 999,999,999.99");
    std::erase(transfer.iban, ' ');
    if (!is_valid_iban(transfer.iban))
        return payout_error(
            index, payout, "iban", "invalid_iban",
            fmt::format("\"{}\" is not a valid IBAN (country, length, check digits)", payout.iban));
    if (!payout.bic.empty() && !is_valid_bic(payout.bic))
        return payout_error(index, payout, "bic", "invalid_bic",
                            fmt::format("\"{}\" is not a BIC of 8 or 11 characters", payout.bic));
    MF_TRY(transfer.creditor_name, sepa_text(payout.payee_name, kNameLengthMax, "payee_name"));
    if (transfer.creditor_name.empty())
        return payout_error(index, payout, "payee_name", "missing_field",
                            "the payee's name has no letters a SEPA file can carry");
    MF_TRY(transfer.remittance, sepa_text(payout.remittance, kRemittanceLengthMax, "remittance"));
    MF_CHECK(check_not_before_file(index, payout, payout.execution_date, options.creation_date));
    return transfer;
}

Result<DebtorFields> debtor_fields(const Originator& originator, const Pain001Options& options) {
    if (!is_sepa_id(options.message_id))
        return make_error("invalid_option", "the message id must be 1 to 35 characters of the SEPA set",
                          "message_id");
    if (options.creation_second_of_day < 0 || options.creation_second_of_day >= kSecondsPerDay)
        return make_error("invalid_option", "the creation time must be a second of the day (0..86399)",
                          "creation_second_of_day");
    DebtorFields debtor{.iban = originator.iban};
    std::erase(debtor.iban, ' ');
    if (!is_valid_iban(debtor.iban))
        return make_error("invalid_iban",
                          fmt::format("the originator's IBAN \"{}\" is not valid", originator.iban), "iban");
    if (!originator.bic.empty() && !is_valid_bic(originator.bic))
        return make_error("invalid_bic",
                          fmt::format("the originator's BIC \"{}\" is not valid", originator.bic), "bic");
    MF_TRY(debtor.name, sepa_text(originator.name, kNameLengthMax, "name"));
    if (debtor.name.empty())
        return make_error("missing_field", "the originator's name is empty", "name");
    return debtor;
}

}  // namespace

namespace {

// Appends the chain of elements names[0]/names[1]/... under parent and sets the text of the last one.
pugi::xml_node append_path(pugi::xml_node parent, std::initializer_list<const char*> names,
                           std::string_view text = {}) {
    pugi::xml_node node = parent;
    for (const char* name : names)
        node = node.append_child(name);
    if (!text.empty())
        node.text().set(std::string(text).c_str());
    return node;
}

void append_agent(pugi::xml_node parent, const char* agent, std::string_view bic) {
    if (bic.empty())
        append_path(parent, {agent, "FinInstnId", "Othr", "Id"}, "NOTPROVIDED");
    else
        append_path(parent, {agent, "FinInstnId", "BICFI"}, bic);
}

void append_transfer(pugi::xml_node payment, const Transfer& transfer) {
    const PayoutOrder& payout = *transfer.payout;
    pugi::xml_node tx = payment.append_child("CdtTrfTxInf");
    append_path(tx, {"PmtId", "EndToEndId"}, transfer.end_to_end_id);
    append_path(tx, {"Amt", "InstdAmt"}, format_amount(payout.amount))
        .append_attribute("Ccy")
        .set_value(std::string(payout.amount.currency.code()).c_str());
    if (!payout.bic.empty())
        append_path(tx, {"CdtrAgt", "FinInstnId", "BICFI"}, payout.bic);
    append_path(tx, {"Cdtr", "Nm"}, transfer.creditor_name);
    append_path(tx, {"CdtrAcct", "Id", "IBAN"}, transfer.iban);
    if (!transfer.remittance.empty())
        append_path(tx, {"RmtInf", "Ustrd"}, transfer.remittance);
}

struct Group {
    std::vector<const Transfer*> transfers;
    int64_t sum_cents = 0;
};

// One PmtInf: the transfers of one execution date, debited one by one (BtchBookg false) so that each payout
// appears on the factor's statement under its own end-to-end id.
void append_payment(pugi::xml_node initiation, const Originator& originator, const DebtorFields& debtor,
                    const Pain001Options& options, Date execution_date, const Group& group) {
    pugi::xml_node payment = initiation.append_child("PmtInf");
    append_path(payment, {"PmtInfId"},
                fmt::format("{}-{:04}{:02}{:02}", options.message_id.substr(0, kIdLengthMax - 9),
                            execution_date.year(), execution_date.month(), execution_date.day()));
    append_path(payment, {"PmtMtd"}, "TRF");
    append_path(payment, {"BtchBookg"}, "false");
    append_path(payment, {"NbOfTxs"}, std::to_string(group.transfers.size()));
    append_path(payment, {"CtrlSum"},
                format_amount(group.sum_cents, group.transfers.front()->payout->amount.currency));
    append_path(payment, {"PmtTpInf", "SvcLvl", "Cd"}, "SEPA");
    append_path(payment, {"ReqdExctnDt", "Dt"}, execution_date.to_string());
    append_path(payment, {"Dbtr", "Nm"}, debtor.name);
    append_path(payment, {"DbtrAcct", "Id", "IBAN"}, debtor.iban);
    append_agent(payment, "DbtrAgt", originator.bic);
    append_path(payment, {"ChrgBr"}, "SLEV");
    for (const Transfer* transfer : group.transfers)
        append_transfer(payment, *transfer);
}

}  // namespace

bool is_valid_iban(std::string_view iban) {
    if (iban.size() < 5 || !is_upper(iban[0]) || !is_upper(iban[1]) || !is_digit(iban[2]) ||
        !is_digit(iban[3]))
        return false;
    const auto length = iban_lengths().find(iban.substr(0, 2));
    if (length == iban_lengths().end() || length->second != iban.size())
        return false;
    if (!std::all_of(iban.begin(), iban.end(), is_upper_or_digit))
        return false;
    // Country and check digits move to the end; letters count as 10..35; the number mod 97 must be 1.
    int remainder = 0;
    for (size_t i = 0; i < iban.size(); ++i) {
        const char c = iban[(i + 4) % iban.size()];
        const int value = is_digit(c) ? c - '0' : c - 'A' + 10;
        remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
    }
    return remainder == 1;
}

bool is_valid_bic(std::string_view bic) {
    if (bic.size() != 8 && bic.size() != 11)
        return false;
    return std::all_of(bic.begin(), bic.end(), is_upper_or_digit) && is_upper(bic[4]) && is_upper(bic[5]);
}

Result<std::string> write_pain001(const Originator& originator, const std::vector<PayoutOrder>& payouts,
                                  const Pain001Options& options) {
    if (payouts.empty())
        return make_error("no_payouts", "a credit transfer file needs at least one payout", "payouts");
    MF_TRY(auto debtor, debtor_fields(originator, options));
    std::vector<Transfer> transfers;
    transfers.reserve(payouts.size());
    for (size_t i = 0; i < payouts.size(); ++i) {
        MF_TRY(auto transfer, transfer_of(i, payouts[i], options));
        transfers.push_back(std::move(transfer));
    }
    std::map<Date, Group> groups;  // by execution date, earliest first
    std::set<std::string_view> end_to_end_ids;
    int64_t total_cents = 0;
    for (const Transfer& transfer : transfers) {
        if (!end_to_end_ids.insert(transfer.end_to_end_id).second)
            return make_error("duplicate_end_to_end_id",
                              fmt::format("two payouts have the end-to-end id {}", transfer.end_to_end_id),
                              "payouts");
        Group& group = groups[transfer.payout->execution_date];
        group.transfers.push_back(&transfer);
        MF_TRY(group.sum_cents, checked_add(group.sum_cents, transfer.payout->amount.minor));
        MF_TRY(total_cents, checked_add(total_cents, transfer.payout->amount.minor));
    }

    pugi::xml_document document;
    pugi::xml_node declaration = document.append_child(pugi::node_declaration);
    declaration.append_attribute("version").set_value("1.0");
    declaration.append_attribute("encoding").set_value("UTF-8");
    pugi::xml_node root = document.append_child("Document");
    root.append_attribute("xmlns").set_value(std::string(kNamespace).c_str());
    pugi::xml_node initiation = root.append_child("CstmrCdtTrfInitn");
    pugi::xml_node header = initiation.append_child("GrpHdr");
    append_path(header, {"MsgId"}, options.message_id);
    const int second = options.creation_second_of_day;
    append_path(header, {"CreDtTm"},
                fmt::format("{}T{:02}:{:02}:{:02}", options.creation_date.to_string(), second / 3600,
                            second / 60 % 60, second % 60));
    append_path(header, {"NbOfTxs"}, std::to_string(transfers.size()));
    append_path(header, {"CtrlSum"}, format_amount(total_cents, transfers.front().payout->amount.currency));
    append_path(header, {"InitgPty", "Nm"}, debtor.name);
    for (const auto& [execution_date, group] : groups)
        append_payment(initiation, originator, debtor, options, execution_date, group);

    std::ostringstream xml;
    document.save(xml, "  ", pugi::format_indent, pugi::encoding_utf8);
    return xml.str();
}

}  // namespace mf::formats
