#!/usr/bin/env bash
# End to end through the built binary: init a book, add a client and a debtor, submit/approve/fund a schedule,
# record and apply receipts, close days, read every report as a table and as JSON, verify, and reopen the file.
# Usage: bash workflow_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: workflow_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
BOOK="$WORK/book.sqlite"
export MICROFACTOR_DB="sqlite:$BOOK"
export USER=tester

. "$(dirname "$0")/lib.sh"

# --- set-up
out=$(mf init --credit-reviews off --currency USD --date 2026-06-01 --name "Test Factor")
contains "$out" "Business date    2026-06-01" "init shows the settings"
mf capital add --amount 100000 --memo "owner capital" >/dev/null
client=$(mf --json client add --name "Bright Line Logistics" --currency USD --advance-rate 90 \
    --fee "flat 2%/30d +1%/15d" --limit 50000 --concentration-limit 100)
expect "$(json 'd["id"]' <<<"$client")" "cli_1" "client id"
expect "$(json 'd["terms"]["factoring_limit"]' <<<"$client")" "50000.00" "factoring limit"
debtor=$(mf debtor add --name "Acme Retail" --currency USD --credit-limit 20000 --json)
expect "$(json 'd["credit_limit"]' <<<"$debtor")" "20000.00" "credit limit"
contains "$(mf client list)" "50,000.00" "client list shows the limit with separators"

# --- buy invoices
schedule=$(mf --json schedule submit --client cli_1 --invoice dbt_1,INV-1,1000.00,2026-05-28,2026-06-27 \
    --invoice 1,INV-2,500,2026-05-29,2026-06-28)
expect "$(json 'd["id"]' <<<"$schedule")" "sch_1" "schedule id"
expect "$(json '[i["face_amount"] for i in d["invoices"]]' <<<"$schedule")" '["1000.00", "500.00"]' "faces"
printf 'debtor_id,number,amount,issue_date,due_date\n1,INV-3,250.00,2026-05-30,2026-06-29\n' >"$WORK/invoices.csv"
mf schedule submit --client 1 --csv "$WORK/invoices.csv" >/dev/null
approvals=$(mf invoice approve inv_1 inv_2 --json)
expect "$(json '[o["approved"] for o in d]' <<<"$approvals")" "[true, true]" "both approved"
payout=$(mf schedule fund sch_1 --json)
expect "$(json 'd["amount"]' <<<"$payout")" "1350.00" "advance paid: 90% of 1,500.00"
expect "$(json 'd["kind"]' <<<"$payout")" "advance" "payout kind"
contains "$(mf schedule show sch_1)" "1,000.00" "schedule show lists the invoices"

# --- a day passes, money comes in
closed=$(mf close-day --json)
expect "$(json 'd[0]["date"]' <<<"$closed")" "2026-06-01" "closed date"
expect "$(json 'd[0]["fees"][0]["amount"]' <<<"$closed")" "30.00" "fees accrued on day 1: 2% of 1,500.00"
receipt=$(mf receipt record --amount 1000.00 --payer "Acme Retail" --reference "ACH 1001" --debtor dbt_1 \
    --apply inv_1=1000.00 --json)
expect "$(json 'd["unapplied_amount"]' <<<"$receipt")" "0.00" "receipt fully applied"
invoice=$(mf invoice show inv_1 --json)
expect "$(json 'd["invoice"]["state"]' <<<"$invoice")" "closed" "inv_1 closed by its payment"
expect "$(json 'd["invoice"]["fee_settled_amount"]' <<<"$invoice")" "20.00" "inv_1 fee for 1 day"
expect "$(json 'd["invoice"]["collected_amount"]' <<<"$invoice")" "1000.00" "inv_1 collected"
expect "$(json 'len(d["events"]) >= 4 and len(d["entries"]) >= 2' <<<"$invoice")" "true" "timeline and postings"
shown=$(mf invoice show inv_1)
contains "$shown" "Timeline" "invoice show has a timeline"
contains "$shown" "purchased_receivables" "invoice show has postings"
mf receipt record --amount 200 --payer "Acme Retail" --reference "CHK 77" >/dev/null
expect "$(mf receipt list --unapplied --json | json '[r["id"] for r in d["data"]]')" '["rcp_2"]' "unapplied receipts"
applied=$(mf receipt apply rcp_2 --apply inv_2=200 --json)
expect "$(json 'd["unapplied_amount"]' <<<"$applied")" "0.00" "receipt 2 applied"
expect "$(mf invoice show 2 --json | json 'd["invoice"]["outstanding_amount"]')" "300.00" "inv_2 partly paid"
expect "$(mf receipt show rcp_2 --json | json '[(a["invoice_id"], a["amount"]) for a in d["applications"]]')" \
    '[["inv_2", "200.00"]]' "receipt 2 shows where its cash went"
