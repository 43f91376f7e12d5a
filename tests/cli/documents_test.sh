#!/usr/bin/env bash
# The PDF documents from the command line on a demo book, read back with pdftotext: client statement-pdf,
# schedule disclosure (CA and NY), client noa; bad input refused with exit 2 and no file left.
# Usage: bash documents_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: documents_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
export MICROFACTOR_DB="sqlite:$WORK/demo/book.sqlite"

fail() { echo "FAIL: $*" >&2; exit 1; }
mf() { "$MF" "$@" 2>"$WORK/stderr" || fail "microfactor $* exited $?: $(cat "$WORK/stderr")"; }
text() { pdftotext -raw "$1" - | tr -s ' \n' '  '; }

mf demo --days 15 >/dev/null
mf client statement-pdf cli_1 --out "$WORK/statement.pdf" | grep -q "Wrote" || fail "statement-pdf output"
text "$WORK/statement.pdf" | grep -q "Client statement" || fail "statement title"
text "$WORK/statement.pdf" | grep -q "Closing reserve" || fail "statement closing reserve"

mf schedule disclosure sch_1 --state CA --out "$WORK/ca.pdf" >/dev/null
text "$WORK/ca.pdf" | grep -q "California law" || fail "CA wording"
text "$WORK/ca.pdf" | grep -q "hypothetical invoice of" || fail "CA example row"
text "$WORK/ca.pdf" | grep -Eq "[0-9]+\.[0-9]{2}%" || fail "CA APR"
mf schedule disclosure sch_1 --state ny --out "$WORK/ny.pdf" >/dev/null
text "$WORK/ny.pdf" | grep -q "Estimated Total Payment Amount" || fail "NY total payment row"

mf client noa cli_1 --debtor dbt_1 --remit 'PO Box 9\nAustin TX' --out "$WORK/noa.pdf" >/dev/null
text "$WORK/noa.pdf" | grep -q "Notice of Assignment" || fail "NOA title"
text "$WORK/noa.pdf" | grep -q "PO Box 9 Austin TX" || fail "NOA remittance lines"

set +e
"$MF" schedule disclosure sch_1 --state TX --out "$WORK/tx.pdf" 2>"$WORK/stderr"
code=$?
set -e
[ "$code" -eq 2 ] || fail "--state TX exited $code"
grep -q "invalid_state" "$WORK/stderr" || fail "invalid_state message: $(cat "$WORK/stderr")"
[ ! -e "$WORK/tx.pdf" ] || fail "a refused disclosure left a file"
echo "documents_test: ok"
