#!/usr/bin/env bash
# Underwriting through the built binary: a new book requires credit reviews, so funding a debtor without one is
# refused; a bureau file with a bad row is refused whole; a good one imports; the score, the report and a review
# show; funding goes through once reviewed. Then a client application is added, completed, approved into a
# client, and its history read; another is declined. Each refusal leaves the book as it was.
# Usage: bash underwriting_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: underwriting_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
BOOK="$WORK/book.sqlite"
export MICROFACTOR_DB="sqlite:$BOOK"
export USER=tester

. "$(dirname "$0")/lib.sh"

# --- a new book requires credit reviews
contains "$(mf init --currency USD --date 2026-06-01 --calendar weekends_only)" "required before funding" \
    "init says reviews are required"
mf capital add --amount 100000 >/dev/null
mf client add --name "Bright Line" --currency USD --fee "flat 2%/30d +1%/15d" --limit 50000 >/dev/null
mf debtor add --name "Acme Retail" --currency USD --credit-limit 20000 --tax-id 98-7654321 >/dev/null
mf schedule submit --client cli_1 --invoice dbt_1,INV-1,1000.00,2026-06-01,2026-07-01 >/dev/null
mf invoice approve inv_1 >/dev/null
refused_unchanged credit_review_required schedule fund sch_1
contains "$(cat "$WORK/stderr")" "debtor dbt_1 (invoice INV-1) has no credit review" "the refusal names the debtor"

# --- bureau files: all or nothing
printf 'tax_id,bureau,score,as_of,reference\n98-7654321,dnb,81,2026-05-15,R-77\n98-7654321,experian,140,2026-05-20,\n00-0000000,dnb,50,2026-05-01,\n' \
    >"$WORK/bad.csv"
refused_unchanged file_rejected debtor bureau-import "$WORK/bad.csv"
contains "$(cat "$WORK/stderr")" "line 3: score 140 is outside 0 to 100" "bad score named"
contains "$(cat "$WORK/stderr")" "line 4: no debtor has tax id 00-0000000" "unknown debtor named"
printf 'debtor_id,bureau,score,as_of,reference\ndbt_1,dnb,81,2026-05-15,R-77\ndbt_1,experian,71,2026-05-20,\n' \
    >"$WORK/scores.csv"
contains "$(mf debtor bureau-import "$WORK/scores.csv")" "Imported 2 bureau scores from scores.csv" "import"

# --- score and report: bureau only (no paid history yet), mean 76, grade B, starter limit 10,000.00
score=$(mf --json debtor score dbt_1)
expect "$(json 'd["score"]' <<<"$score")" "76" "score"
expect "$(json 'd["grade"]' <<<"$score")" "B" "grade"
expect "$(json 'd["history_score"]' <<<"$score")" "null" "no history yet"
expect "$(json 'd["suggested_limit"]' <<<"$score")" "10000.00" "suggested limit"
expect "$(json 'd["review_standing"]' <<<"$score")" "none" "not reviewed"
contains "$(mf debtor score)" "Acme Retail" "every debtor's score"
expect "$(mf --json debtor score | json '[c["grade"] for c in d["data"]]')" '["B"]' "every debtor's score as JSON"
report=$(mf report debtor-credit --debtor dbt_1)
contains "$report" "Bureau scores" "report lists bureau scores"
contains "$report" "R-77" "with their references"
contains "$report" "required before funding" "and says reviews are required"

# --- a review, then funding goes through
refused_unchanged missing_field debtor review dbt_1 --decision approved --notes ""
review=$(mf --json debtor review dbt_1 --decision approved --notes "bureau clean, 3 trade references" \
    --expires 2026-12-31)
expect "$(json 'd["limit"]' <<<"$review")" "10000.00" "the suggested limit by default"
expect "$(json 'd["reviewer"]' <<<"$review")" "cli:tester" "the reviewer is the actor"
expect "$(json 'd["expires_on"]' <<<"$review")" "2026-12-31" "expiry"
expect "$(mf --json debtor show dbt_1 | json 'd["credit_limit"]')" "10000.00" "the review set the limit"
expect "$(mf --json schedule fund sch_1 | json 'd["amount"]')" "900.00" "funded once reviewed"
contains "$(mf debtor reviews dbt_1)" "bureau clean" "reviews list"
mf settings set --credit-reviews off >/dev/null
contains "$(mf settings show)" "not required" "the setting turns off"

# --- onboarding
refused_unchanged missing_field application add --legal-name "Harbor Freight Lines LLC" --currency USD \
    --owners "Ann Lee 100%" --addresses "1 Dock St, Oakland CA"
app=$(mf --json application add --legal-name "Harbor Freight Lines LLC" --currency USD --tax-id 12-3456789 \
    --owners "Ann Lee 60%; Bo Park 40%" --addresses "1 Dock St, Oakland CA 94607")
expect "$(json 'd["id"]' <<<"$app")" "app_1" "application id"
expect "$(json 'd["kyc_status"]' <<<"$app")" "pending" "KYC pending"
refused_unchanged application_incomplete application approve app_1 --fee "flat 2%/30d +1%/15d" --limit 75000
contains "$(cat "$WORK/stderr")" "KYC has not passed" "approval names what is missing"
refused_unchanged invalid_kyc_status application set app_1 --kyc maybe
mf application set app_1 --kyc passed --documents "articles; W-9; bank letter" --ucc-ref CA-2026-0012345 \
    --ucc-date 2026-05-28 --routing 021000021 --account 000123456789 >/dev/null
approved=$(mf --json application approve app_1 --fee "flat 2%/30d +1%/15d" --limit 75000 --advance-rate 85 \
    --note "strong references")
expect "$(json 'd["status"]' <<<"$approved")" "approved" "approved"
expect "$(json 'd["client"]["id"]' <<<"$approved")" "cli_2" "it became a client"
expect "$(json 'd["client"]["terms"]["factoring_limit"]' <<<"$approved")" "75000.00" "with its limit"
shown=$(mf application show app_1)
contains "$shown" "application.add" "history: added"
contains "$shown" "kyc_status pending -> passed" "history: the KYC change"
contains "$shown" "application.approve" "history: approved"
refused_unchanged invalid_transition application set app_1 --email late@harbor.example
mf application add --legal-name "Shady Imports" --currency USD --tax-id 11-1111111 --owners "X" \
    --addresses "PO Box 1" >/dev/null
refused_unchanged missing_field application decline app_2 --reason ""
contains "$(mf application decline app_2 --reason 'owner on a sanctions list')" "declined" "declined"
contains "$(mf application list)" "Shady Imports" "list"
echo "underwriting_test: ok"
