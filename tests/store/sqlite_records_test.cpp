// Every record of the SQLite store round-trips with all its fields; versions, duplicates and references.
#include <gtest/gtest.h>

#include "store/sqlite_test_support.hpp"

namespace mf::testing {
namespace {

class SqliteRecords : public BookTest {};

TEST_F(SqliteRecords, SettingsRoundTrip) {
    auto missing = store->read([](Transaction& tx) { return status_of(tx.load_settings()); });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "not_found");

    BookSettings settings;
    settings.name = "Fund I";
    settings.base_currency = eur();
    settings.calendar = CalendarKind::weekends_only;
    settings.business_date = day(2025, 4, 1);
    settings.last_closed_on = day(2025, 3, 31);
    settings.rebate_schedule = RebateSchedule::weekly;
    settings.rebate_weekday = 3;
    settings.recourse_action = RecourseAction::flag;
    settings.max_invoice_age_days = 60;
    settings.cross_age_ppm = 250'000;
    settings.cross_age_days = 120;
    settings.stale_future_days = 2;
    write([&](Transaction& tx) { return tx.save_settings(settings); });
    settings.name = "Fund II";  // saved again: one row, replaced
    write([&](Transaction& tx) { return tx.save_settings(settings); });
    read([&](Transaction& tx) -> Status {
        MF_TRY(const BookSettings loaded, tx.load_settings());
        EXPECT_EQ(loaded.name, "Fund II");
        EXPECT_EQ(loaded.base_currency, settings.base_currency);
        EXPECT_EQ(loaded.calendar, settings.calendar);
        EXPECT_EQ(loaded.business_date, settings.business_date);
        EXPECT_EQ(loaded.last_closed_on, settings.last_closed_on);
        EXPECT_EQ(loaded.rebate_schedule, settings.rebate_schedule);
        EXPECT_EQ(loaded.rebate_weekday, settings.rebate_weekday);
        EXPECT_EQ(loaded.recourse_action, settings.recourse_action);
        EXPECT_EQ(loaded.max_invoice_age_days, settings.max_invoice_age_days);
        EXPECT_EQ(loaded.cross_age_ppm, settings.cross_age_ppm);
        EXPECT_EQ(loaded.cross_age_days, settings.cross_age_days);
        EXPECT_EQ(loaded.stale_future_days, settings.stale_future_days);
        return ok();
    });
}

TEST_F(SqliteRecords, ClientRoundTripAndVersions) {
    Client client = sample_client();
    write([&](Transaction& tx) -> Status {
        MF_TRY(client.id, tx.insert_client(client));
        return ok();
    });
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_client(client.id));
        EXPECT_TRUE(found.has_value());
        if (found)
            expect_same(*found, client);
        MF_TRY(auto unknown, tx.find_client(client.id + 1));
        EXPECT_FALSE(unknown.has_value());
        return ok();
    });

    client.terms.fee_schedule = fee_schedule("daily 3.5%/30d");
    client.name = "Acme Widgets LLC";
    write([&](Transaction& tx) { return tx.update_client(client); });
    ++client.version;  // the store bumped it; the caller's copy follows
    auto stale = store->write([&](Transaction& tx) {
        Client old = client;
        old.version = 0;
        return tx.update_client(old);
    });
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, "conflict");
    auto unknown = store->write([&](Transaction& tx) {
        Client other = client;
        other.id = 999;
        return tx.update_client(other);
    });
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, "not_found");
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto clients, tx.list_clients());
        EXPECT_EQ(clients.size(), 1u);
        if (!clients.empty())
            expect_same(clients[0], client);
        return ok();
    });
}

TEST_F(SqliteRecords, AnInvalidFeeScheduleIsRefused) {
    Client client = sample_client();
    client.terms.fee_schedule.flat_plus_periods.period_days = 0;
    auto status = store->write([&](Transaction& tx) { return status_of(tx.insert_client(client)); });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, "invalid_fee_schedule");
}

