#!/usr/bin/env bash
# Verification and notices of assignment from the CLI: a client's policy makes an invoice wait, approval is
# refused with verification_required, a staff call verifies it, a debtor link is issued (its token shown once),
# the verification log lists what happened; the assignment legend, a NOA recorded as sent when the letter is
# generated, the work queue, and notification factoring refusing funding until the notice is sent.
# Usage: bash verification_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: verification_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
export MICROFACTOR_DB="sqlite:$WORK/book.sqlite"
export USER=tester

. "$(dirname "$0")/lib.sh"

# mf_fails CODE ARGS...: the command must fail with this error code (in --json mode, on stderr or stdout).
mf_fails() {
    local code=$1
    shift
    if "$MF" --json "$@" >"$WORK/out" 2>"$WORK/stderr"; then
        fail "microfactor $* should have failed with $code"
    fi
    grep -q "$code" "$WORK/out" "$WORK/stderr" || fail "microfactor $*: expected $code, got: $(cat "$WORK/out" "$WORK/stderr")"
}

mf init --currency USD --date 2026-06-01 --name "Test Factor" --credit-reviews off >/dev/null
mf capital add --amount 100000 --memo "owner capital" >/dev/null
mf client add --name "Bright Line Logistics" --currency USD --advance-rate 90 --fee "flat 2%/30d +1%/15d" \
    --limit 50000 >/dev/null
mf debtor add --name "Acme Retail" --currency USD --credit-limit 20000 >/dev/null

# --- policy: invoices above 500.00 wait for verification
expect "$(mf --json client verification-policy cli_1 | json 'd["policy"]')" "none" "default policy"
policy=$(mf --json client verification-policy cli_1 --set above --threshold 500)
expect "$(json 'd["threshold_amount"]' <<<"$policy")" "500.00" "threshold"
contains "$(mf client verification-policy cli_1)" "above 500.00 USD" "policy as a table"
mf_fails invalid_policy client verification-policy cli_1 --set sample

mf schedule submit --client cli_1 --invoice dbt_1,INV-1,400.00,2026-05-28,2026-06-27 \
    --invoice dbt_1,INV-2,900.00,2026-05-29,2026-06-28 >/dev/null
expect "$(mf --json invoice show inv_1 | json 'd["invoice"]["verification"]')" "not_required" "small invoice"
expect "$(mf --json invoice show inv_2 | json 'd["invoice"]["verification"]')" "pending" "large invoice waits"
mf_fails verification_required invoice approve inv_2

# --- a call that reaches nobody, then one that confirms
mf invoice verify inv_2 --channel call --contact "AP desk +1 555 0100" --outcome no_answer >/dev/null
verified=$(mf --json invoice verify inv_2 --channel email --contact "ap@acme.example" --outcome confirmed \
    --notes "PO 4471")
expect "$(json 'd["invoice"]["verification"]' <<<"$verified")" "verified" "confirmed by e-mail"
standing=$(mf --json invoice verification inv_2)
expect "$(json '[d["passed"], len(d["records"])]' <<<"$standing")" "[true, 2]" "standing"
mf invoice approve inv_1 inv_2 >/dev/null

# --- a debtor link: the token once, the link never shows it again
link=$(mf --json invoice verify-link inv_2 --days 7)
expect "$(json 'len(d["token"])' <<<"$link")" "43" "token length"
expect "$(json 'd["link"]["expires_at"]' <<<"$link")" "2026-06-08T09:00:00Z" "expiry"
expect "$(json '"token_hash" in d["link"]' <<<"$link")" "false" "the hash stays in the book"
expect "$(json 'd["path"] == "/debtor#token=" + d["token"]' <<<"$link")" "true" "the link is the debtor portal's page"
expect "$(json 'd["api_path"] == "/v1/debtor-link?token=" + d["token"]' <<<"$link")" "true" "and the API route"
mf_fails invalid_days invoice verify-link inv_2 --days 91

# --- the log
log=$(mf --json report verifications --invoice inv_2)
expect "$(json '[r["outcome"] for r in d["data"]]' <<<"$log")" '["no_answer", "confirmed"]' "log outcomes"
expect "$(json 'd["data"][0]["actor"]' <<<"$log")" "cli:tester" "log actor"
contains "$(mf report verifications)" "ap@acme.example" "log as a table"

# --- notices: legend, letter recorded as sent, queue, notification factoring
mf settings set --remittance 'Test Factor\nABA 021000021, account 99887766' >/dev/null
legend=$(mf client legend cli_1)
contains "$legend" "assigned to and is payable only to Test Factor" "legend names the factor"
contains "$legend" "account 99887766" "legend carries the remittance instructions"
mf settings set --require-noa-before-funding yes >/dev/null
contains "$(mf settings show)" "NOA to fund      required" "setting shown"
mf_fails noa_required schedule fund sch_1
expect "$(mf --json noa list --client cli_1 | json '[n["status"] for n in d["data"]]')" '["not_sent"]' "not sent"
mf client noa cli_1 --debtor dbt_1 --out "$WORK/noa.pdf" --record-sent mail >/dev/null
[ -s "$WORK/noa.pdf" ] || fail "no NOA PDF"
if command -v pdftotext >/dev/null; then
    contains "$(pdftotext "$WORK/noa.pdf" -)" "account 99887766" "the letter carries the book's remittance"
fi
notice=$(mf --json noa list --client cli_1)
expect "$(json '[d["data"][0]["status"], d["data"][0]["sent_on"], d["data"][0]["method"]]' <<<"$notice")" \
    '["sent", "2026-06-01", "mail"]' "recorded as sent"
mf schedule fund sch_1 >/dev/null
expect "$(mf --json noa queue | json 'len(d["data"])')" "0" "nothing in the queue"
mf noa acknowledged --client cli_1 --debtor dbt_1 >/dev/null
expect "$(mf --json noa list | json 'd["data"][0]["status"]')" "acknowledged" "acknowledged"
mf_fails invalid_method noa sent --client cli_1 --debtor dbt_1 --method pigeon

# --- the queue holds a funded pair without a notice (notification factoring off again)
mf settings set --require-noa-before-funding no >/dev/null
mf debtor add --name "Zenith Foods" --currency USD --credit-limit 20000 >/dev/null
mf schedule submit --client cli_1 --invoice dbt_2,Z-1,300.00,2026-05-29,2026-06-28 >/dev/null
mf invoice approve inv_3 >/dev/null
mf schedule fund sch_2 >/dev/null
queue=$(mf --json noa queue)
expect "$(json '[d["data"][0]["debtor_id"], d["data"][0]["funded_face_amount"]]' <<<"$queue")" \
    '["dbt_2", "300.00"]' "queue"
contains "$(mf noa queue)" "dbt_2" "queue as a table"
mf verify >/dev/null
echo "verification_test: ok"
