#!/usr/bin/env bash
# Issue 5's promise walked as a new user would, with the CLI on a fresh book (and the HTTP API for the one step a
# debtor takes): an application missing a required field is refused, a complete one is approved into a client
# with terms; a bureau file with a bad row is refused whole, a good one imported; the debtor's score and
# suggested limit; a credit review with its expiry; a verification policy; a notice of assignment marked sent
# (its letter read back); auto-approval on for the book; a schedule approved and funded with no person (the
# decision names the rules that passed) and its NACHA payout file written, the path from submission to file
# timed; a debtor link confirmed (a used link refused); the client statement and the schedule's cost
# disclosure (CA and NY) read back and checked against the JSON the CLI prints.
# Usage: bash underwriting_journey_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: underwriting_journey_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
BOOK="$WORK/book.sqlite"
export MICROFACTOR_DB="sqlite:$BOOK"
export USER=tester
unset MICROFACTOR_SMTP_HOST MICROFACTOR_MAIL_FROM

. "$(dirname "$0")/lib.sh"

# text PDF: the PDF's words on one line, runs of spaces and line breaks made one space.
text() { pdftotext -raw "$1" - | tr -s ' \n' '  '; }
ms() { date +%s%3N; }

# --- a fresh book, set up as its docs say
mf init --currency USD --date 2026-06-01 --calendar weekends_only --name "Harbor Factoring LLC" >/dev/null
mf capital add --amount 250000 --memo "owner capital" >/dev/null
mf settings set --originator-name "Harbor Factoring LLC" --ach-company-id 1123456789 \
    --ach-immediate-origin 021000021 --ach-odfi-routing 021000021 --ach-destination 021000021 \
    --remittance 'Harbor Factoring LLC\nPO Box 4410, Oakland CA 94604\nABA 021000021, account 99887766' >/dev/null

# --- onboarding: a missing tax id is refused and the book is unchanged; a complete application is approved
refused_unchanged missing_field application add --legal-name "Bright Line Logistics LLC" --currency USD \
    --owners "Ann Lee 100%" --addresses "1 Dock St, Oakland CA 94607"
contains "$(cat "$WORK/stderr")" "tax" "the refusal names the missing field"
app=$(mf --json application add --legal-name "Bright Line Logistics LLC" --currency USD --tax-id 12-3456789 \
    --owners "Ann Lee 100%" --addresses "1 Dock St, Oakland CA 94607" --email billing@brightline.example)
app_id=$(json 'd["id"]' <<<"$app")
refused_unchanged application_incomplete application approve "$app_id" --fee "flat 2%/30d +1%/15d" --limit 50000
mf application set "$app_id" --kyc passed --documents "articles; W-9; bank letter" --ucc-ref CA-2026-0042 \
    --ucc-date 2026-05-28 --routing 021000021 --account 4000123456 >/dev/null
approved=$(mf --json application approve "$app_id" --fee "flat 2%/30d +1%/15d" --limit 50000 --advance-rate 90 \
    --note "clean KYC, UCC filed")
CLIENT=$(json 'd["client"]["id"]' <<<"$approved")
expect "$(json 'd["status"]' <<<"$approved")" "approved" "application approved"
client=$(mf --json client show "$CLIENT")
expect "$(json 'd["terms"]["factoring_limit"]' <<<"$client")" "50000.00" "the client's factoring limit"
expect "$(json 'd["terms"]["advance_rate"]' <<<"$client")" "90" "the client's advance rate"
contains "$(mf application show "$app_id")" "application.approve" "the application's history"

# --- a debtor, its bureau scores (a bad row refuses the file whole), its score, a review with an expiry
mf debtor add --name "Acme Retail Inc" --currency USD --credit-limit 1000 --tax-id 98-7654321 \
    --email ap@acme.example >/dev/null
DEBTOR=dbt_1
printf 'tax_id,bureau,score,as_of,reference\n98-7654321,dnb,82,2026-05-15,R-1\n98-7654321,experian,171,2026-05-20,R-2\n' \
    >"$WORK/bad.csv"