TEST_F(SqliteRecords, DebtorRoundTripAndCrossAgedFlag) {
    Debtor debtor = sample_debtor();
    write([&](Transaction& tx) -> Status {
        MF_TRY(debtor.id, tx.insert_debtor(debtor));
        MF_CHECK(tx.set_debtor_cross_aged(debtor.id, true));
        return ok();
    });
    debtor.credit_limit_minor = 1'00;
    write([&](Transaction& tx) { return tx.update_debtor(debtor); });
    ++debtor.version;
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_debtor(debtor.id));
        EXPECT_TRUE(found.has_value());
        if (found)
            expect_same(*found, debtor);
        MF_TRY(const bool cross_aged, tx.debtor_cross_aged(debtor.id));
        EXPECT_TRUE(cross_aged);  // kept by update_debtor
        MF_TRY(auto debtors, tx.list_debtors());
        EXPECT_EQ(debtors.size(), 1u);
        EXPECT_EQ(tx.debtor_cross_aged(debtor.id + 1).error().code, "not_found");
        return ok();
    });
    write([&](Transaction& tx) { return tx.set_debtor_cross_aged(debtor.id, false); });
    read([&](Transaction& tx) -> Status {
        MF_TRY(const bool cross_aged, tx.debtor_cross_aged(debtor.id));
        EXPECT_FALSE(cross_aged);
        return ok();
    });
    auto stale = store->write([&](Transaction& tx) {
        Debtor old = debtor;
        --old.version;
        return tx.update_debtor(old);
    });
    EXPECT_EQ(stale.error().code, "conflict");
}

TEST_F(SqliteRecords, SchedulesPayoutsAndInvoicesRoundTrip) {
    Parties parties;
    Schedule schedule;
    Payout payout;
    Invoice invoice;
    write([&](Transaction& tx) -> Status {
        MF_TRY(parties, insert_parties(tx));
        schedule =
            Schedule{0, parties.client_id, usd(), day(2025, 3, 2), ScheduleState::open, std::nullopt, 0};
        MF_TRY(schedule.id, tx.insert_schedule(schedule));
        payout =
            Payout{0,           parties.client_id, PayoutKind::rebate, usd(), 850'00, 15'00, day(2025, 3, 3),
                   schedule.id, PayoutStatus::sent};
        MF_TRY(payout.id, tx.insert_payout(payout));
        schedule.state = ScheduleState::funded;
        schedule.payout_id = payout.id;
        MF_CHECK(tx.update_schedule(schedule));
        ++schedule.version;
        invoice = sample_invoice(parties.client_id, parties.debtor_id, schedule.id, "INV-001");
        MF_TRY(invoice.id, tx.insert_invoice(invoice));
        return ok();
    });
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto found_schedule, tx.find_schedule(schedule.id));
        EXPECT_TRUE(found_schedule.has_value());
        if (found_schedule) {
            EXPECT_EQ(found_schedule->client_id, schedule.client_id);
            EXPECT_EQ(found_schedule->currency, schedule.currency);
            EXPECT_EQ(found_schedule->submitted_on, schedule.submitted_on);
            EXPECT_EQ(found_schedule->state, ScheduleState::funded);
            EXPECT_EQ(found_schedule->payout_id, payout.id);
            EXPECT_EQ(found_schedule->version, 1);
        }
        MF_TRY(auto schedules, tx.list_schedules(parties.client_id));
        EXPECT_EQ(schedules.size(), 1u);
        MF_TRY(auto other_schedules, tx.list_schedules(parties.client_id + 1));
        EXPECT_TRUE(other_schedules.empty());

        MF_TRY(auto found_payout, tx.find_payout(payout.id));
        EXPECT_TRUE(found_payout.has_value());
        if (found_payout) {
            EXPECT_EQ(found_payout->client_id, payout.client_id);
            EXPECT_EQ(found_payout->kind, PayoutKind::rebate);
            EXPECT_EQ(found_payout->currency, payout.currency);
            EXPECT_EQ(found_payout->amount_minor, payout.amount_minor);
            EXPECT_EQ(found_payout->netted_minor, payout.netted_minor);
            EXPECT_EQ(found_payout->paid_on, payout.paid_on);
            EXPECT_EQ(found_payout->schedule_id, payout.schedule_id);
            EXPECT_EQ(found_payout->status, PayoutStatus::sent);
        }
        MF_TRY(auto payouts, tx.list_payouts(std::nullopt));
        EXPECT_EQ(payouts.size(), 1u);

        MF_TRY(auto found_invoice, tx.find_invoice(invoice.id));
        EXPECT_TRUE(found_invoice.has_value());
        if (found_invoice)
            expect_same(*found_invoice, invoice);
        MF_TRY(auto by_number, tx.find_invoice_by_number(parties.client_id, parties.debtor_id, "INV-001"));
        EXPECT_EQ(by_number, invoice.id);
        MF_TRY(auto no_number, tx.find_invoice_by_number(parties.client_id, parties.debtor_id, "INV-002"));
        EXPECT_FALSE(no_number.has_value());
        return ok();
    });
}

