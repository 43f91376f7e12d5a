// Shared by the store tests: a temporary book per test (its directory removed afterwards), records with every
// field set to a non-default value, and field-by-field comparisons. Thread-safety: one test thread.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "core/fee_text.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace mf::testing {

inline Currency usd() {
    return Currency::from_code("USD").value();
}
inline Currency eur() {
    return Currency::from_code("EUR").value();
}
inline Date day(int year, unsigned month, unsigned day_of_month) {
    return Date::from_ymd(year, month, day_of_month).value();
}

// A test with a new book open in its own directory.
class BookTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto opened = open_sqlite_store(book_path(), OpenMode::create_new);
        ASSERT_TRUE(opened) << opened.error().message;
        store = std::move(opened).value();
    }

    std::string book_path() const { return dir.file("book.sqlite"); }

    // Runs fn in a write transaction and expects it to commit.
    void write(const std::function<Status(Transaction&)>& fn) {
        auto status = store->write(fn);
        ASSERT_TRUE(status) << status.error().code << ": " << status.error().message;
    }
    void read(const std::function<Status(Transaction&)>& fn) {
        auto status = store->read(fn);
        ASSERT_TRUE(status) << status.error().code << ": " << status.error().message;
    }

    TempDir dir;
    std::unique_ptr<Store> store;
};

inline FeeSchedule fee_schedule(std::string_view text, Currency currency = usd()) {
    return parse_fee_schedule(text, currency).value();
}

inline Client sample_client() {
    Client client;
    client.name = "Acme Widgets — Société";
    client.currency = usd();
    client.terms.advance_rate_ppm = 850'000;
    client.terms.fee_schedule = fee_schedule("flat 2%/30d +1%/15d basis=advance min_fee=5.00 min_days=10");
    client.terms.factoring_limit_minor = 50'000'00;
    client.terms.recourse = RecourseKind::non_recourse;
    client.terms.recourse_days = 60;
    client.terms.clearance_days = 3;
    client.terms.concentration_limit_ppm = 400'000;
    client.status = ClientStatus::suspended;
    client.email = "ap@acme.example";
    client.tax_id = "12-3456789";
    return client;
}

inline Debtor sample_debtor() {
    Debtor debtor;
    debtor.name = "Big Retail Inc.";
    debtor.currency = usd();
    debtor.credit_limit_minor = 250'000'00;
    debtor.email = "payables@bigretail.example";
    debtor.tax_id = "98-7654321";
    return debtor;
}

// Every field differs from its default, so a column that is not written or read back shows.
inline Invoice sample_invoice(int64_t client_id, int64_t debtor_id, int64_t schedule_id, std::string number) {
    Invoice invoice;
    invoice.client_id = client_id;
    invoice.debtor_id = debtor_id;
    invoice.schedule_id = schedule_id;
    invoice.number = std::move(number);
    invoice.currency = usd();
    invoice.face_minor = 1'000'00;
    invoice.issue_date = day(2025, 3, 1);
    invoice.due_date = day(2025, 3, 31);
    invoice.state = InvoiceState::funded;
    invoice.verification = Verification::verified;
    invoice.disputed = true;
    invoice.review_reasons = "concentration,cross_age";
    invoice.override_reason = "known debtor";
    invoice.advance_rate_ppm = 900'000;
    invoice.fee_schedule = fee_schedule("tiered 2%/10d 3%/20d after 5% min_days=3");
    invoice.clearance_days = 2;
    invoice.recourse = RecourseKind::non_recourse;
    invoice.recourse_days = 75;
    invoice.funded_on = day(2025, 3, 2);
    invoice.advance_minor = 900'00;
    invoice.collected_minor = 300'00;
    invoice.diluted_minor = 10'00;
    invoice.charged_back_minor = 20'00;
    invoice.written_off_minor = 30'00;
    invoice.misdirected_minor = 40'00;
    invoice.last_payment_on = day(2025, 3, 20);
    invoice.fee_settled_minor = 25'00;
    invoice.closed_on = day(2025, 3, 21);
    invoice.version = 3;
    return invoice;
}

