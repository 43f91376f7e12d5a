#!/usr/bin/env bash
# The web dashboard end to end in Debian's chromium: builds the bundle (npm ci first when web/node_modules is
# missing), makes a demo book with a schedule waiting for approval, serves it with the bundle on a free
# loopback port, and runs browser_test.mjs (playwright-core). Screenshots and timings.json (each interaction's
# time, measured inside the page) go to OUT. The server is stopped however the test ends.
# Usage: bash browser_test.sh /path/to/microfactor [OUT]
set -euo pipefail
MF=${1:?usage: browser_test.sh /path/to/microfactor [OUT]}
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT=${2:-$PWD/web_browser}
WORK=$(mktemp -d)
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then
        kill "$SERVER" 2>/dev/null || true
        wait "$SERVER" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "FAIL: $*" >&2; [ -f "$WORK/serve.err" ] && tail -5 "$WORK/serve.err" >&2; exit 1; }

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || fail "no chromium at $CHROMIUM (scripts/install-deps installs Debian's)"
"$ROOT/scripts/build-web" || fail "the web bundle did not build"
rm -rf "$OUT"
mkdir -p "$OUT"

DB="sqlite:$WORK/book.sqlite"
"$MF" --db "$DB" demo --days 20 >/dev/null 2>&1 || fail "demo"
# An expired debtor link. A link's expiry is its issue instant plus 1 to 90 days, stored with the link (the
# token is stored only as its hash), and checked against the server's clock when opened. The honest way to hold
# an expired one is a link issued in the past: the same CLI command staff use (`invoice verify-link`), on this
# test's own temporary book before it is served, with the book's clock setting MICROFACTOR_FIXED_TIME put 30
# days back for that one command, and the shortest expiry (1 day). The link, its hash, its audit event and
# its mail are then exactly what that command wrote 30 days ago; the server, on the real clock, finds it
# expired 29 days ago. Nothing in the book is edited by hand.
PAST=$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ"))')
EXPIRED_INVOICE=$("$MF" --db "$DB" --json invoice list --state funded 2>/dev/null |
    python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin)["data"] if i["client_id"] != "cli_1"][-1])') ||
    fail "no funded invoice for the expired link"
EXPIRED_PATH=$(MICROFACTOR_FIXED_TIME=$PAST "$MF" --db "$DB" --json invoice verify-link "$EXPIRED_INVOICE" --days 1 |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["path"])') || fail "issuing the expired link"
EXPIRED_NUMBER=$("$MF" --db "$DB" --json invoice show "$EXPIRED_INVOICE" 2>/dev/null |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("number") or d["invoice"]["number"])') || EXPIRED_NUMBER=""
"$MF" --db "$DB" serve --port 0 --web "$ROOT/web/dist" >"$WORK/serve.log" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 1 100); do
    grep -q "serving" "$WORK/serve.err" 2>/dev/null && break
    sleep 0.1