TEST_F(SqliteRecords, UpdateInvoiceBumpsTheVersionAndKeepsOutstandingInStep) {
    Invoice invoice;
    write([&](Transaction& tx) -> Status {
        MF_TRY(auto parties, insert_parties(tx));
        invoice = submitted_invoice(parties.client_id, parties.debtor_id, "A-1", 500'00);
        MF_TRY(invoice.id, tx.insert_invoice(invoice));
        return ok();
    });
    invoice.state = InvoiceState::funded;
    invoice.collected_minor = 120'00;
    write([&](Transaction& tx) { return tx.update_invoice(invoice); });
    ++invoice.version;
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_invoice(invoice.id));
        EXPECT_TRUE(found.has_value());
        if (found)
            expect_same(*found, invoice);
        return ok();
    });
    auto stale = store->write([&](Transaction& tx) {
        Invoice old = invoice;
        old.version = 0;
        return tx.update_invoice(old);
    });
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, "conflict");
    EXPECT_EQ(stale.error().field, "version");
}

TEST_F(SqliteRecords, UpdateInvoiceMayChangeItsIdentity) {
    Invoice invoice;
    Parties other;
    int64_t schedule_id = 0;
    write([&](Transaction& tx) -> Status {
        MF_TRY(auto parties, insert_parties(tx));
        MF_TRY(other, insert_parties(tx));
        MF_TRY(schedule_id, tx.insert_schedule(Schedule{0, parties.client_id, usd(), day(2025, 3, 1),
                                                        ScheduleState::open, std::nullopt, 0}));
        invoice = submitted_invoice(parties.client_id, parties.debtor_id, "TYPO-1", 500'00);
        MF_TRY(invoice.id, tx.insert_invoice(invoice));
        return ok();
    });
    // A corrected number, another debtor and a schedule: the full update, not the hot one.
    invoice.number = "INV-1";
    invoice.debtor_id = other.debtor_id;
    invoice.schedule_id = schedule_id;
    write([&](Transaction& tx) { return tx.update_invoice(invoice); });
    ++invoice.version;
    invoice.state = InvoiceState::approved;  // then the hot path again
    write([&](Transaction& tx) { return tx.update_invoice(invoice); });
    ++invoice.version;
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_invoice(invoice.id));
        EXPECT_TRUE(found.has_value());
        if (found)
            expect_same(*found, invoice);
        MF_TRY(auto by_old_number, tx.find_invoice_by_number(invoice.client_id, invoice.debtor_id, "TYPO-1"));
        EXPECT_FALSE(by_old_number.has_value());
        return ok();
    });
    auto unknown = store->write([&](Transaction& tx) {
        Invoice missing = invoice;
        missing.id = 999;
        return tx.update_invoice(missing);
    });
    EXPECT_EQ(unknown.error().code, "not_found");
}

TEST_F(SqliteRecords, ScheduleVersionsConflict) {
    Schedule schedule;
    write([&](Transaction& tx) -> Status {
        MF_TRY(auto parties, insert_parties(tx));
        schedule =
            Schedule{0, parties.client_id, usd(), day(2025, 3, 1), ScheduleState::open, std::nullopt, 0};
        MF_TRY(schedule.id, tx.insert_schedule(schedule));
        return tx.update_schedule(schedule);
    });
    auto stale =
        store->write([&](Transaction& tx) { return tx.update_schedule(schedule); });  // version 0, stored 1
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, "conflict");
}

