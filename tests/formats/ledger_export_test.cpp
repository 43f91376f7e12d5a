#include "formats/ledger_export.hpp"

#include <gtest/gtest.h>

#include "formats/csv.hpp"

namespace mf::formats {
namespace {

Currency currency(std::string_view code) {
    auto found = Currency::from_code(code);
    EXPECT_TRUE(found.has_value()) << code;
    return found.value();
}

Date day(int year, unsigned month, unsigned d) {
    return Date::from_ymd(year, month, d).value();
}

// An entry without postings yet, as the store reads it back.
JournalEntry stored_entry(int64_t id, EntryKind kind, Date on, std::string_view code, std::string memo) {
    JournalEntry entry;
    entry.id = id;
    entry.kind = kind;
    entry.effective_on = on;
    entry.currency = currency(code);
    entry.memo = std::move(memo);
    return entry;
}

// Face 1,000.00 funded with a 900.00 advance: the entry fund_entry() builds.
JournalEntry funding() {
    JournalEntry entry = stored_entry(2, EntryKind::invoice_funded, day(2026, 5, 2), "USD", "fund INV-001");
    entry.add(Account::purchased_receivables, 100000, 3, 7, 12);
    entry.add(Account::cash, -90000, 3, 7, 12);
    entry.add(Account::client_reserve, -10000, 3, 7, 12);
    return entry;
}

JournalNames names() {
    JournalNames out;
    out.clients[3] = "Acme, Inc.";
    out.debtors[7] = "Big \"Buyer\" GmbH";
    out.invoices[12] = "INV-001";
    return out;
}

std::string entry_text(JournalFormat format, const JournalEntry& entry, const JournalNames& with = {}) {
    std::string out;
    append_journal_entry(out, format, entry, with);
    return out;
}

TEST(LedgerExport, FormatsParseAndNameTheirFiles) {
    EXPECT_EQ(parse_journal_format("hledger").value(), JournalFormat::hledger);
    EXPECT_EQ(parse_journal_format("beancount").value(), JournalFormat::beancount);
    EXPECT_EQ(parse_journal_format("xlsx").error().code, "invalid_format");
    EXPECT_EQ(file_extension(JournalFormat::ledger), "journal");
    EXPECT_EQ(content_type(JournalFormat::csv), "text/csv; charset=utf-8");
}

TEST(LedgerExport, AccountNamesPerFormat) {
    const auto receivable = journal_account(Account::purchased_receivables, 3, 7);
    EXPECT_EQ(account_name(JournalFormat::ledger, receivable), "assets:purchased_receivables:cli_3:dbt_7");
    EXPECT_EQ(account_name(JournalFormat::beancount, receivable), "Assets:PurchasedReceivables:Cli-3:Dbt-7");
    // The reserve is kept per client, never per debtor; cash is the factor's own.
    EXPECT_EQ(account_name(JournalFormat::ledger, journal_account(Account::client_reserve, 3, 7)),
              "liabilities:client_reserve:cli_3");
    EXPECT_EQ(account_name(JournalFormat::ledger, journal_account(Account::cash, 3, 7)), "assets:cash");
    EXPECT_EQ(account_name(JournalFormat::beancount, journal_account(Account::fee_income, 4, 0)),
              "Income:FeeIncome:Cli-4");
    EXPECT_EQ(account_name(JournalFormat::beancount, journal_account(Account::credit_losses, 0, 0)),
              "Expenses:CreditLosses");
    EXPECT_EQ(account_name(JournalFormat::ledger, journal_account(Account::funding_capital, 0, 0)),
              "equity:funding_capital");
}

TEST(LedgerExport, LedgerTransactionExactly) {
    EXPECT_EQ(entry_text(JournalFormat::ledger, funding(), names()),
              "2026-05-02 * (jrn_2) invoice_funded | fund INV-001\n"
              "    assets:purchased_receivables:cli_3:dbt_7  USD 1000.00\n"
              "        ; client: cli_3\n"
              "        ; debtor: dbt_7\n"
              "        ; invoice: inv_12\n"
              "        ; invoice_number: INV-001\n"
              "    assets:cash  USD -900.00\n"
              "        ; client: cli_3\n"
              "        ; debtor: dbt_7\n"
              "        ; invoice: inv_12\n"
              "        ; invoice_number: INV-001\n"
              "    liabilities:client_reserve:cli_3  USD -100.00\n"
              "        ; client: cli_3\n"
              "        ; debtor: dbt_7\n"
              "        ; invoice: inv_12\n"
              "        ; invoice_number: INV-001\n"
              "\n");
    EXPECT_EQ(entry_text(JournalFormat::hledger, funding(), names()),
              entry_text(JournalFormat::ledger, funding(), names()));
}

TEST(LedgerExport, BeancountTransactionExactly) {
    JournalEntry capital = stored_entry(1, EntryKind::capital_contributed, day(2026, 5, 1), "USD", "owner");
    capital.add(Account::cash, 1000000);
    capital.add(Account::funding_capital, -1000000);
    EXPECT_EQ(entry_text(JournalFormat::beancount, capital),
              "2026-05-01 * \"capital_contributed\" \"owner\"\n"
              "  entry: \"jrn_1\"\n"
              "  Assets:Cash  10000.00 USD\n"
              "  Equity:FundingCapital  -10000.00 USD\n"
              "\n");
    const std::string funded = entry_text(JournalFormat::beancount, funding(), names());
    EXPECT_NE(funded.find("  Assets:PurchasedReceivables:Cli-3:Dbt-7  1000.00 USD\n"
                          "    client: \"cli_3\"\n"
                          "    debtor: \"dbt_7\"\n"
                          "    invoice: \"inv_12\"\n"
                          "    invoice_number: \"INV-001\"\n"),
              std::string::npos)
        << funded;
}

TEST(LedgerExport, CsvRowsPerPosting) {
    const std::string text = entry_text(JournalFormat::csv, funding(), names());
    EXPECT_EQ(
        text,
        "jrn_2,2026-05-02,invoice_funded,fund INV-001,purchased_receivables,cli_3,dbt_7,inv_12,1000.00,,"
        "USD,\"Acme, Inc.\",\"Big \"\"Buyer\"\" GmbH\",INV-001\r\n"
        "jrn_2,2026-05-02,invoice_funded,fund INV-001,cash,cli_3,dbt_7,inv_12,,900.00,USD,\"Acme, "
        "Inc.\",\"Big \"\"Buyer\"\" GmbH\",INV-001\r\n"
        "jrn_2,2026-05-02,invoice_funded,fund INV-001,client_reserve,cli_3,dbt_7,inv_12,,100.00,USD,"
        "\"Acme, Inc.\",\"Big \"\"Buyer\"\" GmbH\",INV-001\r\n");
    std::string header;
    append_journal_header(header, JournalFormat::csv, {}, {});
    auto read = read_csv(header + text);
    ASSERT_TRUE(read.has_value());
    const CsvTable* table = &read.value();
    ASSERT_EQ(table->rows.size(), 3u);
    EXPECT_EQ(table->field(table->rows[1], table->column("credit")), "900.00");
    EXPECT_EQ(table->field(table->rows[0], table->column("debtor_name")), "Big \"Buyer\" GmbH");
}

TEST(LedgerExport, DecimalsOfTheCurrency) {
    JournalEntry fee = stored_entry(9, EntryKind::fee_accrued, day(2026, 5, 3), "JPY", "fee to date");
    fee.add(Account::client_reserve, 1500, 3);
    fee.add(Account::fee_income, -1500, 3);
    const std::string yen = entry_text(JournalFormat::ledger, fee);
    EXPECT_NE(yen.find("    liabilities:client_reserve:cli_3  JPY 1500\n"), std::string::npos) << yen;
    EXPECT_NE(yen.find("    income:fee_income:cli_3  JPY -1500\n"), std::string::npos) << yen;
    EXPECT_NE(entry_text(JournalFormat::beancount, fee).find("  Income:FeeIncome:Cli-3  -1500 JPY\n"),
              std::string::npos);

    fee.currency = currency("KWD");
    fee.postings[0].amount_minor = 1005;
    fee.postings[1].amount_minor = -1005;
    const std::string dinar = entry_text(JournalFormat::ledger, fee);
    EXPECT_NE(dinar.find("    liabilities:client_reserve:cli_3  KWD 1.005\n"), std::string::npos) << dinar;
    EXPECT_NE(entry_text(JournalFormat::beancount, fee).find("  Income:FeeIncome:Cli-3  -1.005 KWD\n"),
              std::string::npos);
    EXPECT_NE(entry_text(JournalFormat::csv, fee).find(",1.005,,KWD,"), std::string::npos);

    // The header declares each commodity's decimals; hledger wants the point even without decimals.
    JournalHeader header;
    header.currencies = {currency("JPY"), currency("KWD"), currency("USD")};
    std::string declared;
    append_journal_header(declared, JournalFormat::ledger, header, {});
    EXPECT_NE(declared.find("commodity JPY\n    format JPY 1000.\n"), std::string::npos) << declared;
    EXPECT_NE(declared.find("commodity KWD\n    format KWD 1000.000\n"), std::string::npos) << declared;
    EXPECT_NE(declared.find("commodity USD\n    format USD 1000.00\n"), std::string::npos) << declared;
}

TEST(LedgerExport, HostileTextCannotBreakTheSyntax) {
    JournalEntry entry = funding();
    entry.memo = "a; b\nc\r\n2026-01-01 * injected\n    assets:cash  USD 1.00\t@  \"q\" \\ |x|\x01 \xff end";
    JournalNames hostile = names();
    hostile.invoices[12] = "INV,1\n; evil: yes";
    hostile.clients[3] = "=HYPERLINK(\"x\")";

    const std::string journal = entry_text(JournalFormat::ledger, entry, hostile);
    EXPECT_EQ(
        journal.substr(0, journal.find('\n')),
        "2026-05-02 * (jrn_2) invoice_funded | a, b c 2026-01-01 * injected assets:cash USD 1.00 @ \"q\" "
        "\\ |x| ? end");
    EXPECT_NE(journal.find("        ; invoice_number: INV 1 ; evil: yes\n"), std::string::npos) << journal;
    // Every line but the first is a posting or its comment: nothing the memo said became a line.
    size_t lines = 0;
    for (char c : journal)
        lines += c == '\n';
    EXPECT_EQ(lines, 1u + 3u * 5u + 1u);

    const std::string beancount = entry_text(JournalFormat::beancount, entry, hostile);
    EXPECT_EQ(
        beancount.substr(0, beancount.find('\n')),
        "2026-05-02 * \"invoice_funded\" \"a; b c 2026-01-01 * injected assets:cash USD 1.00 @ \\\"q\\\" "
        "\\\\ |x| ? end\"");
    EXPECT_NE(beancount.find("    invoice_number: \"INV,1 ; evil: yes\"\n"), std::string::npos) << beancount;

    const std::string csv = entry_text(JournalFormat::csv, entry, hostile);
    auto read = read_csv(
        "entry_id,date,kind,memo,account,client_id,debtor_id,invoice_id,debit,credit,currency,"
        "client_name,debtor_name,invoice_number\r\n" +
        csv);
    ASSERT_TRUE(read.has_value()) << read.error().message;
    const CsvTable* table = &read.value();
    ASSERT_EQ(table->rows.size(), 3u);
    EXPECT_EQ(table->field(table->rows[0], table->column("client_name")), "'=HYPERLINK(\"x\")");
    EXPECT_EQ(table->rows[0].fields[13], "INV,1\n; evil: yes");
}

TEST(LedgerExport, HeaderDeclaresAccountsTagsAndNames) {
    JournalHeader header;
    header.title = "microfactor journal";
    header.opened_on = day(1970, 1, 1);
    header.currencies = {currency("USD")};
    header.accounts = {journal_account(Account::purchased_receivables, 3, 7),
                       journal_account(Account::client_reserve, 3, 0)};
    std::string journal;
    append_journal_header(journal, JournalFormat::ledger, header, names());
    EXPECT_NE(journal.find("account assets  ; type: A\n"), std::string::npos);
    EXPECT_NE(journal.find("account income  ; type: R\n"), std::string::npos);
    EXPECT_NE(journal.find("account assets:purchased_receivables:cli_3:dbt_7\n"), std::string::npos);
    EXPECT_NE(journal.find("account liabilities:client_reserve:cli_3\n"), std::string::npos);
    EXPECT_NE(journal.find("tag invoice_number\n"), std::string::npos);
    EXPECT_NE(journal.find("; cli_3  Acme, Inc.\n"), std::string::npos);
    EXPECT_EQ(journal.find("; cli_3", journal.find("; cli_3") + 1), std::string::npos) << "each name once";

    std::string beancount;
    append_journal_header(beancount, JournalFormat::beancount, header, names());
    EXPECT_NE(beancount.find("1970-01-01 commodity USD\n"), std::string::npos);
    EXPECT_NE(beancount.find("1970-01-01 open Assets:PurchasedReceivables:Cli-3:Dbt-7\n"
                             "  client: \"cli_3\"\n"
                             "  client_name: \"Acme, Inc.\"\n"
                             "  debtor: \"dbt_7\"\n"
                             "  debtor_name: \"Big \\\"Buyer\\\" GmbH\"\n"),
              std::string::npos)
        << beancount;
    EXPECT_NE(beancount.find("1970-01-01 open Expenses:CreditLosses\n"), std::string::npos);
}

}  // namespace
}  // namespace mf::formats
