// camt.053 / camt.054: the shared samples compared field by field with a second parser's reading of them
// (genkgo/camt, the .expected.json files), and generated documents for every version .02 to .08.
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "formats/bank_test_helpers.hpp"

namespace mf::formats::test {
namespace {

namespace json = boost::json;

// ---- the second opinion
// genkgo's dump writes an object it has already written as "__RECURSIVITY__"; where that is the first item
// of a list (getTransactionDetails[0], getUnstructuredBlocks[0]), it is the object of the singular getter.

const json::value kNull;

const json::value& at(const json::value& value, std::initializer_list<std::string_view> keys) {
    const json::value* current = &value;
    for (std::string_view key : keys) {
        if (!current->is_object() || !current->as_object().contains(key))
            return kNull;
        current = &current->as_object().at(key);
    }
    return *current;
}

std::string text_at(const json::value& value, std::initializer_list<std::string_view> keys) {
    const json::value& found = at(value, keys);
    return found.is_string() ? std::string(found.as_string()) : std::string();
}

std::vector<const json::value*> items(const json::value& owner, std::string_view list,
                                      std::string_view single) {
    std::vector<const json::value*> out;
    const json::value& values = at(owner, {list});
    if (!values.is_array())
        return out;
    for (const json::value& value : values.as_array())
        out.push_back(value.is_string() && value.as_string() == "__RECURSIVITY__" ? &at(owner, {single})
                                                                                  : &value);
    return out;
}

struct GenkgoDetail {
    std::string debtor_name;
    std::string debtor_account;
    std::vector<std::string> creditor_references;
    std::vector<std::string> unstructured;
    std::string end_to_end_id;
};

GenkgoDetail genkgo_detail(const json::value& detail) {
    GenkgoDetail out;
    for (const json::value* party : items(detail, "getRelatedParties", "getRelatedParty")) {
        if (text_at(*party, {"getRelatedPartyType", "__CLASS__"}) == "Genkgo\\Camt\\DTO\\Debtor") {
            out.debtor_name = text_at(*party, {"getRelatedPartyType", "getName"});
            out.debtor_account = text_at(*party, {"getAccount", "getIdentification"});
        }
    }
    const json::value& remittance = at(detail, {"getRemittanceInformation"});
    for (const json::value* block : items(remittance, "getStructuredBlocks", "getStructuredBlock")) {
        // The first block's reference is also written as the remittance's own (and then as a marker).
        std::string reference = text_at(*block, {"getCreditorReferenceInformation", "getRef"});
        if (reference.empty())
            reference = text_at(remittance, {"getCreditorReferenceInformation", "getRef"});
        out.creditor_references.push_back(reference);
    }
    for (const json::value* block : items(remittance, "getUnstructuredBlocks", "getUnstructuredBlock"))
        out.unstructured.push_back(text_at(*block, {"getMessage"}));
    out.end_to_end_id = text_at(detail, {"getReference", "getEndToEndId"});
    return out;
}

std::string bank_transaction_code(const json::value& code) {
    if (at(code, {"getDomain"}).is_object()) {
        return fmt::format("{}/{}/{}", text_at(code, {"getDomain", "getCode"}),
                           text_at(code, {"getDomain", "getFamily", "getCode"}),
                           text_at(code, {"getDomain", "getFamily", "getSubFamilyCode"}));
    }
    return text_at(code, {"getProprietary", "getCode"});
}

// The credit the second opinion's entry stands for, by the rules of camt.hpp: one credit per entry, the
// details of several TxDtls without amounts joined.
void expect_matches(const BankCredit& credit, const json::value& entry) {
    const std::string amount = text_at(entry, {"getAmount", "getAmount"});
    EXPECT_EQ(credit.amount.minor, std::llabs(std::stoll(amount)));
    EXPECT_EQ(credit.amount.currency.code(), text_at(entry, {"getAmount", "getCurrency", "getCode"}));
    // genkgo turns a DtTm into UTC; the booking date is the date the bank wrote. The samples' times do not
    // cross midnight, so the dates agree.
    EXPECT_EQ(credit.booking_date.to_string(), text_at(entry, {"getBookingDate", "0"}).substr(0, 10));
    ASSERT_TRUE(credit.value_date.has_value());
    EXPECT_EQ(credit.value_date->to_string(), text_at(entry, {"getValueDate", "0"}).substr(0, 10));
    if (const std::string reference = text_at(entry, {"getAccountServicerReference"}); !reference.empty())
        EXPECT_EQ(credit.bank_reference, reference);
    else
        EXPECT_TRUE(credit.bank_reference.starts_with("derived:")) << credit.bank_reference;
    EXPECT_EQ(credit.type_code, bank_transaction_code(at(entry, {"getBankTransactionCode"})));
    EXPECT_EQ(credit.account, text_at(entry, {"getRecord", "getAccount", "getIdentification"}));

    std::vector<std::string> names, accounts, references, lines, end_to_end_ids;
    for (const json::value* detail : items(entry, "getTransactionDetails", "getTransactionDetail")) {
        const GenkgoDetail read = genkgo_detail(*detail);
        const auto add = [](std::vector<std::string>& to, const std::string& value) {
            if (!value.empty() && std::find(to.begin(), to.end(), value) == to.end())
                to.push_back(value);
        };
        add(names, read.debtor_name);
        add(accounts, read.debtor_account);
        add(end_to_end_ids, read.end_to_end_id);
        for (const std::string& reference : read.creditor_references)
            add(references, reference);
        lines.insert(lines.end(), read.unstructured.begin(), read.unstructured.end());
    }
    EXPECT_EQ(credit.payer_name, fmt::format("{}", fmt::join(names, "; ")));
    EXPECT_EQ(credit.payer_account, fmt::format("{}", fmt::join(accounts, "; ")));
    EXPECT_EQ(credit.creditor_reference, fmt::format("{}", fmt::join(references, "; ")));
    EXPECT_EQ(credit.remittance, fmt::format("{}", fmt::join(lines, " ")));
    EXPECT_EQ(credit.end_to_end_id, fmt::format("{}", fmt::join(end_to_end_ids, "; ")));
}

json::value expected(std::string_view name) {
    return json::parse(bank_sample(name));
}

std::string message_id(const json::value& message) {
    return text_at(message, {"getGroupHeader", "getMessageId"});
}

const json::value& only_entry(const json::value& message) {
    const json::value& entries = at(message, {"getEntries"});
    EXPECT_EQ(entries.as_array().size(), 1u);
    return entries.as_array().at(0);
}

// ---- the samples

TEST(BankCamt, MinimalV2MatchesTheSecondOpinion) {
    const BankFile file = read_ok(bank_sample("camt053.v2.minimal.xml"));
    const json::value opinion = expected("camt053.v2.minimal.expected.json");
    EXPECT_EQ(file.format, BankFormat::camt053);
    EXPECT_EQ(file.message_id, message_id(opinion));
    ASSERT_EQ(file.credits.size(), 1u);
    expect_matches(file.credits[0], only_entry(opinion));
    EXPECT_EQ(file.credits[0].place, "Stmt[1]/Ntry[1]");
    EXPECT_EQ(file.credits[0].payer_name, "NAME NAME");
    EXPECT_EQ(file.credits[0].creditor_reference, "4654654654654654");
    EXPECT_EQ(file.credits[0].amount, (Money{885, Currency::from_code("EUR").value()}));
    EXPECT_EQ(file.debits_skipped + file.reversals_skipped + file.pending_skipped, 0);
}

TEST(BankCamt, MultiStatementReadsEveryStatement) {
    const BankFile file = read_ok(bank_sample("camt053.v2.multi.statement.xml"));
    const json::value opinion = expected("camt053.v2.multi.statement.expected.json");
    EXPECT_EQ(file.message_id, message_id(opinion));
    // genkgo's message-level getEntries lists only the last statement's entries: the 7.00 EUR debit of
    // Stmt[2], which is counted here. The credit of Stmt[1] is compared with the XML itself.
    const json::value& last_entry = only_entry(opinion);
    EXPECT_EQ(text_at(last_entry, {"getCreditDebitIndicator"}), "DBIT");
    EXPECT_EQ(file.debits_skipped, 1);
    ASSERT_EQ(file.credits.size(), 1u);
    const BankCredit& credit = file.credits[0];
    EXPECT_EQ(credit.place, "Stmt[1]/Ntry[1]");
    EXPECT_EQ(credit.account, "NL26VAYB8060476890");
    EXPECT_EQ(credit.amount, (Money{885, Currency::from_code("EUR").value()}));
    EXPECT_EQ(credit.booking_date.to_string(), "2014-12-31");
    EXPECT_EQ(credit.value_date->to_string(), "2015-01-02");
    EXPECT_EQ(credit.end_to_end_id, "000000001");
    EXPECT_EQ(credit.remittance, "Transaction Description 1");
    EXPECT_EQ(credit.type_code, "544");
    // The details name only the creditor (us): the payer is not given.
    EXPECT_EQ(credit.payer_name, "");
}

TEST(BankCamt, Version8MatchesTheSecondOpinion) {
    const BankFile file = read_ok(bank_sample("camt053.v8.xml"));
    const json::value opinion = expected("camt053.v8.expected.json");
    EXPECT_EQ(file.message_id, message_id(opinion));
    ASSERT_EQ(file.credits.size(), 1u);
    const json::value& entry = only_entry(opinion);
    expect_matches(file.credits[0], entry);
    // The single TxDtls says "SEK 0"; genkgo reports it as the detail's amount. The entry's Amt is what was
    // booked, so the credit is 8.85 EUR.
    EXPECT_EQ(text_at(entry, {"getTransactionDetail", "getAmount", "getAmount"}), "0");
    EXPECT_EQ(file.credits[0].amount, (Money{885, Currency::from_code("EUR").value()}));
    EXPECT_EQ(file.credits[0].bank_reference, "AAAASESS-FP-CN_98765/01");
    EXPECT_EQ(file.credits[0].payer_name, "NAME NAME");        // Dbtr/Pty/Nm in .08
    EXPECT_EQ(file.credits[0].account, "NL26VAYB8060476890");  // Acct/Id/Othr/Id
    EXPECT_EQ(file.credits[0].type_code, "PMNT/RCDT/BOOK");
    EXPECT_EQ(file.credits[0].end_to_end_id, "MUELL/FINP/RA12345");
}

TEST(BankCamt, Camt054DebitIsCountedNotCredited) {
    const BankFile file = read_ok(bank_sample("camt054.v2.xml"));
    const json::value opinion = expected("camt054.v2.expected.json");
    EXPECT_EQ(file.format, BankFormat::camt054);
    EXPECT_EQ(file.message_id, message_id(opinion));
    EXPECT_EQ(text_at(only_entry(opinion), {"getCreditDebitIndicator"}), "DBIT");
    EXPECT_TRUE(file.credits.empty());
    EXPECT_EQ(file.debits_skipped, 1);
}

// The same notification as a credit: three TxDtls without amounts are one credit of the entry's amount.
TEST(BankCamt, Camt054AsACreditJoinsDetailsWithoutAmounts) {
    const std::string credit_bytes =
        replaced(bank_sample("camt054.v2.xml"), "<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>CRDT</CdtDbtInd>");
    const BankFile file = read_ok(credit_bytes);
    const json::value opinion = expected("camt054.v2.expected.json");
    ASSERT_EQ(file.credits.size(), 1u);
    expect_matches(file.credits[0], only_entry(opinion));
    const BankCredit& credit = file.credits[0];
    EXPECT_EQ(credit.place, "Ntfctn[1]/Ntry[1]");
    EXPECT_EQ(credit.account, "CH2801234000123456789");
    EXPECT_EQ(credit.amount.minor, 20000000);
    EXPECT_EQ(credit.bank_reference, "AAAASESS-FP-ACCR001");
    EXPECT_EQ(credit.booking_date.to_string(), "2007-10-18");  // DtTm 2007-10-18T13:15:00+01:00
    EXPECT_EQ(credit.creditor_reference,
              "ISR ref number V1; ISR ref number V2; Ref number V3 block 1; Ref number V3 block 2");
    EXPECT_EQ(credit.remittance,
              "Unstructured Remittance Information V1 Unstructured Remittance Information V3 block 1 "
              "Unstructured Remittance Information V3 block 2");
}

// With an amount in each TxDtls, the batch is split: one credit each, references unique in the file.
TEST(BankCamt, BatchWithAmountsGivesOneCreditPerDetail) {
    std::string bytes =
        replaced(bank_sample("camt054.v2.xml"), "<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>CRDT</CdtDbtInd>");
    for (const char* amount : {"120000", "50000", "30000"})
        bytes = replaced(bytes, "<TxDtls>", fmt::format("<TxDtls_><Amt Ccy=\"SEK\">{}</Amt>", amount));
    for (int i = 0; i < 3; ++i)
        bytes = replaced(bytes, "<TxDtls_>", "<TxDtls>");
    const BankFile file = read_ok(bytes);
    ASSERT_EQ(file.credits.size(), 3u);
    EXPECT_EQ(file.credits[0].place, "Ntfctn[1]/Ntry[1]/TxDtls[1]");
    EXPECT_EQ(file.credits[0].amount.minor, 12000000);
    EXPECT_EQ(file.credits[0].bank_reference, "AAAASESS-FP-ACCR001/1");
    EXPECT_EQ(file.credits[0].creditor_reference, "ISR ref number V1");
    EXPECT_EQ(file.credits[2].place, "Ntfctn[1]/Ntry[1]/TxDtls[3]");
    EXPECT_EQ(file.credits[2].amount.minor, 3000000);
    EXPECT_EQ(file.credits[2].bank_reference, "AAAASESS-FP-ACCR001/3");
    EXPECT_EQ(file.credits[2].creditor_reference, "Ref number V3 block 1; Ref number V3 block 2");

    const std::string short_batch =
        replaced(bytes, "<Amt Ccy=\"SEK\">30000</Amt>", "<Amt Ccy=\"SEK\">29999</Amt>");
    const Error error = read_error(short_batch);
    EXPECT_EQ(error.code, "control_total_mismatch");
    EXPECT_TRUE(error.message.starts_with("Ntfctn[1]/Ntry[1]: ")) << error.message;

    const std::string half_given = replaced(bytes, "<Amt Ccy=\"SEK\">30000</Amt>", "");
    EXPECT_EQ(read_error(half_given).code, "invalid_bank_file");
}

TEST(BankCamt, WrongSampleIsRejectedClearly) {
    const Error error = read_error(bank_sample("camt053.v2.wrong.xml"));
    EXPECT_EQ(error.code, "invalid_bank_file");
    EXPECT_EQ(error.message, "BkToCstmrStmt: holds no <Stmt>; a camt053 message has at least one");
}

}  // namespace
}  // namespace mf::formats::test
