# Helpers the shell tests share. Source it after setting MF (the binary) and WORK (a temporary folder).
fail() { echo "FAIL: $*" >&2; exit 1; }
# The interpreter itself, not a version-manager shim: each JSON check starts it, so its start-up time counts.
PY=$(python3 -c 'import sys; print(sys.executable)')
# mf ARGS...: runs the command; a failure stops the test with its stderr.
mf() { "$MF" "$@" 2>"$WORK/stderr" || fail "microfactor $* exited $?: $(cat "$WORK/stderr")"; }
# json EXPR: a Python expression over the JSON on stdin (bound to d); dicts, lists and bools print as JSON.
json() {
    "$PY" -c 'import json,sys
d=json.load(sys.stdin); r=eval(sys.argv[1])
print(json.dumps(r) if isinstance(r,(dict,list,bool)) or r is None else r)' "$1"
}
expect() { [ "$1" == "$2" ] || fail "$3: expected '$2', got '$1'"; }
contains() { grep -qF -- "$2" <<<"$1" || fail "$3: no '$2' in:"$'\n'"$1"; }
# refused_unchanged CODE ARGS...: the command fails with "error [CODE]" and the SQLite book at $BOOK is byte for
# byte the same dump after it.
refused_unchanged() {
    local code=$1 status=0 before after
    shift
    before=$(sqlite3 "$BOOK" .dump)
    "$MF" "$@" >"$WORK/stdout" 2>"$WORK/stderr" || status=$?
    after=$(sqlite3 "$BOOK" .dump)
    [ "$status" -ne 0 ] || fail "microfactor $*: succeeded, expected [$code]"
    grep -qF "error [$code]" "$WORK/stderr" || fail "microfactor $*: expected [$code], got: $(cat "$WORK/stderr")"
    [ "$before" == "$after" ] || fail "microfactor $*: the book changed"
}
# server_url ERR_FILE: waits (up to 10 s) for a `serve` started in the background to say it is serving in its
# stderr file, and prints its base URL; fails the test when it never does.
server_url() {
    local port=""
    for _ in $(seq 1 100); do
        grep -q "serving" "$1" 2>/dev/null && break
        sleep 0.1
    done
    port=$(sed -n 's/.*http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$1" | head -1)
    [ -n "$port" ] || fail "the server printed no port: $(cat "$1")"
    echo "http://127.0.0.1:$port"
}