TEST_F(SqliteRecords, ADuplicateInvoiceNumberIsRefused) {
    Parties parties;
    int64_t second_id = 0;
    write([&](Transaction& tx) -> Status {
        MF_TRY(parties, insert_parties(tx));
        MF_CHECK(tx.insert_invoice(submitted_invoice(parties.client_id, parties.debtor_id, "INV-7", 100'00)));
        MF_TRY(second_id,
               tx.insert_invoice(submitted_invoice(parties.client_id, parties.debtor_id, "INV-8", 1'00)));
        return ok();
    });
    auto duplicate = store->write([&](Transaction& tx) {
        return status_of(
            tx.insert_invoice(submitted_invoice(parties.client_id, parties.debtor_id, "INV-7", 5'00)));
    });
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, "duplicate_invoice");
    EXPECT_EQ(duplicate.error().field, "number");
    EXPECT_NE(duplicate.error().message.find("INV-7"), std::string::npos);

    auto renamed = store->write([&](Transaction& tx) {
        Invoice second = submitted_invoice(parties.client_id, parties.debtor_id, "INV-7", 1'00);
        second.id = second_id;
        return tx.update_invoice(second);
    });
    ASSERT_FALSE(renamed);
    EXPECT_EQ(renamed.error().code, "duplicate_invoice");
}

TEST_F(SqliteRecords, AReferenceToAMissingRecordIsRefused) {
    auto status = store->write([&](Transaction& tx) {
        return status_of(tx.insert_invoice(submitted_invoice(41, 42, "INV-1", 100'00)));
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, "invalid_reference");
    EXPECT_NE(status.error().message.find("insert invoice"), std::string::npos) << status.error().message;
}

TEST_F(SqliteRecords, ReceiptsAndApplicationsRoundTrip) {
    Receipt receipt;
    int64_t invoice_id = 0;
    write([&](Transaction& tx) -> Status {
        MF_TRY(auto parties, insert_parties(tx));
        MF_TRY(invoice_id,
               tx.insert_invoice(submitted_invoice(parties.client_id, parties.debtor_id, "R-1", 90'00)));
        receipt =
            Receipt{0,      usd(),      100'00, day(2025, 3, 15), "Big Retail", "ACH 123", parties.debtor_id,
                    100'00, "bank.bai2"};
        MF_TRY(receipt.id, tx.insert_receipt(receipt));
        MF_CHECK(tx.insert_receipt(
            Receipt{0, usd(), 5'00, day(2025, 3, 16), "Unknown", "", std::nullopt, 0, "manual"}));
        MF_CHECK(tx.insert_application(ReceiptApplication{receipt.id, invoice_id, 90'00, day(2025, 3, 17)}));
        receipt.unapplied_minor = 10'00;
        return tx.update_receipt(receipt);
    });
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_receipt(receipt.id));
        EXPECT_TRUE(found.has_value());
        if (found) {
            EXPECT_EQ(found->currency, receipt.currency);
            EXPECT_EQ(found->amount_minor, receipt.amount_minor);
            EXPECT_EQ(found->received_on, receipt.received_on);
            EXPECT_EQ(found->payer, receipt.payer);
            EXPECT_EQ(found->reference, receipt.reference);
            EXPECT_EQ(found->debtor_id, receipt.debtor_id);
            EXPECT_EQ(found->unapplied_minor, 10'00);
            EXPECT_EQ(found->source, receipt.source);
        }
        MF_TRY(auto all, tx.list_receipts(false));
        EXPECT_EQ(all.size(), 2u);
        MF_TRY(auto unapplied, tx.list_receipts(true));
        EXPECT_EQ(unapplied.size(), 1u);
        if (!unapplied.empty()) {
            EXPECT_EQ(unapplied[0].id, receipt.id);
        }
        MF_TRY(auto applications, tx.applications_of_invoice(invoice_id));
        EXPECT_EQ(applications.size(), 1u);
        if (!applications.empty()) {
            EXPECT_EQ(applications[0].receipt_id, receipt.id);
            EXPECT_EQ(applications[0].invoice_id, invoice_id);
            EXPECT_EQ(applications[0].amount_minor, 90'00);
            EXPECT_EQ(applications[0].applied_on, day(2025, 3, 17));
        }
        MF_TRY(auto of_receipt, tx.applications_of_receipt(receipt.id));
        EXPECT_EQ(of_receipt.size(), 1u);
        if (!of_receipt.empty()) {
            EXPECT_EQ(of_receipt[0].invoice_id, invoice_id);
            EXPECT_EQ(of_receipt[0].amount_minor, 90'00);
        }
        MF_TRY(auto of_other, tx.applications_of_receipt(receipt.id + 1));
        EXPECT_TRUE(of_other.empty());
        return ok();
    });
    auto unknown = store->write([&](Transaction& tx) {
        Receipt other = receipt;
        other.id = 999;
        return tx.update_receipt(other);
    });
    EXPECT_EQ(unknown.error().code, "not_found");
}

TEST_F(SqliteRecords, ChargesRoundTripAndCodesAreUnique) {
    const Charge wire{0, "wire_fee", "Wire fee", usd(), 25'00};
    write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.insert_charge(wire));
        MF_CHECK(tx.insert_charge(Charge{0, "ach_fee", "ACH fee", usd(), 1'50}));
        return ok();
    });
    auto duplicate = store->write([&](Transaction& tx) { return status_of(tx.insert_charge(wire)); });
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, "duplicate_charge");
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_charge("wire_fee"));
        EXPECT_TRUE(found.has_value());
        if (found) {
            EXPECT_EQ(found->code, wire.code);
            EXPECT_EQ(found->name, wire.name);
            EXPECT_EQ(found->currency, wire.currency);
            EXPECT_EQ(found->amount_minor, wire.amount_minor);
        }
        MF_TRY(auto none, tx.find_charge("noa_fee"));
        EXPECT_FALSE(none.has_value());
        MF_TRY(auto charges, tx.list_charges());
        EXPECT_EQ(charges.size(), 2u);
        return ok();
    });
}

TEST_F(SqliteRecords, AuditEventsRoundTrip) {
    const AuditEvent event{
        0, "2025-03-02T10:00:00Z",        day(2025, 3, 2), "cli:alice", "invoice.approve", "invoice",
        7, "state submitted -> approved", "limit override"};
    write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.append_audit(event));
        MF_CHECK(tx.append_audit(AuditEvent{0, "2025-03-02T10:01:00Z", day(2025, 3, 2), "cli:bob",
                                            "client.update", "client", 7, "name", ""}));
        return ok();
    });
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto events, tx.audit_of("invoice", 7));
        EXPECT_EQ(events.size(), 1u);
        if (!events.empty()) {
            EXPECT_GT(events[0].id, 0);
            EXPECT_EQ(events[0].at, event.at);
            EXPECT_EQ(events[0].business_date, event.business_date);
            EXPECT_EQ(events[0].actor, event.actor);
            EXPECT_EQ(events[0].action, event.action);
            EXPECT_EQ(events[0].entity_type, event.entity_type);
            EXPECT_EQ(events[0].entity_id, event.entity_id);
            EXPECT_EQ(events[0].detail, event.detail);
            EXPECT_EQ(events[0].reason, event.reason);
        }
        MF_TRY(auto count, tx.count_audit());
        EXPECT_EQ(count, 2);
        return ok();
    });
}

TEST_F(SqliteRecords, SnapshotsRoundTripAndAreReplacedPerDateAndCurrency) {
    const Snapshot snapshot{day(2025, 3, 3), usd(), 12, 34'000'00, 5'000'00, 2'000'00, 150'00, 3'400'00};
    write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.save_snapshot(Snapshot{day(2025, 3, 3), usd(), 1, 1, 1, 1, 1, 1}));
        MF_CHECK(tx.save_snapshot(snapshot));  // close-day ran again: replaced
        MF_CHECK(tx.save_snapshot(Snapshot{day(2025, 3, 3), eur(), 2, 2, 2, 2, 2, 2}));
        MF_CHECK(tx.save_snapshot(Snapshot{day(2025, 3, 9), usd(), 3, 3, 3, 3, 3, 3}));
        return ok();
    });
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto snapshots, tx.snapshots_between(day(2025, 3, 1), day(2025, 3, 8)));
        EXPECT_EQ(snapshots.size(), 2u);
        if (snapshots.size() == 2) {
            EXPECT_EQ(snapshots[0].currency, eur());  // by date, then currency code
            const Snapshot& got = snapshots[1];
            EXPECT_EQ(got.on, snapshot.on);
            EXPECT_EQ(got.currency, snapshot.currency);
            EXPECT_EQ(got.open_invoices, snapshot.open_invoices);
            EXPECT_EQ(got.outstanding_face_minor, snapshot.outstanding_face_minor);
            EXPECT_EQ(got.funded_face_minor, snapshot.funded_face_minor);
            EXPECT_EQ(got.collected_minor, snapshot.collected_minor);
            EXPECT_EQ(got.fee_income_minor, snapshot.fee_income_minor);
            EXPECT_EQ(got.client_reserve_minor, snapshot.client_reserve_minor);
        }
        return ok();
    });
}

}  // namespace
}  // namespace mf::testing
