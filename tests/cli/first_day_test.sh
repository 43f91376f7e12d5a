#!/usr/bin/env bash
# A factor's first day as a new user would live it, all through the CLI: a client's QuickBooks Online invoice export
# (a query response, as the QuickBooks API and its export tools write it) goes in with per-row results, the
# schedule is approved and funded, the advances leave as a NACHA file, the bank's camt.053 statement of the
# debtors' payments comes back in and is applied by the matcher, the rebates are released, and the book balances:
# `verify` clean, and hledger's own balance of the exported journal is zero for every currency.
# Usage: bash first_day_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: first_day_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-11-02T09:00:00Z
export MICROFACTOR_DB="sqlite:$WORK/book.sqlite"
export USER=ops
. "$(dirname "$0")/lib.sh"

mf init --currency USD --date 2026-11-02 --name "Harbor Factoring LLC" >/dev/null
mf settings set --originator-name "Harbor Factoring LLC" --ach-company-id 1123456789 \
    --ach-immediate-origin 021000021 --ach-odfi-routing 021000021 --ach-destination 021000021 >/dev/null
mf capital add --amount 250000 >/dev/null
mf client add --name "Bayside Plumbing Supply" --currency USD --advance-rate 85 --fee "flat 2%/30d +1%/15d" \
    --limit 100000 --concentration-limit 100 >/dev/null
mf client set cli_1 --routing 021000021 --account 4000123456 --account-type checking >/dev/null
# The debtors as staff set them up; the export names them its own way ("Amy's Bird Sanctuary, Inc.").
mf debtor add --name "Amy's Bird Sanctuary" --currency USD --credit-limit 40000 >/dev/null
mf debtor add --name "Cool Cars LLC" --currency USD --credit-limit 40000 >/dev/null
# A new book funds only debtors an underwriter has reviewed.
mf debtor review dbt_1 --decision approved --limit 40000 --notes "bureau 78, pays in 31 days" \
    --expires 2027-11-01 >/dev/null
mf debtor review dbt_2 --decision approved --limit 40000 --notes "bank reference" --expires 2027-11-01 >/dev/null

# The client's QuickBooks export: three open invoices and one already paid.
cat >"$WORK/quickbooks.json" <<'JSON'
{"QueryResponse": {"Invoice": [
  {"Id": "130", "SyncToken": "0", "DocNumber": "1037", "TxnDate": "2026-10-30", "DueDate": "2026-11-29",
   "TotalAmt": 4200.00, "Balance": 4200.00, "CurrencyRef": {"value": "USD", "name": "United States Dollar"},
   "CustomerRef": {"value": "1", "name": "Amy's Bird Sanctuary, Inc."},
   "BillEmail": {"Address": "ap@amysbirds.example"}, "SalesTermRef": {"value": "3"},
   "Line": [{"Id": "1", "LineNum": 1, "Amount": 4200.00, "DetailType": "SalesItemLineDetail",
             "SalesItemLineDetail": {"ItemRef": {"value": "5", "name": "Copper pipe"}}}]},
  {"Id": "131", "SyncToken": "0", "DocNumber": "1038", "TxnDate": "2026-10-31", "DueDate": "2026-11-30",
   "TotalAmt": 1875.25, "Balance": 1875.25, "CurrencyRef": {"value": "USD"},
   "CustomerRef": {"value": "1", "name": "Amy's Bird Sanctuary, Inc."}},
  {"Id": "132", "SyncToken": "1", "DocNumber": "1039", "TxnDate": "2026-10-31", "DueDate": "2026-12-15",
   "TotalAmt": 9640.10, "Balance": 9640.10, "CurrencyRef": {"value": "USD"},
   "CustomerRef": {"value": "2", "name": "COOL CARS, L.L.C."}},
  {"Id": "120", "SyncToken": "2", "DocNumber": "1030", "TxnDate": "2026-10-01", "DueDate": "2026-10-31",
   "TotalAmt": 300.00, "Balance": 0, "CurrencyRef": {"value": "USD"},
   "CustomerRef": {"value": "2", "name": "Cool Cars"}}
]}, "time": "2026-11-02T08:55:10.123-08:00"}
JSON
# All or nothing: the paid invoice stops the file and says why; --partial takes the three open ones.
if "$MF" import invoices "$WORK/quickbooks.json" --client cli_1 >"$WORK/out" 2>"$WORK/err"; then
    fail "a file with a paid invoice was taken whole"
