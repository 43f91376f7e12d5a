// Payout files in the book: clients' payout accounts and the originator checked on the way in, files written
// over pending payouts (read back: counts, totals), their payouts sent once, refusals that change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "book/fixture.hpp"
#include "core/ids.hpp"

namespace mf::testing {
namespace {

Currency eur() {
    return Currency::from_code("EUR").value();
}

// The 94-character records of a NACHA file.
std::vector<std::string> nacha_records(const std::string& content) {
    std::vector<std::string> out;
    std::istringstream lines(content);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        out.push_back(line);
    }
    return out;
}

int64_t number_at(const std::string& record, size_t from_1, size_t length) {
    return std::stoll(record.substr(from_1 - 1, length));
}

class PayoutFiles : public BookTest {
  public:
    void SetUp() override {
        BookTest::SetUp();
        SettingsChange change;
        change.originator_name = "Test Factor LLC";
        change.ach_company_id = "1234567890";
        change.ach_immediate_origin = "021000021";
        change.ach_odfi_routing = "021000021";
        change.ach_destination = "011000015";
        change.ach_destination_name = "FED BOSTON";
        change.originator_iban = "DE89370400440532013000";
        change.originator_bic = "COBADEFFXXX";
        must(book->update_settings(staff, change));
    }

    Client usd_client_with_ach(const std::string& routing = "026009593",
                               const std::string& account = "12345678") {
        const Client client = add_client("flat 2%/30d +1%/15d");
        ClientChange change;
        change.payout_account.routing_number = routing;
        change.payout_account.account_number = account;
        return must(book->update_client(staff, client.id, change));
    }

    Client eur_client_with_iban() {
        NewClient input;
        input.name = "Rhein Werkzeug GmbH";
        input.currency = eur();
        input.terms.fee_schedule = parse_fee_schedule("flat 2%/30d +1%/15d", eur()).value();
        input.terms.factoring_limit_minor = 1'000'000'00;
        input.payout_account.iban = "DE02 1203 0000 0000 2020 51";
        input.payout_account.bic = "BYLADEM1001";
        return must(book->add_client(staff, input));
    }

