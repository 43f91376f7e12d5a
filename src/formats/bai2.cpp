#include "formats/bai2.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "formats/bai2_records.hpp"
#include "formats/bank_common.hpp"
#include "formats/csv.hpp"

namespace mf::formats {
namespace {

using bai2::FieldCursor;
using bai2::Record;
using bai2::Sign;

enum class Direction { credit, debit, reversal, unknown };

// The rules of bai2.hpp; the code lists are the BAI type codes that move money back rather than pay.
Direction direction_of(int type_code) {
    static constexpr int kDebitReversals[] = {123, 168, 251, 252, 254, 255, 256,
                                              257, 258, 260, 261, 266, 268, 395};
    static constexpr int kCreditReversals[] = {423, 551, 552, 554, 555, 556, 557, 558, 566, 568, 694, 695};
    const auto listed = [type_code](const auto& codes) {
        return std::find(std::begin(codes), std::end(codes), type_code) != std::end(codes);
    };
    if (listed(kDebitReversals) || listed(kCreditReversals))
        return Direction::reversal;
    // 920-959 and 960-999 are the bank's own credit and debit codes (900-919 its own status codes).
    if ((type_code >= 100 && type_code <= 399) || (type_code >= 920 && type_code <= 959))
        return Direction::credit;
    if ((type_code >= 400 && type_code <= 699) || (type_code >= 960 && type_code <= 999))
        return Direction::debit;
    return Direction::unknown;
}

Place line_place(const Record& record) {
    return fmt::format("line {}", record.line);
}

// What a trailer sums and counts: an account (03..49), a group (02..98) or the file (01..99).
struct Scope {
    size_t line = 0;
    int64_t total_minor = 0;
    int64_t records = 0;
    int64_t children = 0;  // accounts of a group, groups of the file
};

struct Account : Scope {
    std::string number;
    Currency currency;
};

struct Group : Scope {
    Date as_of;
    Currency currency;
    int status = 1;  // 1 update, 2 resend, 3 deletion, 4 test only
};

class Reader {
  public:
    Result<BankFile> read(std::string_view bytes);

  private:
    Status on_record(const Record& record);
    Status on_file_header(const Record& record);
    Status on_group_header(const Record& record);
    Status on_account(const Record& record);
    Status on_detail(const Record& record);
    Status on_account_trailer(const Record& record);
    Status on_group_trailer(const Record& record);
    Status on_file_trailer(const Record& record);
    Status add_credit(const Record& record, int type_code, int64_t amount_minor, FieldCursor& fields,
                      std::optional<Date> value_date);
    void count(const Record& record);
    Status misplaced(const Record& record, std::string_view expected) const;
    Status unclosed(const Record& record, std::string_view scope_name, const Scope& scope,
                    std::string_view trailer) const;

