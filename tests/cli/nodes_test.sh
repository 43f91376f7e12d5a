#!/usr/bin/env bash
# Two `microfactor serve` processes on one PostgreSQL book (two nodes behind a load balancer): approvals and
# fundings sent to both at once, more than the limits allow, never take the client past its factoring limit
# or the small debtor past its credit limit; the book verifies clean and its journal holds one entry per
# funded invoice; failed sign-ins on either server count against the account on both. Needs MF_TEST_PG_URL
# (ctest's nodes_postgresql entry starts a throwaway server).
# Usage: bash nodes_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: nodes_test.sh /path/to/microfactor}
[ -n "${MF_TEST_PG_URL:-}" ] || { echo "nodes_test: MF_TEST_PG_URL is not set (run it with ctest)" >&2; exit 1; }
WORK=$(mktemp -d)
SERVERS=()
cleanup() {
    for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"
# This test's own fail, json and expect (json prints Python values as they are), defined after lib.sh's.
fail() { echo "FAIL: $*" >&2; for log in "$WORK"/serve*.err; do [ -f "$log" ] && tail -5 "$log" >&2; done; exit 1; }
PY=$(python3 -c 'import sys; print(sys.executable)')
json() { "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
expect() { [ "$1" == "$2" ] || fail "$3: expected '$2', got '$1'"; }
export USER=tester

DB="$MF_TEST_PG_URL?schema=nodes_$$_$RANDOM"
mf() { "$MF" --db "$DB" "$@" 2>"$WORK/stderr" || fail "microfactor $* exited $?: $(cat "$WORK/stderr")"; }

# --- the book: a client with a factoring limit of 10 invoices, a debtor whose credit limit takes 6 of them and
# another one without a tight limit; 24 schedules of one 1,000.00 invoice each, 16 to the small debtor.
mf init --credit-reviews off --currency USD --date 2026-06-01 --calendar weekends_only --name "Two nodes" >/dev/null
mf client add --name "Bright Line" --currency USD --advance-rate 90 --fee "flat 2%/30d +1%/15d" --limit 10000 \
    --concentration-limit 100 >/dev/null
mf debtor add --name "Small Debtor" --currency USD --credit-limit 6000 >/dev/null
mf debtor add --name "Big Debtor" --currency USD --credit-limit 1000000 >/dev/null
mf user add --email admin@nodes.test --name Admin --role admin --password "nodes-admin-2026" >/dev/null
SCHEDULES=24
for i in $(seq 1 $SCHEDULES); do
    debtor=$((i % 3 == 0 ? 2 : 1))
    mf schedule submit --client cli_1 --invoice "dbt_$debtor,N-$i,1000.00,2026-05-29,2026-06-28" >/dev/null
done

# --- two servers on the book
URLS=()
start_server() {
    "$MF" --db "$DB" serve --port 0 >"$WORK/serve$1.log" 2>"$WORK/serve$1.err" &
    SERVERS+=($!)
    local url
    url=$(served_url "$WORK/serve$1.err")
    URLS+=("$url")
}
start_server 0
start_server 1
TOKEN=$(curl -s -X POST "${URLS[0]}/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email": "admin@nodes.test", "password": "nodes-admin-2026"}' | json 'd["token"]')
[ -n "$TOKEN" ] || fail "no token"
post() { curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d '{}' "$1"; }

# --- every schedule approved and funded at once, each request to one server or the other
REQUESTS=()
for i in $(seq 1 $SCHEDULES); do
    (
        post "${URLS[$((i % 2))]}/v1/schedules/sch_$i/approve" >>"$WORK/approve.codes"
        post "${URLS[$(((i + 1) % 2))]}/v1/schedules/sch_$i/fund" >>"$WORK/fund.codes"
    ) &
    REQUESTS+=($!)
done
for pid in "${REQUESTS[@]}"; do wait "$pid"; done
grep -qv '^[0-9]\{3\}$' "$WORK/approve.codes" "$WORK/fund.codes" && fail "a request got no answer"
grep -q '^5' "$WORK/approve.codes" "$WORK/fund.codes" && fail "a server error: $(sort "$WORK"/*.codes | uniq -c)"

# --- no limit exceeded, each funding booked once, the book clean (read through the other server)
"$PY" - "${URLS[1]}" "$TOKEN" <<'PYEOF' || fail "limits or journal"
import json, sys, urllib.request
url, token = sys.argv[1], sys.argv[2]
def get(path):
    request = urllib.request.Request(url + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(request))
invoices, after = [], None
while True:
    page = get("/v1/invoices?limit=100" + ("&cursor=" + after if after else ""))
    invoices += page["data"]
    after = page.get("next_cursor")
    if not after:
        break
assert len(invoices) == 24, len(invoices)
exposed = [i for i in invoices if i["state"] in ("approved", "funded")]
funded = [i for i in invoices if i["state"] == "funded"]
face = lambda rows: sum(round(float(i["face_amount"]) * 100) for i in rows)
small = [i for i in exposed if i["debtor_id"] == "dbt_1"]
assert face(exposed) <= 10000_00, ("client limit", face(exposed))
assert face(small) <= 6000_00, ("debtor limit", face(small))
# Whatever the order, approvals stop exactly at the client's limit, and each approved schedule is funded.
assert face(exposed) == 10000_00 and len(funded) == 10, ("funded", len(funded), "exposed", face(exposed))
verify = get("/v1/verify")
verify = verify.get("data", verify)
assert verify["clean"], verify["problems"]
assert verify["entries"] == len(funded), ("entries", verify["entries"], "funded", len(funded))
print(f"nodes_test: {len(funded)} funded, {len(exposed) - len(funded)} approved unfunded, "
      f"{len(small)} on the small debtor, {verify['entries']} entries")
PYEOF
# --- the sign-in throttle is the book's, not a node's: three wrong passwords on one server and two on the
# other, and then the right one is refused by both
login_code() {
    curl -s -o /dev/null -w '%{http_code}' -X POST "$1/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\": \"admin@nodes.test\", \"password\": \"$2\"}"
}
for i in 1 2 3 4 5; do
    expect "$(login_code "${URLS[$((i % 2))]}" "wrong guess $i")" 401 "wrong password $i"
done
expect "$(login_code "${URLS[0]}" nodes-admin-2026)" 429 "the right password after five failures on two nodes"
expect "$(login_code "${URLS[1]}" nodes-admin-2026)" 429 "the same on the other node"

echo "nodes_test: ok (approve: $(sort "$WORK/approve.codes" | uniq -c | tr -s " \n" " "); fund: $(sort "$WORK/fund.codes" | uniq -c | tr -s " \n" " "))"
