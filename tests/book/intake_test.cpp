// Invoice intake and bank-file loading over records as formats/ reads them: debtor matching, the named intake
// rules, all-or-nothing and partial files, credit notes as dilution, and statements that load once.
#include <gtest/gtest.h>

#include "book/debtor_match.hpp"
#include "core/ids.hpp"
#include "fixture.hpp"

namespace mf::testing {
namespace {

using formats::DocumentKind;
using formats::InvoiceDocument;
using formats::InvoiceFile;

Money dollars(int64_t minor) {
    return Money{minor, usd()};
}

TEST(DebtorMatch, NamesAndIdsFoldAsPeopleWriteThem) {
    EXPECT_EQ(normalise_company_name("ACME Corp., Inc."), "acme");
    EXPECT_EQ(normalise_company_name("The Müller Bau GmbH"), "müller bau");
    EXPECT_EQ(normalise_company_name("Smith & Sons Ltd."), "smith and sons");
    EXPECT_EQ(normalise_company_name("A.B.C. Trading Co"), "abc trading");
    EXPECT_EQ(normalise_company_name("Inc"), "inc");  // a name that is only a legal form keeps it
    EXPECT_EQ(normalise_identifier("se 556677-8899"), "SE5566778899");
    EXPECT_EQ(company_mail_domain("ap@Acme.COM"), "acme.com");
    EXPECT_EQ(company_mail_domain("bob@gmail.com"), "");
    EXPECT_EQ(company_mail_domain("no-at-sign"), "");
}

TEST(DebtorMatch, IdThenDomainThenNameAndUnsureWhenOnlyNear) {
    const std::vector<Debtor> debtors{
        {1, "Acme Corporation", usd(), 0, "ap@acme.com", "US12-3456789"},
        {2, "Acme Corp", usd(), 0, "", "US98-7654321"},
        {3, "Globex LLC", usd(), 0, "pay@globex.io", ""},
        {4, "Initech Inc", usd(), 0, "", ""},
        {5, "Initech", usd(), 0, "", ""},
    };
    auto by_tax = match_debtor({.name = "Acme", .tax_id = "us 12 3456789"}, debtors);
    EXPECT_TRUE(by_tax.sure);
    EXPECT_EQ(by_tax.debtor_id, 1);
    EXPECT_EQ(by_tax.basis, MatchBasis::tax_id);
    auto by_ref = match_debtor({.name = "whatever", .external_ref = "dbt_3"}, debtors);
    EXPECT_EQ(by_ref.debtor_id, 3);
    EXPECT_EQ(by_ref.basis, MatchBasis::debtor_id);
    // A bare number is the seller's own customer number (QuickBooks CustomerRef "4"), never our debtor 4.
    auto their_number = match_debtor({.name = "Globex LLC", .external_ref = "4"}, debtors);
    EXPECT_EQ(their_number.debtor_id, 3);
    EXPECT_EQ(their_number.basis, MatchBasis::name);
    auto only_their_number = match_debtor({.name = "", .external_ref = "4"}, debtors);
    EXPECT_FALSE(only_their_number.debtor_id.has_value());
    auto by_domain = match_debtor({.name = "Globex Europe", .email = "invoices@GLOBEX.io"}, debtors);
    EXPECT_TRUE(by_domain.sure);
    EXPECT_EQ(by_domain.debtor_id, 3);
    auto by_name = match_debtor({.name = "GLOBEX, L.L.C."}, debtors);
    EXPECT_EQ(by_name.basis, MatchBasis::name);
    EXPECT_TRUE(by_name.sure) << by_name.explanation;
    // Two debtors fold to the same name: a person decides.
    auto ambiguous = match_debtor({.name = "Initech"}, debtors);
    EXPECT_FALSE(ambiguous.sure);
    EXPECT_NE(ambiguous.explanation.find("several debtors"), std::string::npos);
    auto near = match_debtor({.name = "Globexx"}, debtors);
    EXPECT_FALSE(near.sure);
    EXPECT_EQ(near.debtor_id, 3);
    EXPECT_EQ(near.basis, MatchBasis::similar_name);
    auto none = match_debtor({.name = "Umbrella Holdings"}, debtors);
    EXPECT_FALSE(none.debtor_id.has_value());
    EXPECT_NE(none.explanation.find("add the debtor first"), std::string::npos);
}

class IntakeTest : public BookTest {
  public:
    void SetUp() override {
        BookTest::SetUp();
        client = add_client("flat 2%/30d +1%/15d");
        debtor = must(book->add_debtor(
            staff, {"Northwind Traders Inc", usd(), 500'000'00, "ap@northwind.test", "US11-1111111"}));
        today = book->settings().value().business_date;
    }

