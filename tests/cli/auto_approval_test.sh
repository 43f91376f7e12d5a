#!/usr/bin/env bash
# Auto-approval through the built binary: off in a new book (settings show says so); once on, a schedule
# submitted for a reviewed debtor is approved and funded with no person and the next payout file pays it; a
# schedule for a debtor with no review waits, `schedule auto-approvals` names the rule, and `schedule
# auto-approve` funds it once the debtor is reviewed; an imported invoice file funds the same way. Bad rules
# are refused and change nothing.
# Usage: bash auto_approval_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: auto_approval_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
BOOK="$WORK/book.sqlite"
export MICROFACTOR_DB="sqlite:$BOOK"
export USER=tester

. "$(dirname "$0")/lib.sh"

mf init --currency USD --date 2026-06-01 --calendar weekends_only >/dev/null
mf settings set --originator-name "Harbor Factoring LLC" --ach-company-id 1123456789 \
    --ach-immediate-origin 021000021 --ach-odfi-routing 021000021 --ach-destination 021000021 >/dev/null
mf capital add --amount 100000 >/dev/null
mf client add --name "Bright Line" --currency USD --fee "flat 2%/30d +1%/15d" --limit 50000 >/dev/null
mf client set cli_1 --routing 021000021 --account 4000123456 >/dev/null
mf debtor add --name "Acme Retail" --currency USD --credit-limit 20000 >/dev/null
mf debtor add --name "Zenith Foods" --currency USD --credit-limit 20000 >/dev/null
mf debtor review dbt_1 --decision approved --limit 20000 --notes "trade references good" >/dev/null

# --- off in a new book
contains "$(mf settings show)" "Auto-approval: off, invoice max none, schedule max none" "settings show"
expect "$(mf settings show --json | json 'd["auto_approval"]["mode"]')" "off" "settings JSON"
mf schedule submit --client cli_1 --invoice dbt_1,OFF-1,100.00,2026-06-01,2026-07-01 >/dev/null
expect "$(mf schedule show sch_1 --json | json 'd["state"]')" "open" "nothing decided while off"
contains "$(mf schedule auto-approvals sch_1)" "No auto-approval decision" "no decision while off"

# --- bad rules
refused_unchanged invalid_mode auto-approval set --mode inherit
refused_unchanged invalid_amount auto-approval set --invoice-max 0
refused_unchanged missing_field auto-approval set

# --- on: a reviewed debtor's schedule funds at submission
mf auto-approval set --mode on --invoice-max 5000 --schedule-max 20000 >/dev/null
contains "$(mf settings show)" "Auto-approval: on, invoice max 5,000.00 USD, schedule max 20,000.00 USD" "on"
out=$(mf schedule submit --client cli_1 --invoice dbt_1,A-1,1000.00,2026-06-01,2026-07-01 \
    --invoice dbt_1,A-2,2000.00,2026-06-01,2026-07-01)
contains "$out" "sch_2: Auto-approved and funded as pay_1" "submit says it was funded"
expect "$(mf schedule show sch_2 --json | json 'd["state"]')" "funded" "funded with no person"
decisions=$(mf schedule auto-approvals sch_2)
contains "$decisions" "approved and funded as pay_1" "the decision"
contains "$decisions" "credit_review" "the rules checked are listed"
mf payout file --format nacha --out "$WORK/ach.txt" >/dev/null
expect "$(mf payout list --json | json '[p["status"] for p in d["data"] if p["id"]=="pay_1"][0]')" "sent" \
    "the next payout file paid it"

# --- a debtor with no review waits, named; the re-run funds it once reviewed
out=$(mf schedule submit --client cli_1 --invoice dbt_2,Z-1,500.00,2026-06-01,2026-07-01)
contains "$out" "sch_3: Auto-approval waits on credit_review" "submit says why it waits"
contains "$(mf schedule auto-approvals sch_3)" "FAILED" "the failed rule shows"
expect "$(mf schedule auto-approvals sch_3 --json | json 'd["data"][0]["failed_rule"]')" "credit_review" "JSON"
mf debtor review dbt_2 --decision approved --limit 10000 --notes "bureau clean" >/dev/null
contains "$(mf schedule auto-approve sch_3)" "approved and funded as pay_2" "the re-run funds it"
refused_unchanged invalid_transition schedule auto-approve sch_3

# --- an invoice file through intake: its schedule runs the rules too
cat >"$WORK/invoices.csv" <<'CSV'
invoice_number,debtor_name,invoice_date,due_date,amount,currency
F-1,Acme Retail,2026-06-01,2026-07-01,300.00,USD
F-2,Zenith Foods,2026-06-01,2026-07-01,450.00,USD
CSV
out=$(mf import invoices "$WORK/invoices.csv" --client cli_1)
contains "$out" "sch_4: Auto-approved and funded as pay_3" "the imported schedule funds"
expect "$(mf schedule show sch_4 --json | json '[i["state"] for i in d["invoices"]]')" '["funded", "funded"]' \
    "both rows funded"

# --- a client's override
mf auto-approval set --client cli_1 --mode off >/dev/null
contains "$(mf auto-approval show --client cli_1)" "In effect: off (by the client)" "client override"
echo "auto_approval_test: ok"