fi
contains "$(cat "$WORK/out")" "already_paid" "the paid invoice is named"
out=$(mf --json import invoices "$WORK/quickbooks.json" --client cli_1 --partial)
expect "$(json 'd["format"]' <<<"$out")" "quickbooks" "QuickBooks detected"
expect "$(json '[d["accepted"], d["held"], d["rejected"]]' <<<"$out")" "[3, 0, 1]" "per-row results"
expect "$(json '[r["debtor_id"] for r in d["rows"][:3]]' <<<"$out")" '["dbt_1", "dbt_1", "dbt_2"]' "debtors matched"
schedule=$(json 'd["schedules"][0]["id"]' <<<"$out")

# Approve and fund: the advances (85 %) wait as pending payouts until a NACHA file sends them.
mf invoice approve inv_1 inv_2 inv_3 >/dev/null
mf schedule fund "$schedule" >/dev/null
mf payout file --format nacha --out "$WORK/advances.ach" >/dev/null
[ "$(head -c 1 "$WORK/advances.ach")" = "1" ] || fail "the NACHA file starts with its file header"
contains "$(cat "$WORK/advances.ach")" "BAYSIDE PLUMBING" "the client is paid by name"

# Three weeks on, the bank's statement: Amy's pays both invoices in one transfer naming them, Cool Cars pays
# with its number as the structured reference, and an interest credit pays no invoice.
export MICROFACTOR_FIXED_TIME=2026-11-23T09:00:00Z
mf close-day --through 2026-11-20 >/dev/null
cat >"$WORK/statement.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
 <BkToCstmrStmt>
  <GrpHdr><MsgId>HARBOR-20261120</MsgId><CreDtTm>2026-11-20T18:00:00</CreDtTm></GrpHdr>
  <Stmt>
   <Id>STMT-20261120</Id><CreDtTm>2026-11-20T18:00:00</CreDtTm>
   <Acct><Id><Othr><Id>000987654321</Id></Othr></Id><Ccy>USD</Ccy></Acct>
   <Ntry>
    <Amt Ccy="USD">6075.25</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt><AcctSvcrRef>BK-77001</AcctSvcrRef>
    <NtryDtls><TxDtls><Refs><EndToEndId>AMYS-PMT-5521</EndToEndId></Refs>
     <RltdPties><Dbtr><Pty><Nm>AMYS BIRD SANCTUARY INC</Nm></Pty></Dbtr></RltdPties>
     <RmtInf><Ustrd>INV 1037 1038 BAYSIDE PLUMBING</Ustrd></RmtInf></TxDtls></NtryDtls>
   </Ntry>
   <Ntry>
    <Amt Ccy="USD">9640.10</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>BK-77002</AcctSvcrRef>
    <NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>Cool Cars LLC</Nm></Pty></Dbtr></RltdPties>
     <RmtInf><Strd><CdtrRefInf><Ref>1039</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls>
   </Ntry>
   <Ntry>
    <Amt Ccy="USD">12.40</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>BK-77003</AcctSvcrRef>
    <NtryDtls><TxDtls><RmtInf><Ustrd>INTEREST NOVEMBER</Ustrd></RmtInf></TxDtls></NtryDtls>
   </Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>
XML
out=$(mf --json import bank "$WORK/statement.xml" --auto-apply)
expect "$(json 'd["import"]["format"]' <<<"$out")" "camt053" "camt.053 detected"
expect "$(json 'len(d["import"]["recorded"])' <<<"$out")" "3" "three credits recorded"
expect "$(json 'd["auto_apply"]["applied"]' <<<"$out")" "2" "the two payments applied, the interest left"
for invoice in inv_1 inv_2 inv_3; do
    expect "$(mf --json invoice show "$invoice" | json 'd["invoice"]["state"]')" "closed" "$invoice collected"
done
again=$(mf --json import bank "$WORK/statement.xml")
expect "$(json 'len(d["recorded"])' <<<"$again")" "0" "the statement loads once"

# The rebate: what the client's reserve holds beyond its fees goes back to it, by the next NACHA file.
mf rebate release --client cli_1 >/dev/null
mf payout file --format nacha --out "$WORK/rebates.ach" >/dev/null
expect "$(mf --json verify | json 'd["problems"]')" "[]" "verify clean at the end of the day"
mf export journal --format hledger --out "$WORK/book.journal" >/dev/null
# hledger's own reading: the accounts it found, and a grand total of exactly zero.
hledger -f "$WORK/book.journal" check -s >/dev/null 2>&1 || fail "hledger check -s refused the journal"
balances=$(hledger -f "$WORK/book.journal" bal -O csv 2>&1)
contains "$balances" '"income:fee_income:cli_1"' "hledger sees the client's fee income"
expect "$(tail -1 <<<"$balances")" '"total","0"' "hledger's grand total"
echo "first_day_test: ok"
