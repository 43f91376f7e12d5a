#include "formats/camt.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "formats/bank_common.hpp"
#include "formats/camt_entry.hpp"
#include "formats/camt_xml.hpp"

namespace mf::formats {
namespace {

constexpr std::string_view kNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.";
constexpr int kVersionMin = 2;
constexpr int kVersionMax = 8;

struct CamtDocument {
    BankFormat format = BankFormat::camt053;
    pugi::xml_node message;        // BkToCstmrStmt or BkToCstmrDbtCdtNtfctn
    std::string_view report_name;  // Stmt or Ntfctn
};

Error not_camt(std::string_view problem) {
    return bank_error("invalid_bank_file", "Document", problem);
}

// "053.001.08" -> (053, 8); the namespace names the message and its version.
Result<CamtDocument> identify(const pugi::xml_document& doc) {
    const pugi::xml_node root = doc.document_element();
    if (xml::local_name(root) != "Document") {
        return make_error(
            "invalid_bank_file",
            fmt::format("the root element is <{}>, not the <Document> of an ISO 20022 message", root.name()));
    }
    const std::string uri = xml::namespace_uri(root);
    std::string_view name = uri;
    if (!name.starts_with(kNamespacePrefix))
        return not_camt(fmt::format("the namespace '{}' is not an ISO 20022 camt namespace", uri));
    name.remove_prefix(kNamespacePrefix.size());
    if (name.size() != 10 || name.substr(3, 5) != ".001." || !all_digits(name.substr(0, 3)) ||
        !all_digits(name.substr(8, 2))) {
        return not_camt(fmt::format("the namespace '{}' names no camt message version", uri));
    }
    const std::string_view message = name.substr(0, 3);
    if (message != "053" && message != "054") {
        return not_camt(fmt::format(
            "camt.{} is not a statement or notification; camt.053 and camt.054 are read", message));
    }
    const int version = (name[8] - '0') * 10 + (name[9] - '0');
    if (version < kVersionMin || version > kVersionMax) {
        return bank_error("unsupported_version", "Document",
                          fmt::format("camt.{}.001.{} is not supported; versions .001.02 to .001.08 are",
                                      message, name.substr(8, 2)));
    }
    CamtDocument camt;
    camt.format = message == "053" ? BankFormat::camt053 : BankFormat::camt054;
    const std::string_view message_name =
        camt.format == BankFormat::camt053 ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn";
    camt.report_name = camt.format == BankFormat::camt053 ? "Stmt" : "Ntfctn";
    camt.message = xml::child(root, message_name);
    if (!camt.message) {
        return not_camt(
            fmt::format("a camt.{} document holds a <{}>, which is missing", message, message_name));
    }
    return camt;
}

Status read_report(pugi::xml_node report, const Place& place, BankFile& file, BankReferences& references) {
    const std::string account = account_id(xml::child(report, "Acct"));
    if (account.empty())
        return bank_error("invalid_bank_file", place, "Acct/Id has neither an IBAN nor an Othr/Id");
    size_t index = 0;
    for (pugi::xml_node entry : xml::children(report, "Ntry")) {
        ++index;
        MF_CHECK(read_entry(entry, fmt::format("{}/Ntry[{}]", place, index), account, file, references));
    }
    return ok();
}

}  // namespace

Result<BankFormat> detect_camt_format(std::string_view bytes) {
    pugi::xml_document doc;
    MF_CHECK(xml::load_safely(doc, bytes));
    MF_TRY(CamtDocument camt, identify(doc));
    return camt.format;
}

Result<BankFile> read_camt(std::string_view bytes, std::optional<BankFormat> expected) {
    pugi::xml_document doc;
    MF_CHECK(xml::load_safely(doc, bytes));
    MF_TRY(CamtDocument camt, identify(doc));
    if (expected && *expected != camt.format) {
        return not_camt(fmt::format("the document is a {}, not the {} asked for", to_string(camt.format),
                                    to_string(*expected)));
    }
    const std::string_view message = xml::local_name(camt.message);
    BankFile file;
    file.format = camt.format;
    file.message_id = xml::text(xml::path(camt.message, {"GrpHdr", "MsgId"}));
    if (file.message_id.empty())
        return bank_error("invalid_bank_file", message, "GrpHdr/MsgId is missing");
    const std::vector<pugi::xml_node> reports = xml::children(camt.message, camt.report_name);
    if (reports.empty()) {
        return bank_error("invalid_bank_file", message,
                          fmt::format("holds no <{}>; a {} message has at least one", camt.report_name,
                                      to_string(camt.format)));
    }
    BankReferences references;
    for (size_t index = 0; index < reports.size(); ++index) {
        const Place place = fmt::format("{}[{}]", camt.report_name, index + 1);
        MF_CHECK(read_report(reports[index], place, file, references));
    }
    return file;
}

}  // namespace mf::formats
