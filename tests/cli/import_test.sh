#!/usr/bin/env bash
# Files in through the built binary, with the sample files others wrote (../shared/testdata, unedited): a PEPPOL
# factoring invoice and a CSV submitted with per-row results, a credit note refused for want of its invoice,
# camt.053 and BAI2 statements loaded once, and a lockbox file applied to invoices by the cash matcher.
# Usage: bash import_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: import_test.sh /path/to/microfactor}
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${MF_TESTDATA:-$HERE/../../../shared/testdata}
[ -d "$DATA" ] || DATA=/work/shared/testdata  # a clone with no shared/ beside it
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2017-09-01T09:00:00Z
export USER=tester

. "$(dirname "$0")/lib.sh"

# --- invoices: a Swedish book in EUR on the sample's date
export MICROFACTOR_DB="sqlite:$WORK/invoices.sqlite"
mf init --credit-reviews off --currency EUR --date 2017-09-01 --name "Nordic Factor" >/dev/null
mf client add --name "QVK Montage AB" --currency EUR --advance-rate 85 --fee "flat 2%/30d +1%/15d" \
    --limit 500000 --concentration-limit 100 >/dev/null
mf debtor add --name "Komponentlagret AB" --currency EUR --credit-limit 300000 >/dev/null
before=$(mf --json verify)

# The invoice names another factor as payee: held, with the rule, in a schedule.
out=$(mf --json import invoices "$DATA/einvoice/ubl-peppol-factoring.xml" --client cli_1)
expect "$(json 'd["format"]' <<<"$out")" "ubl" "format detected"
expect "$(json 'd["written"]' <<<"$out")" "true" "written"
expect "$(json 'd["rows"][0]["outcome"]' <<<"$out")" "held" "held"
expect "$(json 'd["rows"][0]["rules"][0]["code"]' <<<"$out")" "already_assigned" "the payee rule"
expect "$(json 'd["rows"][0]["debtor_id"]' <<<"$out")" "dbt_1" "debtor matched"
expect "$(json 'd["schedule"]["invoices"][0]["face_amount"]' <<<"$out")" "115000.00" "payable amount"
expect "$(json 'd["schedule"]["invoices"][0]["review_reasons"][0]' <<<"$out")" "already_assigned" "hold on invoice"
# The same file again: a duplicate, nothing written, a non-zero exit that says so.
if "$MF" import invoices "$DATA/einvoice/ubl-peppol-factoring.xml" --client cli_1 >"$WORK/out" 2>"$WORK/err"; then
    fail "a duplicate file was accepted"
fi
contains "$(cat "$WORK/out")" "duplicate_invoice" "the row says why"
contains "$(cat "$WORK/err")" "nothing was written" "the exit says so"

# A CSV with a good row and a row for an unknown debtor: all or nothing, then --partial.
cat >"$WORK/invoices.csv" <<'CSV'
invoice_number,debtor_name,invoice_date,due_date,amount,currency,po_number
"A-100","Komponentlagret, AB",2017-08-30,2017-09-29,"1250.50",EUR,PO-9
A-101,Unknown Buyer Oy,2017-08-30,2017-09-29,99.00,EUR,
CSV
if "$MF" import invoices "$WORK/invoices.csv" --client cli_1 >"$WORK/out" 2>"$WORK/err"; then
    fail "a file with a rejected row was written"
fi
contains "$(cat "$WORK/out")" "unknown_debtor" "unknown debtor named"
out=$(mf --json import invoices "$WORK/invoices.csv" --client cli_1 --partial)
expect "$(json '[d["accepted"], d["rejected"]]' <<<"$out")" "[1, 1]" "partial keeps the good row"
expect "$(json 'd["rows"][0]["debtor_match"]' <<<"$out")" "name" "matched by folded name"

# The client's own accounting export, as a new user has it: its column names, a comma-grouped amount, no
# currency column (the client's EUR), a customer number column of its own (not read).
cat >"$WORK/export.csv" <<'CSV'
Invoice No.,Customer,Customer No,Invoice Date,Due Date,Total,Memo
A-102,Komponentlagret AB,2,2017-08-31,2017-09-30,"2,400.00",fittings
CSV
out=$(mf --json import invoices "$WORK/export.csv" --client cli_1)
expect "$(json '[d["format"], d["accepted"], d["rows"][0]["debtor_id"]]' <<<"$out")" '["csv", 1, "dbt_1"]' \
    "an export's own columns read"
