// read_invoice_file as a whole: format detection, whole-file errors (hostile or foreign input), and the
// property that no input crashes it.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "invoice_test_support.hpp"

namespace mf::formats::test {
namespace {

constexpr std::string_view kCsv =
    "invoice_number,debtor_name,invoice_date,due_date,amount,currency\nA1,Delta "
    "Ltd,2024-01-10,2024-02-09,10,GBP\n";

TEST(InvoiceFile, DetectsEverySampleAndShape) {
    const std::vector<std::pair<std::string, InvoiceFormat>> samples = {
        {"ubl-peppol-factoring.xml", InvoiceFormat::ubl},
        {"ubl-en16931-guide-example1.xml", InvoiceFormat::ubl},
        {"ubl-min-content.xml", InvoiceFormat::ubl},
        {"ubl-creditnote-min-content.xml", InvoiceFormat::ubl},
        {"ubl-peppol-base-example.xml", InvoiceFormat::ubl},
        {"cii-en16931-example1.xml", InvoiceFormat::cii},
        {"cii-zugferd-en16931-1.xml", InvoiceFormat::cii},
    };
    for (const auto& [name, format] : samples) {
        const auto detected = detect_invoice_format(mf::test::read_testdata("einvoice/" + name));
        ASSERT_TRUE(detected) << name << ": " << detected.error().message;
        EXPECT_EQ(detected.value(), format) << name;
    }
    const std::vector<std::pair<std::string_view, InvoiceFormat>> shapes = {
        {R"({"Invoices": []})", InvoiceFormat::xero},
        {R"({"CreditNotes": []})", InvoiceFormat::xero},
        {R"({"QueryResponse": {"Invoice": []}})", InvoiceFormat::quickbooks},
        {R"({"Invoice": {"DocNumber": "1"}})", InvoiceFormat::quickbooks},
        {R"({"DocNumber": "1", "TotalAmt": 5})", InvoiceFormat::quickbooks},
        {kCsv, InvoiceFormat::csv},
        {"\xEF\xBB\xBF  INVOICE_NUMBER ,x\r\n",
         InvoiceFormat::csv},  // one invoice column is enough to say CSV
    };
    for (const auto& [text, format] : shapes) {
        const auto detected = detect_invoice_format(text);
        ASSERT_TRUE(detected) << text << ": " << detected.error().message;
        EXPECT_EQ(detected.value(), format) << text;
    }
}

struct FileErrorCase {
    std::string name;
    std::string bytes;
    std::string code;
    std::string message_part;
    friend void PrintTo(const FileErrorCase& c, std::ostream* out) { *out << c.name; }
};

class InvoiceFileError : public testing::TestWithParam<FileErrorCase> {};

TEST_P(InvoiceFileError, FailsTheWholeFileWithAClearMessage) {
    const auto file = read_invoice_file(GetParam().bytes);
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, GetParam().code) << file.error().message;
    EXPECT_EQ(file.error().field, "file");
    EXPECT_NE(file.error().message.find(GetParam().message_part), std::string::npos) << file.error().message;
    EXPECT_FALSE(detect_invoice_format(GetParam().bytes));
}

const std::string kUblOpen = R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">)";

std::string nested_xml(int depth) {
    std::string xml = kUblOpen;
    for (int i = 0; i < depth; ++i)
        xml += "<a>";
    for (int i = 0; i < depth; ++i)
        xml += "</a>";
    return xml + "</Invoice>";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, InvoiceFileError,
    testing::Values(
        FileErrorCase{"Empty", "", "empty_file", "empty"},
        FileErrorCase{"Blank", " \r\n\t\n", "empty_file", "empty"},
        FileErrorCase{"BomOnly", "\xEF\xBB\xBF", "empty_file", "empty"},
        FileErrorCase{"Utf16", "\xFF\xFE<\0I\0", "invalid_encoding", "UTF-16"},
        FileErrorCase{"InvalidUtf8", "invoice_number,debtor_name\nA1,Caf\xE9 Ltd\n", "invalid_encoding",
                      "not valid UTF-8 (byte 0xE9 at line 2)"},
        FileErrorCase{"Doctype",
                      "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice SYSTEM \"http://example.com/x.dtd\">\n" +
                          kUblOpen + "</Invoice>",
                      "forbidden_xml", "DOCTYPE"},
        FileErrorCase{
            "EntityBomb",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
            " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
            " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n" +
                kUblOpen + "<cbc:ID>&lol3;</cbc:ID></Invoice>",
            "forbidden_xml", "DOCTYPE"},
        FileErrorCase{
            "ExternalEntity",
            "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + kUblOpen + "&xxe;</Invoice>",
            "forbidden_xml", "DOCTYPE"},
        FileErrorCase{"SurrogateReference", kUblOpen + "\n<x>&#xD800;</x></Invoice>", "invalid_xml",
                      "character reference near line 2 names no Unicode character"},
        FileErrorCase{"SurrogateReferenceInAttribute", kUblOpen + "<x a='&#xDFFF;'/></Invoice>",
                      "invalid_xml", "names no Unicode character"},
        FileErrorCase{"MalformedXml", "<Invoice>\n<cbc:ID>1</cbc:ID>\n<unclosed>\n</Invoice>", "invalid_xml",
                      "line"},
        FileErrorCase{"DeepXml", nested_xml(200), "invalid_xml", "nests deeper than 64"},
        FileErrorCase{"VeryDeepXml", nested_xml(1'000'000), "invalid_xml", "nests deeper than 64"},
        FileErrorCase{"VeryDeepJson", std::string(1'000'000, '['), "invalid_json", "nests deeper than 64"},
        FileErrorCase{
            "Latin1Declared",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + kUblOpen + "<x>\xC3\xA9</x></Invoice>",
            "invalid_encoding", "ISO-8859-1"},
        FileErrorCase{"WrongRootNamespace", R"(<Invoice xmlns="urn:example:not-ubl"><ID>1</ID></Invoice>)",
                      "unknown_format", "root element is Invoice in namespace 'urn:example:not-ubl'"},
        FileErrorCase{"Camt", R"(<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>)",
                      "unknown_format", "not a UBL Invoice"},
        FileErrorCase{"MalformedJson", "{\"Invoices\": [\n{\"Type\": }]}", "invalid_json", "line 2"},
        FileErrorCase{"DeepJson", std::string(100, '[') + std::string(100, ']'), "invalid_json",
                      "nests deeper than 64"},
        FileErrorCase{"TrailingJson", R"({"Invoices": []} {})", "invalid_json", "not valid JSON"},
        FileErrorCase{"LoneSurrogateJson", R"({"Invoices": [{"InvoiceNumber": "\ud800"}]})", "invalid_json",
                      "not valid JSON at line 1"},
        FileErrorCase{"UnknownJson", R"({"Customers": []})", "unknown_format", "neither Xero"},
        FileErrorCase{"JsonArray", R"([{"DocNumber": "1"}])", "unknown_format", "neither Xero"},
        FileErrorCase{"XeroNotAList", R"({"Invoices": {}, "CreditNotes": 1})", "unknown_format",
                      "neither Xero"},
        FileErrorCase{"PlainText", "Dear customer,\nplease find attached our invoice.\n", "unknown_format",
                      "not XML, JSON or an invoice CSV"},
        FileErrorCase{"Binary", std::string("PK\x03\x04\x14\x00\x06\x00", 8), "unknown_format",
                      "not XML, JSON or an invoice CSV"}),
    [](const auto& info) { return info.param.name; });

TEST(InvoiceFile, SizeCap) {
    const auto file = read_invoice_file(kCsv, std::nullopt, {.size_bytes_max = 20});
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, "file_too_large");
    EXPECT_TRUE(read_invoice_file(kCsv, std::nullopt, {.size_bytes_max = kCsv.size()}));
}

