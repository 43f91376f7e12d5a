// Lockbox / generic bank CSV: columns by header name, quoting and BOM, derived and given bank references,
// and the errors of a bad row.
#include <gtest/gtest.h>

#include "formats/bank_test_helpers.hpp"

namespace mf::formats::test {
namespace {

const std::string kLockbox =
    "\xEF\xBB\xBF"
    "Date,Amount,Currency,Payer_Name,Reference\r\n"
    "2025-03-01,1250.00,USD,\"Acme, Inc.\",INV-1001\r\n"
    "2025-03-01,99.5,USD,\"Quote \"\"Q\"\" LLC\",INV-1002\r\n"
    "2025-03-01,1250.00,USD,\"Acme, Inc.\",INV-1001\r\n"
    "2025-03-02,1000,JPY,Nihon KK,\r\n";

TEST(BankLockbox, ReadsRowsIntoCredits) {
    const BankFile file = read_ok(kLockbox);
    EXPECT_EQ(file.format, BankFormat::lockbox_csv);
    EXPECT_TRUE(file.message_id.starts_with("derived:"));
    ASSERT_EQ(file.credits.size(), 4u);
    const BankCredit& first = file.credits[0];
    EXPECT_EQ(first.place, "line 2");
    EXPECT_EQ(first.booking_date.to_string(), "2025-03-01");
    EXPECT_EQ(first.amount, (Money{125000, Currency::from_code("USD").value()}));
    EXPECT_EQ(first.payer_name, "Acme, Inc.");
    EXPECT_EQ(first.creditor_reference, "INV-1001");
    EXPECT_EQ(file.credits[1].payer_name, "Quote \"Q\" LLC");
    EXPECT_EQ(file.credits[1].amount.minor, 9950);
    EXPECT_EQ(file.credits[3].amount, (Money{1000, Currency::from_code("JPY").value()}));

    // The same payment twice in one file: two credits with two references; the file read again: the same.
    EXPECT_TRUE(first.bank_reference.starts_with("derived:"));
    EXPECT_NE(file.credits[2].bank_reference, first.bank_reference);
    const BankFile again = read_ok(kLockbox);
    for (size_t i = 0; i < file.credits.size(); ++i)
        EXPECT_EQ(again.credits[i].bank_reference, file.credits[i].bank_reference);
    EXPECT_EQ(again.message_id, file.message_id);
}

TEST(BankLockbox, UsesTheFilesBankReferenceAndAccountWhenGiven) {
    const BankFile file = read_ok(
        "reference,payer_name,currency,amount,date,bank_reference,account\n"
        "INV-7,Beta AB,EUR,10.00,2025-03-01,LBX-1,LOCKBOX-9\n"
        "INV-8,Beta AB,EUR,20.00,2025-03-01,LBX-1,LOCKBOX-9\n");
    ASSERT_EQ(file.credits.size(), 2u);
    EXPECT_EQ(file.credits[0].bank_reference, "LBX-1");
    EXPECT_EQ(file.credits[1].bank_reference, "LBX-1#2");
    EXPECT_EQ(file.credits[0].account, "LOCKBOX-9");
}

TEST(BankLockbox, BadRowsRejectTheFile) {
    const std::string header = "date,amount,currency,payer_name,reference\n";
    const auto error_of = [&](std::string_view row) { return read_error(header + std::string(row)); };
    EXPECT_EQ(error_of("2025-02-30,1,USD,A,R\n").message,
              "line 2, date: '2025-02-30' is not a real calendar date");
    EXPECT_EQ(error_of("03/01/2025,1,USD,A,R\n").code, "invalid_date");
    EXPECT_EQ(error_of("2025-03-01,1.005,USD,A,R\n").message,
              "line 2, amount: '1.005' has more than 2 decimals");
    EXPECT_EQ(error_of("2025-03-01,1.5,JPY,A,R\n").code, "invalid_amount");
    EXPECT_EQ(error_of("2025-03-01,-5,USD,A,R\n").message,
              "line 2: amount -5.00 is not a payment received; it must be greater than zero");
    EXPECT_EQ(error_of("2025-03-01,5,US,A,R\n").message,
              "line 2: unknown currency 'US' (ISO 4217 code expected)");
    EXPECT_EQ(error_of("2025-03-01,5,USD,\"A,R\n").code, "invalid_csv");
    EXPECT_EQ(read_error("date,amount,currency,reference\n2025-03-01,5,USD,R\n").message,
              "header row: the header has no 'payer_name' column; a lockbox file has date, amount, currency, "
              "payer_name, reference");
}

}  // namespace
}  // namespace mf::formats::test
