#!/usr/bin/env bash
# backup and restore round trips. A demo book is backed up while another process keeps writing to it (capital
# contributions, one journal entry each) and restored to a new place: it verifies clean. Then, with the writer
# stopped, a second backup restores to a book whose verify counts, trial balance, portfolio and lists are
# identical to the source's. Refusals: an existing backup file or book without --force, a backup of the wrong
# kind, a file that is no backup. With MF_TEST_PG_URL set (ctest's backup_postgresql entry) the same round trip
# runs on a PostgreSQL book (pg_dump, restored under another schema in another database); else on SQLite.
# Usage: bash backup_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: backup_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
WRITER=""
cleanup() {
    if [ -n "$WRITER" ]; then kill "$WRITER" 2>/dev/null || true; wait "$WRITER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
export MICROFACTOR_FIXED_TIME=2026-06-01T09:00:00Z
export USER=tester
fail() { echo "FAIL: $*" >&2; exit 1; }
PY=$(python3 -c 'import sys; print(sys.executable)')
mf() { "$MF" "$@" 2>"$WORK/stderr" || fail "microfactor $* exited $?: $(cat "$WORK/stderr")"; }
# The exit status and error code of a command expected to fail.
refused() {
    local code=$1; shift
    local status=0
    "$MF" "$@" >/dev/null 2>"$WORK/stderr" || status=$?
    [ "$status" -ne 0 ] && grep -qF "error [$code]" "$WORK/stderr" ||
        fail "$* should fail with $code: $status $(cat "$WORK/stderr")"
}
# Everything a book's figures are: verify's counts, the trial balance, the portfolio, the lists' lengths.
figures() {
    local db=$1
    {
        mf --db "$db" verify --json
        mf --db "$db" report trial-balance --json
        mf --db "$db" report portfolio --json
        for list in "client list" "debtor list" "invoice list" "receipt list" "payout list" "schedule list"; do
            # shellcheck disable=SC2086
            mf --db "$db" $list --limit 0 --json | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)["data"]))'
        done
    } >"$2"
}

if [ -n "${MF_TEST_PG_URL:-}" ]; then
    KIND=postgresql
    SOURCE="$MF_TEST_PG_URL?schema=backup_$$_$RANDOM"
    # A new database on the same server: the restore goes there, under another schema name.
    db_name="restored_$$_$RANDOM"
    "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" "$MF_TEST_PG_URL" -qc "CREATE DATABASE $db_name" ||
        fail "create database $db_name"
    base=${MF_TEST_PG_URL%/*}
    TARGET="$base/$db_name?schema=restored_book"
    TARGET2="$base/$db_name?schema=restored_again"
    BACKUP="$WORK/book.pgdump"
else
    KIND=sqlite
    SOURCE="sqlite:$WORK/source/book.sqlite"
    TARGET="sqlite:$WORK/restored/book.sqlite"
    TARGET2="sqlite:$WORK/restored/again.sqlite"
    BACKUP="$WORK/book.backup"
fi

mf --db "$SOURCE" demo --days 20 >/dev/null

# --- a backup while another process writes: a consistent snapshot, restored clean
(
    for i in $(seq 1 400); do
        [ ! -e "$WORK/stop" ] || exit 0
        "$MF" --db "$SOURCE" capital add --amount 1.00 --memo "writer $i" >/dev/null 2>>"$WORK/writer.err" || exit 1
    done
) &
WRITER=$!
sleep 0.3
mf --db "$SOURCE" backup --out "$BACKUP" >/dev/null
kill -0 "$WRITER" 2>/dev/null || fail "the writer stopped before the backup was done: $(cat "$WORK/writer.err")"
touch "$WORK/stop"
wait "$WRITER" || fail "the writer failed: $(cat "$WORK/writer.err")"
WRITER=""
restored=$(mf --db "$TARGET" restore --from "$BACKUP" --json)
"$PY" -c 'import json,sys; r=json.loads(sys.argv[1]); v=r["verify"]; assert v["problems"]==[] and v["entries"]>0, r' \
    "$restored" || fail "restore under writes: $restored"
mf --db "$TARGET" verify | grep -q clean || fail "verify of the book restored under writes"

# --- refusals
refused backup_exists --db "$SOURCE" backup --out "$BACKUP"
refused book_exists --db "$TARGET" restore --from "$BACKUP"
echo "not a backup" >"$WORK/junk"
refused not_a_backup --db "$TARGET2" restore --from "$WORK/junk"
if [ "$KIND" = sqlite ]; then
    refused backup_mismatch --db "postgresql://nobody@127.0.0.1:1/none" restore --from "$BACKUP"
else
    refused backup_mismatch --db "sqlite:$WORK/x.sqlite" restore --from "$BACKUP"
fi

# --- with the writer stopped: a backup restores to an identical book
mf --db "$SOURCE" backup --out "$BACKUP" --force >/dev/null
mf --db "$TARGET2" restore --from "$BACKUP" >/dev/null
figures "$SOURCE" "$WORK/source.figures"
figures "$TARGET2" "$WORK/restored.figures"
cmp -s "$WORK/source.figures" "$WORK/restored.figures" ||
    fail "the restored book differs: $(diff "$WORK/source.figures" "$WORK/restored.figures" | head -5)"
# The restored book is a working book: it takes writes and still verifies.
mf --db "$TARGET2" capital add --amount 5.00 --memo "after restore" >/dev/null
mf --db "$TARGET2" verify | grep -q clean || fail "verify after a write to the restored book"

if [ "$KIND" = sqlite ]; then
    # --force replaces an existing book with the backup (its servers stopped).
    mf --db "$TARGET2" restore --from "$BACKUP" --force >/dev/null
    figures "$TARGET2" "$WORK/replaced.figures"
    cmp -s "$WORK/source.figures" "$WORK/replaced.figures" || fail "the replaced book differs from the backup"
    ls "$WORK/restored" | grep -q restoring && fail "a staged copy was left behind"
fi
echo "backup ($KIND): ok ($(head -c 200 "$WORK/source.figures" | tr -d '\n' | cut -c1-120)...)"