TEST(InvoiceFile, AFormatAskedForMustBeTheFormatRead) {
    EXPECT_TRUE(read_invoice_file(kCsv, InvoiceFormat::csv));
    const auto file = read_invoice_file(kCsv, InvoiceFormat::ubl);
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, "wrong_format");
    EXPECT_EQ(file.error().message, "the file was to be ubl but it reads as csv");
}

TEST(InvoiceFile, QuickBooksQueryWhoseListIsNotAListFailsTheFile) {
    const auto file = read_invoice_file(R"({"QueryResponse": {"Invoice": {"DocNumber": "1"}}})");
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().message, "QueryResponse.Invoice is not a JSON array");
}

TEST(InvoiceFile, QuickBooksQueryForOtherEntitiesFailsTheFile) {
    const auto file = read_invoice_file(R"({"QueryResponse": {"Bill": [], "startPosition": 1}})");
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, "unknown_format");
    EXPECT_EQ(file.error().message, "the QuickBooks query answers Bill entities, not Invoice");
}

TEST(InvoiceFile, ADocumentThatIsNotAnObjectIsAProblem) {
    const auto problem = only_problem(read_ok(R"({"Invoices": [42]})"));
    EXPECT_EQ(problem.message, "Invoices[1]: is not a JSON object");
}