    BankFile file_;
    BankReferences references_;
    std::optional<Scope> file_scope_;  // from the 01 on
    std::optional<Group> group_;
    std::optional<Account> account_;
    bool closed_ = false;  // the 99 was read
};

// Each physical record counts in every scope it sits in, its own included.
void Reader::count(const Record& record) {
    for (Scope* scope : {static_cast<Scope*>(file_scope_ ? &*file_scope_ : nullptr),
                         static_cast<Scope*>(group_ ? &*group_ : nullptr),
                         static_cast<Scope*>(account_ ? &*account_ : nullptr)}) {
        if (scope != nullptr)
            scope->records += record.physical_count;
    }
}

Status Reader::misplaced(const Record& record, std::string_view expected) const {
    return bank_error("invalid_bank_file", line_place(record),
                      fmt::format("a {} record {}", record.code, expected));
}

Status Reader::unclosed(const Record& record, std::string_view scope_name, const Scope& scope,
                        std::string_view trailer) const {
    return misplaced(record, fmt::format("inside the {} opened on line {} (its {} is missing)", scope_name,
                                         scope.line, trailer));
}

Result<BankFile> Reader::read(std::string_view bytes) {
    MF_TRY(const std::vector<Record> records, bai2::split_records(bytes));
    if (records.empty())
        return make_error("invalid_bank_file", "the BAI2 file has no records");
    for (const Record& record : records)
        MF_CHECK(on_record(record));
    if (!closed_) {
        const Record& last = records.back();
        return bank_error(
            "invalid_bank_file", line_place(last),
            fmt::format("the file ends before its 99 file trailer{} (is it cut short?)",
                        account_ ? fmt::format(", inside the account opened on line {}", account_->line)
                        : group_ ? fmt::format(", inside the group opened on line {}", group_->line)
                                 : std::string()));
    }
    return std::move(file_);
}

Status Reader::on_record(const Record& record) {
    if (closed_)
        return misplaced(record, "after the 99 file trailer");
    if (!file_scope_ && record.code != "01") {
        return bank_error(
            "invalid_bank_file", line_place(record),
            fmt::format("a BAI2 file starts with its 01 file header, found record type '{}'", record.code));
    }
    if (record.code == "01")
        return on_file_header(record);
    if (record.code == "02")
        return on_group_header(record);
    if (record.code == "03")
        return on_account(record);
    if (record.code == "16")
        return on_detail(record);
    if (record.code == "49")
        return on_account_trailer(record);
    if (record.code == "98")
        return on_group_trailer(record);
    if (record.code == "99")
        return on_file_trailer(record);
    return bank_error(
        "invalid_bank_file", line_place(record),
        fmt::format("unknown record type '{}' (BAI2 has 01, 02, 03, 16, 49, 88, 98, 99)", record.code));
}

// 01,sender,receiver,creation date,creation time,file id,record length,block size,version
Status Reader::on_file_header(const Record& record) {
    if (file_scope_)
        return misplaced(record, "where the file header was already read");
    file_scope_ = Scope{record.line};
    count(record);
    FieldCursor fields(record);
    fields.next();
    fields.next();
    MF_CHECK(bai2::parse_yymmdd(fields.next(), line_place(record), "file creation date"));
    fields.next();
    file_.format = BankFormat::bai2;
    file_.message_id = std::string(trim_space(fields.next()));
    if (file_.message_id.empty())
        return bank_error("invalid_bank_file", line_place(record), "the 01 file header has no file id");
    fields.next();
    fields.next();
    const std::string_view version = fields.next();
    if (version != "2") {
        return bank_error("unsupported_version", line_place(record),
                          fmt::format("BAI version '{}' is not supported; version 2 is", version));
    }
    return ok();
}

// 02,receiver,originator,group status,as-of date,as-of time,currency,as-of date modifier
Status Reader::on_group_header(const Record& record) {
    if (group_)
        return unclosed(record, "group", *group_, "98");
    Group group;
    group.line = record.line;
    FieldCursor fields(record);
    fields.next();
    fields.next();
    const std::string_view status = fields.next();
    if (status.size() != 1 || status[0] < '1' || status[0] > '4') {
        return bank_error("invalid_bank_file", line_place(record),
                          fmt::format("group status '{}' is not 1, 2, 3 or 4", status));
    }
    group.status = status[0] - '0';
    MF_TRY(group.as_of, bai2::parse_yymmdd(fields.next(), line_place(record), "as-of date"));
    fields.next();
    const std::string_view currency = fields.next();
    MF_TRY(group.currency, currency_at(currency.empty() ? "USD" : currency, line_place(record)));
    group_ = group;
    count(record);
    return ok();
}

// 03,account number,currency,then per summary: type code,amount,item count,funds type[,its fields]
Status Reader::on_account(const Record& record) {
    if (!group_)
        return misplaced(record, "outside a group (02 ... 98)");
    if (account_)
        return unclosed(record, "account", *account_, "49");
    Account account;
    account.line = record.line;
    FieldCursor fields(record);
    account.number = std::string(trim_space(fields.next()));
    if (account.number.empty())
        return bank_error("invalid_bank_file", line_place(record), "the 03 record has no account number");
    const std::string_view currency = fields.next();
    if (currency.empty()) {
        account.currency = group_->currency;
    } else {
        MF_TRY(account.currency, currency_at(currency, line_place(record)));
    }
    while (!fields.exhausted()) {
        const std::string_view type_code = fields.next();
        const std::string_view amount = fields.next();
        fields.next();  // item count
        MF_CHECK(bai2::read_funds_type(fields, line_place(record)));
        if (type_code.empty() && !amount.empty())
            return bank_error("invalid_bank_file", line_place(record),
                              "a summary amount without a type code");
        MF_TRY(const int64_t minor,
               bai2::parse_amount(amount, Sign::signed_allowed, line_place(record), "summary amount"));
        MF_TRY(account.total_minor, checked_add(account.total_minor, minor));
    }
    account_ = account;
    count(record);
    return ok();
}

// 16,type code,amount,funds type[,its fields],bank reference,customer reference,text
Status Reader::on_detail(const Record& record) {
    if (!account_)
        return misplaced(record, "outside an account (03 ... 49)");
    count(record);
    const Place place = line_place(record);
    FieldCursor fields(record);
    const std::string_view type_text = fields.next();
    if (type_text.size() != 3 || type_text.find_first_not_of("0123456789") != std::string_view::npos)
        return bank_error("invalid_bank_file", place,
                          fmt::format("type code '{}' is not three digits", type_text));
    const int type_code = std::stoi(std::string(type_text));
    const std::string_view amount_text = fields.next();
    if (amount_text.empty())
        return bank_error("invalid_amount", place, "the 16 record has no amount");
    MF_TRY(const int64_t amount_minor, bai2::parse_amount(amount_text, Sign::unsigned_only, place, "amount"));
    MF_TRY(account_->total_minor, checked_add(account_->total_minor, amount_minor));
    MF_TRY(const std::optional<Date> value_date, bai2::read_funds_type(fields, place));
    if (group_->status >= 3) {
        return bank_error(
            "invalid_bank_file", place,
            fmt::format("the group opened on line {} has status {} ({}) and may not carry "
                        "transactions",
                        group_->line, group_->status, group_->status == 3 ? "deletion" : "test only"));
    }
    switch (direction_of(type_code)) {
        case Direction::credit:
            return add_credit(record, type_code, amount_minor, fields, value_date);
        case Direction::debit:
            ++file_.debits_skipped;
            return ok();
        case Direction::reversal:
            ++file_.reversals_skipped;
            return ok();
        case Direction::unknown:
            break;
    }
    return bank_error(
        "unsupported_type_code", place,
        fmt::format("type code {} is neither a BAI2 credit (100-399, the bank's own 920-959) nor a debit "
                    "(400-699, 960-999): {}",
                    type_text,
                    type_code < 100 || (type_code >= 900 && type_code <= 919)
                        ? "it is a status (balance) code, which a 16 transaction record may not carry"
                        : "700-899 is not a transaction range of BAI2"));
}

Status Reader::add_credit(const Record& record, int type_code, int64_t amount_minor, FieldCursor& fields,
                          std::optional<Date> value_date) {
    const Place place = line_place(record);
    if (amount_minor == 0)
        return bank_error("invalid_amount", place, "a credit of 0 is not a payment");
    BankCredit credit;
    credit.place = place;
    credit.account = account_->number;
    credit.booking_date = group_->as_of;
    credit.value_date = value_date;
    credit.amount = Money{amount_minor, account_->currency};
    const std::string bank_reference(trim_space(fields.next()));
    credit.creditor_reference = std::string(trim_space(fields.next()));
    credit.remittance = fields.rest_as_text();
    credit.type_code = fmt::format("{:03}", type_code);
    references_.assign(credit, bank_reference);
    file_.credits.push_back(std::move(credit));
    return ok();
}

// Compares what a trailer states with what was found.
Status check_trailer(const Record& record, std::string_view what, std::string_view code, int64_t stated,
                     int64_t found, std::string_view noun) {
    if (stated == found)
        return ok();
    return bank_error(std::string(code), line_place(record),
                      fmt::format("the {} states {} {}, found {}", what, noun, stated, found));
}

// Checks a trailer's control total, count of accounts or groups (when child_noun is given) and number of
// records against what its scope held.
Status check_scope(const Record& record, std::string_view what, const Scope& scope,
                   std::string_view child_noun) {
    const Place place = line_place(record);
    FieldCursor fields(record);
    MF_TRY(const int64_t total,
           bai2::parse_amount(fields.next(), Sign::signed_allowed, place, "control total"));
    MF_CHECK(
        check_trailer(record, what, "control_total_mismatch", total, scope.total_minor, "control total"));
    if (!child_noun.empty()) {
        MF_TRY(const int64_t children, bai2::parse_count(fields.next(), place, child_noun));
        MF_CHECK(check_trailer(record, what, "record_count_mismatch", children, scope.children, child_noun));
    }
    MF_TRY(const int64_t records, bai2::parse_count(fields.next(), place, "number of records"));
    return check_trailer(record, what, "record_count_mismatch", records, scope.records, "number of records");
}

// A closed account or group adds to the scope around it, whose trailer sums and counts them.
Status roll_up(const Scope& inner, Scope& outer) {
    MF_TRY(outer.total_minor, checked_add(outer.total_minor, inner.total_minor));
    ++outer.children;
    return ok();
}

// 49,account control total,number of records
Status Reader::on_account_trailer(const Record& record) {
    if (!account_)
        return misplaced(record, "without an account (03) to close");
    count(record);
    MF_CHECK(check_scope(record, "49 account trailer", *account_, ""));
    MF_CHECK(roll_up(*account_, *group_));
    account_.reset();
    return ok();
}

// 98,group control total,number of accounts,number of records
Status Reader::on_group_trailer(const Record& record) {
    if (account_)
        return unclosed(record, "account", *account_, "49");
    if (!group_)
        return misplaced(record, "without a group (02) to close");
    count(record);
    MF_CHECK(check_scope(record, "98 group trailer", *group_, "number of accounts"));
    MF_CHECK(roll_up(*group_, *file_scope_));
    group_.reset();
    return ok();
}

// 99,file control total,number of groups,number of records
Status Reader::on_file_trailer(const Record& record) {
    if (group_)
        return unclosed(record, "group", *group_, "98");
    count(record);
    MF_CHECK(check_scope(record, "99 file trailer", *file_scope_, "number of groups"));
    closed_ = true;
    return ok();
}

// Every byte a character of ISO 8859-1, written in UTF-8.
std::string latin1_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            out += c;
        } else {
            out += static_cast<char>(0xC0 | (byte >> 6));
            out += static_cast<char>(0x80 | (byte & 0x3F));
        }
    }
    return out;
}

}  // namespace

Result<BankFile> read_bai2(std::string_view bytes) {
    MF_CHECK(check_bank_file_size(bytes));
    // BAI2 is ASCII; text beyond it from older bank systems is Latin-1 more often than not.
    if (first_invalid_utf8(bytes))
        return Reader().read(latin1_to_utf8(bytes));
    return Reader().read(bytes);
}

}  // namespace mf::formats
