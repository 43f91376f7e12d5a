#include "formats/bank_common.hpp"

#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/string_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <fmt/format.h>

namespace mf::formats {
namespace {

// "derived:" and the name-based UUID (RFC 9562 version 5) of text in a namespace of our own.
std::string derived_name(std::string_view text) {
    static const boost::uuids::uuid kNamespace =
        boost::uuids::string_generator()("2a8891ef-5204-4eb6-a1b4-4d7eb29e810b");
    const boost::uuids::name_generator_sha1 generate(kNamespace);
    return "derived:" + boost::uuids::to_string(generate(text.data(), text.size()));
}

}  // namespace

Error bank_error(std::string code, std::string_view place, std::string_view problem) {
    return make_error(std::move(code), fmt::format("{}: {}", place, problem), std::string(place));
}

Result<Currency> currency_at(std::string_view code, std::string_view place) {
    auto currency = Currency::from_code(code);
    if (!currency)
        return bank_error(currency.error().code, place, currency.error().message);
    return currency.value();
}

Status check_bank_file_size(std::string_view bytes) {
    if (bytes.size() <= kBankFileBytesMax)
        return ok();
    return make_error("file_too_large", fmt::format("the file has {} bytes; a bank file may have at most {}",
                                                    bytes.size(), kBankFileBytesMax));
}

std::string_view trim_space(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

void BankReferences::assign(BankCredit& credit, std::string_view bank_given) {
    std::string reference = bank_given.empty() ? derive(credit) : std::string(bank_given);
    const int earlier = uses_[reference]++;
    if (earlier > 0) {
        // "#n" of a repeat could itself be a reference of the file: count on until the name is free.
        std::string repeated;
        int n = earlier + 1;
        do {
            repeated = fmt::format("{}#{}", reference, n++);
        } while (uses_.count(repeated) != 0);
        uses_[repeated] = 1;
        reference = std::move(repeated);
    }
    credit.bank_reference = std::move(reference);
}

std::string BankReferences::derive(const BankCredit& credit) {
    // Each field with its length in front, so that no two different credits make the same text.
    std::string fingerprint;
    const auto add = [&fingerprint](std::string_view value) {
        fmt::format_to(std::back_inserter(fingerprint), "{}:{};", value.size(), value);
    };
    add(credit.account);
    add(credit.booking_date.to_string());
    add(credit.value_date ? credit.value_date->to_string() : std::string());
    add(std::to_string(credit.amount.minor));
    add(credit.amount.currency.code());
    add(credit.payer_name);
    add(credit.payer_account);
    add(credit.end_to_end_id);
    add(credit.creditor_reference);
    add(credit.remittance);
    add(credit.type_code);
    const int occurrence = fingerprints_[fingerprint]++;
    add(std::to_string(occurrence));
    return derived_name(fingerprint);
}

std::string derived_file_id(std::string_view bytes) {
    return derived_name(bytes);
}

}  // namespace mf::formats
