// Each use case's effect on the book: its journal entries, balances, invoice state and audit trail; and what
// a refused call leaves behind (nothing).
#include "fixture.hpp"

namespace mf::testing {
namespace {

class UseCases : public BookTest {
  protected:
    int64_t balance(Account account, int64_t client_id = 0) {
        int64_t out = 0;
        EXPECT_TRUE(book->store().read([&](Transaction& tx) -> Status {
            out = tx.balance_minor(account, usd(), client_id).value();
            return ok();
        }));
        return out;
    }

    ReceiptView pay(const Invoice& invoice, int64_t amount, bool close_short = false,
                    bool to_client = false) {
        NewReceipt receipt;
        receipt.amount = Money{amount, usd()};
        receipt.received_on = book->settings().value().business_date;
        receipt.payer = "payer";
        receipt.reference = invoice.number;
        receipt.applications = {{invoice.id, amount, close_short, to_client}};
        auto recorded = book->record_receipt(staff, receipt);
        EXPECT_TRUE(recorded) << recorded.error().message;
        return recorded.value();
    }
};

TEST_F(UseCases, FundingPostsReceivableCashAndReserve) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto invoice = fund_one(client, add_debtor(), 1000'00);
    EXPECT_EQ(invoice.state, InvoiceState::funded);
    EXPECT_EQ(invoice.advance_minor, 900'00);
    EXPECT_EQ(balance(Account::purchased_receivables), 1000'00);
    EXPECT_EQ(balance(Account::cash), -900'00);
    EXPECT_EQ(balance(Account::client_reserve, client.id), -100'00);
    const auto payouts = book->payouts(client.id).value();
    ASSERT_EQ(payouts.size(), 1u);
    EXPECT_EQ(payouts[0].amount_minor, 900'00);
    const auto history = book->invoice_history(invoice.id).value();
    ASSERT_GE(history.events.size(), 3u);  // submit, approve, fund
    EXPECT_EQ(history.events.back().action, "invoice.fund");
    EXPECT_EQ(history.events.back().actor, "test:staff");
    expect_clean();
}

TEST_F(UseCases, PartialThenFullPaymentClosesAndSettlesTheFee) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto invoice = fund_one(client, add_debtor(), 1000'00);
    pay(invoice, 400'00);
    EXPECT_EQ(book->invoice(invoice.id).value().outstanding_minor(), 600'00);
    EXPECT_EQ(book->invoice(invoice.id).value().state, InvoiceState::funded);
    pay(invoice, 600'00);
    const auto closed = book->invoice(invoice.id).value();
    EXPECT_EQ(closed.state, InvoiceState::closed);
    EXPECT_EQ(closed.fee_settled_minor, 20'00);  // 1 day outstanding: the 2% initial rate
    EXPECT_EQ(balance(Account::fee_income), -20'00);
    EXPECT_EQ(balance(Account::client_reserve, client.id), -80'00);
    expect_clean();
}

TEST_F(UseCases, OnlyTheUnappliedPartOfAReceiptWaitsInUnappliedCash) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto invoice = fund_one(client, add_debtor(), 1000'00);
    const auto today = book->settings().value().business_date;
    auto recorded = book->record_receipt(staff, {Money{1000'00, usd()},
                                                 today,
                                                 "payer",
                                                 "two invoices",
                                                 std::nullopt,
                                                 "manual",
                                                 {{invoice.id, 600'00}}});
    ASSERT_TRUE(recorded) << recorded.error().message;
    EXPECT_EQ(recorded.value().receipt.unapplied_minor, 400'00);
    EXPECT_EQ(balance(Account::unapplied_cash), -400'00);
    EXPECT_EQ(balance(Account::cash), -900'00 + 1000'00);
    EXPECT_EQ(balance(Account::purchased_receivables), 400'00);
    // applied later, the rest comes out of unapplied cash
    ASSERT_TRUE(book->apply_receipt(staff, recorded.value().receipt.id, {{invoice.id, 400'00}}));
    EXPECT_EQ(balance(Account::unapplied_cash), 0);
    EXPECT_EQ(book->invoice(invoice.id).value().state, InvoiceState::closed);
    expect_clean();
}

TEST_F(UseCases, OverpaymentGoesToTheClientsReserve) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto invoice = fund_one(client, add_debtor(), 1000'00);
    pay(invoice, 1025'00);
    EXPECT_EQ(book->invoice(invoice.id).value().state, InvoiceState::closed);
    EXPECT_EQ(balance(Account::client_reserve, client.id), -(100'00 - 20'00 + 25'00));
    EXPECT_EQ(balance(Account::unapplied_cash), 0);
    expect_clean();
}

TEST_F(UseCases, ShortPayClosesAsDilutionChargedToTheClient) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto invoice = fund_one(client, add_debtor(), 1000'00);
    pay(invoice, 950'00, /*close_short=*/true);
    const auto closed = book->invoice(invoice.id).value();
    EXPECT_EQ(closed.state, InvoiceState::closed);
    EXPECT_EQ(closed.diluted_minor, 50'00);
    EXPECT_EQ(balance(Account::purchased_receivables), 0);
    EXPECT_EQ(balance(Account::client_reserve, client.id), -(100'00 - 20'00 - 50'00));
    expect_clean();
}

TEST_F(UseCases, PaymentForAnInvoiceTheFactorDoesNotOwnNeedsAnExplicitChoice) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto debtor = add_debtor();
    const auto today = book->settings().value().business_date;
    auto submitted =
        book->submit_schedule(staff, {client.id, {{debtor.id, "R-1", 500'00, usd(), today, today}}});
    ASSERT_TRUE(submitted);
    const auto invoice = submitted.value().invoices[0];
    ASSERT_TRUE(book->reject_invoices(staff, {invoice.id}, "not ours"));
    NewReceipt receipt{Money{500'00, usd()},  today, "payer", "R-1", std::nullopt, "manual",
                       {{invoice.id, 500'00}}};
    const auto before = fingerprint();
    auto refused = book->record_receipt(staff, receipt);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "invalid_transition");
    EXPECT_EQ(fingerprint(), before);
    receipt.applications[0].to_client = true;
    ASSERT_TRUE(book->record_receipt(staff, receipt));
    EXPECT_EQ(balance(Account::client_reserve, client.id), -500'00);
    expect_clean();
}

TEST_F(UseCases, RecourseChargebackAndNonRecourseWriteOff) {
    const auto recourse = add_client("flat 2%/30d +1%/15d");
    const auto non_recourse =
        add_client("flat 2%/30d +1%/15d", 900'000, 1'000'000'00, RecourseKind::non_recourse);
    // Two debtors: the same face and date to one debtor from two clients would be held as a double pledge.
    const auto a = fund_one(recourse, add_debtor(), 1000'00);
    const auto b = fund_one(non_recourse, add_debtor(), 1000'00);
    EXPECT_EQ(book->write_off(staff, a.id, "insolvent").error().code, "recourse");
    EXPECT_EQ(book->charge_back(staff, b.id, "unpaid").error().code, "non_recourse");
    ASSERT_TRUE(book->charge_back(staff, a.id, "debtor refuses to pay"));
    ASSERT_TRUE(book->write_off(staff, b.id, "debtor filed chapter 7"));
    // recourse: the client bears all 1,000 plus the 20 fee against its 100 reserve
    EXPECT_EQ(balance(Account::client_reserve, recourse.id), -(100'00 - 1000'00 - 20'00));
    // non-recourse: the client's reserve of 100 - 20 fee covers 80, the factor loses 920
    EXPECT_EQ(balance(Account::client_reserve, non_recourse.id), 0);
    EXPECT_EQ(balance(Account::credit_losses), 920'00);
    EXPECT_EQ(book->invoice(a.id).value().state, InvoiceState::charged_back);
    EXPECT_EQ(book->invoice(b.id).value().state, InvoiceState::written_off);
    expect_clean();
}

TEST_F(UseCases, RecoveryOnAWrittenOffInvoiceRestoresTheFactorsLossFirst) {
    const auto client = add_client("flat 2%/30d +1%/15d", 900'000, 1'000'000'00, RecourseKind::non_recourse);
    const auto invoice = fund_one(client, add_debtor(), 1000'00);
    ASSERT_TRUE(book->write_off(staff, invoice.id, "debtor filed chapter 7"));
    ASSERT_EQ(balance(Account::credit_losses), 920'00);  // the reserve of 100 - 20 fee covered 80
    ASSERT_EQ(balance(Account::client_reserve, client.id), 0);
    const auto cash_before = balance(Account::cash);

    // the collector cannot send a recovery to the client past the factor's loss
    NewReceipt receipt{Money{300'00, usd()},
                       book->settings().value().business_date,
                       "Chapter 7 trustee",
                       "dividend " + invoice.number,
                       std::nullopt,
                       "manual",
                       {{invoice.id, 300'00, false, true}}};
    const auto before = fingerprint();
    auto refused = book->record_receipt(staff, receipt);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "written_off");
    EXPECT_EQ(refused.error().field, "to_client");
    EXPECT_EQ(fingerprint(), before);

    // a first dividend of 300 goes wholly to the factor's loss
    const auto first = pay(invoice, 300'00);
    ASSERT_EQ(first.entries.size(), 1u);
    EXPECT_EQ(first.entries[0].kind, EntryKind::recovery);
    EXPECT_EQ(balance(Account::credit_losses), 620'00);
    EXPECT_EQ(balance(Account::client_reserve, client.id), 0);
    EXPECT_EQ(balance(Account::cash), cash_before + 300'00);

    // the second, from unapplied cash, restores the rest of the loss (620) and the client's share (80), and
    // 50 beyond the face goes to the client as an overpayment would
    NewReceipt second{Money{750'00, usd()},
                      book->settings().value().business_date,
                      "Chapter 7 trustee",
                      "final dividend",
                      std::nullopt,
                      "manual",
                      {}};
    auto recorded = book->record_receipt(staff, second);
    ASSERT_TRUE(recorded) << recorded.error().message;
    EXPECT_EQ(balance(Account::unapplied_cash), -750'00);
    auto applied = book->apply_receipt(staff, recorded.value().receipt.id, {{invoice.id, 750'00}});
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(balance(Account::unapplied_cash), 0);
    EXPECT_EQ(balance(Account::credit_losses), 0);
    EXPECT_EQ(balance(Account::client_reserve, client.id), -130'00);
    const auto after = book->invoice(invoice.id).value();
    EXPECT_EQ(after.state, InvoiceState::written_off);
    EXPECT_EQ(after.written_off_minor, 920'00 + 80'00);
    const auto history = book->invoice_history(invoice.id).value();
    EXPECT_NE(history.events.back().detail.find("620.00 USD to the factor's credit loss, 130.00 USD to the client"),
              std::string::npos)
        << history.events.back().detail;
    expect_clean();
}

TEST_F(UseCases, MisdirectedPaymentThenTheClientPaysIn) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto invoice = fund_one(client, add_debtor(), 1000'00);
    ASSERT_TRUE(
        book->report_misdirected_payment(staff, {invoice.id, 1000'00, std::nullopt, "paid the client"}));
    EXPECT_EQ(book->invoice(invoice.id).value().state, InvoiceState::closed);
    // reserve: 100 - 1000 misdirected - 20 fee - 50 misdirected-payment fee
    EXPECT_EQ(balance(Account::client_reserve, client.id), -(100'00 - 1000'00 - 20'00 - 50'00));
    ASSERT_TRUE(book->client_pays_in(staff, {client.id, 1000'00, "remitted"}));
    EXPECT_EQ(balance(Account::client_reserve, client.id), -30'00);
    expect_clean();
}

TEST_F(UseCases, DisputeMakesTheInvoiceIneligibleUntilResolved) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto invoice = fund_one(client, add_debtor(), 1000'00);
    ASSERT_TRUE(book->dispute(staff, invoice.id, "damaged goods"));
    auto reserve = book->reserve_report({}).value();
    ASSERT_EQ(reserve.rows.size(), 1u);
    EXPECT_EQ(reserve.rows[0].required_minor, 1000'00);
    EXPECT_EQ(reserve.rows[0].shortfall_minor, 900'00);
    ASSERT_TRUE(
        book->resolve_dispute(staff, invoice.id, DisputeOutcome::upheld_for_client, "delivered intact"));
    EXPECT_EQ(book->reserve_report({}).value().rows[0].required_minor, 100'00);
    ASSERT_TRUE(book->dispute(staff, invoice.id, "again"));
    ASSERT_TRUE(book->resolve_dispute(staff, invoice.id, DisputeOutcome::lost_as_dilution, "credit note"));
    EXPECT_EQ(book->invoice(invoice.id).value().diluted_minor, 1000'00);
    expect_clean();
}

TEST_F(UseCases, AShortfallIsNettedFromTheNextAdvance) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto debtor = add_debtor();
    const auto first = fund_one(client, debtor, 1000'00);
    ASSERT_TRUE(book->charge_client(staff, {client.id, "wire_fee", std::nullopt, 0, ""}));  // 25.00
    const auto second = fund_one(client, debtor, 1000'00);
    const auto payouts = book->payouts(client.id).value();
    ASSERT_EQ(payouts.size(), 2u);
    EXPECT_EQ(payouts[1].netted_minor, 25'00);
    EXPECT_EQ(payouts[1].amount_minor, 875'00);
    (void)first;
    (void)second;
    expect_clean();
}

TEST_F(UseCases, LimitBreachesHoldUntilOverriddenWithAReason) {
    const auto client = add_client("flat 2%/30d +1%/15d", 900'000, 1500'00);
    const auto debtor = add_debtor();
    fund_one(client, debtor, 1000'00);
    const auto today = book->settings().value().business_date;
    auto submitted =
        book->submit_schedule(staff, {client.id, {{debtor.id, "BIG", 600'00, usd(), today, today}}});
    ASSERT_TRUE(submitted);
    const int64_t id = submitted.value().invoices[0].id;
    auto held = book->approve_invoices(staff, {{id}, ""}).value();
    EXPECT_FALSE(held[0].approved);
    EXPECT_EQ(held[0].rules, "client_limit");
    EXPECT_EQ(book->invoice(id).value().review_reasons, "client_limit");
    EXPECT_EQ(book->approve_invoices(staff, {{id}, ""}).error().code, "needs_review");
    auto overridden =
        book->approve_invoices(staff, {{id}, "long-standing client, limit raise approved"}).value();
    EXPECT_TRUE(overridden[0].approved);
    EXPECT_TRUE(overridden[0].overridden);
    const auto events = book->invoice_history(id).value().events;
    EXPECT_EQ(events.back().reason, "long-standing client, limit raise approved");
    expect_clean();
}

TEST_F(UseCases, CloseDayAccruesFeesIsIdempotentAndRefusesTheEarlierDay) {
    const auto client = add_client("daily 3%/30d");
    fund_one(client, add_debtor(), 3000'00);
    auto first = book->close_day(staff, std::nullopt);
    ASSERT_TRUE(first);
    EXPECT_EQ(balance(Account::fee_income), -3'00);  // 1 day: 3000 x 3% / 30
    const auto closed_day = first.value().at(0).date;
    const auto before = fingerprint();
    auto again = book->close_day(staff, closed_day);
    ASSERT_TRUE(again);
    EXPECT_TRUE(again.value().at(0).already_closed);
    EXPECT_EQ(fingerprint(), before);
    auto earlier = book->close_day(staff, closed_day.plus_days(-3));
    ASSERT_FALSE(earlier);
    EXPECT_EQ(earlier.error().code, "out_of_order");
    // catch up: closing Thursday from Tuesday closes Tue, Wed, Thu in order
    auto caught_up = book->close_day(staff, closed_day.plus_days(3));
    ASSERT_TRUE(caught_up);
    EXPECT_EQ(caught_up.value().size(), 3u);
    // days outstanding is at least 1: Mon 1, Tue 1, Wed 2, Thu 3 -> the fee to Thursday is 3 days' worth
    EXPECT_EQ(balance(Account::fee_income), -9'00);
    EXPECT_EQ(book->settings().value().business_date, closed_day.plus_days(4));  // Friday
    expect_clean();
}

TEST_F(UseCases, RecourseDaysChargeBackAtClose) {
    NewClient input;
    input.name = "Short recourse";
    input.currency = usd();
    input.terms.fee_schedule = parse_fee_schedule("flat 2%/30d +1%/15d", usd()).value();
    input.terms.factoring_limit_minor = 100000'00;
    input.terms.recourse_days = 3;
    const auto client = book->add_client(staff, input).value();
    const auto invoice = fund_one(client, add_debtor(), 1000'00);
    close_through(invoice.funded_on->plus_days(3));
    EXPECT_EQ(book->invoice(invoice.id).value().state, InvoiceState::charged_back);
    expect_clean();
}

TEST_F(UseCases, RefusedCallsChangeNothing) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto debtor = add_debtor();
    const auto funded = fund_one(client, debtor, 1000'00);
    const auto today = book->settings().value().business_date;
    const auto eur = Currency::from_code("EUR").value();
    const auto before = fingerprint();
    struct Refusal {
        const char* what;
        Error error;
    };
    auto error_of = [](auto result) { return result ? Error{"(succeeded)", "", ""} : result.error(); };
    const Refusal refusals[] = {
        {"negative face",
         error_of(book->submit_schedule(staff, {client.id, {{debtor.id, "X1", -1, usd(), today, today}}}))},
        {"zero face",
         error_of(book->submit_schedule(staff, {client.id, {{debtor.id, "X1", 0, usd(), today, today}}}))},
        {"mixed currency",
         error_of(book->submit_schedule(staff, {client.id, {{debtor.id, "X1", 100, eur, today, today}}}))},
        {"due before issue",
         error_of(book->submit_schedule(
             staff, {client.id, {{debtor.id, "X1", 100, usd(), today, today.plus_days(-1)}}}))},
        {"future invoice date",
         error_of(book->submit_schedule(
             staff, {client.id, {{debtor.id, "X1", 100, usd(), today.plus_days(1), today.plus_days(30)}}}))},
        {"stale invoice date",
         error_of(book->submit_schedule(
             staff, {client.id, {{debtor.id, "X1", 100, usd(), today.plus_days(-91), today}}}))},
        {"duplicate invoice",
         error_of(book->submit_schedule(
             staff, {client.id, {{debtor.id, funded.number, 100, usd(), today, today}}}))},
        {"duplicate within a schedule",
         error_of(book->submit_schedule(staff, {client.id,
                                                {{debtor.id, "Y", 100, usd(), today, today},
                                                 {debtor.id, "Y", 100, usd(), today, today}}}))},
        {"unknown client",
         error_of(book->submit_schedule(staff, {999, {{debtor.id, "X1", 100, usd(), today, today}}}))},
        {"unknown debtor",
         error_of(book->submit_schedule(staff, {client.id, {{999, "X1", 100, usd(), today, today}}}))},
        {"fund twice", error_of(book->fund_schedule(staff, funded.schedule_id))},
        {"unknown invoice", error_of(book->charge_back(staff, 999, "x"))},
        {"approve a funded invoice", error_of(book->approve_invoices(staff, {{funded.id}, ""}))},
        {"over-collect from a receipt",
         error_of(book->record_receipt(
             staff, {Money{10'00, usd()}, today, "p", "r", std::nullopt, "manual", {{funded.id, 20'00}}}))},
        {"future receipt",
         error_of(book->record_receipt(
             staff, {Money{10'00, usd()}, today.plus_days(1), "p", "r", std::nullopt, "manual", {}}))},
        {"negative capital", error_of(book->contribute_capital(staff, {Money{-5, usd()}, ""}))},
        {"release more than releasable", error_of(book->release_rebate(staff, client.id, 1'000'000'00))},
        {"charge back without reason", error_of(book->charge_back(staff, funded.id, ""))},
        {"write off a recourse invoice", error_of(book->write_off(staff, funded.id, "insolvent"))},
        {"stale version",
         error_of(book->update_client(staff, client.id, ClientChange{.expected_version = 99}))},
        {"advance rate over 100%",
         error_of(book->update_client(staff, client.id, ClientChange{.advance_rate_ppm = 1'000'001}))},
        {"close a day that is not a business day", error_of(book->close_day(staff, date(2026, 6, 6)))},
        {"a client e-mail that is not an address",
         error_of(book->update_client(staff, client.id, ClientChange{.email = "accounts at acme"}))},
        {"a debtor e-mail that would add a mail header",
         error_of(book->update_debtor(staff, debtor.id, DebtorChange{.email = "ap@d.test\nBcc: x@y.test"}))},
        {"a debtor name with a line break",
         error_of(book->add_debtor(staff, {"Line\nBreak Ltd", usd(), 1'000'00, "", ""}))},
    };
    for (const auto& refusal : refusals) {
        EXPECT_NE(refusal.error.code, "(succeeded)") << refusal.what;
        EXPECT_FALSE(refusal.error.message.empty()) << refusal.what;
    }
    EXPECT_EQ(fingerprint(), before);
    expect_clean();
}

}  // namespace
}  // namespace mf::testing
