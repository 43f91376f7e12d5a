#!/usr/bin/env bash
# HTTP figures of `microfactor serve` with wrk, each beside /healthz of the same server in the same run:
# GET one invoice, and POST a one-invoice schedule (durably committed) at 64 connections.
# Usage: bench/api_bench.sh BUILD_DIR [DB_URL]   (DB_URL: a book to use; default a fresh demo book)
# DURATION (seconds, default 10) and CONNECTIONS (default 64) tune the runs.
set -euo pipefail
build=${1:?usage: api_bench.sh BUILD_DIR [DB_URL]}
MF="$build/microfactor"
duration=${DURATION:-10}
connections=${CONNECTIONS:-64}
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db=${2:-}
if [ -z "$db" ]; then
  db="sqlite:$work/book.sqlite"
  "$MF" --db "$db" demo --days 60 >/dev/null 2>&1
fi
"$MF" --db "$db" serve --port 0 >/dev/null 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 100); do grep -q serving "$work/serve.err" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.err" | head -1)
url="http://127.0.0.1:$port"
token=$(curl -s -X POST "$url/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email": "admin@demo.microfactor.test", "password": "demo-admin-2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth="Authorization: Bearer $token"
invoice=$(curl -s -H "$auth" "$url/v1/invoices?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')
settings=$(curl -s -H "$auth" "$url/v1/settings")
today=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["business_date"])' "$settings")
due=$(python3 -c 'import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1]) + datetime.timedelta(days=30))' "$today")

cat >"$work/post.lua" <<LUA
-- Each request a new invoice number: thread number and a counter.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  counter = 0
end
function request()
  counter = counter + 1
  local body = '{"client_id": "cli_1", "invoices": [{"debtor_id": "dbt_1", "number": "WRK-' .. tid .. '-' ..
    counter .. '", "amount": "750.00", "issue_date": "$today", "due_date": "$due"}]}'
  return wrk.format("POST", "/v1/schedules", {["Authorization"] = "Bearer $token",
    ["Content-Type"] = "application/json"}, body)
end
LUA

run() {
  echo "== $1"
  shift
  wrk --latency -t 2 -c "$connections" -d "${duration}s" "$@" | grep -E "Requests/sec|Latency  |  50%|  99%|Non-2xx|Socket errors"
}
echo "server: $db, $(nproc) cores, $connections connections, ${duration}s each"
run "GET /healthz" "$url/healthz"
run "GET /v1/invoices/$invoice" -H "$auth" "$url/v1/invoices/$invoice"
run "GET /healthz (again, beside the POSTs)" "$url/healthz"
run "POST /v1/schedules (one invoice, committed)" -s "$work/post.lua" "$url/v1/schedules"
verify=$(curl -s -H "$auth" "$url/v1/verify" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("clean" if not d["problems"] else d["problems"][:3])')
echo "verify after the run: $verify"