expect "$(json 'd["schedule"]["invoices"][0]["face_amount"]' <<<"$out")" "2400.00" "grouped amount read"
expect "$(json 'd["schedule"]["invoices"][0]["currency"]' <<<"$out")" "EUR" "the client's currency"
# Two columns that could each be the invoice date: refused, both named, nothing written.
printf 'Invoice No.,Customer,Date,Issue Date,Due Date,Total\nA-103,Komponentlagret AB,2017-08-31,2017-08-30,2017-09-30,10.00\n' \
    >"$WORK/twodates.csv"
if "$MF" import invoices "$WORK/twodates.csv" --client cli_1 >/dev/null 2>"$WORK/err"; then fail "two dates guessed"; fi
contains "$(cat "$WORK/err")" "invoice_date could be 'Date' or 'Issue Date'" "ambiguous columns named"

# A credit note whose invoice the book does not hold is rejected by name.
if "$MF" import invoices "$DATA/einvoice/ubl-creditnote-min-content.xml" --client cli_1 >"$WORK/out" 2>&1; then
    fail "an unmatched credit note was accepted"
fi
# Hostile and broken files are refused with a clear error and change nothing.
printf '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Invoice>&a;</Invoice>' >"$WORK/bomb.xml"
if "$MF" import invoices "$WORK/bomb.xml" --client cli_1 >/dev/null 2>"$WORK/err"; then fail "DOCTYPE accepted"; fi
contains "$(cat "$WORK/err")" "DOCTYPE" "hostile XML named"
if "$MF" import invoices /nonexistent.csv --client cli_1 >/dev/null 2>"$WORK/err"; then fail "missing file"; fi
expect "$(mf --json verify | json 'd["problems"]')" "[]" "verify clean after imports"

# --- bank files: a book on the statements' dates
export MICROFACTOR_FIXED_TIME=2015-01-05T09:00:00Z
export MICROFACTOR_DB="sqlite:$WORK/bank.sqlite"
mf init --credit-reviews off --currency EUR --date 2015-01-05 --name "Bank Test" >/dev/null
out=$(mf --json import bank "$DATA/bank/camt053.v2.minimal.xml")
expect "$(json 'd["format"]' <<<"$out")" "camt053" "camt detected"
recorded=$(json 'len(d["recorded"])' <<<"$out")
[ "$recorded" -gt 0 ] || fail "no receipts from the camt file"
again=$(mf --json import bank "$DATA/bank/camt053.v2.minimal.xml")
expect "$(json 'len(d["recorded"])' <<<"$again")" "0" "a statement loads once"
expect "$(json 'len(d["duplicates"])' <<<"$again")" "$recorded" "every line is a duplicate the second time"
if "$MF" import bank "$DATA/bank/camt053.v2.wrong.xml" >/dev/null 2>"$WORK/err"; then fail "wrong camt accepted"; fi
if "$MF" import bank "$DATA/bank/bai2-parse-error.txt" >/dev/null 2>"$WORK/err"; then fail "bad BAI2 accepted"; fi
contains "$(cat "$WORK/err")" "line" "BAI2 error names its line"
expect "$(mf --json verify | json 'd["problems"]')" "[]" "verify clean after bank files"

# --- a lockbox file paid against funded invoices, applied by the matcher where certain
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
export MICROFACTOR_DB="sqlite:$WORK/lockbox.sqlite"
mf init --credit-reviews off --currency USD --date 2026-06-01 --name "Lockbox Test" >/dev/null
mf capital add --amount 100000 >/dev/null
mf client add --name "Bright Line" --currency USD --advance-rate 90 --fee "flat 2%/30d +1%/15d" \
    --limit 50000 --concentration-limit 100 >/dev/null
mf debtor add --name "Acme Retail Inc" --currency USD --credit-limit 20000 >/dev/null
mf schedule submit --client cli_1 --invoice dbt_1,INV-1,1000.00,2026-05-28,2026-06-27 \
    --invoice dbt_1,INV-2,2500.00,2026-05-28,2026-06-27 >/dev/null
mf invoice approve inv_1 inv_2 >/dev/null
mf schedule fund sch_1 >/dev/null
cat >"$WORK/lockbox.csv" <<'CSV'
date,amount,currency,payer_name,reference
2026-06-01,1000.00,USD,ACME RETAIL,INV-1
2026-06-01,77.00,USD,Someone Else,gift
CSV
out=$(mf --json import bank "$WORK/lockbox.csv" --auto-apply)
expect "$(json 'd["auto_apply"]["applied"]' <<<"$out")" "1" "the named invoice is applied"
expect "$(mf --json invoice show inv_1 | json 'd["invoice"]["state"]')" "closed" "INV-1 collected"
out=$(mf --json receipt suggest rcp_2)
expect "$(json 'd["certain"]' <<<"$out")" "null" "an unrelated credit is never applied"
expect "$(mf --json verify | json 'd["problems"]')" "[]" "verify clean after cash application"
echo "import_test: ok"
