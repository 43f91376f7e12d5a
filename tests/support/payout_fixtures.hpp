// The factor as the originator of the sample payout files of tests/formats and tests/external, and a date
// helper.
#pragma once

#include "book/inputs.hpp"
#include "core/date.hpp"
#include "formats/nacha.hpp"
#include "formats/records.hpp"

namespace mf::test {

inline Date day(int year, unsigned month, unsigned day_of_month) {
    return Date::from_ymd(year, month, day_of_month).value();
}

inline Money usd_cents(int64_t cents) {
    return Money{cents, Currency::from_code("USD").value()};
}

// A checking-account advance of the sample files, paid 2026-11-24.
inline formats::PayoutOrder ach_payout(std::string id, int64_t cents) {
    return formats::PayoutOrder{.id = std::move(id),
                                .payee_name = "Acme Widgets Inc",
                                .payee_id = "cli_3",
                                .routing_number = "121042882",
                                .account_number = "12345678",
                                .amount = usd_cents(cents),
                                .execution_date = day(2026, 11, 24)};
}

// A NACHA file made 2026-11-22 14:05, its default description ADVANCE.
inline formats::NachaOptions nacha_options() {
    return formats::NachaOptions{.file_creation_date = day(2026, 11, 22),
                                 .file_creation_minute_of_day = 14 * 60 + 5,
                                 .file_id_modifier = 'A',
                                 .company_entry_description = "ADVANCE"};
}

inline formats::Originator sample_originator() {
    return formats::Originator{.name = "Northwind Factoring LLC",
                               .ach_company_id = "1234567890",
                               .ach_immediate_origin = "031300012",
                               .ach_origin_name = "Northwind Factoring",
                               .ach_odfi_routing = "031300012",
                               .ach_destination = "231380104",
                               .ach_destination_name = "Federal Reserve Bank",
                               .iban = "DE89370400440532013000",
                               .bic = "COBADEFFXXX"};
}

// The same originator as a settings change, for a book that is to write payout files.
inline SettingsChange sample_originator_settings() {
    const auto originator = sample_originator();
    SettingsChange change;
    change.originator_name = originator.name;
    change.ach_company_id = originator.ach_company_id;
    change.ach_immediate_origin = originator.ach_immediate_origin;
    change.ach_origin_name = originator.ach_origin_name;
    change.ach_odfi_routing = originator.ach_odfi_routing;
    change.ach_destination = originator.ach_destination;
    change.ach_destination_name = originator.ach_destination_name;
    change.originator_iban = originator.iban;
    change.originator_bic = originator.bic;
    return change;
}

}  // namespace mf::test
