#include "cli/parse.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>

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

Result<std::vector<std::string>> split_csv_line(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"' && fields.back().empty()) {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    if (quoted)
        return make_error("invalid_csv", "a quoted field is not closed", "csv");
    return fields;
}

Result<std::vector<NewInvoice>> read_invoice_csv(const std::string& path, Currency currency) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return make_error("file_not_found", "cannot read " + path, "csv");
    static constexpr std::array<std::string_view, 5> kColumns{"debtor_id", "number", "amount", "issue_date",
                                                              "due_date"};
    std::array<size_t, 5> column_at{};
    std::vector<NewInvoice> invoices;
    std::string line;
    for (size_t number = 1; std::getline(file, line); ++number) {
        if (number == 1 && line.starts_with("\xEF\xBB\xBF"))
            line.erase(0, 3);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const std::string where = path + " line " + std::to_string(number);
        if (line.empty())
            continue;
        MF_TRY(auto fields, split_csv_line(line));
        if (number == 1) {
            for (size_t c = 0; c < kColumns.size(); ++c) {
                const auto found = std::find(fields.begin(), fields.end(), kColumns[c]);
                if (found == fields.end()) {
                    return make_error("invalid_csv",
                                      where + ": the header has no column " + std::string(kColumns[c]) +
                                          " (expected debtor_id,number,amount,issue_date,due_date)",
                                      "csv");
                }
                column_at[c] = static_cast<size_t>(found - fields.begin());
            }
            continue;
        }
        std::array<std::string_view, 5> values;
        for (size_t c = 0; c < kColumns.size(); ++c) {
            if (column_at[c] >= fields.size()) {
                return make_error("invalid_csv", where + ": missing column " + std::string(kColumns[c]),
                                  "csv");
            }
            values[c] = fields[column_at[c]];
        }
        auto invoice = invoice_from_fields(values, currency);
        if (!invoice)
            return located(invoice.error(), where);
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
                          "--apply '" + std::string(spec) + "' must be INVOICE_ID=AMOUNT[:short]", "apply");
    }
    Application application;
    MF_TRY(application.invoice_id, parse_id(IdKind::invoice, spec.substr(0, equals), "apply"));
    std::string_view amount_text = spec.substr(equals + 1);
    if (amount_text.ends_with(":short")) {
        application.close_short = true;
        amount_text.remove_suffix(std::string_view(":short").size());
    }
    MF_TRY(application.amount_minor, parse_amount(amount_text, currency, "apply"));
    return application;
}

}  // namespace mf::cli
