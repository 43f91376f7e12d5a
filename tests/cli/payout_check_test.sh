#!/usr/bin/env bash
# `payout-file check`: the shared NACHA samples read or refused as SOURCES.md says (the line and the problem
# named, exit 1), and the NACHA file a small book writes for its advances read back by our own reader with the
# counts and totals of the payouts it pays; a copy with a broken check digit is refused naming line and field.
# Usage: bash payout_check_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: payout_check_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-11-02T09:00:00Z
export MICROFACTOR_DB="sqlite:$WORK/book.sqlite"
export USER=ops
. "$(dirname "$0")/lib.sh"
ach=$(cd "$(dirname "$0")/../../../shared/testdata/ach" 2>/dev/null && pwd || echo /work/shared/testdata/ach)

# check FILE: runs the check, prints its output and leaves its exit status in $status.
check() {
    status=0
    "$MF" payout-file check "$@" >"$WORK/out" 2>"$WORK/err" || status=$?
}

# The shared samples (moov-io/ach): two valid files, two invalid ones.
check "$ach/ccd-debit.ach" --json
expect "$status" 0 "ccd-debit.ach is valid"
expect "$(json '[d["batch_count"], d["entry_count"], d["total_debit"], d["total_credit"], d["currency"]]' <"$WORK/out")" \
    '[1, 2, "5001.25", "0.00", "USD"]' "ccd-debit.ach counts and totals"
check "$ach/ppd-debit.ach"
expect "$status" 0 "ppd-debit.ach is valid"
contains "$(cat "$WORK/out")" "1,000,000.00 USD" "ppd-debit.ach debits"
contains "$(cat "$WORK/out")" "line 1: file header (1) record_length: 75 characters, read as padded" "stripped blanks noted"
check "$ach/invalid-long-line.ach"
expect "$status" 1 "invalid-long-line.ach is refused"
contains "$(cat "$WORK/out")" "line 3: entry detail (6) record_length: 98 characters; a NACHA record has 94" \
    "the long line named"
check "$ach/invalid-file-control.ach" --json
expect "$status" 1 "invalid-file-control.ach is refused"
expect "$(json '[(p["line"], p["record_type"], p["field"]) for p in d["problems"]]' <"$WORK/out")" \
    '[[6, "9", "entry_addenda_count"]]' "the file control's count named"
check "$WORK/missing.ach"
expect "$status" 2 "a missing file is bad input"

# A small book: two clients (checking and savings accounts), four invoices funded, the advances paid by NACHA.
mf init --currency USD --date 2026-11-02 --name "Harbor Factoring LLC" >/dev/null
mf settings set --originator-name "Harbor Factoring LLC" --ach-company-id 1123456789 \
    --ach-immediate-origin 021000021 --ach-odfi-routing 021000021 --ach-destination 021000021 >/dev/null
mf capital add --amount 250000 >/dev/null
mf debtor add --name "Cool Cars LLC" --currency USD --credit-limit 60000 >/dev/null
mf debtor review dbt_1 --decision approved --limit 60000 --notes "bank reference" --expires 2027-11-01 >/dev/null
for client in 1 2; do
    mf client add --name "Client $client Supply" --currency USD --advance-rate 80 --fee "flat 2%/30d +1%/15d" \
        --limit 100000 --concentration-limit 100 >/dev/null
done
mf client set cli_1 --routing 021000021 --account 4000123456 --account-type checking >/dev/null
mf client set cli_2 --routing 121042882 --account 77-1234 --account-type savings >/dev/null
for client in 1 2; do
    cat >"$WORK/invoices-$client.csv" <<CSV
invoice_number,debtor_name,invoice_date,due_date,amount,currency
A$client-1,Cool Cars LLC,2026-10-30,2026-11-29,120$client.00,USD
A$client-2,Cool Cars LLC,2026-10-31,2026-12-15,233$client.33,USD
CSV
    schedule=$(mf --json import invoices "$WORK/invoices-$client.csv" --client "cli_$client" | json 'd["schedules"][0]["id"]')
    ids=$(mf --json invoice list --client "cli_$client" | json '" ".join(i["id"] for i in d["data"])')
    # shellcheck disable=SC2086
    mf invoice approve $ids >/dev/null
    mf schedule fund "$schedule" >/dev/null
done
read -r count total < <(mf payout list --limit 0 --json | "$PY" -c '
import json,sys
from decimal import Decimal
p=[x for x in json.load(sys.stdin)["data"] if x["status"]=="pending" and Decimal(x["amount"])>0]
print(len(p), sum(Decimal(x["amount"]) for x in p))')
[ "$count" -ge 2 ] || fail "the small book has $count pending payouts"
mf payout file --format nacha --out "$WORK/advances.ach" >/dev/null

check "$WORK/advances.ach" --json
expect "$status" 0 "our NACHA file checks clean: $(cat "$WORK/out")"
expect "$(json '[d["valid"], d["entry_count"], d["total_credit"], d["total_debit"]]' <"$WORK/out")" \
    "[true, $count, \"$total\", \"0.00\"]" "our file's entries and credits equal the payouts"
expect "$(json '[d["line_count"] % 10, d["block_count"] * 10 == d["line_count"], d["notes"]]' <"$WORK/out")" \
    "[0, true, []]" "our file's blocking"
expect "$(json 'sorted({(b["sec_code"], b["company_name"], b["company_identification"]) for b in d["batches"]})' <"$WORK/out")" \
    '[["CCD", "HARBOR FACTORING", "1123456789"]]' "our batches' SEC code and company"
check "$WORK/advances.ach"
expect "$status" 0 "our file, for people"
contains "$(cat "$WORK/out")" "NACHA file: no problems" "the summary"
contains "$(cat "$WORK/out")" "$("$PY" -c 'import sys; from decimal import Decimal; print(f"{Decimal(sys.argv[1]):,.2f}")' "$total") USD" \
    "the credits in the summary"

# The same file with the first entry's check digit changed (line 3, column 12) is refused, naming both.
awk 'NR==3 { $0 = substr($0, 1, 11) (substr($0, 12, 1) == "0" ? "1" : "0") substr($0, 13) } { print }' \
    "$WORK/advances.ach" >"$WORK/broken.ach"
check "$WORK/broken.ach"
expect "$status" 1 "a broken check digit is refused"
contains "$(cat "$WORK/out")" "line 3: entry detail (6) check_digit: routing number" "the check digit named"
echo "payout_check_test: ok ($count payouts, $total USD)"
