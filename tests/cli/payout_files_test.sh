#!/usr/bin/env bash
# Payout files from the CLI on the demo book: bank details masked in lists, a NACHA file over the pending USD
# payouts read back by an independent reader (tests/external/check-nacha.mjs, @midlandsbank/node-nacha: counts
# and totals equal the payouts), the payouts sent and never filed twice, a pain.001 file for the EUR ones, the
# files listed and written again byte for byte. Installs the npm reader as tests/formats/payout_files_test.sh
# does (npm ci when missing or older than the lock file).
# Usage: bash payout_files_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: payout_files_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
export MICROFACTOR_DB="sqlite:$WORK/demo/book.sqlite"
external=$(cd "$(dirname "$0")/../external" && pwd)

fail() { echo "FAIL: $*" >&2; exit 1; }
PY=$(python3 -c 'import sys; print(sys.executable)')
mf() { "$MF" "$@" 2>"$WORK/stderr" || fail "microfactor $* exited $?: $(cat "$WORK/stderr")"; }

stamp="$external/node_modules/.installed-from-lock"
if [ ! -f "$stamp" ] || [ "$external/package-lock.json" -nt "$stamp" ]; then
  npm ci --prefix "$external" --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

mf demo --days 20 --json >/dev/null

# Bank details: whole only in the JSON an operator asks for, never in the tables.
mf client list >"$WORK/clients.txt"
grep -q "ACH 021000021 \*\*\*\*3456 checking" "$WORK/clients.txt" || fail "masked ACH account in client list: $(cat "$WORK/clients.txt")"
grep -q "IBAN \*\*\*\*2051 BYLADEM1001" "$WORK/clients.txt" || fail "masked IBAN in client list"
! grep -q "4000123456" "$WORK/clients.txt" || fail "a whole account number in the client list"
mf client show cli_1 --json | "$PY" -c 'import json,sys; d=json.load(sys.stdin); assert d["payout_account"]["account_number"]=="4000123456", d' ||
    fail "client JSON payout account"

# What the NACHA file must pay: every pending USD payout with an amount.
mf payout list --limit 0 --json >"$WORK/before.json"
read -r count total < <("$PY" -c '
import json,sys
from decimal import Decimal
d=json.load(open(sys.argv[1]))["data"]
p=[x for x in d if x["status"]=="pending" and x["currency"]=="USD" and Decimal(x["amount"])>0]
print(len(p), int(sum(Decimal(x["amount"]) for x in p)*100))' "$WORK/before.json")
[ "$count" -gt 0 ] || fail "the demo has no pending USD payout"

mf payout file --format nacha --out "$WORK/pay.ach" --json >"$WORK/file.json"
"$PY" -c '
import json,sys
from decimal import Decimal
f=json.load(open(sys.argv[1]))
assert f["payout_count"]==int(sys.argv[2]) and int(Decimal(f["total"])*100)==int(sys.argv[3]) and f["format"]=="nacha", f
assert f["id"]=="pfl_1" and f["content_type"]=="text/plain" and len(f["sha256"])==64, f' "$WORK/file.json" "$count" "$total" ||
    fail "payout file metadata: $(cat "$WORK/file.json")"
sha=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$WORK/file.json")
[ "$(sha256sum "$WORK/pay.ach" | cut -d' ' -f1)" = "$sha" ] || fail "the written file's digest"

node "$external/check-nacha.mjs" "$WORK/pay.ach" >"$WORK/read.json" || fail "check-nacha: $(cat "$WORK/read.json")"
"$PY" -c '
import json,sys
r=json.load(open(sys.argv[1]))
assert r["entries"]==int(sys.argv[2]) and r["addenda"]==int(sys.argv[2]), r
assert int(r["total_credit"])==int(sys.argv[3]) and int(r["total_debit"])==0 and r["problems"]==[], r
assert r["sec_codes"]==["CCD"], r' "$WORK/read.json" "$count" "$total" || fail "the reader's totals: $(cat "$WORK/read.json")"

# The payouts are sent by pfl_1; a second file has nothing to pay.
mf payout list --limit 0 --json | "$PY" -c '
import json,sys
for x in json.load(sys.stdin)["data"]:
    if x["currency"]=="USD" and x["amount"]!="0.00":
        assert x["status"]=="sent" and x["payout_file_id"]=="pfl_1", x' || fail "USD payouts sent by pfl_1"
if "$MF" payout file --format nacha --out "$WORK/again.ach" >"$WORK/out" 2>&1; then
  fail "a second NACHA file over sent payouts was written"
fi
grep -q "nothing_to_pay\|no pending USD payout" "$WORK/out" || fail "second file's error: $(cat "$WORK/out")"
[ ! -e "$WORK/again.ach" ] || fail "a refused file left a file behind"

# EUR payouts go in a pain.001 file.
mf payout file --format pain001 --out "$WORK/pay.xml" --json >"$WORK/sepa.json"
xmllint --noout "$WORK/pay.xml" || fail "pain.001 is not well-formed"
grep -q "<NbOfTxs>" "$WORK/pay.xml" || fail "pain.001 group header"
grep -q "DE02120300000000202051" "$WORK/pay.xml" || fail "the EUR client's IBAN in pain.001"

mf payout files --json | "$PY" -c 'import json,sys; d=json.load(sys.stdin)["data"]; assert [f["format"] for f in d]==["nacha","pain001"], d' ||
    fail "payout files list"
mf payout file-get pfl_1 --out "$WORK/copy.ach" >/dev/null
cmp -s "$WORK/pay.ach" "$WORK/copy.ach" || fail "file-get is not byte for byte"
mf verify | grep -q "clean" || fail "verify after payout files"
echo "payout files: ok ($count USD payouts, $total cents)"