contains "$(mf receipt show rcp_2)" "inv_2" "receipt show lists its applications"
# a second payment on inv_1, already closed: refused unless it says it goes to the client (:client)
mf receipt record --amount 40 --payer "Acme Retail" --reference "ACH 1002" --debtor dbt_1 >/dev/null
refused_unchanged invalid_transition receipt apply rcp_3 --apply inv_1=40
refused_unchanged invalid_field receipt apply rcp_3 --apply inv_1=40:short:client
reserve_before=$(mf report reserve --json | json 'd["rows"][0]["reserve_amount"]')
credited=$(mf receipt apply rcp_3 --apply inv_1=40:client --json)
expect "$(json 'd["unapplied_amount"]' <<<"$credited")" "0.00" "receipt 3 credited to the client"
reserve_after=$(mf report reserve --json | json 'd["rows"][0]["reserve_amount"]')
expect "$(python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.2f}")' \
    "$reserve_before" "$reserve_after")" "40.00" "the client's reserve holds the 40.00"
expect "$(mf invoice show inv_1 --json | json 'd["invoice"]["state"]')" "closed" "inv_1 stays closed"
mf close-day >/dev/null

# --- lists and reports, tables and JSON
funded=$(mf invoice list --state funded --json)
expect "$(json '[i["id"] for i in d["data"]]' <<<"$funded")" '["inv_2"]' "funded invoices"
page=$(mf invoice list --limit 2 --json)
expect "$(json 'd["next_cursor"]' <<<"$page")" "inv_2" "invoice list pages"
expect "$(mf invoice list --after inv_2 --json | json '[i["id"] for i in d["data"]]')" '["inv_3"]' "next page"
contains "$(mf invoice list --limit 1)" "next page with --after inv_1" "table says how to page"
contains "$(mf payout list)" "pay_1" "payout list"
aging=$(mf report aging --json)
expect "$(json 'd["totals"][0]["total_amount"]' <<<"$aging")" "300.00" "aging total outstanding"
contains "$(mf report aging)" "Bright Line Logistics" "aging table by client"
contains "$(mf report aging --by debtor --invoice-date)" "Acme Retail" "aging table by debtor"
trial=$(mf report trial-balance --json)
expect "$(json 'd["balanced"]' <<<"$trial")" "true" "trial balance balances"
expect "$(json 'all(t["debit_amount"] == t["credit_amount"] for t in d["totals"])' <<<"$trial")" "true" "totals"
contains "$(mf report trial-balance)" "(balanced)" "trial balance table"
reserve=$(mf report reserve --client cli_1 --json)
expect "$(json 'd["rows"][0]["required_amount"]' <<<"$reserve")" "30.00" "required reserve: 10% of 300.00"
contains "$(mf report reserve)" "Releasable" "reserve table"
mf report concentration --json | json 'd["rows"][0]["debtor_id"]' >/dev/null
contains "$(mf report concentration)" "Acme Retail" "concentration table"
portfolio=$(mf report portfolio --json)
expect "$(json 'd["rows"][0]["outstanding_face_amount"]' <<<"$portfolio")" "300.00" "portfolio outstanding"
contains "$(mf report portfolio --from 2026-06-01)" "Funds employed" "portfolio table"
statement=$(mf report statement --client cli_1 --from 2026-06-01 --to 2026-06-03 --json)
expect "$(json 'd["funded_face_amount"]' <<<"$statement")" "1500.00" "statement funded face"
contains "$(mf client statement cli_1 --from 2026-06-01)" "Closing reserve" "client statement table"
verify=$(mf verify --json)
expect "$(json 'd["clean"]' <<<"$verify")" "true" "verify clean"
contains "$(mf verify)" "clean" "verify table"

# --- the audit log names the actor; the file reopens with the same data
mf --as "cli:alice" invoice dispute inv_2 --reason "3 cartons damaged" >/dev/null
expect "$(mf invoice show inv_2 --json | json '[e["actor"] for e in d["events"]][-1]')" "cli:alice" "actor"
expect "$(mf invoice show inv_1 --json | json '[e["actor"] for e in d["events"]][0]')" "cli:tester" "default actor"
mf invoice resolve inv_2 --outcome upheld --reason "photos show intact delivery" >/dev/null
cp "$WORK/book.sqlite" "$WORK/copy.sqlite"
[ ! -f "$WORK/book.sqlite-wal" ] || cp "$WORK/book.sqlite-wal" "$WORK/copy.sqlite-wal"
before=$(mf --db "sqlite:$WORK/book.sqlite" client show cli_1 --json)
after=$(mf --db "sqlite:$WORK/copy.sqlite" client show cli_1 --json)
expect "$after" "$before" "the reopened copy holds the same client"
expect "$(mf --db "sqlite:$WORK/copy.sqlite" settings show --json | json 'd["business_date"]')" "2026-06-03" "date"
expect "$(mf --db "sqlite:$WORK/copy.sqlite" report trial-balance --json)" "$trial" "same trial balance"

echo "workflow: ok"