refused_unchanged file_rejected debtor bureau-import "$WORK/bad.csv"
contains "$(cat "$WORK/stderr")" "line 3: score 171 is outside 0 to 100" "the bad row named"
expect "$(mf --json debtor score $DEBTOR | json 'd["bureau_score"]')" "null" "nothing imported"
printf 'tax_id,bureau,score,as_of,reference\n98-7654321,dnb,82,2026-05-15,R-1\n98-7654321,experian,74,2026-05-20,R-2\n' \
    >"$WORK/good.csv"
contains "$(mf debtor bureau-import "$WORK/good.csv")" "Imported 2 bureau scores" "the good file"
score=$(mf --json debtor score $DEBTOR)
expect "$(json 'd["history_score"]' <<<"$score")" "null" "a new debtor has no payment history in the book yet"
expect "$(json 'd["bureau_score"]' <<<"$score")" "78" "the bureaus' mean"
suggested=$(json 'd["suggested_limit"]' <<<"$score")
[ "$suggested" != "null" ] || fail "no suggested limit"
human=$(mf debtor score $DEBTOR)
contains "$human" "Acme Retail Inc" "the score as a table"
contains "$(mf report debtor-credit --debtor $DEBTOR)" "Bureau scores" "the evidence behind the score"
review=$(mf --json debtor review $DEBTOR --decision approved --limit 40000 --notes "bureaus clean, 3 trade refs" \
    --expires 2026-11-30)
expect "$(json 'd["expires_on"]' <<<"$review")" "2026-11-30" "the review's expiry"
expect "$(mf --json debtor score $DEBTOR | json 'd["review_standing"]')" "current" "reviewed"

# --- verification: invoices above 5,000.00 wait for the debtor's word
mf client verification-policy "$CLIENT" --set above --threshold 5000 >/dev/null
contains "$(mf client verification-policy "$CLIENT")" "above 5,000.00 USD" "the policy"

# --- the notice of assignment, marked sent; its letter names the pair and the remittance instructions
mf client noa "$CLIENT" --debtor $DEBTOR --out "$WORK/noa.pdf" --record-sent email >/dev/null
noa=$(text "$WORK/noa.pdf")
contains "$noa" "Notice of Assignment" "the letter's title"
contains "$noa" "Bright Line Logistics LLC" "the letter names the client"
contains "$noa" "Acme Retail Inc" "the letter names the debtor"
contains "$noa" "account 99887766" "the letter carries the remittance instructions"
expect "$(mf --json noa list --client "$CLIENT" | json 'd["data"][0]["status"]')" "sent" "the notice is sent"
expect "$(mf --json mail list | json '[m["kind"] for m in d["data"]]')" '["noa_sent"]' "its mail is queued"
mf settings set --require-noa-before-funding yes >/dev/null

# --- auto-approval: a schedule under the thresholds funds with no person; the next NACHA file pays it
mf auto-approval set --mode on --invoice-max 5000 --schedule-max 20000 >/dev/null
start=$(ms)
submitted=$(mf schedule submit --client "$CLIENT" --invoice $DEBTOR,BL-1001,2400.00,2026-05-29,2026-06-28 \
    --invoice $DEBTOR,BL-1002,3100.00,2026-05-30,2026-06-29)
mf payout file --format nacha --out "$WORK/ach.txt" >/dev/null
elapsed=$(($(ms) - start))
echo "underwriting_journey_test: submission to NACHA payout file in ${elapsed} ms"
contains "$submitted" "Auto-approved and funded" "funded at submission"
decision=$(mf --json schedule auto-approvals sch_1)
expect "$(json 'd["data"][0]["outcome"]' <<<"$decision")" "approved" "the decision"
passed=$(json '[c["rule"] for c in d["data"][0]["checks"] if c["passed"]]' <<<"$decision")
for rule in enabled credit_review verification notice no_hold payout_account limits fraud funding; do
    contains "$passed" "\"$rule\"" "the decision names the rule that passed"
