// Bank files in: each credit of a statement becomes a receipt to unapplied cash, with what the bank said of
// it kept beside it (bank_lines), so the same statement loaded twice books nothing twice.
#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/ids.hpp"

namespace mf {

using namespace detail;

namespace {

// The text a collector reads on the receipt: the remittance, else the structured reference, else the
// end-to-end id.
std::string receipt_reference(const formats::BankCredit& credit) {
    if (!credit.remittance.empty())
        return credit.remittance;
    if (!credit.creditor_reference.empty())
        return credit.creditor_reference;
    return credit.end_to_end_id;
}

BankLine bank_line_of(const formats::BankCredit& credit, const std::string& file_id) {
    BankLine line;
    line.bank_account = credit.account;
    // A credit the bank gave no reference keeps its place in the file as one, so a reload still finds it.
    line.bank_reference =
        credit.bank_reference.empty() ? file_id + "/" + credit.place : credit.bank_reference;
    line.currency = credit.amount.currency;
    line.amount_minor = credit.amount.minor;
    line.booked_on = credit.booking_date;
    line.payer_account = credit.payer_account;
    line.end_to_end_id = credit.end_to_end_id;
    line.creditor_reference = credit.creditor_reference;
    line.file_id = file_id;
    return line;
}

}  // namespace

Result<BankImportResult> Book::import_bank_file(const Actor& actor, const formats::BankFile& file,
                                                const std::string& file_name) {
    const std::string file_id = file.message_id.empty() ? file_name : file.message_id;
    if (file_id.empty())
        return make_error("missing_field", "a bank file needs a name or a message id", "file");
    BankImportResult result;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        result = BankImportResult{};
        result.format = file.format;
        result.debits_skipped = file.debits_skipped;
        result.reversals_skipped = file.reversals_skipped;
        result.pending_skipped = file.pending_skipped;
        for (const auto& credit : file.credits) {
            auto line = bank_line_of(credit, file_id);
            MF_TRY(auto booked, tx.find_bank_line(line));
            if (booked) {
                result.duplicates.push_back({credit.place, *booked});
                continue;
            }
            NewReceipt receipt;
            receipt.amount = credit.amount;
            // The value date counts for fees; one the business date has not reached yet falls back to booking.
            receipt.received_on = credit.value_date && *credit.value_date <= settings.business_date
                                      ? *credit.value_date
                                      : credit.booking_date;
            receipt.payer = credit.payer_name.empty() ? "(payer not named)" : credit.payer_name;
            receipt.reference = receipt_reference(credit);
            receipt.source = std::string(formats::to_string(file.format)) + ":" + file_id;
            ReceiptView view;
            if (auto received = receive_in_transaction(tx, settings, actor, receipt, view); !received) {
                auto error = received.error();
                error.message = credit.place + ": " + error.message;
                return error;
            }
            line.receipt_id = view.receipt.id;
            MF_CHECK(tx.insert_bank_line(line));
            result.recorded.push_back(std::move(view));
        }
        return ok();
    }));
    return result;
}

}  // namespace mf
