// The factor as the originator of the sample payout files of tests/formats and tests/external, and a date
// helper.
#pragma once

#include "book/inputs.hpp"
#include "core/date.hpp"
#include "formats/records.hpp"

namespace mf::test {

inline Date day(int year, unsigned month, unsigned day_of_month) {
    return Date::from_ymd(year, month, day_of_month).value();
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
