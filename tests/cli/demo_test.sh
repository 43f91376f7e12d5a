#!/usr/bin/env bash
# The demo portfolio on a temp book: built, reported on, verified clean; a second demo on it is refused.
# Usage: bash demo_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: demo_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
export MICROFACTOR_DB="sqlite:$WORK/demo/book.sqlite"

fail() { echo "FAIL: $*" >&2; exit 1; }
# The interpreter itself, not a version-manager shim: each JSON check starts it, so its start-up time counts.
PY=$(python3 -c 'import sys; print(sys.executable)')
mf() { "$MF" "$@" 2>"$WORK/stderr" || fail "microfactor $* exited $?: $(cat "$WORK/stderr")"; }

summary=$(mf demo --days 20 --json)
"$PY" -c 'import json,sys; s=json.loads(sys.argv[1]); assert s["days_closed"]==20 and s["invoices"]>0, s' "$summary" ||
    fail "demo summary: $summary"
[ ! -s "$WORK/stderr" ] || fail "no progress line when stderr is not a terminal: $(cat "$WORK/stderr")"
mf settings show --json | "$PY" -c 'import json,sys; d=json.load(sys.stdin); assert d["last_closed_on"] is not None, d' ||
    fail "demo closed its days"
mf report portfolio | grep -q "Outstanding face" || fail "portfolio table"
mf report portfolio --json | "$PY" -c 'import json,sys; d=json.load(sys.stdin); assert {r["currency"] for r in d["rows"]} >= {"USD"}, d' ||
    fail "portfolio JSON"
mf report aging | grep -q "Total" || fail "aging table"
mf report aging --json >/dev/null
mf report reserve >/dev/null
mf report concentration --breaches >/dev/null
mf invoice list --limit 5 >/dev/null
mf verify | grep -q "clean" || fail "verify of the demo book"
status=0; "$MF" demo --days 1 >/dev/null 2>"$WORK/stderr" || status=$?
[ "$status" -eq 2 ] && grep -qF "error [book_not_empty]" "$WORK/stderr" || fail "a second demo is refused: $status"
echo "demo: ok"
