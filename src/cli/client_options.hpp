// The options of a client's details, terms and payout account, shared by `client add|update` and
// `application add|set|approve`. Thread-safety: CLI setup, one thread.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "book/inputs.hpp"
#include "cli/context.hpp"
#include "cli/parse.hpp"

namespace mf::cli {

struct ClientOptions {
    std::string id;
    Text name, currency, advance_rate, fee, limit, recourse, recourse_days, clearance_days,
        concentration_limit;
    Text email, tax_id, status, expected_version;
    Text routing, account, account_type, iban, bic;
};

void add_client_options(CLI::App& cmd, ClientOptions& o);          // all of them but --currency
void add_terms_options(CLI::App& cmd, ClientOptions& o);           // --advance-rate ... --concentration-limit
void add_payout_account_options(CLI::App& cmd, ClientOptions& o);  // --routing ... --bic
// The payout account options given ("" clears a field).
Status read_payout_account(const ClientOptions& o, PayoutAccountChange& change);
// Fills `terms` from the options given; amounts and the fee schedule's minimum fee are in `currency`.
Status read_terms(const ClientOptions& o, Currency currency, ClientTerms& terms);

}  // namespace mf::cli
