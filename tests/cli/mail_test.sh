#!/usr/bin/env bash
# The e-mail outbox from the CLI: a notice sent and a debtor link queue mails (the link's token never shown by
# the outbox), a debtor without an address gets an unaddressed mail until one is set, a relay that is down keeps
# the mail with its attempt and error (exit 1), a relay on another host without TLS is refused (exit 2), and a
# person's retry makes the mail due again. Delivery to a live relay is tests/book/outbox_test.cpp's.
# Usage: bash mail_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: mail_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
export MICROFACTOR_DB="sqlite:$WORK/book.sqlite"
export MICROFACTOR_PUBLIC_URL=https://factor.example/
export USER=tester
unset MICROFACTOR_SMTP_HOST MICROFACTOR_MAIL_FROM

. "$(dirname "$0")/lib.sh"

mf init --currency USD --date 2026-06-01 --name "Test Factor" --credit-reviews off >/dev/null
mf client add --name "Bright Line" --currency USD --fee "flat 2%/30d +1%/15d" --limit 50000 >/dev/null
mf debtor add --name "Big Buyer" --currency USD --credit-limit 50000 --email ap@bigbuyer.example >/dev/null
mf debtor add --name "No Mail Co" --currency USD --credit-limit 50000 >/dev/null

mf noa sent --client cli_1 --debtor dbt_1 --method email >/dev/null
mf noa sent --client cli_1 --debtor dbt_2 --method mail >/dev/null
token=$(mf --json noa link --client cli_1 --debtor dbt_1 | json 'd["token"]')

list=$(mf mail list)
contains "$list" "eml_1  queued       noa_sent  ap@bigbuyer.example" "the notice's mail"
contains "$list" "eml_2  unaddressed" "a debtor without an address"
contains "$list" "noa_link" "the link's mail"
expect "$(mf --json mail list --state unaddressed | json 'len(d["data"])')" "1" "unaddressed filter"
shown=$(mf mail show eml_3)
contains "$shown" "{{link}}" "the link's place in the body"
if grep -qF -- "$token" <<<"$shown$(mf --json mail show eml_3)"; then fail "the outbox showed the link's token"; fi
contains "$(mf mail show eml_2)" "debtor dbt_2 has no e-mail address" "why nothing is sent"

# A relay that is down: both addressed mails stay queued with the attempt and the error; exit 1.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if "$MF" mail deliver --smtp-host 127.0.0.1 --smtp-port "$port" --smtp-tls none --mail-from factor@test.example \
    >"$WORK/out" 2>"$WORK/stderr"; then
    fail "a delivery to a relay that is down should exit 1"
else
    expect "$?" "1" "exit code of a delivery that left mail to retry"
fi
contains "$(cat "$WORK/out")" "0 delivered, 2 to retry later, 0 failed." "the run's summary"
one=$(mf --json mail show eml_1)
expect "$(json 'd["state"]' <<<"$one")" "queued" "still queued"
expect "$(json 'd["attempts"]' <<<"$one")" "1" "one attempt"
expect "$(json 'd["next_attempt_at"]' <<<"$one")" "2026-06-01T09:01:00Z" "the backoff"
contains "$(json 'd["last_error"]' <<<"$one")" "cannot deliver through relay 127.0.0.1:$port" "the error"

# No TLS to a relay on another host: refused before anything is sent.
if "$MF" mail deliver --smtp-host smtp.example.com --smtp-tls none --mail-from factor@test.example \
    >"$WORK/out" 2>"$WORK/stderr"; then
    fail "an insecure relay should be refused"
else
    expect "$?" "2" "exit code of a refused relay"
fi
contains "$(cat "$WORK/stderr")" "insecure_relay" "the refusal"
if "$MF" mail deliver >"$WORK/out" 2>"$WORK/stderr"; then fail "no relay set up should fail"; fi
contains "$(cat "$WORK/stderr")" "no SMTP relay is set up" "no relay"

# Retry: an unaddressed mail needs its address first; then it is queued and due now.
if "$MF" mail retry eml_2 >"$WORK/out" 2>"$WORK/stderr"; then fail "a retry without an address should fail"; fi
contains "$(cat "$WORK/stderr")" "no_address" "retry refused"
mf debtor update dbt_2 --email pay@nomail.example >/dev/null
mf mail retry eml_2 >/dev/null
expect "$(mf --json mail show eml_2 | json 'd["state"]')" "queued" "queued after the retry"
expect "$(mf --json mail show eml_2 | json 'd["recipients"][0]')" "pay@nomail.example" "the new address"

echo "mail_test: ok"
