#!/usr/bin/env bash
# `microfactor serve` over real sockets: health and request ids, signing in with a demo login, a request per
# role rule, 413 for an oversize body, a slow client dropped after the read timeout, one JSON log line per
# request, and a graceful stop on SIGTERM that finishes the request in flight.
# Usage: bash serve_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: serve_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"
# This test's own fail, json and expect (json prints Python values as they are), defined after lib.sh's.
fail() { echo "FAIL: $*" >&2; [ -f "$WORK/serve.err" ] && tail -5 "$WORK/serve.err" >&2; exit 1; }
PY=$(python3 -c 'import sys; print(sys.executable)')
json() { "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
expect() { [ "$1" == "$2" ] || fail "$3: expected '$2', got '$1'"; }

DB="sqlite:$WORK/book.sqlite"
"$MF" --db "$DB" demo --days 5 >/dev/null 2>&1 || fail "demo"
"$MF" --db "$DB" serve --port 0 --read-timeout 2 --idle-timeout 3 >"$WORK/serve.log" 2>"$WORK/serve.err" &
SERVER=$!
URL=$(served_url "$WORK/serve.err")
PORT=${URL##*:}

# --- health, request ids
headers=$(curl -s -D - -o "$WORK/body" -H 'X-Request-Id: test-42' "$URL/healthz")
grep -q "^HTTP/1.1 200" <<<"$headers" || fail "healthz: $headers"
grep -qi "^X-Request-Id: test-42" <<<"$headers" || fail "the request id is echoed"
expect "$(json 'd["status"]' <"$WORK/body")" "ok" "healthz body"
expect "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$URL/v1/auth/login" -d '{}')" 415 \
    "a body that is not declared JSON"

# --- sign in, roles
login() {
    curl -s -X POST "$URL/v1/auth/login" -H 'Content-Type: application/json' -d "{\"email\": \"$1\", \"password\": \"$2\"}" | json 'd["token"]'
}
ADMIN=$(login admin@demo.microfactor.test demo-admin-2026)
CLIENT=$(login client@demo.microfactor.test demo-client-2026)
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
expect "$(status "$URL/v1/clients")" 401 "no token"
expect "$(status -H "Authorization: Bearer $ADMIN" "$URL/v1/clients")" 200 "admin lists clients"
expect "$(status -H "Authorization: Bearer $CLIENT" "$URL/v1/debtors")" 403 "a client user may not list debtors"
expect "$(status -H "Authorization: Bearer $CLIENT" "$URL/v1/clients/cli_2")" 404 "another client is not found"
expect "$(status -H "Authorization: Bearer $CLIENT" "$URL/v1/clients/cli_1")" 200 "its own client"
wrong=$(curl -s -X POST "$URL/v1/auth/login" -H 'Content-Type: application/json' -d '{"email": "admin@demo.microfactor.test", "password": "nope nope nope"}')
expect "$(json 'd["code"]' <<<"$wrong")" "invalid_credentials" "a wrong password"

# --- 413: an 11 MiB JSON body
head -c $((11 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$WORK/big.json"
expect "$(status -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/big.json" "$URL/v1/capital")" 413 "an oversize body"
expect "$(status "$URL/healthz")" 200 "the server serves on after a refused body"

# --- a slow client: half a request, then silence; the server drops it after the read timeout (2 s)
"$PY" - "$PORT" <<'PYEOF' || fail "a slow client was not dropped"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST /v1/capital HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
s.settimeout(10)
start = time.time()
data = b""
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
elapsed = time.time() - start
assert 1.5 <= elapsed < 8, elapsed
assert data == b"" or b" 408 " in data.split(b"\r\n")[0], data[:80]
PYEOF

# --- one JSON log line per request, each with its request id
"$PY" - "$WORK/serve.log" <<'PYEOF' || fail "log lines"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert len(lines) >= 8, len(lines)
for l in lines:
    assert l["request_id"] and l["route"] and l["status"] and "duration_us" in l, l
assert any(l["request_id"] == "test-42" and l["route"] == "/healthz" for l in lines)
assert any(l["status"] == 413 for l in lines)
assert all("token" not in json.dumps(l) for l in lines)
PYEOF

# --- graceful stop: a request whose headers arrived before SIGTERM is still read and answered; then the
# process ends cleanly. The body is sent in two parts with the signal between them.
"$PY" - "$PORT" "$ADMIN" "$SERVER" <<'PYEOF' || fail "the request in flight at SIGTERM was not answered"
import os, signal, socket, sys, time
port, token, server = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
body = b'{"amount": "25.00", "currency": "USD", "memo": "in flight at stop"}'
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"POST /v1/capital HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token.encode() +
          b"\r\nContent-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body[:10])
time.sleep(0.3)
os.kill(server, signal.SIGTERM)
time.sleep(0.3)
s.sendall(body[10:])
s.settimeout(10)
data = b""
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
status = data.split(b"\r\n")[0]
assert b" 201 " in status, data[:200]
assert b"Connection: close" in data or b"connection: close" in data.lower(), data[:300]
PYEOF
for _ in $(seq 1 100); do
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$SERVER" 2>/dev/null && fail "the server did not stop"
wait "$SERVER" || fail "the server exited with $?"
SERVER=""
grep -q "stopped" "$WORK/serve.err" || fail "no stop message"
echo "serve_test: ok"
