#include "cli/parse.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>

#include "formats/csv.hpp"

namespace mf::cli {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos)
            break;
        text.remove_prefix(at + 1);
    }
    return parts;
}

Error located(Error error, const std::string& where) {
    error.message = where + ": " + error.message;
    return error;
}

Result<NewInvoice> invoice_from_fields(const std::array<std::string_view, 5>& fields, Currency currency) {
    NewInvoice invoice;
    MF_TRY(invoice.debtor_id, parse_id(IdKind::debtor, fields[0], "debtor_id"));
    invoice.number = std::string(fields[1]);
    if (invoice.number.empty())
        return make_error("missing_field", "the invoice number is empty", "number");
    MF_TRY(invoice.face_minor, parse_amount(fields[2], currency, "amount"));
    MF_TRY(invoice.issue_date, parse_date(fields[3], "issue_date"));
    MF_TRY(invoice.due_date, parse_date(fields[4], "due_date"));
    invoice.currency = currency;
    return invoice;
}

}  // namespace

Result<std::vector<int64_t>> parse_ids(IdKind kind, const std::vector<std::string>& texts,
                                       std::string_view field) {
    std::vector<int64_t> ids;
    for (const auto& text : texts) {
        MF_TRY(auto id, parse_id(kind, text, field));
        ids.push_back(id);
    }
    return ids;
}

Result<std::optional<int64_t>> parse_optional_id(IdKind kind, const Text& text, std::string_view field) {
    if (!text.given())
        return std::optional<int64_t>{};
    MF_TRY(auto id, parse_id(kind, text.value, field));
    return std::optional<int64_t>{id};
}

Result<int32_t> parse_count(std::string_view text, int32_t low, int32_t high, std::string_view field) {
    int32_t value = 0;
    const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || failure != std::errc{} || end != text.data() + text.size() || value < low ||
        value > high) {
        return make_error("invalid_field",
                          std::string(field) + ": '" + std::string(text) + "' is not a whole number from " +
                              std::to_string(low) + " to " + std::to_string(high),
                          std::string(field));
    }
    return value;
}

Result<std::optional<Date>> parse_optional_date(const Text& text, std::string_view field) {
    if (!text.given())
        return std::optional<Date>{};
    MF_TRY(auto date, parse_date(text.value, field));
    return std::optional<Date>{date};
}

Result<int64_t> parse_amount(std::string_view text, Currency currency, std::string_view field) {
    MF_TRY(auto money, parse_money(text, currency, field));
    return money.minor;
}

Result<NewInvoice> parse_invoice_spec(std::string_view spec, Currency currency) {
    const auto parts = split(spec, ',');
    if (parts.size() != 5) {
        return make_error("invalid_field",
                          "--invoice '" + std::string(spec) +
                              "' must be DEBTOR_ID,NUMBER,AMOUNT,ISSUE_DATE,DUE_DATE (5 fields, got " +
                              std::to_string(parts.size()) + ")",
                          "invoice");
    }
    auto invoice = invoice_from_fields({parts[0], parts[1], parts[2], parts[3], parts[4]}, currency);
    if (!invoice)
        return located(invoice.error(), "--invoice " + std::string(spec));
    return invoice;
}

Result<std::string> read_whole_file(const std::string& path, size_t bytes_max, std::string_view field) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error)
        return make_error("file_not_found", "cannot read " + path + ": " + error.message(),
                          std::string(field));
    if (size > bytes_max) {
        return make_error(
            "file_too_large",
            path + " is " + std::to_string(size) + " bytes; the limit is " + std::to_string(bytes_max),
            std::string(field));
    }
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return make_error("file_not_found", "cannot read " + path, std::string(field));
    std::string bytes(size, '\0');
    if (!file.read(bytes.data(), static_cast<std::streamsize>(size)))
        return make_error("file_not_found", "cannot read all of " + path, std::string(field));
    return bytes;
}

Result<std::vector<NewInvoice>> read_invoice_csv(const std::string& path, Currency currency) {
    MF_TRY(auto bytes, read_whole_file(path, formats::CsvLimits{}.bytes_max, "csv"));
    auto table = formats::read_csv(bytes);
    if (!table)
        return located(table.error(), path);
    static constexpr std::array<std::string_view, 5> kColumns{"debtor_id", "number", "amount", "issue_date",
                                                              "due_date"};
    std::array<std::optional<size_t>, 5> column_at{};
    for (size_t c = 0; c < kColumns.size(); ++c) {
        column_at[c] = table.value().column(kColumns[c]);
        if (!column_at[c]) {
            return make_error("invalid_csv",
                              path + " line 1: the header has no column " + std::string(kColumns[c]) +
                                  " (expected debtor_id,number,amount,issue_date,due_date)",
                              "csv");
        }
    }
    std::vector<NewInvoice> invoices;
    for (const auto& row : table.value().rows) {
        std::array<std::string_view, 5> values;
        for (size_t c = 0; c < kColumns.size(); ++c)
            values[c] = table.value().field(row, column_at[c]);
        auto invoice = invoice_from_fields(values, currency);
        if (!invoice)
            return located(invoice.error(), path + " line " + std::to_string(row.line));
        invoices.push_back(std::move(invoice).value());
    }
    if (invoices.empty())
        return make_error("invalid_csv", path + " holds no invoice rows", "csv");
    return invoices;
}

Result<Application> parse_application(std::string_view spec, Currency currency) {
    const auto equals = spec.find('=');
    if (equals == std::string_view::npos) {
        return make_error("invalid_field",
                          "--apply '" + std::string(spec) + "' must be INVOICE_ID=AMOUNT[:short|:client]",
                          "apply");
    }
    Application application;
    MF_TRY(application.invoice_id, parse_id(IdKind::invoice, spec.substr(0, equals), "apply"));
    std::string_view amount_text = spec.substr(equals + 1);
    // :short closes the rest of the invoice as dilution; :client credits a payment on an invoice the factor
    // does not own (unfactored, charged back, closed) to the client's reserve. Not both.
    if (amount_text.ends_with(":short")) {
        application.close_short = true;
        amount_text.remove_suffix(std::string_view(":short").size());
    } else if (amount_text.ends_with(":client")) {
        application.to_client = true;
        amount_text.remove_suffix(std::string_view(":client").size());
    }
    if (amount_text.find(':') != std::string_view::npos) {
        return make_error("invalid_field",
                          "--apply '" + std::string(spec) +
                              "' must be INVOICE_ID=AMOUNT[:short|:client], with at most one of them",
                          "apply");
    }
    MF_TRY(application.amount_minor, parse_amount(amount_text, currency, "apply"));
    return application;
}

std::string with_line_breaks(std::string text) {
    for (size_t at = text.find("\\n"); at != std::string::npos; at = text.find("\\n", at + 1))
        text.replace(at, 2, "\n");
    return text;
}

}  // namespace mf::cli
