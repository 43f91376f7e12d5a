// camt documents written here: every version .001.02 to .001.08 of camt.053 and camt.054 with the element
// forms each version uses, hostile XML, and the errors a bad entry gives.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <numeric>
#include <set>

#include <fmt/format.h>

#include "formats/bank_common.hpp"
#include "formats/bank_test_helpers.hpp"

namespace mf::formats::test {
namespace {

struct Camt {
    BankFormat format = BankFormat::camt053;
    int version = 2;

    std::string namespace_uri() const {
        return fmt::format("urn:iso:std:iso:20022:tech:xsd:camt.{}.001.{:02}",
                           format == BankFormat::camt053 ? "053" : "054", version);
    }

    // Up to .07 the status is text and the party holds its name; .08 has Sts/Cd and Dbtr/Pty.
    std::string status(std::string_view code) const {
        return version >= 8 ? fmt::format("<Sts><Cd>{}</Cd></Sts>", code)
                            : fmt::format("<Sts>{}</Sts>", code);
    }
    std::string debtor(std::string_view name) const {
        return version >= 8 ? fmt::format("<Dbtr><Pty><Nm>{}</Nm></Pty></Dbtr>", name)
                            : fmt::format("<Dbtr><Nm>{}</Nm></Dbtr>", name);
    }
    // .02 gives a detail's amount in AmtDtls; later versions also directly in TxDtls/Amt.
    std::string detail_amount(std::string_view amount) const {
        return version == 2
                   ? fmt::format("<AmtDtls><TxAmt><Amt Ccy=\"EUR\">{}</Amt></TxAmt></AmtDtls>", amount)
                   : fmt::format("<Amt Ccy=\"EUR\">{}</Amt>", amount);
    }
    // The account as IBAN in even versions, as Othr/Id in odd ones: both forms exist in all.
    std::string account() const {
        return version % 2 == 0 ? "<IBAN>DE89370400440532013000</IBAN>" : "<Othr><Id>ACC-42</Id></Othr>";
    }

    std::string document(std::string_view entries) const {
        const bool statement = format == BankFormat::camt053;
        const char* message = statement ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn";
        const char* report = statement ? "Stmt" : "Ntfctn";
        return fmt::format(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
            "xmlns=\"{0}\"><{1}><GrpHdr><MsgId>MSG-{2}</MsgId>"
            "<CreDtTm>2025-03-01T10:00:00</CreDtTm></GrpHdr><{3}><Id>R-1</Id><CreDtTm>2025-03-01T10:00:00</"
            "CreDtTm>"
            "<Acct><Id>{4}</Id></Acct>{5}</{3}></{1}></Document>",
            namespace_uri(), message, version, report, account(), entries);
    }

    std::string entry(std::string_view amount, std::string_view direction, std::string_view status_code,
                      std::string_view inside) const {
        return fmt::format("<Ntry><Amt Ccy=\"EUR\">{}</Amt><CdtDbtInd>{}</CdtDbtInd>{}{}</Ntry>", amount,
                           direction, status(status_code), inside);
    }

