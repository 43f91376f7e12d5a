#!/usr/bin/env bash
# Books out, checked by independent tools: the demo book (plus JPY and KWD capital and hostile memos and names)
# exported as a ledger/hledger journal, beancount and CSV; hledger, ledger and beancount (Debian packages,
# scripts/install-deps) must read the files strictly and reproduce `report trial-balance` for every account
# and currency to the cent.
# Usage: bash export_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: export_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
export MICROFACTOR_DB="sqlite:$WORK/book.sqlite"
export USER=tester

fail() { echo "FAIL: $*" >&2; exit 1; }
PY=$(python3 -c 'import sys; print(sys.executable)')
mf() { "$MF" "$@" 2>"$WORK/stderr" || fail "microfactor $* exited $?: $(cat "$WORK/stderr")"; }
for tool in hledger ledger bean-check bean-query; do
    command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/install-deps"
done

# --- a book with several currencies and text that tries to break each syntax
mf demo --days 20 >/dev/null
mf capital add --amount 1234567 --currency JPY --memo $'yen; "quoted" @ 2  spaces\n2026-01-01 * injected' >/dev/null
mf capital add --amount 12.345 --currency KWD --memo '=1+1 | pipe \ backslash, comma' >/dev/null
mf charge apply --client cli_1 --code other --amount 12.34 \
    --memo $'fee; note\n    assets:cash  USD 99.00\r\n"' >/dev/null
# A line break in a name is refused at the door (it would break letters, mail headers and journals); the rest of
# the hostile name is accepted and must come out escaped.
status=0
"$MF" debtor update dbt_1 --name $'Hostile; "Debtor", Inc.\n; evil: 1' >/dev/null 2>"$WORK/stderr" || status=$?
[ "$status" -ne 0 ] && grep -qF "error [invalid_field]" "$WORK/stderr" || fail "a name with a line break: $(cat "$WORK/stderr")"
mf debtor update dbt_1 --name 'Hostile; "Debtor", Inc. ; evil: 1' >/dev/null
mf report trial-balance --json >"$WORK/trial.json"

# --- the exports
for format in ledger hledger beancount csv; do
    summary=$(mf export journal --format "$format" --out "$WORK/book.$format" --json)
    "$PY" -c 'import json,sys; s=json.loads(sys.argv[1]); assert s["entries"] > 100 and s["bytes"] > 0, s' \
        "$summary" || fail "export summary: $summary"
done
cmp -s "$WORK/book.ledger" "$WORK/book.hledger" || fail "ledger and hledger exports differ"
mf export journal --format ledger >"$WORK/stdout.ledger"
cmp -s "$WORK/book.ledger" "$WORK/stdout.ledger" || fail "--out and standard output differ"
[ ! -e "$WORK/book.ledger.partial" ] || fail "the partial file is left behind"

# --- independent tools read them strictly
hledger -f "$WORK/book.hledger" check -s >"$WORK/out" 2>&1 || fail "hledger check -s: $(cat "$WORK/out")"
ledger --pedantic -f "$WORK/book.ledger" bal >"$WORK/out" 2>&1 || fail "ledger --pedantic: $(cat "$WORK/out")"
bean-check "$WORK/book.beancount" >"$WORK/out" 2>&1 || fail "bean-check: $(cat "$WORK/out")"
hledger -f "$WORK/book.hledger" bal --flat --depth 2 --no-total >"$WORK/hledger.txt" 2>&1 ||
    fail "hledger bal: $(cat "$WORK/hledger.txt")"
ledger -f "$WORK/book.ledger" bal --flat --no-total >"$WORK/ledger.txt" 2>&1 ||
    fail "ledger bal: $(cat "$WORK/ledger.txt")"
bean-query -f csv "$WORK/book.beancount" \
    'SELECT root(account, 2) AS top, sum(position) AS total GROUP BY top ORDER BY top' >"$WORK/bean.csv" 2>&1 ||
    fail "bean-query: $(cat "$WORK/bean.csv")"
# The hostile memo stayed one description; the hostile name stayed one comment line and one metadata string.
n=$(grep -c 'injected' "$WORK/book.ledger") && [ "$n" -eq 1 ] || fail "the JPY memo: $n lines"
hledger -f "$WORK/book.hledger" reg 'desc:injected' | grep -q 'JPY 1234567' || fail "hledger reads the JPY memo"
hledger -f "$WORK/book.hledger" bal 'tag:debtor=dbt_1' | grep -q 'purchased_receivables:cli_' || fail "debtor tags"
grep -qF '; dbt_1  Hostile; "Debtor", Inc. ; evil: 1' "$WORK/book.ledger" || fail "the debtor's name"
grep -qF 'debtor_name: "Hostile; \"Debtor\", Inc. ; evil: 1"' "$WORK/book.beancount" || fail "beancount name"

# --- every account's balance per currency, to the cent, against the trial balance
"$PY" - "$WORK" <<'EOF' || fail "the tools' balances differ from the trial balance"
import csv, json, re, sys
from collections import defaultdict
from decimal import Decimal

