#include "book/demo.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "core/calendar.hpp"
#include "core/fee_text.hpp"

namespace mf {
namespace {

// A small deterministic generator (splitmix64): the same seed builds the same book on every platform.
class Random {
  public:
    explicit Random(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int64_t between(int64_t low, int64_t high) {
        return low + static_cast<int64_t>(next() % (high - low + 1));
    }
    bool chance(int percent) { return between(1, 100) <= percent; }

  private:
    uint64_t state_;
};

struct ClientPlan {
    const char* name;
    const char* currency;
    const char* fee;
    int64_t advance_percent;
    int64_t limit_major;
    RecourseKind recourse;
    int32_t clearance_days;
    int64_t concentration_percent;
    int invoices_per_week;
    int64_t typical_face_major;
};

constexpr ClientPlan kClients[] = {
    {"Bright Line Logistics LLC", "USD", "flat 2%/30d +1%/15d", 90, 250'000, RecourseKind::recourse, 0, 60, 9,
     2'400},
    {"Harbor Staffing Inc.", "USD", "daily 1.8%/30d min_fee=15.00", 85, 180'000, RecourseKind::non_recourse,
     0, 70, 8, 1'600},
    {"Cedar Print & Sign Co.", "USD", "tiered 1.5%/10d 2.5%/20d 3.5%/30d 4.5%/45d 6%/60d 8%/90d after 10%",
     80, 60'000, RecourseKind::recourse, 2, 100, 4, 900},
    {"Northwind Produce Co-op", "USD", "flat 1.75%/15d +0.75%/10d", 85, 120'000, RecourseKind::recourse, 1,
     50, 7, 1'300},
    {"Atlas Machining Ltd.", "USD", "tiered 2%/30d 3%/45d 4%/60d 5%/75d 6%/90d after 8% basis=advance", 75,
     90'000, RecourseKind::non_recourse, 0, 80, 3, 3'800},
    {"Rhein Werkzeug GmbH", "EUR", "daily 1.5%/30d min_days=10", 85, 150'000, RecourseKind::recourse, 0, 100,
     4, 2'900},
};

// Where each demo client is paid (same order as kClients): test values with valid check digits (ABA routing
// numbers of large US banks, the IBANs of the ISO 13616 and Bundesbank examples), never a real account.
struct PayoutPlan {
    const char* routing;
    const char* account;
    AchAccountType type;
    const char* iban;
    const char* bic;
};
constexpr PayoutPlan kPayoutAccounts[] = {
    {"021000021", "4000123456", AchAccountType::checking, "", ""},
    {"026009593", "8800345612", AchAccountType::checking, "", ""},
    {"121000358", "0012098765", AchAccountType::savings, "", ""},
    {"111000025", "5566778899", AchAccountType::checking, "", ""},
    {"122105278", "7012345001", AchAccountType::checking, "", ""},
    {"", "", AchAccountType::checking, "DE02120300000000202051", "BYLADEM1001"},
};
static_assert(std::size(kPayoutAccounts) == std::size(kClients));

constexpr const char* kDebtorNames[] = {
    "Acme Retail Group",   "Blue Harbor Foods",     "Carroway Health",      "Delmar Construction",
    "Evergreen Schools",   "Fulton Freight",        "Granite State Mills",  "Hollis Hospitality",
    "Ironwood Energy",     "Juniper Markets",       "Keystone Builders",    "Lakeside Clinics",
    "Meridian Transport",  "Northgate Grocers",     "Oakridge Properties",  "Pinecrest Hotels",
    "Quarry Hill Supply",  "Riverbend Farms",       "Summit Outfitters",    "Tidewater Shipping",
    "Union Square Dental", "Valley Fresh Foods",    "Westfield Auto Parts", "Yardley Restaurants",
    "Zenith Aerospace",    "Alder & Finch LLP",     "Beacon Home Care",     "Crestline Mining",
    "Driftwood Marine",    "Eastport Cold Storage", "Foxglove Florists",    "Greystone Security",
    "Hartwell Dairy",      "Indigo Print Media",    "Jasper Timber",        "Kingfisher Logistics",
};
constexpr const char* kEuroDebtorNames[] = {"Müller Bau AG", "Nordlicht Handel GmbH", "Alpen Logistik KG",
                                            "Brandt & Söhne OHG"};

struct DemoState {
    DemoState(Book& b, uint64_t seed) : book(b), random(seed) {}
    Book& book;
    Random random;
    Actor staff{"demo:underwriter"};
    Actor collector{"demo:collector"};
    std::vector<Client> clients;
    std::vector<Debtor> usd_debtors;
    std::vector<Debtor> eur_debtors;
    DemoSummary summary;
    std::optional<Date> reviews_expire;  // the debtors' credit reviews hold through this date
};

// The underwriter reviews every debtor at its current limit for a year, and again a month before that year
// ends, so funding (which needs a current review in a new book) never stops for want of one.
Status review_debtors(DemoState& state, Date today) {
    if (state.reviews_expire && today < state.reviews_expire->plus_days(-30))
        return ok();
    const Date expires = today.plus_days(365);
    for (const auto* debtors : {&state.usd_debtors, &state.eur_debtors}) {
        for (const auto& debtor : *debtors) {
            MF_TRY(auto current, state.book.debtor(debtor.id));
            NewCreditReview review;
            review.debtor_id = debtor.id;
            review.limit_minor = current.credit_limit_minor;
            review.notes = "demo: annual review, limit kept";
            review.expires_on = expires;
            MF_CHECK(state.book.review_debtor(state.staff, review));
        }
    }
    state.reviews_expire = expires;
    return ok();
}

Status create_parties(DemoState& state, const DemoOptions& options) {
    const auto usd = Currency::from_code("USD").value();
    const auto eur = Currency::from_code("EUR").value();
    SettingsChange originator;
    originator.originator_name = "Microfactor Demo Capital";
    originator.ach_company_id = "1234567890";
    originator.ach_immediate_origin = "021000021";
    originator.ach_origin_name = "MICROFACTOR DEMO";
    originator.ach_odfi_routing = "021000021";
    originator.ach_destination = "021000021";
    originator.ach_destination_name = "JPMORGAN CHASE BANK";
    originator.originator_iban = "DE89370400440532013000";
    originator.originator_bic = "COBADEFFXXX";
    // What the notices of assignment and the assignment legend tell debtors: where to pay the factor.
    originator.remittance_instructions =
        "Pay by ACH or wire to Microfactor Demo Capital, account 000123456789 at JPMorgan Chase Bank "
        "(routing 021000021); quote the invoice number.";
    MF_CHECK(state.book.update_settings(state.staff, originator));
    for (size_t index = 0; index < std::size(kClients); ++index) {
        const ClientPlan& plan = kClients[index];
        const PayoutPlan& payout = kPayoutAccounts[index];
        NewClient input;
        input.name = plan.name;
        MF_TRY(input.currency, Currency::from_code(plan.currency));
        MF_TRY(input.terms.fee_schedule, parse_fee_schedule(plan.fee, input.currency));
        input.terms.advance_rate_ppm = plan.advance_percent * 10'000;
        input.terms.factoring_limit_minor = plan.limit_major * 100;
        input.terms.recourse = plan.recourse;
        input.terms.clearance_days = plan.clearance_days;
        input.terms.concentration_limit_ppm = plan.concentration_percent * 10'000;
        if (*payout.routing) {
            input.payout_account.routing_number = payout.routing;
            input.payout_account.account_number = payout.account;
            input.payout_account.account_type = payout.type;
        } else {
            input.payout_account.iban = payout.iban;
            input.payout_account.bic = payout.bic;
        }
        MF_TRY(auto client, state.book.add_client(state.staff, input));
        state.clients.push_back(client);
    }
    const int32_t usd_count = std::min<int32_t>(options.debtors, std::size(kDebtorNames));
    for (int32_t i = 0; i < usd_count; ++i) {
        NewDebtor input{kDebtorNames[i], usd, state.random.between(4, 40) * 5'000'00, "", ""};
        MF_TRY(auto debtor, state.book.add_debtor(state.staff, input));
        state.usd_debtors.push_back(debtor);
    }
    for (const char* name : kEuroDebtorNames) {
        MF_TRY(auto debtor, state.book.add_debtor(state.staff, NewDebtor{name, eur, 80'000'00, "", ""}));
        state.eur_debtors.push_back(debtor);
    }
    MF_CHECK(state.book.contribute_capital(state.staff, {Money{2'500'000'00, usd}, "owner capital"}));
    MF_CHECK(state.book.contribute_capital(state.staff, {Money{400'000'00, eur}, "EUR credit line draw"}));
    state.summary.clients = static_cast<int64_t>(state.clients.size());
    state.summary.debtors = static_cast<int64_t>(state.usd_debtors.size() + state.eur_debtors.size());
    return ok();
}

enum class Behaviour { pays, pays_late, short_pays, overpays, pays_in_two, disputes, misdirects, defaults };

struct Plan {
    int64_t invoice_id = 0;
    int64_t client_index = 0;
    Behaviour behaviour = Behaviour::pays;
    Date pay_on;
    bool done = false;
};

Behaviour pick_behaviour(Random& random) {
    const auto roll = random.between(1, 100);
    if (roll <= 62)
        return Behaviour::pays;
    if (roll <= 76)
        return Behaviour::pays_late;
    if (roll <= 82)
        return Behaviour::short_pays;
    if (roll <= 85)
        return Behaviour::overpays;
    if (roll <= 90)
        return Behaviour::pays_in_two;
    if (roll <= 94)
        return Behaviour::disputes;
    if (roll <= 97)
        return Behaviour::misdirects;
    return Behaviour::defaults;
}

const Debtor& pick_debtor(DemoState& state, size_t client_index) {
    const auto& client = state.clients[client_index];
    if (client.currency.code() == "EUR") {
        return state.eur_debtors[state.random.between(0, static_cast<int64_t>(state.eur_debtors.size()) - 1)];
    }
    // Each client sells to its own handful of customers, so concentrations look like a real book's.
    const auto span = static_cast<int64_t>(state.usd_debtors.size());
    const int64_t first = static_cast<int64_t>(client_index) * 5 % span;
    return state.usd_debtors[(first + state.random.between(0, 7)) % span];
}

Status submit_and_fund(DemoState& state, size_t client_index, Date day, std::vector<Plan>& plans) {
    const auto& plan = kClients[client_index];
    const auto& client = state.clients[client_index];
    NewSchedule schedule;
    schedule.client_id = client.id;
    const int count = static_cast<int>(state.random.between(1, 4));
    for (int i = 0; i < count; ++i) {
        const auto& debtor = pick_debtor(state, client_index);
        NewInvoice invoice;
        invoice.debtor_id = debtor.id;
        invoice.number = std::string(client.name.substr(0, 2)) + "-" + std::to_string(day.year() % 100) +
                         std::to_string(100000 + state.summary.invoices + i);
        invoice.currency = client.currency;
        // 0.3x .. 2.5x the client's typical invoice, cents included (minor units)
        invoice.face_minor =
            plan.typical_face_major * state.random.between(30, 250) + state.random.between(0, 99);
        invoice.issue_date = day.plus_days(-static_cast<int32_t>(state.random.between(0, 12)));
        const int32_t terms_days = state.random.chance(70) ? 30 : (state.random.chance(50) ? 45 : 60);
        invoice.due_date = invoice.issue_date.plus_days(terms_days);
        schedule.invoices.push_back(invoice);
    }
    MF_TRY(auto submitted, state.book.submit_schedule(state.staff, schedule));
    state.summary.schedules += 1;
    state.summary.invoices += count;
    ApprovalRequest approval;
    for (const auto& invoice : submitted.invoices)
        approval.invoice_ids.push_back(invoice.id);
    MF_TRY(auto outcomes, state.book.approve_invoices(state.staff, approval));
    for (const auto& outcome : outcomes) {
        if (outcome.approved)
            continue;
        if (state.random.chance(60)) {
            MF_CHECK(state.book.approve_invoices(
                state.staff,
                {{outcome.invoice.id}, "reviewed: debtor pays on time, limit increase pending"}));
        } else {
            MF_CHECK(state.book.reject_invoices(state.staff, {outcome.invoice.id}, "over limit: declined"));
        }
    }
    MF_TRY(auto view, state.book.schedule(submitted.schedule.id));
    const bool any_approved = std::any_of(view.invoices.begin(), view.invoices.end(),
                                          [](const Invoice& i) { return i.state == InvoiceState::approved; });
    if (!any_approved)
        return ok();
    MF_CHECK(state.book.fund_schedule(state.staff, submitted.schedule.id));
    MF_CHECK(state.book.charge_client(
        state.staff,
        {client.id, client.currency.code() == "EUR" ? "wire_fee" : "ach_fee",
         client.currency.code() == "EUR" ? std::optional<int64_t>(15'00) : std::nullopt, 0, ""}));
    for (const auto& invoice : view.invoices) {
        if (invoice.state != InvoiceState::approved)
            continue;
        Plan p;
        p.invoice_id = invoice.id;
        p.client_index = static_cast<int64_t>(client_index);
        p.behaviour = pick_behaviour(state.random);
        const int32_t delay = p.behaviour == Behaviour::pays_late
                                  ? static_cast<int32_t>(state.random.between(10, 45))
                                  : static_cast<int32_t>(state.random.between(-12, 6));
        p.pay_on = std::max(day.plus_days(3), invoice.due_date.plus_days(delay));
        plans.push_back(p);
    }
    return ok();
}

Status receive(DemoState& state, const Invoice& invoice, int64_t amount_minor, Date day, bool close_short) {
    const auto& debtor = state.book.debtor(invoice.debtor_id);
    if (!debtor)
        return debtor.error();
    NewReceipt receipt;
    receipt.amount = Money{amount_minor, invoice.currency};
    receipt.received_on = day;
    receipt.payer = debtor.value().name;
    receipt.reference = "INV " + invoice.number;
    receipt.debtor_id = invoice.debtor_id;
    if (state.random.chance(85)) {
        receipt.applications.push_back({invoice.id, amount_minor, close_short});
        MF_CHECK(state.book.record_receipt(state.collector, receipt));
        state.summary.receipts += 1;
        return ok();
    }
    // The collector matches it a moment later, from unapplied cash.
    MF_TRY(auto recorded, state.book.record_receipt(state.collector, receipt));
    MF_CHECK(state.book.apply_receipt(state.collector, recorded.receipt.id,
                                      {{invoice.id, amount_minor, close_short}}));
    state.summary.receipts += 1;
    return ok();
}

Status collect(DemoState& state, Plan& plan, Date day) {
    MF_TRY(auto invoice, state.book.invoice(plan.invoice_id));
    if (invoice.state != InvoiceState::funded) {
        plan.done = true;
        return ok();
    }
    const int64_t owed = invoice.outstanding_minor();
    switch (plan.behaviour) {
        case Behaviour::pays:
        case Behaviour::pays_late:
            MF_CHECK(receive(state, invoice, owed, day, false));
            break;
        case Behaviour::short_pays:
            MF_CHECK(receive(state, invoice, owed * 95 / 100, day, true));
            break;
        case Behaviour::overpays:
            MF_CHECK(receive(state, invoice, owed + 25'00, day, false));
            break;
        case Behaviour::pays_in_two:
            if (owed == invoice.face_minor) {
                MF_CHECK(receive(state, invoice, owed / 2, day, false));
                plan.pay_on = day.plus_days(14);
                return ok();
            }
            MF_CHECK(receive(state, invoice, owed, day, false));
            break;
        case Behaviour::disputes:
            if (!invoice.disputed) {
                MF_CHECK(
                    state.book.dispute(state.collector, invoice.id, "debtor says 3 cartons arrived damaged"));
                plan.pay_on = day.plus_days(21);
                return ok();
            }
            if (state.random.chance(50)) {
                MF_CHECK(state.book.resolve_dispute(state.collector, invoice.id,
                                                    DisputeOutcome::upheld_for_client,
                                                    "photos showed intact delivery; debtor agreed to pay"));
                MF_CHECK(receive(state, invoice, owed, day, false));
            } else {
                MF_CHECK(state.book.resolve_dispute(state.collector, invoice.id,
                                                    DisputeOutcome::lost_as_dilution,
                                                    "credit note issued by the client"));
            }
            break;
        case Behaviour::misdirects:
            MF_CHECK(state.book.report_misdirected_payment(state.collector,
                                                           {invoice.id, owed, day, "paid the client"}));
            MF_CHECK(state.book.client_pays_in(state.collector,
                                               {invoice.client_id, owed, "remitted misdirected payment"}));
            break;
        case Behaviour::defaults:
            if (invoice.recourse == RecourseKind::non_recourse && days_between(invoice.due_date, day) > 60) {
                MF_CHECK(state.book.write_off(state.collector, invoice.id, "debtor filed for chapter 7"));
                break;
            }
            return ok();  // recourse invoices are charged back by close-day after their recourse days
    }
    plan.done = true;
    return ok();
}

}  // namespace

Result<DemoSummary> build_demo(Book& book, const DemoOptions& options,
                               const std::function<void(int32_t, int32_t)>& progress) {
    DemoState state(book, options.seed);
    MF_CHECK(create_parties(state, options));
    std::vector<Plan> plans;
    for (int32_t index = 0; index < options.business_days; ++index) {
        MF_TRY(auto settings, book.settings());
        const Date day = settings.business_date;
        MF_CHECK(review_debtors(state, day));
        for (size_t c = 0; c < std::size(kClients); ++c) {
            if (state.random.between(1, 5) <= kClients[c].invoices_per_week / 2 ||
                state.random.chance(kClients[c].invoices_per_week * 4)) {
                MF_CHECK(submit_and_fund(state, c, day, plans));
            }
        }
        for (auto& plan : plans) {
            if (!plan.done && plan.pay_on <= day)
                MF_CHECK(collect(state, plan, day));
        }
        std::erase_if(plans, [](const Plan& p) { return p.done; });
        MF_CHECK(book.close_day(state.staff, day));
        state.summary.days_closed += 1;
        if (progress)
            progress(index + 1, options.business_days);
    }
    return state.summary;
}

}  // namespace mf