    InvoiceDocument invoice(std::string number, int64_t face_minor,
                            std::string debtor_name = "Northwind Traders") {
        InvoiceDocument document;
        document.place = "row " + std::to_string(++rows_made);
        document.number = std::move(number);
        document.issue_date = today.plus_days(-3);
        document.due_date = today.plus_days(27);
        document.amount = dollars(face_minor);
        document.seller.name = client.name;
        document.debtor.name = std::move(debtor_name);
        return document;
    }

    IntakeResult import(const InvoiceFile& file, bool partial = false) {
        return must(book->import_invoices(staff, file, {client.id, partial, "test.csv"}));
    }

    static const IntakeRow& row_of(const IntakeResult& result, std::string_view number) {
        for (const auto& row : result.rows) {
            if (row.number == number)
                return row;
        }
        ADD_FAILURE() << "no row " << number;
        std::abort();
    }

    Client client;
    Debtor debtor;
    Date today;
    int rows_made = 0;
};

TEST_F(IntakeTest, AcceptedRowsBecomeOneSchedule) {
    InvoiceFile file;
    file.documents = {invoice("INV-1", 1'000'00), invoice("INV-2", 2'500'00)};
    const auto result = import(file);
    EXPECT_TRUE(result.written);
    EXPECT_EQ(result.accepted, 2u);
    ASSERT_EQ(result.schedules.size(), 1u);
    EXPECT_EQ(result.schedules.front().invoice_count, 2u);
    EXPECT_EQ(result.schedules.front().face_minor, 3'500'00);
    ASSERT_TRUE(result.schedule);
    EXPECT_EQ(result.schedule->schedule.id, result.schedules.front().schedule.id);
    ASSERT_EQ(result.schedule->invoices.size(), 2u);
    EXPECT_EQ(row_of(result, "INV-2").invoice_id, result.schedule->invoices[1].id);
    EXPECT_EQ(row_of(result, "INV-1").debtor_id, debtor.id);
    EXPECT_EQ(row_of(result, "INV-1").debtor_match, "name");
    EXPECT_FALSE(result.schedule->invoices[0].needs_review());
    expect_clean();
}

TEST_F(IntakeTest, AFileOverAScheduleMostSplitsIntoSchedulesInFileOrder) {
    InvoiceFile file;
    const size_t count = Book::kMaxScheduleInvoices + 3;
    for (size_t n = 1; n <= count; ++n)
        file.documents.push_back(invoice("BULK-" + std::to_string(n), 100'00 + static_cast<int64_t>(n)));
    // Auto-approval on: it decides every schedule of the file, not only the first.
    AutoApprovalChange rules;
    rules.mode = AutoApprovalMode::on;
    rules.invoice_max_minor = std::optional<int64_t>(5'000'00);
    rules.schedule_max_minor = std::optional<int64_t>(20'000'00);
    must(book->set_auto_approval(staff, rules));
    const auto result = import(file);
    EXPECT_TRUE(result.written);
    EXPECT_EQ(result.accepted, count);
    ASSERT_EQ(result.schedules.size(), 2u);
    EXPECT_EQ(result.schedules[0].invoice_count, Book::kMaxScheduleInvoices);
    EXPECT_EQ(result.schedules[1].invoice_count, 3u);
    // The second schedule's face: the last three rows, 100.00 plus their row numbers in cents.
    EXPECT_EQ(result.schedules[1].face_minor, 3 * 100'00 + static_cast<int64_t>(3 * count - 3));
    // Only the first schedule keeps its invoices; each row names its own, and the book has it.
    ASSERT_TRUE(result.schedule);
    EXPECT_EQ(result.schedule->invoices.size(), Book::kMaxScheduleInvoices);
    const auto last_id = row_of(result, "BULK-" + std::to_string(count)).invoice_id;
    ASSERT_TRUE(last_id);
    const auto last = must(book->invoice(*last_id));
    EXPECT_EQ(last.number, "BULK-" + std::to_string(count));
    EXPECT_EQ(last.schedule_id, result.schedules[1].schedule.id);
    for (const auto& submitted : result.schedules) {
        ASSERT_TRUE(submitted.auto_approval) << submitted.schedule.id;
        EXPECT_EQ(submitted.auto_approval->schedule_id, submitted.schedule.id);
        const auto recorded = must(book->auto_approval_decisions(submitted.schedule.id));
        ASSERT_EQ(recorded.size(), 1u);
        EXPECT_EQ(recorded.front().id, submitted.auto_approval->id);
    }
    // The first schedule's 10,000 invoices are over the schedule's 20,000.00: it waits for a person.
    EXPECT_FALSE(result.schedules[0].auto_approval->approved);
    EXPECT_EQ(result.schedules[0].schedule.state, ScheduleState::open);
    expect_clean();
}

// Invoices submitted by form or API skip intake; approval looks again for twins and related parties.
TEST_F(IntakeTest, ApprovalHoldsAnInvoiceAnotherClientAlsoPledged) {
    const Client other = add_client("flat 2%/30d +1%/15d");
    const auto submit = [&](const Client& by, const std::string& number) {
        NewSchedule schedule{
            by.id, {{debtor.id, number, 4'321'00, usd(), today.plus_days(-2), today.plus_days(28)}}};
        return must(book->submit_schedule(staff, schedule)).invoices.front().id;
    };
    const int64_t mine = submit(client, "A-77");
    const int64_t theirs = submit(other, "B-12");  // the same debtor, face and date, another client
    const auto held = must(book->approve_invoices(staff, {{mine}, ""}));
    ASSERT_EQ(held.size(), 1u);
    EXPECT_FALSE(held.front().approved);
    EXPECT_EQ(held.front().rules, "possible_double_pledge");
    EXPECT_NE(held.front().message.find(format_id(IdKind::invoice, theirs)), std::string::npos);
    EXPECT_EQ(held.front().invoice.review_reasons, "possible_double_pledge");
    // A person who called the debtor approves it over the rule, and says so.
    const auto approved = must(book->approve_invoices(staff, {{mine}, "debtor confirmed both are real"}));
    EXPECT_TRUE(approved.front().approved);
    EXPECT_TRUE(approved.front().overridden);
    expect_clean();
}

TEST_F(IntakeTest, ApprovalHoldsADebtorThatSharesTheClientsTaxId) {
    NewClient related;
    related.name = "Northwind Supplies";
    related.currency = usd();
    related.tax_id = "US 11-1111111";  // Northwind Traders' own
    related.terms.fee_schedule = parse_fee_schedule("flat 2%/30d +1%/15d", usd()).value();
    related.terms.factoring_limit_minor = 1'000'000'00;
    const Client sister = must(book->add_client(staff, related));
    NewSchedule schedule{sister.id, {{debtor.id, "S-1", 900'00, usd(), today, today.plus_days(30)}}};
    const int64_t id = must(book->submit_schedule(staff, schedule)).invoices.front().id;
    const auto held = must(book->approve_invoices(staff, {{id}, ""}));
    EXPECT_FALSE(held.front().approved);
    EXPECT_EQ(held.front().rules, "related_party");
    EXPECT_NE(held.front().message.find("tax id"), std::string::npos);
}

TEST_F(IntakeTest, OneBadRowStopsTheFileUnlessPartial) {
    InvoiceFile file;
    file.documents = {invoice("INV-1", 1'000'00), invoice("INV-2", 500'00, "Umbrella Holdings")};
    file.problems = {{"row 9", "invalid_amount", "row 9: amount \"12,5\" is not a decimal number"}};
    const auto before = fingerprint();
    const auto all_or_nothing = import(file);
    EXPECT_FALSE(all_or_nothing.written);
    EXPECT_EQ(all_or_nothing.rejected, 2u);
    EXPECT_EQ(row_of(all_or_nothing, "INV-2").rules, std::vector<std::string>{"unknown_debtor"});
    EXPECT_EQ(fingerprint(), before);

    const auto partial = import(file, true);
    EXPECT_TRUE(partial.written);
    EXPECT_EQ(partial.accepted, 1u);
    EXPECT_EQ(partial.rejected, 2u);
    ASSERT_EQ(partial.schedules.size(), 1u);
    EXPECT_EQ(partial.schedules.front().invoice_count, 1u);
    ASSERT_TRUE(partial.schedule);
    EXPECT_EQ(partial.schedule->invoices.size(), 1u);
}

TEST_F(IntakeTest, DuplicatesAndBadDatesAreRejectedByName) {
    fund_one(client, debtor, 700'00);  // number N-1
    InvoiceFile file;
    auto stale = invoice("OLD-1", 100'00);
    stale.issue_date = today.plus_days(-200);
    auto no_due = invoice("NODUE-1", 100'00);
    no_due.due_date.reset();
    file.documents = {invoice("N-1", 700'00), invoice("DUP", 100'00), invoice("DUP", 100'00), stale, no_due};
    const auto result = import(file, true);
    EXPECT_EQ(row_of(result, "N-1").rules, std::vector<std::string>{"duplicate_invoice"});
    EXPECT_EQ(result.rows[2].rules, std::vector<std::string>{"duplicate_invoice"});
    EXPECT_EQ(result.rows[2].outcome, RowOutcome::rejected);
    EXPECT_EQ(row_of(result, "OLD-1").rules, std::vector<std::string>{"stale_invoice_date"});
    EXPECT_EQ(row_of(result, "NODUE-1").rules, std::vector<std::string>{"missing_due_date"});
    EXPECT_EQ(result.accepted, 1u);
}

TEST_F(IntakeTest, SuspiciousRowsAreHeldWithTheirRules) {
    // Another client already has an open invoice to the same debtor with the same amount and date.
    const auto other = add_client("flat 2%/30d +1%/15d");
    NewSchedule pledged{other.id,
                        {{debtor.id, "X-77", 1'234'00, usd(), today.plus_days(-3), today.plus_days(27)}}};
    must(book->submit_schedule(staff, pledged));
    // A history of small invoices makes a large one an outlier.
    for (int i = 0; i < 3; ++i)
        fund_one(client, debtor, 1'000'00);

    InvoiceFile file;
    auto assigned = invoice("ASSIGNED-1", 900'00);
    assigned.payee =
        std::make_shared<const formats::PartyIdentity>(formats::PartyIdentity{.name = "Other Factoring LLC"});
    auto ours = invoice("OURS-1", 900'00);
    ours.payee = std::make_shared<const formats::PartyIdentity>(
        formats::PartyIdentity{.name = "Test Book"});  // this book's own name: assigned to us
    file.documents = {invoice("PLEDGED-1", 1'234'00), assigned, ours, invoice("BIG-1", 6'000'00),
                      invoice("NEAR-1", 800'00, "Northwind Trader")};
    const auto result = import(file);
    ASSERT_TRUE(result.written);
    EXPECT_EQ(row_of(result, "PLEDGED-1").rules, std::vector<std::string>{"possible_double_pledge"});
    EXPECT_EQ(row_of(result, "ASSIGNED-1").rules, std::vector<std::string>{"already_assigned"});
    EXPECT_EQ(row_of(result, "OURS-1").outcome, RowOutcome::accepted);
    EXPECT_EQ(row_of(result, "BIG-1").rules, std::vector<std::string>{"amount_outlier"});
    EXPECT_EQ(row_of(result, "NEAR-1").rules, std::vector<std::string>{"debtor_match_unsure"});
    EXPECT_EQ(result.held, 4u);

    // The hold is on the invoice: approving it needs a person's reason.
    const auto held = must(book->invoice(*row_of(result, "PLEDGED-1").invoice_id));
    EXPECT_EQ(held.review_reasons, "possible_double_pledge");
    const auto refused = book->approve_invoices(staff, {{held.id}, ""});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "needs_review");
    const auto approved =
        must(book->approve_invoices(staff, {{held.id}, "called the debtor: a real invoice"}));
    EXPECT_TRUE(approved.at(0).approved);
    const auto history = must(book->invoice_history(held.id));
    bool hold_recorded = false;
    for (const auto& event : history.events)
        hold_recorded |= event.action == "invoice.hold";
    EXPECT_TRUE(hold_recorded);
}

TEST_F(IntakeTest, RelatedPartiesAreHeld) {
    must(book->update_client(staff, client.id, ClientChange{.tax_id = std::string("US11-1111111")}));
    InvoiceFile file;
    file.documents = {invoice("REL-1", 500'00)};
    const auto result = import(file);
    EXPECT_EQ(row_of(result, "REL-1").rules, std::vector<std::string>{"related_party"});
}

TEST_F(IntakeTest, CreditNotesDiluteFundedInvoices) {
    const auto funded = fund_one(client, debtor, 1'000'00);  // N-1
    InvoiceFile file;
    auto note = invoice("CN-1", 250'00);
    note.kind = DocumentKind::credit_note;
    note.referenced_invoices = {"N-1"};
    auto unmatched = invoice("CN-2", 10'00);
    unmatched.kind = DocumentKind::credit_note;
    unmatched.referenced_invoices = {"NOPE"};
    auto too_big = invoice("CN-3", 900'00);
    too_big.kind = DocumentKind::credit_note;
    too_big.referenced_invoices = {"N-1"};
    file.documents = {note, unmatched, too_big};
    const auto result = import(file, true);
    ASSERT_TRUE(result.written);
    EXPECT_EQ(row_of(result, "CN-1").outcome, RowOutcome::accepted);
    EXPECT_EQ(row_of(result, "CN-2").rules, std::vector<std::string>{"credit_note_unmatched"});
    EXPECT_EQ(row_of(result, "CN-3").rules, std::vector<std::string>{"credit_note_exceeds_outstanding"});
    EXPECT_TRUE(result.schedules.empty());
    EXPECT_FALSE(result.schedule);
    const auto after = must(book->invoice(funded.id));
    EXPECT_EQ(after.diluted_minor, 250'00);
    EXPECT_EQ(after.outstanding_minor(), 750'00);
    EXPECT_EQ(after.state, InvoiceState::funded);
    expect_clean();

    // A note for what is left closes the invoice.
    auto rest = invoice("CN-4", 750'00);
    rest.kind = DocumentKind::credit_note;
    rest.referenced_invoices = {"N-1"};
    file.documents = {rest};
    ASSERT_TRUE(import(file).written);
    EXPECT_EQ(must(book->invoice(funded.id)).state, InvoiceState::closed);
    expect_clean();
}

TEST_F(IntakeTest, CreditNoteOnAnUnfundedInvoiceHoldsIt) {
    InvoiceFile first;
    first.documents = {invoice("INV-9", 1'000'00)};
    const auto submitted = import(first);
    InvoiceFile second;
    auto note = invoice("CN-9", 100'00);
    note.kind = DocumentKind::credit_note;
    note.referenced_invoices = {"INV-9"};
    second.documents = {note};
    const auto result = import(second);
    EXPECT_EQ(result.rows.at(0).outcome, RowOutcome::held);
    EXPECT_EQ(must(book->invoice(*submitted.rows.at(0).invoice_id)).review_reasons, "credit_note");
}

formats::BankCredit credit(std::string reference, int64_t minor, Date on) {
    formats::BankCredit line;
    line.place = "Ntry[" + reference + "]";
    line.account = "DE89370400440532013000";
    line.bank_reference = std::move(reference);
    line.booking_date = on;
    line.value_date = on;
    line.amount = dollars(minor);
    line.payer_name = "Northwind Traders";
    line.remittance = "INV-1 INV-2";
    line.end_to_end_id = "E2E-1";
    return line;
}

TEST_F(IntakeTest, BankFilesLoadOnce) {
    formats::BankFile file;
    file.message_id = "STMT-2026-06-01";
    file.credits = {credit("BR-1", 1'000'00, today), credit("BR-2", 250'50, today.plus_days(-1))};
    file.debits_skipped = 3;
    const auto first = must(book->import_bank_file(staff, file, "statement.xml"));
    ASSERT_EQ(first.recorded.size(), 2u);
    EXPECT_EQ(first.debits_skipped, 3);
    EXPECT_EQ(first.recorded[0].receipt.unapplied_minor, 1'000'00);
    EXPECT_EQ(first.recorded[0].receipt.reference, "INV-1 INV-2");
    EXPECT_EQ(first.recorded[0].receipt.source, "camt053:STMT-2026-06-01");
    EXPECT_EQ(first.recorded[1].receipt.received_on, today.plus_days(-1));
    expect_clean();

    const auto before = fingerprint();
    const auto again = must(book->import_bank_file(staff, file, "statement.xml"));
    EXPECT_TRUE(again.recorded.empty());
    ASSERT_EQ(again.duplicates.size(), 2u);
    EXPECT_EQ(again.duplicates[0].receipt_id, first.recorded[0].receipt.id);
    EXPECT_EQ(fingerprint(), before);

    // A new line in a later statement is booked; the old ones are not.
    file.credits.push_back(credit("BR-3", 75'00, today));
    const auto later = must(book->import_bank_file(staff, file, "statement-2.xml"));
    EXPECT_EQ(later.recorded.size(), 1u);
    EXPECT_EQ(later.duplicates.size(), 2u);
}

TEST_F(IntakeTest, ABadCreditStopsTheWholeStatement) {
    formats::BankFile file;
    file.message_id = "STMT-X";
    file.credits = {credit("BR-1", 1'000'00, today), credit("BR-2", 5'00, today.plus_days(2))};
    const auto before = fingerprint();
    const auto refused = book->import_bank_file(staff, file, "x.xml");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "future_date");
    EXPECT_EQ(refused.error().message.rfind("Ntry[BR-2]: ", 0), 0u) << refused.error().message;
    EXPECT_EQ(fingerprint(), before);
}

TEST_F(IntakeTest, StatementsApplyThemselvesWhereCertain) {
    const auto first = fund_one(client, debtor, 1'000'00);   // N-1
    const auto second = fund_one(client, debtor, 2'500'00);  // N-2
    const auto third = fund_one(client, debtor, 640'00);     // N-3
    formats::BankFile file;
    file.message_id = "STMT-AUTO";
    auto named = credit("BR-1", 3'500'00, today);
    named.remittance = "Invoices N-1 and N-2";
    auto vague = credit("BR-2", 300'00, today);  // no invoice owes 300
    vague.remittance = "thank you";
    file.credits = {named, vague};
    must(book->import_bank_file(staff, file, "auto.xml"));

    const auto result = must(book->auto_apply(staff, {}));
    ASSERT_EQ(result.receipts.size(), 2u);
    EXPECT_EQ(result.applied, 1u);
    EXPECT_TRUE(result.receipts[0].applied) << result.receipts[0].reason;
    EXPECT_EQ(result.receipts[0].applications.size(), 2u);
    EXPECT_EQ(result.receipts[0].debtor_id, debtor.id);
    EXPECT_FALSE(result.receipts[1].applied);
    EXPECT_EQ(must(book->invoice(first.id)).state, InvoiceState::closed);
    EXPECT_EQ(must(book->invoice(second.id)).state, InvoiceState::closed);
    EXPECT_EQ(must(book->invoice(third.id)).state, InvoiceState::funded);
    const auto history = must(book->invoice_history(first.id));
    EXPECT_NE(history.events.back().detail.find("automatic"), std::string::npos);
    expect_clean();

    // A second run finds nothing new to do.
    const auto before = fingerprint();
    EXPECT_EQ(must(book->auto_apply(staff, {})).applied, 0u);
    EXPECT_EQ(fingerprint(), before);

    // 640 from the debtor with no reference: the only invoice of that amount.
    formats::BankFile later;
    later.message_id = "STMT-AUTO-2";
    auto by_amount = credit("BR-3", 640'00, today);
    by_amount.remittance = "";
    later.credits = {by_amount};
    const auto loaded = must(book->import_bank_file(staff, later, "auto2.xml"));
    const auto suggested = must(book->cash_suggestions(loaded.recorded.at(0).receipt.id));
    EXPECT_EQ(suggested.certain.size(), 1u);
    EXPECT_EQ(must(book->auto_apply(staff, {loaded.recorded.at(0).receipt.id})).applied, 1u);
    EXPECT_EQ(must(book->invoice(third.id)).state, InvoiceState::closed);
    expect_clean();
}

// Intake matches each distinct way a file names a customer once and reads each debtor's relation to the
// client once: rows naming the same debtor in another way, or a related debtor among unrelated ones, are
// still judged each by its own fields.
TEST_F(IntakeTest, EachRowIsMatchedAndJudgedByItsOwnFieldsInAFileOfRepeats) {
    const auto sister = must(
        book->add_debtor(staff, {"Sister Company AB", usd(), 500'000'00, "ap@sister.test", "SE5566778899"}));
    must(book->update_client(staff, client.id, ClientChange{.tax_id = std::string("SE 556677-8899")}));
    InvoiceFile file;
    for (int n = 1; n <= 6; ++n) {
        file.documents.push_back(invoice("NAME-" + std::to_string(n), 100'00 + n));  // Northwind by name
        auto by_ref = invoice("REF-" + std::to_string(n), 200'00 + n, "Someone Else Entirely");
        by_ref.debtor.external_ref = format_id(IdKind::debtor, debtor.id);  // Northwind by our id
        file.documents.push_back(by_ref);
        file.documents.push_back(invoice("SIS-" + std::to_string(n), 300'00 + n, "Sister Company"));
        // The same name with and without a reference: two keys, the second one matched by its reference.
        auto sister_ref = invoice("SISREF-" + std::to_string(n), 400'00 + n, "Northwind Traders");
        sister_ref.debtor.external_ref = format_id(IdKind::debtor, sister.id);
        file.documents.push_back(sister_ref);
    }
    file.documents.push_back(invoice("NOBODY-1", 100'00, "Umbrella Holdings"));
    const auto result = import(file, true);
    for (int n = 1; n <= 6; ++n) {
        const auto& by_name = row_of(result, "NAME-" + std::to_string(n));
        EXPECT_EQ(by_name.debtor_id, debtor.id);
        EXPECT_EQ(by_name.debtor_match, "name");
        EXPECT_EQ(by_name.outcome, RowOutcome::accepted);
        const auto& by_ref = row_of(result, "REF-" + std::to_string(n));
        EXPECT_EQ(by_ref.debtor_id, debtor.id);
        EXPECT_EQ(by_ref.debtor_match, "debtor_id");
        EXPECT_EQ(by_ref.outcome, RowOutcome::accepted);
        const auto& related = row_of(result, "SIS-" + std::to_string(n));
        EXPECT_EQ(related.debtor_id, sister.id);
        EXPECT_EQ(related.rules, std::vector<std::string>{"related_party"});
        const auto& sister_ref = row_of(result, "SISREF-" + std::to_string(n));
        EXPECT_EQ(sister_ref.debtor_id, sister.id);
        EXPECT_EQ(sister_ref.debtor_match, "debtor_id");
        EXPECT_EQ(sister_ref.rules, std::vector<std::string>{"related_party"});
    }
    EXPECT_EQ(row_of(result, "NOBODY-1").rules, std::vector<std::string>{"unknown_debtor"});
    EXPECT_EQ(result.accepted, 12u);
    EXPECT_EQ(result.held, 12u);
    EXPECT_EQ(result.rejected, 1u);
    expect_clean();
}

// A file's bytes are judged row by row as they are read: the rows come back in file order, a row that
// cannot be read among them; a file that breaks partway is refused whole and changes nothing.
TEST_F(IntakeTest, BytesAreJudgedAsTheyAreReadInFileOrder) {
    const std::string header = "invoice_number,debtor_name,invoice_date,due_date,amount,currency\n";
    const auto line = [&](std::string_view number, std::string_view debtor_name, std::string_view amount) {
        return std::string(number) + ",\"" + std::string(debtor_name) + "\"," +
               today.plus_days(-3).to_string() + "," + today.plus_days(27).to_string() + "," +
               std::string(amount) + ",USD\n";
    };
    const std::string text =
        header + line("C-1", "Northwind Traders", "1000.00") + line("C-2", "Northwind Traders", "\"12,5\"") +
        line("C-3", "Umbrella Holdings", "300.00") + line("C-4", "Northwind Traders", "450.00");
    const auto import_text = [&](std::string_view bytes, bool partial) {
        return book->import_invoices(staff, bytes, std::nullopt, {}, {client.id, partial, "stream.csv"});
    };
    const auto before = fingerprint();
    const auto refused = must(import_text(text, false));
    EXPECT_FALSE(refused.written);
    EXPECT_EQ(fingerprint(), before);

    const auto result = must(import_text(text, true));
    EXPECT_TRUE(result.written);
    EXPECT_EQ(result.format, formats::InvoiceFormat::csv);
    ASSERT_EQ(result.rows.size(), 4u);
    EXPECT_EQ(result.rows[0].place, "row 1 (line 2)");
    EXPECT_EQ(result.rows[0].outcome, RowOutcome::accepted);
    EXPECT_EQ(result.rows[1].place, "row 2 (line 3)");
    EXPECT_EQ(result.rows[1].rules, std::vector<std::string>{"invalid_amount"});
    EXPECT_EQ(result.rows[2].rules, std::vector<std::string>{"unknown_debtor"});
    EXPECT_EQ(result.rows[3].number, "C-4");
    EXPECT_EQ(result.rows[3].outcome, RowOutcome::accepted);
    ASSERT_EQ(result.schedules.size(), 1u);
    ASSERT_TRUE(result.schedule);
    ASSERT_EQ(result.schedule->invoices.size(), 2u);
    EXPECT_EQ(result.rows[3].invoice_id, result.schedule->invoices[1].id);
    expect_clean();

    // Broken at its last line, after good rows were judged: the whole file is refused, nothing written.
    const auto after = fingerprint();
    const auto broken =
        import_text(header + line("D-1", "Northwind Traders", "10.00") + "D-2,\"Northwind Traders,", true);
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().code, "invalid_csv");
    EXPECT_NE(broken.error().message.find("line 3"), std::string::npos) << broken.error().message;
    EXPECT_EQ(fingerprint(), after);
    // A file of no invoices, a file of another format than asked for: refused, nothing written.
    const auto empty = import_text(header, true);
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, "missing_field");
    const auto wrong =
        book->import_invoices(staff, text, formats::InvoiceFormat::ubl, {}, {client.id, true, ""});
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, "wrong_format");
    EXPECT_EQ(fingerprint(), after);
}

}  // namespace
}  // namespace mf::testing
