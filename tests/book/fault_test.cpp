// A full disk under a SQLite book (issue 6): with every write of the store failing as a full disk does
// (tests/support/fault_vfs.hpp), each write use case returns a clear error, the book is exactly as it was (in
// this process and after reopening the file), reads are still served, and once the fault is gone the same
// call succeeds and `verify` stays clean. Faults part-way through a commit (after some bytes of it) and
// failing fsyncs leave the book whole: the write is there entirely or not at all. SQLite only: PostgreSQL's
// faults are tested against a stopped server (tests/reliability/faults_test.sh).
#include <functional>
#include <iostream>

#include "fixture.hpp"
#include "support/fault_vfs.hpp"
#include "support/payout_fixtures.hpp"

namespace mf::testing {
namespace {

class FullDisk : public BookTest {
  public:
    void SetUp() override {
        if (!postgres_test_server().empty())
            GTEST_SKIP() << "an I/O fault of SQLite files";
        FaultVfs::install();
        FaultVfs::disarm();
        BookTest::SetUp();
        must(book->update_settings(staff, test::sample_originator_settings()));
        must(book->contribute_capital(staff, {Money{10'000'000'00, usd()}, "capital"}));
        client = add_client("flat 2%/30d +1%/15d");
        ClientChange account;
        account.payout_account.routing_number = "026009593";
        account.payout_account.account_number = "12345678";
        client = must(book->update_client(staff, client.id, account));
        debtor = must(book->add_debtor(staff, {"Northwind Traders Inc", usd(), 5'000'000'00, "", ""}));
    }
    void TearDown() override { FaultVfs::disarm(); }

    int64_t submit(int64_t face_minor) {
        const auto today = book->settings().value().business_date;
        NewSchedule schedule{client.id,
                             {{debtor.id, "F-" + std::to_string(++invoices_made), face_minor, usd(),
                               today.plus_days(-2), today.plus_days(30)}}};
        return must(book->submit_schedule(staff, schedule)).schedule.id;
    }

    // Closes the book and opens the file again: what is on disk, not what a connection remembers.
    void reopen() {
        book.reset();
        book = must(Book::open(url(), std::make_shared<FixedClock>("2026-06-01T09:00:00Z")));
    }

    // `call` fails with a clear error while the disk is full and changes nothing (also on disk); with the
    // fault gone it succeeds, and the book verifies.
    template <class T>
    void refused_then_done(const std::string& name, const std::function<Result<T>()>& call) {
        SCOPED_TRACE(name);
        const auto before = fingerprint();
        FaultVfs::arm(FaultVfs::Mode::full);
        auto refused = call();
        // Reads are served while the disk is full.
        const auto during = fingerprint();
        FaultVfs::disarm();
        ASSERT_FALSE(refused) << name << " succeeded on a full disk";
        EXPECT_GT(FaultVfs::failures(), 0);
        EXPECT_EQ(refused.error().code, "storage_error");
        EXPECT_NE(refused.error().message.find("full"), std::string::npos) << refused.error().message;
        if (name == "fund")
            std::cout << "a full disk, as the caller sees it: [" << refused.error().code << "] "
                      << refused.error().message << "\n";
        EXPECT_EQ(during, before);
        EXPECT_EQ(fingerprint(), before);
        reopen();
        EXPECT_EQ(fingerprint(), before);
        expect_clean();
        auto done = call();
        ASSERT_TRUE(done) << name << " after the fault: " << done.error().message;
        EXPECT_NE(fingerprint(), before);
        expect_clean();
    }

    Client client;
    Debtor debtor;
};

TEST_F(FullDisk, EveryWriteUseCaseFailsWholeAndWorksAgain) {
    const auto today = book->settings().value().business_date;
    refused_then_done<Debtor>("add debtor", [&] {
        return book->add_debtor(staff, {"Contoso Ltd", usd(), 100'000'00, "", ""});
    });
    refused_then_done<ScheduleView>("submit", [&] {
        NewSchedule schedule{client.id, {{debtor.id, "S-1", 1'000'00, usd(), today, today.plus_days(30)}}};
        return book->submit_schedule(staff, schedule);
    });
    const int64_t schedule_id = submit(5'000'00);
    const int64_t invoice_id = must(book->schedule(schedule_id)).invoices.at(0).id;
    refused_then_done<std::vector<ApprovalOutcome>>("approve", [&] {
        return book->approve_invoices(staff, {{invoice_id}, ""});
    });
    refused_then_done<Payout>("fund", [&] { return book->fund_schedule(staff, schedule_id); });
    refused_then_done<ReceiptView>("receipt", [&] {
        NewReceipt receipt{Money{1'000'00, usd()},
                           today,
                           "Northwind",
                           "F-1",
                           debtor.id,
                           "manual",
                           {{invoice_id, 1'000'00, false, false}}};
        return book->record_receipt(staff, receipt);
    });
    refused_then_done<BankImportResult>("import bank file", [&] {
        formats::BankFile file;
        file.message_id = "STMT-1";
        formats::BankCredit line;
        line.place = "Ntry[1]";
        line.account = "DE89370400440532013000";
        line.bank_reference = "BR-1";
        line.booking_date = today;
        line.value_date = today;
        line.amount = Money{4'000'00, usd()};  // what F-1 still owes after the receipt
        line.payer_name = "Northwind Traders";
        line.remittance = "Invoice F-1";
        file.credits = {line};
        return book->import_bank_file(staff, file, "statement.xml");
    });
    refused_then_done<AutoApplyResult>("auto-apply", [&] { return book->auto_apply(staff, {}); });
    refused_then_done<IntakeResult>("import invoices", [&] {
        formats::InvoiceFile file;
        formats::InvoiceDocument document;
        document.place = "row 2";
        document.number = "FILE-1";
        document.issue_date = today;
        document.due_date = today.plus_days(30);
        document.amount = Money{700'00, usd()};
        document.seller.name = client.name;
        document.debtor.name = "Northwind Traders";
        file.documents = {document};
        return book->import_invoices(staff, file, {client.id, false, "invoices.csv"});
    });
    const int64_t disputed_id = fund_one(client, debtor, 3'000'00).id;
    refused_then_done<Invoice>("dispute", [&] { return book->dispute(staff, disputed_id, "contested"); });
    refused_then_done<JournalEntry>("charge", [&] {
        return book->charge_client(staff, {client.id, "ach_fee", std::nullopt, 0, ""});
    });
    refused_then_done<JournalEntry>("client pays in", [&] {
        return book->client_pays_in(staff, {client.id, 10'000'00, ""});
    });
    refused_then_done<std::optional<Payout>>("rebate",
                                             [&] { return book->release_rebate(staff, client.id, 1'00); });
    refused_then_done<PayoutFile>("payout file", [&] {
        return book->create_payout_file(staff, {PayoutFileFormat::nacha, {}});
    });
    refused_then_done<std::vector<CloseDayResult>>(
        "close-day", [&] { return book->close_day(staff, today.plus_days(3)); });
    const int64_t unpaid_id = fund_one(client, debtor, 2'000'00).id;
    refused_then_done<Invoice>("charge back", [&] { return book->charge_back(staff, unpaid_id, "unpaid"); });
}

// The disk fills part-way through a commit (after 0, 1 KiB, ... of its bytes), or the commit's fsync fails:
// the write is either whole or absent, in this process and after reopening, and the book verifies.
TEST_F(FullDisk, AFaultPartWayThroughACommitLeavesNothingHalfDone) {
    int refused = 0, done = 0, resurrected = 0;
    for (const auto mode : {FaultVfs::Mode::full_after_bytes, FaultVfs::Mode::sync_fails}) {
        for (int64_t budget : {0, 100, 1024, 4096, 4200, 8192, 9000, 16384, 40000, 70000, 150000, 400000}) {
            if (mode == FaultVfs::Mode::sync_fails && budget > 0)
                break;
            SCOPED_TRACE("budget " + std::to_string(budget));
            const int64_t schedule_id = submit(1'000'00 + budget);
            const int64_t invoice_id = must(book->schedule(schedule_id)).invoices.at(0).id;
            must(book->approve_invoices(staff, {{invoice_id}, ""}));
            const auto before = fingerprint();
            FaultVfs::arm(mode, budget);
            auto funded = book->fund_schedule(staff, schedule_id);
            FaultVfs::disarm();
            const auto state = must(book->invoice(invoice_id)).state;
            ++(funded ? done : refused);
            if (funded) {
                EXPECT_EQ(state, InvoiceState::funded);
            } else {
                EXPECT_EQ(funded.error().code, "storage_error");
                EXPECT_EQ(fingerprint(), before);
            }
            expect_clean();
            const auto in_memory = fingerprint();
            reopen();
            const auto on_disk = fingerprint();
            // A failed fsync may leave the commit's frames in the file: the write is then there after a
            // restart, whole (the caller was told it failed, as with a lost connection; docs/reliability.md).
            if (mode == FaultVfs::Mode::sync_fails && !funded && on_disk != before) {
                EXPECT_EQ(must(book->invoice(invoice_id)).state, InvoiceState::funded);
                ++resurrected;
            } else {
                EXPECT_EQ(on_disk, in_memory);
            }
            expect_clean();
            // The next write works.
            if (must(book->invoice(invoice_id)).state != InvoiceState::funded)
                must(book->fund_schedule(staff, schedule_id));
            expect_clean();
        }
    }
    // The budgets span commits cut short and commits that fit.
    EXPECT_GE(refused, 2);
    EXPECT_GE(done, 1);
    std::cout << "part-way faults: " << refused << " refused, " << done << " done, " << resurrected
              << " refused by a failed fsync yet found after reopening\n";
}

}  // namespace
}  // namespace mf::testing
