#!/usr/bin/env bash
# A book that cannot be written (issue 6): a read-only mount of its folder, or a file the user may not write.
# Reads are served (CLI reports, verify, the API's GETs); every write is refused with "read_only_book" (CLI exit
# 3, API 503 with a problem body) and changes nothing; once the book is writable again, writes work.
# As root the folder is bind-mounted read-only in a private mount namespace (unshare -m), and the file is also
# tried as user nobody with mode 0444; as another user the file and folder lose their write bits.
# Usage: bash readonly_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: readonly_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    chmod -R u+w "$WORK" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"

chmod 755 "$WORK"
BOOK_DIR="$WORK/book"
mkdir "$BOOK_DIR"
DB="sqlite:$BOOK_DIR/book.sqlite"
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
mf --db "$DB" demo --days 5 >/dev/null
KEY=$(mf --db "$DB" user api-key usr_1 --label "read-only test" | tail -1)
[ -n "$KEY" ] || fail "no API key"
before_portfolio=$(mf --db "$DB" report portfolio)
before_sum=$(sha256sum "$BOOK_DIR/book.sqlite" | cut -d' ' -f1)

# ro CMD...: runs CMD with the book read-only, the way this run can make it so.
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
    ro() { unshare -m sh -c 'mount --bind -o ro "$0" "$0" && exec "$@"' "$BOOK_DIR" "$@"; }
    WAYS="mount nobody"
elif [ "$(id -u)" -ne 0 ]; then
    chmod a-w "$BOOK_DIR/book.sqlite" "$BOOK_DIR"
    ro() { "$@"; }
    WAYS="chmod"
else
    echo "SKIP: root without mount namespaces cannot make a file read-only for itself"
    exit 0
fi

check_cli() {  # $1: how the book is read-only; $2...: the runner
    local how=$1
    shift
    local out
    out=$("$@" "$MF" --db "$DB" report portfolio 2>"$WORK/stderr") || fail "$how: report portfolio: $(cat "$WORK/stderr")"
    expect "$out" "$before_portfolio" "$how: the portfolio report of a read-only book"
    "$@" "$MF" --db "$DB" verify >/dev/null 2>"$WORK/stderr" || fail "$how: verify: $(cat "$WORK/stderr")"
    "$@" "$MF" --db "$DB" --json invoice list >/dev/null 2>"$WORK/stderr" || fail "$how: invoice list: $(cat "$WORK/stderr")"
    set +e
    "$@" "$MF" --db "$DB" close-day >/dev/null 2>"$WORK/stderr"
    local code=$?
    set -e
    expect "$code" 3 "$how: close-day on a read-only book exits 3"
    contains "$(cat "$WORK/stderr")" "read_only_book" "$how: close-day says why"
    contains "$(cat "$WORK/stderr")" "read-only" "$how: close-day says why"
    set +e
    "$@" "$MF" --db "$DB" capital add --amount 1000.00 >/dev/null 2>"$WORK/stderr"
    code=$?
    set -e
    [ "$code" -ne 0 ] || fail "$how: a capital contribution on a read-only book succeeded"
}

for way in $WAYS; do
    case $way in
        mount) check_cli "read-only mount" ro ;;
        nobody)
            chmod 444 "$BOOK_DIR/book.sqlite"
            chown nobody "$BOOK_DIR"
            check_cli "a 0444 file, user nobody" runuser -u nobody --
            chmod 644 "$BOOK_DIR/book.sqlite"
            chown root "$BOOK_DIR"
            ;;
        chmod) check_cli "no write permission" ;;
    esac
done
expect "$(sha256sum "$BOOK_DIR/book.sqlite" | cut -d' ' -f1)" "$before_sum" "the book file is untouched"

# --- serve: GETs served, writes 503 with a problem body
# Started as one process (unshare and sh exec into it), so that $! is the server's own pid.
if [ "$WAYS" == chmod ]; then
    "$MF" --db "$DB" serve --port 0 >"$WORK/serve.log" 2>"$WORK/serve.err" &
else
    unshare -m sh -c 'mount --bind -o ro "$0" "$0" && exec "$@"' "$BOOK_DIR" \
        "$MF" --db "$DB" serve --port 0 >"$WORK/serve.log" 2>"$WORK/serve.err" &
fi
SERVER=$!
URL=$(served_url "$WORK/serve.err")
AUTH="Authorization: Bearer $KEY"
expect "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$URL/v1/reports/portfolio")" 200 "GET a report"
expect "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$URL/v1/invoices")" 200 "GET invoices"
expect "$(curl -s -H "$AUTH" "$URL/v1/verify" | json 'len(d["problems"])')" 0 "GET verify"
headers=$(curl -s -D - -o "$WORK/body" -X POST -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"amount": "1000.00", "currency": "USD", "memo": "more"}' "$URL/v1/capital")
grep -q "^HTTP/1.1 503" <<<"$headers" || fail "a write to a read-only book: $headers $(cat "$WORK/body")"
grep -qi "^Content-Type: application/problem+json" <<<"$headers" || fail "a problem body: $headers"
grep -qi "^Retry-After:" <<<"$headers" || fail "Retry-After: $headers"
expect "$(json 'd["code"]' <"$WORK/body")" "read_only_book" "the problem's code"
expect "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "$AUTH" "$URL/v1/close-day")" 503 "close-day"
expect "$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz")" 200 "the server stays up"
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
SERVER=""
expect "$(sha256sum "$BOOK_DIR/book.sqlite" | cut -d' ' -f1)" "$before_sum" "the book file is untouched by serve"

# --- writable again: writes work
chmod u+w "$BOOK_DIR/book.sqlite" "$BOOK_DIR"
mf --db "$DB" close-day >/dev/null
mf --db "$DB" verify >/dev/null
echo "readonly_test: ok ($WAYS)"
