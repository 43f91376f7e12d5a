// The text folds identifiers, references and CSV column names are compared by.
#include <gtest/gtest.h>

#include "core/text.hpp"

namespace mf {
namespace {

TEST(Text, LettersAndDigitsAreKeptUpperCasedAndTheRestDropped) {
    EXPECT_EQ(letters_and_digits_upper("us 12-345/678"), "US12345678");
    EXPECT_EQ(letters_and_digits_upper("Invoice No."), "INVOICENO");
    EXPECT_EQ(letters_and_digits_upper("invoice_no"), letters_and_digits_upper("InvoiceNo"));
    EXPECT_EQ(letters_and_digits_upper("Müller"), "MLLER");  // only ASCII letters count
    EXPECT_EQ(letters_and_digits_upper(" .-_/ "), "");
}

TEST(Text, AllDigitsIsOneOrMoreDigitsAndNothingElse) {
    EXPECT_TRUE(all_digits("0"));
    EXPECT_TRUE(all_digits("021000021"));
    EXPECT_FALSE(all_digits(""));
    EXPECT_FALSE(all_digits("12 3"));
    EXPECT_FALSE(all_digits("-1"));
    EXPECT_FALSE(all_digits("1.0"));
    EXPECT_FALSE(all_digits("١٢"));  // Arabic-Indic digits are not ASCII digits
}

}  // namespace
}  // namespace mf