// What every reading must satisfy: an error with a code and a message, or documents and problems that
// name their place.
void check_outcome(const Result<InvoiceFile>& file) {
    if (!file) {
        RC_ASSERT(!file.error().code.empty());
        RC_ASSERT(!file.error().message.empty());
        return;
    }
    std::set<std::string> places;  // a document or its problem, once each
    for (const auto& problem : file.value().problems) {
        RC_ASSERT(places.insert(problem.place).second);
        RC_ASSERT(!problem.place.empty());
        RC_ASSERT(!problem.code.empty());
        RC_ASSERT(problem.message.starts_with(problem.place + ": "));
    }
    for (const auto& document : file.value().documents) {
        RC_ASSERT(places.insert(document.place).second);
        RC_ASSERT(!document.number.empty());
        RC_ASSERT(document.amount.currency.valid());
        RC_ASSERT(document.amount.is_positive());
    }
}

std::vector<std::string> all_samples() {
    std::vector<std::string> samples;
    for (const char* name :
         {"ubl-peppol-factoring.xml", "ubl-en16931-guide-example1.xml", "ubl-min-content.xml",
          "ubl-creditnote-min-content.xml", "ubl-peppol-base-example.xml", "cii-en16931-example1.xml",
          "cii-zugferd-en16931-1.xml"}) {
        samples.push_back(mf::test::read_testdata(std::string("einvoice/") + name));
    }
    samples.emplace_back(kCsv);
    samples.emplace_back(R"({"QueryResponse": {"Invoice": [{"DocNumber": "1", "TxnDate": "2024-01-01",
        "TotalAmt": 10.5, "CurrencyRef": {"value": "USD"}, "CustomerRef": {"value": "1"}}]}})");
    samples.emplace_back(R"({"Invoices": [{"Type": "ACCREC", "InvoiceNumber": "I", "Contact": {"Name": "N"},
        "Date": "/Date(1518652800000+0000)/", "Status": "AUTHORISED", "Total": 1, "CurrencyCode": "NZD"}]})");
    return samples;
}

RC_GTEST_PROP(InvoiceFileProperty, RandomBytesNeverCrash, (const std::string& bytes)) {
    check_outcome(read_invoice_file(bytes));
}

RC_GTEST_PROP(InvoiceFileProperty, TruncatedOrCorruptedSamplesNeverCrash, ()) {
    static const auto samples = all_samples();
    const auto& sample = *rc::gen::elementOf(samples);
    auto bytes = sample.substr(0, *rc::gen::inRange<size_t>(0, sample.size() + 1));
    const auto flips = *rc::gen::inRange(0, 4);
    for (int i = 0; i < flips && !bytes.empty(); ++i) {
        const auto at = *rc::gen::inRange<size_t>(0, bytes.size());
        bytes[at] = *rc::gen::arbitrary<char>();
    }
    check_outcome(read_invoice_file(bytes));
}

// What a sink is handed: each row as it is read, documents and problems in file order; nothing before the
// format is checked; the rows before a line that breaks the file, then the error.
TEST(InvoiceFile, ASinkIsHandedEachRowInFileOrder) {
    struct Log final : InvoiceSink {
        std::vector<std::string> seen;
        void document(InvoiceDocument&& document) override { seen.push_back("document " + document.place); }
        void problem(RowProblem&& problem) override { seen.push_back("problem " + problem.place); }
    };
    const std::string text =
        "invoice_number,debtor_name,invoice_date,due_date,amount,currency\n"
        "A1,Delta Ltd,2024-01-10,2024-02-09,10,EUR\n"
        "A2,Delta Ltd,2024-01-10,2024-02-09,ten,EUR\n"
        "\n"
        "A3,Delta Ltd,2024-01-10,2024-02-09,30,EUR\n";
    Log log;
    const auto format = read_invoice_file(text, log);
    ASSERT_TRUE(format) << format.error().message;
    EXPECT_EQ(format.value(), InvoiceFormat::csv);
    EXPECT_EQ(log.seen, (std::vector<std::string>{"document row 1 (line 2)", "problem row 2 (line 3)",
                                                  "document row 3 (line 5)"}));

    Log wrong;
    const auto refused = read_invoice_file(text, wrong, InvoiceFormat::xero);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "wrong_format");
    EXPECT_TRUE(wrong.seen.empty());

    Log broken;
    const auto failed = read_invoice_file(text + "A4,Delta Ltd,2024-01-10,2024-02-09,40,EUR,extra\n", broken);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, "invalid_csv");
    EXPECT_EQ(
        failed.error().message,
        "the invoice CSV cannot be read: line 6: the row has a value in column 7, beyond the 6 columns of "
        "the header");
    EXPECT_EQ(broken.seen.size(), 3u);
}

}  // namespace
}  // namespace mf::formats::test
