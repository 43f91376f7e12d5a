#!/usr/bin/env bash
# docs/api.md's walk-through, run as written against a fresh demo book (what `make run` serves): every curl block
# of "the life of an invoice" in order, each answer compared with the one the page shows (doc_walkthrough.py says
# how). A change to the API, the demo book or the page that makes the page wrong fails here.
# Usage: bash api_walkthrough_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: api_walkthrough_test.sh /path/to/microfactor}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
. "$HERE/lib.sh"
command -v hledger >/dev/null || fail "hledger is not installed (scripts/install-deps installs it)"

DB="sqlite:$WORK/book.sqlite"
mf --db "$DB" demo >/dev/null
"$MF" --db "$DB" serve --port 0 >"$WORK/serve.log" 2>"$WORK/serve.err" &
SERVER=$!
URL=$(served_url "$WORK/serve.err")

python3 "$HERE/doc_walkthrough.py" "$HERE/../../docs/api.md" "## Walk-through: the life of an invoice" "$URL" \
    "$WORK/walk" || fail "docs/api.md's walk-through differs from what the server answers"
mf --db "$DB" verify >/dev/null