done
head -c 1 "$WORK/ach.txt" | grep -q 1 || fail "the NACHA file starts with its file header"
grep -q "^6.*4000123456" "$WORK/ach.txt" || fail "the NACHA entry pays the client's account"
expect "$(mf --json payout list | json '[p["status"] for p in d["data"]]')" '["sent"]' "the advance is paid"

# --- a large invoice waits for verification; the debtor confirms through its link (the API); a used link fails
submitted=$(mf schedule submit --client "$CLIENT" --invoice $DEBTOR,BL-1003,9000.00,2026-05-31,2026-06-30)
contains "$submitted" "waits on" "a large invoice waits"
expect "$(mf --json invoice show inv_3 | json 'd["invoice"]["verification"]')" "pending" "pending verification"
link=$(mf --json invoice verify-link inv_3 --days 7)
token=$(json 'd["token"]' <<<"$link")
"$MF" serve --port 0 >"$WORK/serve.log" 2>"$WORK/serve.err" &
SERVER=$!
URL=$(served_url "$WORK/serve.err")
shown=$(curl -s -H "Authorization: Bearer $token" "$URL/v1/debtor-link")
contains "$shown" "BL-1003" "the link shows its invoice"
answer='{"delivered": true, "amount_correct": true, "no_offsets": true}'
confirmed=$(curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$answer" \
    "$URL/v1/debtor-link/confirm")
expect "$(json 'd["invoice_verification"]' <<<"$confirmed")" "verified" "confirmed by the debtor"
again=$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "$answer" "$URL/v1/debtor-link/confirm")
contains "$(head -1 <<<"$again")" "link_used" "a used link is refused"
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
SERVER=""
mf auto-approval set --invoice-max 10000 >/dev/null
contains "$(mf schedule auto-approve sch_2)" "approved and funded" "verified, it funds with no person"

# --- the client statement and the cost disclosure, read back
mf client statement-pdf "$CLIENT" --from 2026-06-01 --to 2026-06-01 --out "$WORK/statement.pdf" >/dev/null
statement=$(text "$WORK/statement.pdf")
contains "$statement" "Client statement" "the statement's title"
contains "$statement" "Bright Line Logistics LLC" "the statement names the client"
contains "$statement" "Closing reserve" "the statement's closing reserve"
reserve=$(mf --json client statement "$CLIENT" --from 2026-06-01 --to 2026-06-01 | json 'd["closing_reserve_amount"]')
contains "$statement" "$("$PY" -c 'import sys; print(f"{float(sys.argv[1]):,.2f}")' "$reserve")" \
    "the statement's closing reserve is the book's"
for state in CA NY; do
    figures=$(mf --json schedule disclosure sch_1 --state $state --out "$WORK/$state.pdf")
    page=$(text "$WORK/$state.pdf")
    apr=$(json 'd["apr"]' <<<"$figures")
    contains "$page" "$apr%" "$state: the APR the CLI printed"
    for field in amount_financed finance_charge; do
        amount=$(json "d[\"$field\"]" <<<"$figures")
        contains "$page" "$("$PY" -c 'import sys; print(f"{float(sys.argv[1]):,.2f}")' "$amount")" \
            "$state: the $field the CLI printed"
    done
    expect "$(json 'd["amount_financed"]' <<<"$figures")" "4950.00" "$state: 90% of 5,500.00 financed"
done
contains "$(text "$WORK/CA.pdf")" "hypothetical invoice of" "CA wording"
contains "$(text "$WORK/NY.pdf")" "Estimated Total Payment Amount" "NY layout"
contains "$(mf schedule disclosure sch_1 --state CA --out "$WORK/CA2.pdf")" "estimated APR" \
    "the figures printed for people too"
mf verify >/dev/null
echo "underwriting_journey_test: ok"