// A plain submitted invoice, as an import would insert it.
inline Invoice submitted_invoice(int64_t client_id, int64_t debtor_id, std::string number,
                                 int64_t face_minor) {
    Invoice invoice;
    invoice.client_id = client_id;
    invoice.debtor_id = debtor_id;
    invoice.number = std::move(number);
    invoice.currency = usd();
    invoice.face_minor = face_minor;
    invoice.issue_date = day(2025, 3, 1);
    invoice.due_date = day(2025, 3, 31);
    return invoice;
}

inline void expect_same(const Client& a, const Client& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.currency, b.currency);
    EXPECT_EQ(a.terms.advance_rate_ppm, b.terms.advance_rate_ppm);
    EXPECT_EQ(a.terms.fee_schedule, b.terms.fee_schedule);
    EXPECT_EQ(a.terms.factoring_limit_minor, b.terms.factoring_limit_minor);
    EXPECT_EQ(a.terms.recourse, b.terms.recourse);
    EXPECT_EQ(a.terms.recourse_days, b.terms.recourse_days);
    EXPECT_EQ(a.terms.clearance_days, b.terms.clearance_days);
    EXPECT_EQ(a.terms.concentration_limit_ppm, b.terms.concentration_limit_ppm);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.email, b.email);
    EXPECT_EQ(a.tax_id, b.tax_id);
    EXPECT_EQ(a.version, b.version);
}

inline void expect_same(const Debtor& a, const Debtor& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.currency, b.currency);
    EXPECT_EQ(a.credit_limit_minor, b.credit_limit_minor);
    EXPECT_EQ(a.email, b.email);
    EXPECT_EQ(a.tax_id, b.tax_id);
    EXPECT_EQ(a.version, b.version);
}

inline void expect_same(const Invoice& a, const Invoice& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.client_id, b.client_id);
    EXPECT_EQ(a.debtor_id, b.debtor_id);
    EXPECT_EQ(a.schedule_id, b.schedule_id);
    EXPECT_EQ(a.number, b.number);
    EXPECT_EQ(a.currency, b.currency);
    EXPECT_EQ(a.face_minor, b.face_minor);
    EXPECT_EQ(a.issue_date, b.issue_date);
    EXPECT_EQ(a.due_date, b.due_date);
    EXPECT_EQ(a.state, b.state);
    EXPECT_EQ(a.verification, b.verification);
    EXPECT_EQ(a.disputed, b.disputed);
    EXPECT_EQ(a.review_reasons, b.review_reasons);
    EXPECT_EQ(a.override_reason, b.override_reason);
    EXPECT_EQ(a.advance_rate_ppm, b.advance_rate_ppm);
    EXPECT_EQ(a.fee_schedule, b.fee_schedule);
    EXPECT_EQ(a.clearance_days, b.clearance_days);
    EXPECT_EQ(a.recourse, b.recourse);
    EXPECT_EQ(a.recourse_days, b.recourse_days);
    EXPECT_EQ(a.funded_on, b.funded_on);
    EXPECT_EQ(a.advance_minor, b.advance_minor);
    EXPECT_EQ(a.collected_minor, b.collected_minor);
    EXPECT_EQ(a.diluted_minor, b.diluted_minor);
    EXPECT_EQ(a.charged_back_minor, b.charged_back_minor);
    EXPECT_EQ(a.written_off_minor, b.written_off_minor);
    EXPECT_EQ(a.misdirected_minor, b.misdirected_minor);
    EXPECT_EQ(a.last_payment_on, b.last_payment_on);
    EXPECT_EQ(a.fee_settled_minor, b.fee_settled_minor);
    EXPECT_EQ(a.closed_on, b.closed_on);
    EXPECT_EQ(a.version, b.version);
}

// The success or the error of a result, its value dropped.
template <class T>
Status status_of(const Result<T>& result) {
    if (!result)
        return result.error();
    return ok();
}

// Inserts a client and a debtor for tests that need someone to own invoices and postings.
struct Parties {
    int64_t client_id = 0;
    int64_t debtor_id = 0;
};
inline Result<Parties> insert_parties(Transaction& tx) {
    Parties parties;
    MF_TRY(parties.client_id, tx.insert_client(sample_client()));
    MF_TRY(parties.debtor_id, tx.insert_debtor(sample_debtor()));
    return parties;
}

}  // namespace mf::testing