    Payout fund_eur(const Client& client, int64_t face_minor) {
        const Debtor debtor = must(book->add_debtor(staff, {"Müller Bau AG", eur(), 1'000'000'00, "", ""}));
        must(book->contribute_capital(staff, {Money{1'000'000'00, eur()}, "EUR line"}));
        const auto today = book->settings().value().business_date;
        NewSchedule schedule{client.id, {{debtor.id, "E-1", face_minor, eur(), today, today.plus_days(30)}}};
        auto view = must(book->submit_schedule(staff, schedule));
        must(book->approve_invoices(staff, {{view.invoices.at(0).id}, ""}));
        return must(book->fund_schedule(staff, view.schedule.id));
    }

    std::vector<Payout> payouts_of(PayoutStatus status) {
        auto all = must(book->payouts(std::nullopt));
        std::erase_if(all, [&](const Payout& payout) { return payout.status != status; });
        return all;
    }

    std::string payout_states() {
        std::string out;
        for (const auto& payout : must(book->payouts(std::nullopt)))
            out += std::string(to_string(payout.status)) + (payout.payout_file_id ? "f" : "") + ",";
        return out + " files " + std::to_string(must(book->payout_files()).size());
    }
};

TEST_F(PayoutFiles, NachaFileOverPendingPayoutsSendsThem) {
    const Client first = usd_client_with_ach();
    const Client second = usd_client_with_ach("121000358", "0012098765");
    const Debtor debtor = add_debtor();
    fund_one(first, debtor, 10'000'00);  // advance 9,000.00
    fund_one(second, debtor, 2'000'00);  // advance 1,800.00
    fund_one(first, debtor, 1'234'56);   // advance 1,111.10
    ASSERT_EQ(payouts_of(PayoutStatus::pending).size(), 3U);

    const PayoutFile file = must(book->create_payout_file(staff, {PayoutFileFormat::nacha, {}}));
    EXPECT_EQ(file.payout_count, 3);
    EXPECT_EQ(file.total_minor, 9'000'00 + 1'800'00 + 1'111'10);
    EXPECT_EQ(file.currency.code(), "USD");
    EXPECT_EQ(file.business_date, date(2026, 6, 1));
    EXPECT_EQ(file.created_at, "2026-06-01T09:00:00Z");
    EXPECT_EQ(file.sha256.size(), 64U);

    // Read back: every record 94 characters, 3 entries with their addenda, the file control's totals.
    const auto records = nacha_records(file.content);
    ASSERT_FALSE(records.empty());
    EXPECT_EQ(records.size() % 10, 0U);
    int64_t entries = 0;
    int64_t entry_total = 0;
    std::string file_control;
    for (const auto& record : records) {
        ASSERT_EQ(record.size(), 94U) << record;
        if (record[0] == '6') {
            ++entries;
            entry_total += number_at(record, 30, 10);
            EXPECT_EQ(record.substr(1, 2), "22");  // checking credit
        }
        if (record[0] == '9' && record.substr(0, 2) != "99")
            file_control = record;
    }
    EXPECT_EQ(entries, 3);
    EXPECT_EQ(entry_total, file.total_minor);
    ASSERT_FALSE(file_control.empty());
    EXPECT_EQ(number_at(file_control, 14, 8), 6);   // entries and addenda
    EXPECT_EQ(number_at(file_control, 32, 12), 0);  // debits
    EXPECT_EQ(number_at(file_control, 44, 12), file.total_minor);
    EXPECT_NE(file.content.find("ADVANCE"), std::string::npos);
    EXPECT_EQ(file.content.substr(0, 1), "1");
    EXPECT_EQ(file.content[33], 'A');  // the day's first file

    // The payouts are sent by this file; the file reads back whole, and lists without its content.
    EXPECT_TRUE(payouts_of(PayoutStatus::pending).empty());
    for (const auto& payout : payouts_of(PayoutStatus::sent))
        EXPECT_EQ(payout.payout_file_id, file.id);
    const PayoutFile stored = must(book->payout_file(file.id));
    EXPECT_EQ(stored.content, file.content);
    EXPECT_EQ(stored.sha256, file.sha256);
    const auto listed = must(book->payout_files());
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0].id, file.id);
    EXPECT_TRUE(listed[0].content.empty());
    EXPECT_EQ(listed[0].total_minor, file.total_minor);
    const int64_t sent_id = payouts_of(PayoutStatus::sent).at(0).id;
    const auto audited = book->store().read([&](Transaction& tx) -> Status {
        EXPECT_EQ(tx.audit_of("payout_file", file.id).value().size(), 1U);
        EXPECT_EQ(tx.audit_of("payout", sent_id).value().back().action, "payout.send");
        return ok();
    });
    EXPECT_TRUE(audited);
    expect_clean();
}

TEST_F(PayoutFiles, APayoutIsNeverPutInASecondFile) {
    const Client client = usd_client_with_ach();
    const Debtor debtor = add_debtor();
    fund_one(client, debtor, 1'000'00);
    const PayoutFile first = must(book->create_payout_file(staff, {PayoutFileFormat::nacha, {}}));
    const int64_t sent_id = payouts_of(PayoutStatus::sent).at(0).id;

    const std::string before = fingerprint() + payout_states();
    auto again = book->create_payout_file(staff, {PayoutFileFormat::nacha, {}});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "nothing_to_pay");
    auto named = book->create_payout_file(staff, {PayoutFileFormat::nacha, {sent_id}});
    ASSERT_FALSE(named);
    EXPECT_EQ(named.error().code, "payout_sent");
    EXPECT_NE(named.error().message.find(format_id(IdKind::payout_file, first.id)), std::string::npos);
    EXPECT_EQ(fingerprint() + payout_states(), before);

    // A new payout goes in the next file alone, the day's second (modifier B).
    fund_one(client, debtor, 500'00);
    const PayoutFile second = must(book->create_payout_file(staff, {PayoutFileFormat::nacha, {}}));
    EXPECT_EQ(second.payout_count, 1);
    EXPECT_EQ(second.total_minor, 450'00);
    EXPECT_EQ(second.content[33], 'B');
    EXPECT_NE(second.id, first.id);
}

// Four files asked for at once (PostgreSQL: four serializable transactions): one file sends the payouts, the
// others find nothing left to pay.
TEST_F(PayoutFiles, FilesAskedForAtOnceSendEachPayoutOnce) {
    const Client client = usd_client_with_ach();
    const Debtor debtor = add_debtor();
    for (int i = 0; i < 3; ++i)
        fund_one(client, debtor, 1'000'00);
    std::atomic<int> written{0};
    std::mutex mutex;
    std::set<std::string> refusals;
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            auto file = book->create_payout_file(staff, {PayoutFileFormat::nacha, {}});
            if (file) {
                ++written;
                return;
            }
            std::lock_guard lock(mutex);
            refusals.insert(file.error().code);
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(written.load(), 1);
    EXPECT_EQ(refusals, (std::set<std::string>{"nothing_to_pay"}));
    const auto files = must(book->payout_files());
    ASSERT_EQ(files.size(), 1U);
    EXPECT_EQ(files[0].payout_count, 3);
    for (const auto& payout : must(book->payouts(std::nullopt)))
        EXPECT_EQ(payout.payout_file_id, files[0].id);
}

TEST_F(PayoutFiles, AClientWithoutAccountRefusesTheWholeFile) {
    const Client paid = usd_client_with_ach();
    const Client unpaid = add_client("flat 2%/30d +1%/15d");
    const Debtor debtor = add_debtor();
    fund_one(paid, debtor, 1'000'00);
    fund_one(unpaid, debtor, 1'100'00);  // not the same face: that would be held as a double pledge
    const std::string before = fingerprint() + payout_states();
    auto refused = book->create_payout_file(staff, {PayoutFileFormat::nacha, {}});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "missing_payout_account");
    const auto unpaid_payout = must(book->payouts(unpaid.id)).at(0);
    EXPECT_NE(refused.error().message.find(format_id(IdKind::payout, unpaid_payout.id)), std::string::npos);
    EXPECT_NE(refused.error().message.find(format_id(IdKind::client, unpaid.id)), std::string::npos);
    EXPECT_EQ(fingerprint() + payout_states(), before);
    EXPECT_EQ(payouts_of(PayoutStatus::pending).size(), 2U);

    // Naming only the payable payout works.
    const auto paid_payout = must(book->payouts(paid.id)).at(0);
    const PayoutFile file =
        must(book->create_payout_file(staff, {PayoutFileFormat::nacha, {paid_payout.id}}));
    EXPECT_EQ(file.payout_count, 1);
    EXPECT_EQ(payouts_of(PayoutStatus::pending).size(), 1U);
}

TEST_F(PayoutFiles, EachFormatPaysItsCurrency) {
    const Client dollars = usd_client_with_ach();
    const Client euros = eur_client_with_iban();
    EXPECT_EQ(euros.payout_account.iban, "DE02120300000000202051");  // spaces dropped
    const Debtor debtor = add_debtor();
    fund_one(dollars, debtor, 1'000'00);
    const Payout euro_payout = fund_eur(euros, 2'000'00);  // advance 1,800.00 EUR

    auto mismatch = book->create_payout_file(staff, {PayoutFileFormat::nacha, {euro_payout.id}});
    ASSERT_FALSE(mismatch);
    EXPECT_EQ(mismatch.error().code, "currency_mismatch");

    const PayoutFile ach = must(book->create_payout_file(staff, {PayoutFileFormat::nacha, {}}));
    EXPECT_EQ(ach.payout_count, 1);
    EXPECT_EQ(ach.total_minor, 900'00);
    const PayoutFile sepa = must(book->create_payout_file(staff, {PayoutFileFormat::pain001, {}}));
    EXPECT_EQ(sepa.payout_count, 1);
    EXPECT_EQ(sepa.currency.code(), "EUR");
    EXPECT_EQ(sepa.total_minor, 1'800'00);
    EXPECT_NE(sepa.content.find("<NbOfTxs>1</NbOfTxs>"), std::string::npos);
    EXPECT_NE(sepa.content.find("<CtrlSum>1800.00</CtrlSum>"), std::string::npos);
    EXPECT_NE(sepa.content.find("DE02120300000000202051"), std::string::npos);
    EXPECT_NE(sepa.content.find(format_id(IdKind::payout, euro_payout.id).replace(3, 1, "-")),
              std::string::npos);
    EXPECT_TRUE(payouts_of(PayoutStatus::pending).empty());
    EXPECT_EQ(must(book->payout_files()).size(), 2U);
}

TEST_F(PayoutFiles, AccountsAreCheckedOnTheWayIn) {
    const Client client = add_client("flat 2%/30d +1%/15d");
    auto attempt = [&](PayoutAccountChange account) {
        ClientChange change;
        change.payout_account = std::move(account);
        return book->update_client(staff, client.id, change);
    };
    const std::string before = fingerprint();
    auto bad_routing = attempt({"021000022", "123", std::nullopt, std::nullopt, std::nullopt});
    ASSERT_FALSE(bad_routing);
    EXPECT_EQ(bad_routing.error().code, "invalid_routing_number");
    auto no_account = attempt({"021000021", std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    ASSERT_FALSE(no_account);
    EXPECT_EQ(no_account.error().code, "missing_field");
    auto bad_account = attempt({"021000021", "12 34!", std::nullopt, std::nullopt, std::nullopt});
    ASSERT_FALSE(bad_account);
    EXPECT_EQ(bad_account.error().code, "invalid_account_number");
    auto iban_for_dollars = attempt({std::nullopt, std::nullopt, std::nullopt, "DE89370400440532013000", ""});
    ASSERT_FALSE(iban_for_dollars);
    EXPECT_EQ(iban_for_dollars.error().code, "invalid_payout_account");
    EXPECT_EQ(fingerprint(), before);

    const Client set =
        must(attempt({"021000021", "4000123456", AchAccountType::savings, std::nullopt, std::nullopt}));
    EXPECT_TRUE(set.payout_account.has_ach());
    EXPECT_EQ(must(book->client(client.id)).payout_account.account_number, "4000123456");
    EXPECT_EQ(must(book->client(client.id)).payout_account.account_type, AchAccountType::savings);
    EXPECT_EQ(masked(set.payout_account).account_number, "****3456");
    const Client cleared = must(attempt({"", "", std::nullopt, std::nullopt, std::nullopt}));
    EXPECT_FALSE(cleared.payout_account.has_ach());

    const Client euros = eur_client_with_iban();
    ClientChange bad_iban;
    bad_iban.payout_account.iban = "DE02120300000000202052";
    auto refused = book->update_client(staff, euros.id, bad_iban);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "invalid_iban");
    ClientChange bad_bic;
    bad_bic.payout_account.bic = "BYLA";
    auto refused_bic = book->update_client(staff, euros.id, bad_bic);
    ASSERT_FALSE(refused_bic);
    EXPECT_EQ(refused_bic.error().code, "invalid_bic");
    // The bank details never reach the audit log.
    const auto checked = book->store().read([&](Transaction& tx) -> Status {
        MF_TRY(const auto events, tx.audit_of("client", client.id));
        for (const auto& event : events)
            EXPECT_EQ(event.detail.find("4000123456"), std::string::npos) << event.detail;
        return ok();
    });
    EXPECT_TRUE(checked);
}

TEST_F(PayoutFiles, TheOriginatorMustBeSetUp) {
    SettingsChange clear;
    clear.ach_company_id = "";
    must(book->update_settings(staff, clear));
    const Client client = usd_client_with_ach();
    fund_one(client, add_debtor(), 1'000'00);
    auto refused = book->create_payout_file(staff, {PayoutFileFormat::nacha, {}});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "originator_not_set");

    SettingsChange bad;
    bad.ach_odfi_routing = "123456789";
    auto bad_routing = book->update_settings(staff, bad);
    ASSERT_FALSE(bad_routing);
    EXPECT_EQ(bad_routing.error().code, "invalid_routing_number");
    EXPECT_EQ(must(book->settings()).originator.ach_odfi_routing, "021000021");
}

}  // namespace
}  // namespace mf::testing
