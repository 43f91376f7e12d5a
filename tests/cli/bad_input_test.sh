#!/usr/bin/env bash
# Refused commands: each bad input exits non-zero, names its error code on stderr, and leaves the book exactly as
# it was (the sqlite3 dump before and after are equal). Also the exit codes: 2 bad input or usage, 1 verify
# problems, 3 storage. (More refusals run in-process, faster, in app_test.cpp.)
# Usage: bash bad_input_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: bad_input_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
BOOK="$WORK/book.sqlite"
export MICROFACTOR_DB="sqlite:$BOOK"

fail() { echo "FAIL: $*" >&2; exit 1; }
# The interpreter itself, not a version-manager shim: each JSON check starts it, so its start-up time counts.
PY=$(python3 -c 'import sys; print(sys.executable)')
mf() { "$MF" "$@" >/dev/null 2>"$WORK/stderr" || fail "microfactor $* exited $?: $(cat "$WORK/stderr")"; }
# refused EXIT CODE ARGS...: the command exits EXIT, prints "error [CODE]" and changes nothing in the book.
refused() {
    local want_exit=$1 code=$2 status=0 before after
    shift 2
    before=$(sqlite3 "$BOOK" .dump)
    "$MF" "$@" >"$WORK/stdout" 2>"$WORK/stderr" || status=$?
    after=$(sqlite3 "$BOOK" .dump)
    [ "$status" -eq "$want_exit" ] || fail "microfactor $*: exit $status, expected $want_exit; $(cat "$WORK/stderr")"
    grep -qF "error [$code]" "$WORK/stderr" || fail "microfactor $*: expected [$code], got: $(cat "$WORK/stderr")"
    [ "$before" == "$after" ] || fail "microfactor $*: the book changed"
}

mf init --credit-reviews off --currency USD --date 2026-06-01
mf capital add --amount 50000
mf client add --name "Bright Line" --currency USD --fee "flat 2%/30d +1%/15d" --limit 10000
mf debtor add --name "Acme" --currency USD --credit-limit 8000
mf schedule submit --client 1 --invoice 1,INV-1,1000,2026-05-20,2026-06-19
mf invoice approve 1
mf schedule fund 1
mf receipt record --amount 100 --payer Acme --reference R1

good_dates="2026-05-21,2026-06-20"
refused 2 invalid_amount capital add --amount=-5
refused 2 invalid_amount schedule submit --client 1 --invoice "1,INV-2,-5,$good_dates"
refused 2 invalid_amount schedule submit --client 1 --invoice "1,INV-2,1.234,$good_dates"
refused 2 invalid_amount receipt record --amount 1.234 --payer Acme
refused 2 not_found client show cli_99
refused 2 not_found schedule fund sch_99
refused 2 not_found schedule submit --client 1 --invoice "99,INV-2,10,$good_dates"
refused 2 unknown_currency client add --name X --currency XYZ --fee "flat 2%/30d +1%/15d" --limit 100
refused 2 unknown_currency capital add --amount 5 --currency usd
refused 2 invalid_date schedule submit --client 1 --invoice 1,INV-2,10,2025-02-30,2025-03-30
refused 2 due_before_issue schedule submit --client 1 --invoice 1,INV-2,10,2026-05-20,2026-05-01
refused 2 duplicate_invoice schedule submit --client 1 --invoice "1,INV-1,10,$good_dates"
refused 2 invalid_transition schedule fund 1
refused 2 book_not_empty demo --days 1
printf 'debtor_id,number,amount,issue_date,due_date\n1,C-1,10,2026-05-21,2026-06-20\n1,C-2,10.001,2026-05-21,2026-06-20\n' \
    >"$WORK/bad.csv"
refused 2 invalid_amount schedule submit --client 1 --csv "$WORK/bad.csv"
grep -qF "line 3" "$WORK/stderr" || fail "the CSV error names its line: $(cat "$WORK/stderr")"

# Usage errors (CLI11) exit 2 and change nothing.
before=$(sqlite3 "$BOOK" .dump)
status=0; "$MF" client add --nme X >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "an unknown option exits 2, got $status"
status=0; "$MF" invoice >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "a group without its subcommand exits 2, got $status"
status=0; "$MF" schedule submit >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "a missing required option exits 2, got $status"
[ "$before" == "$(sqlite3 "$BOOK" .dump)" ] || fail "usage errors changed the book"

# --json errors: the human line on stderr, the error object on stdout.
status=0; "$MF" client show 99 --json >"$WORK/stdout" 2>/dev/null || status=$?
[ "$status" -eq 2 ] || fail "--json error exit"
"$PY" -c 'import json,sys; e=json.load(open(sys.argv[1]))["error"]; assert e["code"]=="not_found", e' "$WORK/stdout" ||
    fail "--json error object: $(cat "$WORK/stdout")"

# Storage: a file that is not a book exits 3; a missing book exits 2.
echo "not a database" >"$WORK/text.sqlite"
status=0; "$MF" --db "sqlite:$WORK/text.sqlite" settings show >/dev/null 2>"$WORK/stderr" || status=$?
[ "$status" -eq 3 ] || fail "a file that is not a book exits 3, got $status: $(cat "$WORK/stderr")"
status=0; "$MF" --db "sqlite:$WORK/none.sqlite" settings show >/dev/null 2>"$WORK/stderr" || status=$?
[ "$status" -eq 2 ] || fail "a missing book exits 2, got $status"
grep -qF "error [book_not_found]" "$WORK/stderr" || fail "missing book message: $(cat "$WORK/stderr")"
[ ! -e "$WORK/none.sqlite" ] || fail "reading a missing book created it"

# verify: exit 0 on a clean book, 1 when a stored balance was tampered with.
mf verify
sqlite3 "$BOOK" "UPDATE balances SET amount_minor = amount_minor + 1 WHERE account = 'cash';"
status=0; "$MF" verify >"$WORK/stdout" 2>&1 || status=$?
[ "$status" -eq 1 ] || fail "verify of a tampered book exits 1, got $status: $(cat "$WORK/stdout")"
echo "bad input: ok"
