#!/usr/bin/env bash
# The floor under invoice intake: what SQLite alone takes to store N invoice rows (and their N audit events) in
# the book's own tables with the book's own indexes, by plain INSERT ... SELECT in the sqlite3 shell, no
# application code at all; beside it the same rows into a bare table, as `.import` stores them. The schema is
# read from a book made by `microfactor init`, so the figures follow the migrations.
# Usage: bench/invoice_insert_floor.sh MICROFACTOR [ROWS]   (ROWS default 1,000,000)
set -euo pipefail
microfactor=${1:?usage: invoice_insert_floor.sh MICROFACTOR [ROWS]}
rows=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$microfactor" --db "sqlite:$work/book.sqlite" init --name "Floor Factor" --currency USD --date 2026-11-20 >/dev/null
schema=$(sqlite3 "$work/book.sqlite" '.schema invoices' '.schema audit_events')

# Rows shaped as the import benchmark's: one client, 2,000 debtors, invoice numbers in file order.
rows_sql="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
SELECT i, 1 + abs(random()) % 2000, printf('INV-%07d', i), 10000 + abs(random()) % 2490000,
       date('2026-11-20', printf('-%d days', i % 20)), date('2026-11-20', printf('%d days', 45 - i % 20)) FROM n"

run() {  # name, SQL after the rows are staged; prints the CPU seconds of the timed statements
    local name=$1 sql=$2 db="$work/$1.sqlite"
    sqlite3 "$db" "PRAGMA journal_mode = WAL;" >/dev/null
    local out
    out=$(sqlite3 "$db" <<SQL
PRAGMA synchronous = FULL;
PRAGMA cache_size = -65536;
$schema
CREATE TABLE staged (i INTEGER, debtor_id INTEGER, number TEXT, face_minor INTEGER, issue_date TEXT, due_date TEXT);
INSERT INTO staged $rows_sql;
.timer on
BEGIN;
$sql
COMMIT;
SQL
)
    awk -v name="$name" '/^Run Time/ {user += $6; sys += $8} END {printf "%-40s %6.2f s CPU\n", name, user + sys}' <<<"$out"
}

echo "$rows invoice rows, SQLite $(sqlite3 --version | cut -d' ' -f1)"
run bare "CREATE TABLE bare AS SELECT * FROM staged;"
run "book tables, no secondary index" "
CREATE TABLE plain AS SELECT * FROM invoices WHERE 0;
INSERT INTO plain (id, client_id, debtor_id, schedule_id, number, currency, face_minor, issue_date, due_date, state,
  verification, disputed, review_reasons, override_reason, advance_rate_ppm, fee_schedule, clearance_days, recourse,
  recourse_days, advance_minor, collected_minor, diluted_minor, charged_back_minor, written_off_minor,
  misdirected_minor, outstanding_minor, fee_settled_minor, version)
SELECT i, 1, debtor_id, 1 + i / 10000, number, 'USD', face_minor, issue_date, due_date, 'submitted', 'not_required',
  0, '', '', 850000, 'daily 2%/30d', 2, 'full_recourse', 90, 0, 0, 0, 0, 0, 0, face_minor, 0, 1 FROM staged;"
run "book tables with the book's indexes" "
INSERT INTO invoices (client_id, debtor_id, schedule_id, number, currency, face_minor, issue_date, due_date, state,
  verification, disputed, review_reasons, override_reason, advance_rate_ppm, fee_schedule, clearance_days, recourse,
  recourse_days, advance_minor, collected_minor, diluted_minor, charged_back_minor, written_off_minor,
  misdirected_minor, outstanding_minor, fee_settled_minor, version)
SELECT 1, debtor_id, 1 + i / 10000, number, 'USD', face_minor, issue_date, due_date, 'submitted', 'not_required',
  0, '', '', 850000, 'daily 2%/30d', 2, 'full_recourse', 90, 0, 0, 0, 0, 0, 0, face_minor, 0, 1 FROM staged;
INSERT INTO audit_events (at, business_date, actor, action, entity_type, entity_id, detail, reason)
SELECT '2026-11-20T10:00:00Z', '2026-11-20', 'bench', 'invoice.submit', 'invoice', id,
  'submitted on sch_1: \$1,234.56 owed by Debtor ' || debtor_id || ' Supplies Inc, due 2027-01-04', '' FROM invoices;"