work = sys.argv[1]
trial = json.load(open(f"{work}/trial.json"))
assert trial["balanced"], trial
expected = {}
for row in trial["rows"]:
    net = Decimal(row["debit_amount"]) - Decimal(row["credit_amount"])
    if net:
        expected[(row["account"], row["currency"])] = net
assert {c for _, c in expected} >= {"USD", "EUR", "JPY", "KWD"}, expected

def snake(name):  # PurchasedReceivables -> purchased_receivables
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()

def journal_balances(path):
    """hledger/ledger `bal --flat`: amount lines, the account named on the last line of its amounts. An
    account's figure includes its sub-accounts', so only accounts with no listed parent are summed into their
    chart account (ledger 3.3 lists the deepest accounts even with --depth 2: they are rolled up here)."""
    listed, pending = {}, []
    for line in open(path):
        m = re.match(r"^\s*([A-Z]{3}) (-?\d+(?:\.\d+)?)(?:\s{2,}(\S+))?\s*$", line)
        if not m:
            assert line.strip() in ("", "0"), f"{path}: unexpected line {line!r}"
            continue
        pending.append((m[1], Decimal(m[2])))
        if m[3]:
            listed[m[3]] = pending
            pending = []
    assert not pending, pending
    found = defaultdict(Decimal)
    for account, amounts in listed.items():
        parts = account.split(":")
        if any(":".join(parts[:n]) in listed for n in range(1, len(parts))):
            continue
        for currency, amount in amounts:
            found[(parts[1], currency)] += amount
    return found

def beancount_balances(path):
    found = {}
    for row in list(csv.reader(open(path)))[1:]:
        account = snake(row[0].strip().split(":")[1])
        for position in filter(str.strip, row[1].split(",")):  # empty: the positions summed to nothing
            number, currency = position.split()
            found[(account, currency)] = Decimal(number)
    return found

def csv_balances(path):
    found = defaultdict(Decimal)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            found[(row["account"], row["currency"])] += Decimal(row["debit"] or 0) - Decimal(row["credit"] or 0)
    return {k: v for k, v in found.items() if v}

for tool, balances in (("hledger", journal_balances(f"{work}/hledger.txt")),
                       ("ledger", journal_balances(f"{work}/ledger.txt")),
                       ("bean-query", beancount_balances(f"{work}/bean.csv")),
                       ("csv", csv_balances(f"{work}/book.csv"))):
    nonzero = {k: v for k, v in balances.items() if v}
    if nonzero != expected:
        for key in sorted(set(nonzero) | set(expected)):
            if nonzero.get(key) != expected.get(key):
                print(f"{tool}: {key}: tool {nonzero.get(key)} trial balance {expected.get(key)}", file=sys.stderr)
        sys.exit(1)
    print(f"{tool}: {len(nonzero)} account balances agree")
EOF

# --- per client, the sub-accounts agree with the reserve report (reserve and outstanding face)
mf report reserve --json >"$WORK/reserve.json"
hledger -f "$WORK/book.hledger" bal liabilities:client_reserve assets:purchased_receivables --flat --depth 3 \
    --no-total >"$WORK/clients.txt" 2>&1 || fail "hledger bal per client: $(cat "$WORK/clients.txt")"
"$PY" - "$WORK" <<'EOF' || fail "the per-client sub-accounts differ from the reserve report"
import json, re, sys
from decimal import Decimal
work = sys.argv[1]
tool = {}
for line in open(f"{work}/clients.txt"):
    m = re.match(r"^\s*([A-Z]{3}) (-?[\d.]+)\s{2,}\w+:(\w+):(cli_\d+)$", line)
    assert m, line
    tool[(m[3], m[4], m[1])] = Decimal(m[2])
rows = json.load(open(f"{work}/reserve.json"))["rows"]
assert rows
for row in rows:
    reserve = -tool.get(("client_reserve", row["client_id"], row["currency"]), Decimal(0))
    outstanding = tool.get(("purchased_receivables", row["client_id"], row["currency"]), Decimal(0))
    assert reserve == Decimal(row["reserve_amount"]), (row, reserve)
    assert outstanding == Decimal(row["outstanding_amount"]), (row, outstanding)
print(f"per client: {len(rows)} reserves and outstanding faces agree")
EOF

# --- a period, and bad requests
mf export journal --format csv --from 2026-06-08 --to 2026-06-10 --out "$WORK/period.csv" >/dev/null
"$PY" -c 'import csv,sys; d={r["date"] for r in csv.DictReader(open(sys.argv[1]))}; assert d and min(d)=="2026-06-08" and max(d)=="2026-06-10", d' \
    "$WORK/period.csv" || fail "the period's entries"
status=0; "$MF" export journal --format xlsx >/dev/null 2>"$WORK/stderr" || status=$?
[ "$status" -eq 2 ] && grep -qF "error [invalid_format]" "$WORK/stderr" || fail "unknown format: $status"
status=0; "$MF" export journal --format csv --from 2026-06-01 --to 2026-05-01 >/dev/null 2>"$WORK/stderr" || status=$?
[ "$status" -eq 2 ] && grep -qF "error [invalid_period]" "$WORK/stderr" || fail "period backwards: $status"
echo "export: ok"