done
PORT=$(sed -n 's/.*serving.*http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.err" | head -1)
[ -n "$PORT" ] || fail "the server printed no port"
URL="http://127.0.0.1:$PORT"

# The sample files others wrote (../shared/testdata beside the repository, unedited); a clone with no shared/
# beside it uses the workplace's copy.
TESTDATA=${MF_TESTDATA:-$ROOT/../shared/testdata}
[ -d "$TESTDATA" ] || TESTDATA=/work/shared/testdata
[ -f "$TESTDATA/einvoice/ubl-peppol-factoring.xml" ] || fail "no sample files at $TESTDATA"

# The data the browser needs: a schedule of the client user's client waiting for approval (submitted through
# the API as an underwriter would), and another client's id, name and one of its invoices.
PY=$(command -v python3)
pick() { "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
TOKEN=$(curl -sf "$URL/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email": "admin@demo.microfactor.test", "password": "demo-admin-2026"}' | pick 'd["token"]')
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
TODAY=$(api "$URL/v1/settings" | pick 'd["business_date"]')
DUE=$("$PY" -c 'import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1]) + datetime.timedelta(days=30))' "$TODAY")
DEBTOR=$(api "$URL/v1/invoices?client_id=cli_1&limit=1" | pick 'd["data"][0]["debtor_id"]')
SCHEDULE_ID=$(api -X POST "$URL/v1/schedules" -d "{\"client_id\": \"cli_1\", \"invoices\": [
    {\"debtor_id\": \"$DEBTOR\", \"number\": \"WEB-1001\", \"amount\": \"1200.00\", \"issue_date\": \"$TODAY\", \"due_date\": \"$DUE\"},
    {\"debtor_id\": \"$DEBTOR\", \"number\": \"WEB-1002\", \"amount\": \"845.50\", \"issue_date\": \"$TODAY\", \"due_date\": \"$DUE\"}]}" |
    pick 'd["id"]') || fail "submitting the schedule"
DEBTOR_NAME=$(api "$URL/v1/debtors/$DEBTOR" | pick 'd["name"]')
OTHER_CLIENT_ID=cli_2
OTHER_CLIENT_NAME=$(api "$URL/v1/clients/$OTHER_CLIENT_ID" | pick 'd["name"]')
OTHER_INVOICE_ID=$(api "$URL/v1/invoices?client_id=$OTHER_CLIENT_ID&limit=1" | pick 'd["data"][0]["id"]')
# Two funded invoices of another client than the client user's, for the debtor links (one confirmed, one
# contested), so the client portal's steps meet none of their answers.
LINK_INVOICES=$(api "$URL/v1/invoices?state=funded&limit=200" |
    pick '" ".join([i["id"] for i in d["data"] if i["client_id"] != "cli_1"][:2])')
[ "$(echo "$LINK_INVOICES" | wc -w)" -eq 2 ] || fail "no two funded invoices for the debtor links"
# A notice-of-assignment link for the first one's client and debtor, issued through the API before the browser
# starts (the client page's notice forms are tried later, on another client).
NOTICE_PAIR=$(api "$URL/v1/invoices/${LINK_INVOICES%% *}" | pick 'd["client_id"] + " " + d["debtor_id"]')
NOTICE_PATH=$(api -X POST "$URL/v1/clients/${NOTICE_PAIR%% *}/notices/links" -d "{\"debtor_id\": \"${NOTICE_PAIR##* }\"}" |
    pick 'd["path"]') || fail "issuing a notice link"

# A schedule of another client than the client user's, waiting, for the auto-approval re-run on its page (the
# client portal's own schedule later must stay waiting, so cli_1's rules are not touched).
AUTO_DEBTOR=$(api "$URL/v1/invoices?client_id=cli_2&limit=1" | pick 'd["data"][0]["debtor_id"]')
AUTO_SCHEDULE_ID=$(api -X POST "$URL/v1/schedules" -d "{\"client_id\": \"cli_2\", \"invoices\": [
    {\"debtor_id\": \"$AUTO_DEBTOR\", \"number\": \"AUTO-2001\", \"amount\": \"950.00\", \"issue_date\": \"$TODAY\", \"due_date\": \"$DUE\"}]}" |
    pick 'd["id"]') || fail "submitting the schedule for auto-approval"
# An invoice waiting alone in a schedule of a third client, for deciding one invoice on its page.
DECIDE_DEBTOR=$(api "$URL/v1/invoices?client_id=cli_3&limit=1" | pick 'd["data"][0]["debtor_id"]')
DECIDE_INVOICE_ID=$(api -X POST "$URL/v1/schedules" -d "{\"client_id\": \"cli_3\", \"invoices\": [
    {\"debtor_id\": \"$DECIDE_DEBTOR\", \"number\": \"DECIDE-3001\", \"amount\": \"410.00\", \"issue_date\": \"$TODAY\", \"due_date\": \"$DUE\"}]}" |
    pick 'd["invoices"][0]["id"]') || fail "submitting the invoice to decide"

echo "browser test: $URL, schedule $SCHEDULE_ID, screenshots in $OUT"
BASE_URL=$URL OUT=$OUT PROFILE_DIR="$WORK/chromium-profile" WEB_DIR="$ROOT/web" CHROMIUM=$CHROMIUM SCHEDULE_ID=$SCHEDULE_ID BUSINESS_DATE=$TODAY DUE_DATE=$DUE \
    OTHER_CLIENT_ID=$OTHER_CLIENT_ID OTHER_CLIENT_NAME=$OTHER_CLIENT_NAME OTHER_INVOICE_ID=$OTHER_INVOICE_ID \
    DEBTOR_ID=$DEBTOR DEBTOR_NAME=$DEBTOR_NAME TESTDATA=$TESTDATA WORK_DIR=$WORK LINK_INVOICES=$LINK_INVOICES NOTICE_PATH=$NOTICE_PATH \
    EXPIRED_PATH=$EXPIRED_PATH EXPIRED_NUMBER=$EXPIRED_NUMBER AUTO_SCHEDULE_ID=$AUTO_SCHEDULE_ID DECIDE_INVOICE_ID=$DECIDE_INVOICE_ID \
    node "$HERE/browser_test.mjs" || fail "the browser test (screenshots in $OUT)"
echo "browser test: passed"