    // Six entries: a credit, a debit, a pending credit, a reversal, a batch of two, and a credit booked by
    // DtTm without references.
    std::string six_entries() const {
        const std::string booked = "<BookgDt><Dt>2025-03-01</Dt></BookgDt><ValDt><Dt>2025-03-03</Dt></ValDt>";
        return entry("100.50", "CRDT", "BOOK",
                     booked +
                         "<AcctSvcrRef>REF-1</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd>"
                         "<SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs>"
                         "<EndToEndId>E2E-1</EndToEndId></Refs><RltdPties>" +
                         debtor("Acme GmbH") +
                         "<DbtrAcct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></DbtrAcct></RltdPties>"
                         "<RmtInf><Ustrd>INV 1001</Ustrd><Ustrd>and 1002</Ustrd><Strd><CdtrRefInf><Ref>"
                         "RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls>") +
               entry("7", "DBIT", "BOOK", booked) + entry("9", "CRDT", "PDNG", "") +
               entry("5", "CRDT", "BOOK", "<RvslInd>true</RvslInd>" + booked) +
               entry("30", "CRDT", "BOOK",
                     booked + "<AcctSvcrRef>REF-5</AcctSvcrRef><NtryDtls><TxDtls>" + detail_amount("10") +
                         "</TxDtls><TxDtls>" + detail_amount("20") + "<RltdPties>" + debtor("Beta AB") +
                         "</RltdPties></TxDtls></NtryDtls>") +
               entry("1", "CRDT", "BOOK",
                     "<BookgDt><DtTm>2025-03-02T00:30:00+01:00</DtTm></BookgDt><NtryDtls><TxDtls><Refs>"
                     "<EndToEndId>NOTPROVIDED</EndToEndId></Refs></TxDtls></NtryDtls>");
    }
};

class BankCamtVersion : public ::testing::TestWithParam<Camt> {};

TEST_P(BankCamtVersion, ReadsEachVersionsForms) {
    const Camt camt = GetParam();
    const BankFile file = read_ok(camt.document(camt.six_entries()));
    EXPECT_EQ(file.format, camt.format);
    EXPECT_EQ(file.message_id, fmt::format("MSG-{}", camt.version));
    EXPECT_EQ(file.debits_skipped, 1);
    EXPECT_EQ(file.pending_skipped, 1);
    EXPECT_EQ(file.reversals_skipped, 1);
    ASSERT_EQ(file.credits.size(), 4u);
    const std::string report = camt.format == BankFormat::camt053 ? "Stmt[1]" : "Ntfctn[1]";
    const std::string account = camt.version % 2 == 0 ? "DE89370400440532013000" : "ACC-42";
    const Currency euro = Currency::from_code("EUR").value();

    const BankCredit& first = file.credits[0];
    EXPECT_EQ(first.place, report + "/Ntry[1]");
    EXPECT_EQ(first.account, account);
    EXPECT_EQ(first.bank_reference, "REF-1");
    EXPECT_EQ(first.amount, (Money{10050, euro}));
    EXPECT_EQ(first.booking_date.to_string(), "2025-03-01");
    EXPECT_EQ(first.value_date->to_string(), "2025-03-03");
    EXPECT_EQ(first.payer_name, "Acme GmbH");
    EXPECT_EQ(first.payer_account, "FR7630006000011234567890189");
    EXPECT_EQ(first.remittance, "INV 1001 and 1002");
    EXPECT_EQ(first.creditor_reference, "RF18539007547034");
    EXPECT_EQ(first.end_to_end_id, "E2E-1");
    EXPECT_EQ(first.type_code, "PMNT/RCDT/ESCT");

    EXPECT_EQ(file.credits[1].place, report + "/Ntry[5]/TxDtls[1]");
    EXPECT_EQ(file.credits[1].amount, (Money{1000, euro}));
    EXPECT_EQ(file.credits[1].bank_reference, "REF-5/1");
    EXPECT_EQ(file.credits[2].place, report + "/Ntry[5]/TxDtls[2]");
    EXPECT_EQ(file.credits[2].amount, (Money{2000, euro}));
    EXPECT_EQ(file.credits[2].bank_reference, "REF-5/2");
    EXPECT_EQ(file.credits[2].payer_name, "Beta AB");

    const BankCredit& last = file.credits[3];
    EXPECT_EQ(last.booking_date.to_string(), "2025-03-02");  // the date the bank wrote, not UTC's
    EXPECT_FALSE(last.value_date.has_value());
    EXPECT_EQ(last.end_to_end_id, "");
    EXPECT_TRUE(last.bank_reference.starts_with("derived:"));
    EXPECT_EQ(read_ok(camt.document(camt.six_entries())).credits[3].bank_reference, last.bank_reference);
}

std::vector<Camt> every_version() {
    std::vector<Camt> all;
    for (BankFormat format : {BankFormat::camt053, BankFormat::camt054}) {
        for (int version = 2; version <= 8; ++version)
            all.push_back(Camt{format, version});
    }
    return all;
}

INSTANTIATE_TEST_SUITE_P(Generated, BankCamtVersion, ::testing::ValuesIn(every_version()),
                         [](const ::testing::TestParamInfo<Camt>& info) {
                             return fmt::format("{}_v{:02}", to_string(info.param.format),
                                                info.param.version);
                         });

TEST(BankCamtGenerated, OtherVersionsAndMessagesAreRefused) {
    for (int version : {1, 9, 13}) {
        const Error error = read_error(Camt{BankFormat::camt053, version}.document(""));
        EXPECT_EQ(error.code, "unsupported_version");
        EXPECT_EQ(error.message,
                  fmt::format("Document: camt.053.001.{:02} is not supported; versions .001.02 to "
                              ".001.08 are",
                              version));
    }
    const std::string statement = Camt{}.document("");
    const Error report = read_error(replaced(statement, "camt.053.001.02", "camt.052.001.02"));
    EXPECT_EQ(report.message,
              "Document: camt.052 is not a statement or notification; camt.053 and camt.054 are read");
    const Error pain = read_error(replaced(statement, "camt.053.001.02", "pain.001.001.09"));
    EXPECT_EQ(pain.code, "invalid_bank_file");
    EXPECT_EQ(read_error(statement, BankFormat::camt054).message,
              "Document: the document is a camt053, not the camt054 asked for");
    EXPECT_EQ(detect_bank_format(Camt{BankFormat::camt054, 5}.document("")).value(), BankFormat::camt054);
}

TEST(BankCamtGenerated, PrefixedNamespaceIsRead) {
    std::string bytes = Camt{BankFormat::camt053, 4}.document(Camt{BankFormat::camt053, 4}.six_entries());
    bytes = replaced(bytes, "<Document xmlns=", "<c:Document xmlns:c=");
    std::string prefixed;
    for (size_t i = 0; i < bytes.size(); ++i) {
        prefixed += bytes[i];
        if (bytes[i] == '<' && i + 1 < bytes.size() && bytes[i + 1] != '?' &&
            bytes.compare(i + 1, 2, "c:") != 0)
            prefixed += bytes[i + 1] == '/' ? "/c:" : "c:";
        if (bytes[i] == '<' && i + 1 < bytes.size() && bytes[i + 1] == '/')
            ++i;
    }
    const BankFile file = read_ok(prefixed);
    EXPECT_EQ(file.credits.size(), 4u);
    EXPECT_EQ(file.credits[0].payer_name, "Acme GmbH");
}

TEST(BankCamtGenerated, HostileXmlIsRefused) {
    const std::string bomb =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE Document [\n<!ENTITY a \"aaaaaaaaaa\">\n"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n"
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&c;</Document>";
    const Error error = read_error(bomb);
    EXPECT_EQ(error.code, "invalid_bank_file");
    EXPECT_EQ(error.message,
              "the XML document has a DOCTYPE; documents with a DTD or entity definitions are refused");
    const std::string external =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM "
        "\"file:///etc/passwd\">]><Document>&x;</Document>";
    EXPECT_EQ(read_error(external).message, error.message);

    std::string deep = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">";
    for (int i = 0; i < 100; ++i)
        deep += "<a>";
    for (int i = 0; i < 100; ++i)
        deep += "</a>";
    deep += "</Document>";
    EXPECT_EQ(read_error(deep).message, "<a>: elements nest deeper than 64 levels");

    EXPECT_EQ(read_error("<Document>\n<Stmt></Document>").message,
              "line 2: the XML is not well-formed: Start-end tags mismatch");
    EXPECT_EQ(read_error(std::string(kBankFileBytesMax + 1, ' ')).code, "file_too_large");
}

// One credit entry of a .02 statement with a piece replaced, and the error it must give.
struct BadEntry {
    const char* name;
    const char* from;
    const char* to;
    const char* code;
    const char* message;
};

class BankCamtBadEntry : public ::testing::TestWithParam<BadEntry> {};

TEST_P(BankCamtBadEntry, RejectsTheFile) {
    const Camt camt;
    const BadEntry& bad = GetParam();
    const Error error = read_error(replaced(camt.document(camt.six_entries()), bad.from, bad.to));
    EXPECT_EQ(error.code, bad.code);
    EXPECT_EQ(error.message, bad.message);
}

INSTANTIATE_TEST_SUITE_P(
    Entries, BankCamtBadEntry,
    ::testing::Values(
        BadEntry{"TooManyDecimals", ">100.50<", ">100.505<", "invalid_amount",
                 "Stmt[1]/Ntry[1]/Amt: '100.505' has more than 2 decimals (EUR has 2 decimals)"},
        BadEntry{"NotANumber", ">100.50<", ">1,00<", "invalid_amount",
                 "Stmt[1]/Ntry[1]/Amt: '1,00' has a thousands separator or space (EUR has 2 decimals)"},
        BadEntry{"Negative", ">100.50<", ">-100.50<", "invalid_amount",
                 "Stmt[1]/Ntry[1]/Amt: is negative; CdtDbtInd gives the direction"},
        BadEntry{"Zero", ">100.50<", ">0.00<", "invalid_amount",
                 "Stmt[1]/Ntry[1]: a credit of 0 is not a payment"},
        BadEntry{"UnknownCurrency", "Ccy=\"EUR\">100.50", "Ccy=\"EUX\">100.50", "unknown_currency",
                 "Stmt[1]/Ntry[1]/Amt: unknown currency 'EUX' (ISO 4217 code expected)"},
        BadEntry{"Direction", "<CdtDbtInd>CRDT", "<CdtDbtInd>CRED", "invalid_bank_file",
                 "Stmt[1]/Ntry[1]: CdtDbtInd is 'CRED', expected CRDT or DBIT"},
        BadEntry{"Status", "<Sts>BOOK", "<Sts>DONE", "invalid_bank_file",
                 "Stmt[1]/Ntry[1]: Sts is 'DONE', expected BOOK, PDNG, INFO or FUTR"},
        BadEntry{"Reversal", "<RvslInd>true", "<RvslInd>yes", "invalid_bank_file",
                 "Stmt[1]/Ntry[4]/RvslInd: 'yes' is not true or false"},
        BadEntry{"BookingDate", "<Dt>2025-03-01</Dt>", "<Dt>2025-02-30</Dt>", "invalid_date",
                 "Stmt[1]/Ntry[1]/BookgDt: '2025-02-30' is not a real calendar date"},
        BadEntry{"NoAccount", "<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>", "",
                 "invalid_bank_file", "Stmt[1]: Acct/Id has neither an IBAN nor an Othr/Id"},
        BadEntry{"NoMessageId", "<MsgId>MSG-2</MsgId>", "", "invalid_bank_file",
                 "BkToCstmrStmt: GrpHdr/MsgId is missing"},
        BadEntry{"BatchCurrency", "<TxAmt><Amt Ccy=\"EUR\">10</Amt>", "<TxAmt><Amt Ccy=\"SEK\">10</Amt>",
                 "invalid_bank_file", "Stmt[1]/Ntry[5]/TxDtls[1]: Amt is in SEK, the entry in EUR"}),
    [](const ::testing::TestParamInfo<BadEntry>& info) { return std::string(info.param.name); });

TEST(BankCamtGenerated, EncodingsAreHonoured) {
    const Camt camt;
    const std::string utf8 = camt.document(camt.six_entries());
    EXPECT_EQ(read_error(replaced(utf8, "Acme GmbH", "Acme G\xE4mbH")).message,
              "line 2: the XML is not valid UTF-8");
    std::string latin1 = replaced(utf8, "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
    latin1 = replaced(latin1, "Acme GmbH", "M\xFCller GmbH");
    EXPECT_EQ(read_ok(latin1).credits.at(0).payer_name, "M\xC3\xBCller GmbH");
}

TEST(BankCamtGenerated, RepeatedBankReferencesStayUnique) {
    const Camt camt;
    const std::string credit = camt.entry(
        "1", "CRDT", "BOOK", "<BookgDt><Dt>2025-03-01</Dt></BookgDt><AcctSvcrRef>SAME</AcctSvcrRef>");
    const BankFile file = read_ok(camt.document(credit + credit + credit));
    ASSERT_EQ(file.credits.size(), 3u);
    EXPECT_EQ(file.credits[0].bank_reference, "SAME");
    EXPECT_EQ(file.credits[1].bank_reference, "SAME#2");
    EXPECT_EQ(file.credits[2].bank_reference, "SAME#3");
}

TEST(BankCamtGenerated, EntryWithoutDetailsKeepsItsAdditionalInformation) {
    const Camt camt;
    const BankFile file = read_ok(camt.document(
        camt.entry("12.00", "CRDT", "BOOK",
                   "<ValDt><Dt>2025-03-04</Dt></ValDt><AddtlNtryInf>PAYMENT ACME INV 77</AddtlNtryInf>")));
    ASSERT_EQ(file.credits.size(), 1u);
    EXPECT_EQ(file.credits[0].remittance, "PAYMENT ACME INV 77");
    EXPECT_EQ(file.credits[0].booking_date.to_string(), "2025-03-04");  // no BookgDt: the value date
}

std::string decimal(int64_t minor) {
    return fmt::format("{}.{:02}", minor / 100, minor % 100);
}

// Random statements of any version: every booked credit is read, a batch into its parts, and the credits add
// up to the booked credit entries; every other entry is counted once; references are unique and stable.
RC_GTEST_PROP(BankCamtProperty, CreditsAddUpToTheBookedCreditEntries, ()) {
    const Camt camt{*rc::gen::elementOf(std::vector<BankFormat>{BankFormat::camt053, BankFormat::camt054}),
                    *rc::gen::inRange(2, 9)};
    std::string entries;
    size_t credits = 0;
    int64_t credited_minor = 0;
    int64_t debits = 0, pending = 0, reversals = 0;
    const int count = *rc::gen::inRange(0, 9);
    for (int i = 0; i < count; ++i) {
        const int kind = *rc::gen::inRange(0, 4);
        const int64_t amount = *rc::gen::inRange<int64_t>(10, 100'000'000);
        const std::string booked = "<BookgDt><Dt>2025-03-01</Dt></BookgDt>";
        if (kind == 1) {
            entries += camt.entry(decimal(amount), "DBIT", "BOOK", booked);
            ++debits;
            continue;
        }
        if (kind == 2) {
            entries += camt.entry(decimal(amount), "CRDT", "PDNG", "");
            ++pending;
            continue;
        }
        if (kind == 3) {
            entries += camt.entry(decimal(amount), "DBIT", "BOOK", "<RvslInd>true</RvslInd>" + booked);
            ++reversals;
            continue;
        }
        // A credit: no details, one, a batch with amounts, or several without.
        const int parts = *rc::gen::inRange(0, 5);
        const bool with_amounts = parts > 1 && *rc::gen::arbitrary<bool>();
        std::string details;
        for (int part = 0; part < parts; ++part) {
            const int64_t share = part + 1 < parts ? amount / parts : amount - amount / parts * (parts - 1);
            details += "<TxDtls>" + (with_amounts ? camt.detail_amount(decimal(share)) : std::string()) +
                       "<RmtInf><Ustrd>part</Ustrd></RmtInf></TxDtls>";
        }
        const std::string reference =
            *rc::gen::arbitrary<bool>() ? fmt::format("<AcctSvcrRef>R{}</AcctSvcrRef>", i % 3) : "";
        entries += camt.entry(decimal(amount), "CRDT", "BOOK",
                              booked + reference + (parts > 0 ? "<NtryDtls>" + details + "</NtryDtls>" : ""));
        credits += with_amounts ? static_cast<size_t>(parts) : 1;
        credited_minor += amount;
    }
    const std::string bytes = camt.document(entries);
    const auto file = read_bank_file(bytes);
    RC_ASSERT(file.has_value());
    RC_ASSERT(file.value().credits.size() == credits);
    const int64_t read_minor =
        std::accumulate(file.value().credits.begin(), file.value().credits.end(), int64_t{0},
                        [](int64_t sum, const BankCredit& credit) { return sum + credit.amount.minor; });
    RC_ASSERT(read_minor == credited_minor);
    RC_ASSERT(file.value().debits_skipped == debits);
    RC_ASSERT(file.value().pending_skipped == pending);
    RC_ASSERT(file.value().reversals_skipped == reversals);
    std::set<std::string> references;
    for (const BankCredit& credit : file.value().credits)
        references.insert(credit.bank_reference);
    RC_ASSERT(references.size() == credits);
    const auto again = read_bank_file(bytes);
    for (size_t i = 0; i < credits; ++i)
        RC_ASSERT(again.value().credits[i].bank_reference == file.value().credits[i].bank_reference);
}

}  // namespace
}  // namespace mf::formats::test
