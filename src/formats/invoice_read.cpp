#include "formats/invoice_read.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace mf::formats::invoice {

namespace {

std::string ascii_upper(std::string_view text) {
    std::string upper(text);
    for (auto& c : upper)
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
    return upper;
}

}  // namespace

std::string_view trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n";
    const auto begin = text.find_first_not_of(kSpace);
    if (begin == std::string_view::npos)
        return {};
    const auto end = text.find_last_not_of(kSpace);
    return text.substr(begin, end - begin + 1);
}

std::string join_nonempty(std::string_view first, std::string_view second) {
    if (first.empty() || second.empty())
        return std::string(first.empty() ? second : first);
    return fmt::format("{}, {}", first, second);
}

void DocumentCheck::fail(std::string code, std::string_view message) {
    codes_.push_back(std::move(code));
    messages_.emplace_back(message);
}

void DocumentCheck::finish(InvoiceSink& sink, InvoiceDocument document) {
    if (clean() && document.due_date && *document.due_date < document.issue_date) {
        fail("invalid_date", fmt::format("due date {} is before the issue date {}",
                                         document.due_date->to_string(), document.issue_date.to_string()));
    }
    if (clean()) {
        document.place = std::move(place_);  // finished once: the place moves to the document
        sink.document(std::move(document));
        return;
    }
    sink.problem(
        RowProblem{place_, codes_.front(), fmt::format("{}: {}", place_, fmt::join(messages_, "; "))});
    codes_.clear();
    messages_.clear();
}

std::optional<std::string> required_text(DocumentCheck& check, std::string_view text,
                                         std::string_view field) {
    const auto value = trim(text);
    if (value.empty()) {
        check.fail("missing_field", fmt::format("{} is missing", field));
        return std::nullopt;
    }
    return std::string(value);
}

std::optional<Currency> read_currency(DocumentCheck& check, std::string_view code, std::string_view field,
                                      const InvoiceReadOptions& options) {
    const auto value = trim(code);
    if (value.empty()) {
        if (options.default_currency)
            return options.default_currency;
        check.fail("missing_field", fmt::format("{} is missing (and no default currency was given)", field));
        return std::nullopt;
    }
    auto currency = Currency::from_code(ascii_upper(value));  // "usd" in a hand-made CSV means USD
    if (!currency) {
        check.fail("unknown_currency",
                   fmt::format("{}: unknown currency '{}' (ISO 4217 code expected)", field, value));
        return std::nullopt;
    }
    return currency.value();
}

std::optional<Money> read_amount(DocumentCheck& check, std::string_view text, Currency currency,
                                 std::string_view field) {
    auto value = trim(text);
    if (value.empty()) {
        check.fail("missing_field", fmt::format("{} is missing", field));
        return std::nullopt;
    }
    const auto point = value.find('.');
    if (point != std::string_view::npos) {
        const auto kept = point + 1 + static_cast<size_t>(currency.exponent());
        while (value.size() > kept && value.back() == '0')
            value.remove_suffix(1);
        if (value.size() == point + 1)  // "100." after "100.000" in a currency without decimals
            value.remove_suffix(1);
    }
    return check.take(parse_money(value, currency, field));
}

void check_document_amount(DocumentCheck& check, DocumentKind kind, Money& amount, std::string_view field) {
    if (kind == DocumentKind::credit_note) {
        if (amount.is_zero())
            check.fail("invalid_amount", fmt::format("{} is zero: the credit note reduces nothing", field));
        if (amount.is_negative())
            amount.minor = -amount.minor;
        return;
    }
    if (!amount.is_positive()) {
        check.fail("not_payable", fmt::format("{} is {}: not an invoice to buy (a positive amount is needed)",
                                              field, format_amount(amount)));
    }
}

std::optional<Date> read_iso_date(DocumentCheck& check, std::string_view text, std::string_view field) {
    auto value = trim(text);
    if (value.empty()) {
        check.fail("missing_field", fmt::format("{} is missing", field));
        return std::nullopt;
    }
    if (value.size() > 10 && value[10] == 'T')
        value = value.substr(0, 10);
    return check.take(parse_date(value, field));
}

std::optional<Date> read_optional_iso_date(DocumentCheck& check, std::string_view text,
                                           std::string_view field) {
    if (trim(text).empty())
        return std::nullopt;
    return read_iso_date(check, text, field);
}

std::string country_code(std::string_view text) {
    const auto value = trim(text);
    const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (value.size() != 2 || !letter(value[0]) || !letter(value[1]))
        return {};
    return ascii_upper(value);
}

Error file_error(std::string code, std::string message) {
    return make_error(std::move(code), std::move(message), "file");
}

}  // namespace mf::formats::invoice
