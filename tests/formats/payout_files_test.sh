#!/usr/bin/env bash
# The payout files our writers make (NACHA CCD and PPD, pain.001.001.09), read back by independent readers from
# npm (tests/external): each reader's counts, entry hash and totals must equal what the inputs add up to, and the
# readers' own checks must find no problem. Installs the readers with `npm ci` when they are missing or older
# than the lock file (the npm registry is the only network it needs).
# No npm package ships the official pain.001.001.09 XSD, so the SEPA file is checked by sepa.js instead
# (tests/external/check-pain001.mjs) plus xmllint for well-formedness.
# Usage: payout_files_test.sh PATH/TO/mf_payout_samples
set -euo pipefail

samples_tool=$1
external=$(cd "$(dirname "$0")/../external" && pwd)

# The stamp is written only after a whole install, so a broken or interrupted one is redone.
stamp="$external/node_modules/.installed-from-lock"
if [ ! -f "$stamp" ] || [ "$external/package-lock.json" -nt "$stamp" ]; then
  npm ci --prefix "$external" --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$samples_tool" "$work"

passed=0
failed=0
# check NAME READER_OUTPUT_FILE FIELDS...: the reader's fields against expected.json's entry for NAME.
check() {
  local name=$1 found=$2
  shift 2
  if node -e '
      const [expectedFile, name, foundFile, ...fields] = process.argv.slice(1);
      const expected = JSON.parse(require("fs").readFileSync(expectedFile, "utf8"))[name];
      const found = JSON.parse(require("fs").readFileSync(foundFile, "utf8"));
      const wrong = fields.filter((f) => String(found[f]) !== String(expected[f]));
      for (const f of wrong) console.error(`${name}: ${f} read ${found[f]}, written ${expected[f]}`);
      process.exit(wrong.length === 0 ? 0 : 1);' "$work/expected.json" "$name" "$found" "$@"; then
    echo "ok: $name $(cat "$found")"
    passed=$((passed + 1))
  else
    echo "FAILED: $name $(cat "$found")"
    failed=$((failed + 1))
  fi
}

for file in ccd.ach ppd.ach; do
  if node "$external/check-nacha.mjs" "$work/$file" >"$work/$file.json"; then
    check "$file" "$work/$file.json" batches entries addenda entry_hash total_credit total_debit
  else
    echo "FAILED: $file: $(cat "$work/$file.json")"
    failed=$((failed + 1))
  fi
done

if xmllint --noout "$work/sepa.xml" && TZ=UTC node "$external/check-pain001.mjs" "$work/sepa.xml" >"$work/sepa.json"; then
  check sepa.xml "$work/sepa.json" payments transactions ctrl_sum
else
  echo "FAILED: sepa.xml: $(cat "$work/sepa.json" 2>/dev/null)"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
