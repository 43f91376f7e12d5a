// How the CLI shows the book's records to people: detail blocks for one record, tables for lists. The --json
// form comes from src/wire instead. Thread-safety: pure functions writing to the given stream.
#pragma once

#include <iosfwd>
#include <vector>

#include "book/reports.hpp"
#include "core/model.hpp"

namespace mf::cli {

void print_settings(std::ostream& out, const BookSettings& settings);
void print_client(std::ostream& out, const Client& client);
void print_clients(std::ostream& out, const std::vector<Client>& clients);
void print_debtor(std::ostream& out, const Debtor& debtor);
void print_debtors(std::ostream& out, const std::vector<Debtor>& debtors);
void print_charges(std::ostream& out, const std::vector<Charge>& charges);
void print_schedules(std::ostream& out, const std::vector<Schedule>& schedules);
void print_schedule(std::ostream& out, const ScheduleView& view);
void print_invoices(std::ostream& out, const std::vector<Invoice>& invoices);
void print_invoice(std::ostream& out, const Invoice& invoice);
void print_invoice_history(std::ostream& out, const InvoiceHistory& history);
void print_approvals(std::ostream& out, const std::vector<ApprovalOutcome>& outcomes);
void print_entries(std::ostream& out, const std::vector<JournalEntry>& entries);
void print_entry(std::ostream& out, const JournalEntry& entry);
void print_receipt(std::ostream& out, const Receipt& receipt);
void print_receipt_detail(std::ostream& out, const ReceiptDetail& detail);
void print_receipt_view(std::ostream& out, const ReceiptView& view);
void print_receipts(std::ostream& out, const std::vector<Receipt>& receipts);
void print_payouts(std::ostream& out, const std::vector<Payout>& payouts);
void print_payout_files(std::ostream& out, const std::vector<PayoutFile>& files);

}  // namespace mf::cli
