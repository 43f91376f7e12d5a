// Writes sample payout files for the independent readers of tests/external (payout_files_test.sh): a CCD and
// a PPD NACHA file and a pain.001.001.09 document, with expected.json holding what their inputs add up to.
// Usage: mf_payout_samples DIR
#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "formats/nacha.hpp"
#include "formats/pain001.hpp"
#include "support/payout_fixtures.hpp"

namespace mf::formats {
namespace {

using test::day;

// 150 credits over two days, advances and rebates, checking and savings, some with remittance; enough RDFI
// numbers near 99,999,999 that the entry hash overflows its 10 digits.
std::vector<PayoutOrder> ach_payouts() {
    const char* routings[] = {"231380104", "031300012", "121042882", "011000015", "999999992", "999999992"};
    const char* names[] = {"Acme Widgets Inc", "Müller Bäckerei LLC", "O'Brien & Sons", "Ромашка Trading"};
    const Currency usd = Currency::from_code("USD").value();
    std::vector<PayoutOrder> payouts;
    for (int i = 0; i < 150; ++i) {
        PayoutOrder p{.id = "pay_" + std::to_string(i + 1),
                      .payee_name = names[i % 4],
                      .payee_id = "cli_" + std::to_string(i % 7 + 1),
                      .routing_number = routings[i % 6],
                      .account_number = std::to_string(100000 + i * 7919),
                      .savings = i % 5 == 0,
                      .amount = Money{static_cast<int64_t>(i) * 123457 % 99'999'999 + 1, usd},
                      .execution_date = day(2026, 11, 23 + i % 2),
                      .remittance = i % 3 == 0 ? "advance schedule sch_" + std::to_string(i) : "",
                      .entry_description = i % 5 == 3 ? "REBATE" : ""};
        payouts.push_back(std::move(p));
    }
    return payouts;
}

std::vector<PayoutOrder> sepa_payouts() {
    const Currency eur = Currency::from_code("EUR").value();
    struct Payee {
        const char* name;
        const char* iban;
        const char* bic;
    };
    const Payee payees[] = {{"Acme Widgets BV", "NL91ABNA0417164300", "ABNANL2A"},
                            {"Müller & Söhne GmbH", "DE89370400440532013000", "COBADEFFXXX"},
                            {"Société Générale d'Exemple", "FR1420041010050500013M02606", ""},
                            {"<b>Ωmega</b> \"Ltd\"", "BE68539007547034", ""}};
    std::vector<PayoutOrder> payouts;
    for (int i = 0; i < 12; ++i) {
        const Payee& payee = payees[i % 4];
        payouts.push_back(
            PayoutOrder{.id = "pay_" + std::to_string(i + 1),
                        .payee_name = payee.name,
                        .iban = payee.iban,
                        .bic = payee.bic,
                        .amount = Money{static_cast<int64_t>(i + 1) * 100'001, eur},
                        .execution_date = day(2026, 11, 23 + i % 3),
                        .remittance = i % 2 ? "rebate for invoice inv_" + std::to_string(i) : ""});
    }
    return payouts;
}

// What the payouts add up to, from the inputs rather than from the file.
boost::json::object expected_ach(const std::vector<PayoutOrder>& payouts, int64_t batches) {
    int64_t total = 0, hash = 0, addenda = 0;
    for (const PayoutOrder& p : payouts) {
        total += p.amount.minor;
        hash += std::stoll(p.routing_number.substr(0, 8));
        addenda += p.remittance.empty() ? 0 : 1;
    }
    return {{"batches", batches},    {"entries", static_cast<int64_t>(payouts.size())},
            {"addenda", addenda},    {"entry_hash", hash % 10'000'000'000},
            {"total_credit", total}, {"total_debit", 0}};
}

boost::json::object expected_sepa(const std::vector<PayoutOrder>& payouts, int64_t payments) {
    int64_t total = 0;
    for (const PayoutOrder& p : payouts)
        total += p.amount.minor;
    return {{"payments", payments},
            {"transactions", static_cast<int64_t>(payouts.size())},
            {"ctrl_sum", format_amount(total, payouts.front().amount.currency)}};
}

int write_all(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    const auto write = [&](const char* name, const std::string& bytes) {
        std::ofstream(dir / name, std::ios::binary) << bytes;
    };
    const NachaOptions nacha{.file_creation_date = day(2026, 11, 22),
                             .file_creation_minute_of_day = 14 * 60 + 5,
                             .company_entry_description = "ADVANCE"};
    const auto ach = ach_payouts();
    auto ccd = write_nacha(test::sample_originator(), ach, nacha);
    NachaOptions ppd_options = nacha;
    ppd_options.sec_code = AchSecCode::ppd;
    ppd_options.line_ending = LineEnding::lf;
    ppd_options.file_id_modifier = 'B';
    ppd_options.effective_entry_date = day(2026, 11, 24);
    const std::vector<PayoutOrder> ppd_payouts(ach.begin(), ach.begin() + 7);
    auto ppd = write_nacha(test::sample_originator(), ppd_payouts, ppd_options);
    const auto sepa_list = sepa_payouts();
    auto sepa = write_pain001(test::sample_originator(), sepa_list,
                              Pain001Options{.message_id = "MF-20261122-1",
                                             .creation_date = day(2026, 11, 22),
                                             .creation_second_of_day = 14 * 3600 + 5 * 60});
    for (const auto* result : {&ccd, &ppd}) {
        if (!*result) {
            std::cerr << result->error().message << "\n";
            return 1;
        }
    }
    if (!sepa) {
        std::cerr << sepa.error().message << "\n";
        return 1;
    }
    write("ccd.ach", ccd.value());
    write("ppd.ach", ppd.value());
    write("sepa.xml", sepa.value());
    // Batches: two days x (ADVANCE, REBATE) in the CCD file; one date, one description in the PPD file.
    const boost::json::object expected{{"ccd.ach", expected_ach(ach, 4)},
                                       {"ppd.ach", expected_ach(ppd_payouts, 2)},
                                       {"sepa.xml", expected_sepa(sepa_list, 3)}};
    write("expected.json", boost::json::serialize(expected));
    return 0;
}

}  // namespace
}  // namespace mf::formats

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: mf_payout_samples DIR\n";
        return 2;
    }
    return mf::formats::write_all(argv[1]);
}
