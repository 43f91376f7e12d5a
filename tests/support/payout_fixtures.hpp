// The factor as the originator of the sample payout files of tests/formats and tests/external, and a date
// helper.
#pragma once

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

}  // namespace mf::test
