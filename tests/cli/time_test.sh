#!/usr/bin/env bash
# Time (issue 6): the business date is the book's, never the machine's. The same commands at the same instant
# give byte-identical output under time zones from UTC-11 to UTC+14, across the night New York springs forward
# (2026-03-08) and the one it falls back (2026-11-01); `init` with the real clock takes the same date whatever
# TZ says; and close-day catching up skipped days closes each business day once, in order (no weekend, no
# Federal Reserve holiday), leaving the very book that closing them one by one leaves.
# Usage: bash time_test.sh /path/to/microfactor
set -euo pipefail
MF=${1:?usage: time_test.sh /path/to/microfactor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/lib.sh"

ZONES="UTC Pacific/Kiritimati America/New_York Pacific/Pago_Pago"
[ -e /usr/share/zoneinfo/Pacific/Kiritimati ] || { echo "SKIP: no tz database (tzdata)"; exit 0; }

# run_all ZONE INSTANT: a book's life at a fixed instant under TZ=ZONE, every output in one file.
run_all() {
    # The same paths for every zone (they are in the output): a fresh folder each time, its output kept.
    local zone=$1 instant=$2 dir="$WORK/run"
    rm -rf "$dir"
    mkdir -p "$dir" "$WORK/$3"
    (
        export TZ=$zone MICROFACTOR_FIXED_TIME=$instant
        db="sqlite:$dir/book.sqlite"
        {
            mf --db "sqlite:$dir/empty.sqlite" init --currency USD
            mf --db "sqlite:$dir/empty.sqlite" --json settings show | tee "$WORK/$3/${zone//\//_}.init.json"
            mf --db "$db" demo --days 3
            mf --db "$db" --json settings show
            for _ in 1 2 3; do mf --db "$db" --json close-day; done
            # Catch up two weeks at once, through a weekday.
            through=$(mf --db "$db" --json settings show | "$PY" -c 'import datetime, json, sys
day = datetime.date.fromisoformat(json.load(sys.stdin)["business_date"]) + datetime.timedelta(days=14)
while day.weekday() >= 5:
    day += datetime.timedelta(days=1)
print(day)')
            mf --db "$db" --json close-day --through "$through"
            mf --db "$db" --json settings show
            mf --db "$db" report portfolio
            mf --db "$db" report aging
            mf --db "$db" report trial-balance
            mf --db "$db" --json report reserve
            mf --db "$db" --json invoice list --limit 0
            mf --db "$db" export journal --format csv --out -
            mf --db "$db" payout file --format nacha --out -
            mf --db "$db" --json payout files
            mf --db "$db" verify
        } >"$WORK/$3/${zone//\//_}.txt"
    )
}

compare_zones() {  # $1: label, $2: instant
    local zone first=""
    for zone in $ZONES; do
        run_all "$zone" "$2" "$1"
        local out="$WORK/$1/${zone//\//_}.txt"
        if [ -z "$first" ]; then
            first=$out
            [ -s "$first" ] || fail "$1: no output"
        else
            cmp -s "$first" "$out" || fail "$1: TZ=$zone differs from UTC: $(diff "$first" "$out" | head -10)"
        fi
    done
}

# Late on the Saturday night before New York springs forward (07:00Z is 02:00 EST -> 03:00 EDT); it is already
# Sunday in Kiritimati (UTC+14) and still Saturday afternoon in Pago Pago (UTC-11).
compare_zones spring 2026-03-08T06:59:59Z
# The night New York falls back (06:00Z is 02:00 EDT -> 01:00 EST).
compare_zones fall 2026-11-01T05:30:00Z
# A Friday morning in UTC: Saturday already in Kiritimati, Thursday night still in Pago Pago.
compare_zones friday 2026-03-06T10:30:00Z
# The business date of a new book at those instants is the UTC date, whatever TZ says.
expect "$(json 'd["business_date"]' <"$WORK/friday/UTC.init.json")" 2026-03-06 "init at 2026-03-06T10:30:00Z"
expect "$(json 'd["business_date"]' <"$WORK/spring/UTC.init.json")" 2026-03-09 "init at 2026-03-08T06:59:59Z (a Sunday: the next business day)"
expect "$(json 'd["business_date"]' <"$WORK/fall/UTC.init.json")" 2026-11-02 "init at 2026-11-01T05:30:00Z (a Sunday: the next business day)"

# With the machine's own clock: the same date under the zones furthest apart (retried once around midnight).
for attempt in 1 2; do
    rm -f "$WORK/east.sqlite" "$WORK/west.sqlite"
    utc_before=$(date -u +%F)
    TZ=Pacific/Kiritimati mf --db "sqlite:$WORK/east.sqlite" init --currency USD >/dev/null
    TZ=Etc/GMT+12 mf --db "sqlite:$WORK/west.sqlite" init --currency USD >/dev/null
    utc_after=$(date -u +%F)
    east=$(TZ=Pacific/Kiritimati mf --db "sqlite:$WORK/east.sqlite" --json settings show | json 'd["business_date"]')
    west=$(TZ=Etc/GMT+12 mf --db "sqlite:$WORK/west.sqlite" --json settings show | json 'd["business_date"]')
    [ "$utc_before" == "$utc_after" ] || continue
    # The UTC date, or the next business day when that is a weekend or holiday.
    expect "$east" "$west" "init under TZ=Pacific/Kiritimati and TZ=Etc/GMT+12 at the same moment"
    [[ ! "$east" < "$utc_before" ]] || fail "init took $east, before the UTC date $utc_before"
    [[ "$east" < "$(date -u -d "$utc_before + 5 days" +%F)" ]] || fail "init took $east, far after $utc_before"
    break
done

# --- catching up: one close-day through three weeks later, against one close-day a day.
export MICROFACTOR_FIXED_TIME=2026-06-05T16:00:00Z
mf --db "sqlite:$WORK/catchup.sqlite" demo --days 10 >/dev/null
cp "$WORK/catchup.sqlite" "$WORK/daily.sqlite"
start=$(mf --db "sqlite:$WORK/catchup.sqlite" --json settings show | json 'd["business_date"]')
through=2026-06-26  # over two weekends and Juneteenth (Friday 2026-06-19)
mf --db "sqlite:$WORK/catchup.sqlite" --json close-day --through "$through" >"$WORK/catchup.json"
dates=$(json '" ".join(r["date"] for r in d if not r["already_closed"])' <"$WORK/catchup.json")
expected=$("$PY" - "$start" "$through" <<'PY'
import datetime, sys
day, end = (datetime.date.fromisoformat(a) for a in sys.argv[1:3])
holidays = {datetime.date(2026, 6, 19)}
out = []
while day <= end:
    if day.weekday() < 5 and day not in holidays:
        out.append(day.isoformat())
    day += datetime.timedelta(days=1)
print(" ".join(out))
PY
)
expect "$dates" "$expected" "the days one close-day caught up, in order"
for _ in $(seq 1 40); do
    now=$(mf --db "sqlite:$WORK/daily.sqlite" --json settings show | json 'd["business_date"]')
    [[ "$now" > "$through" ]] && break
    mf --db "sqlite:$WORK/daily.sqlite" close-day >/dev/null
done
for report in "report portfolio" "report aging" "report trial-balance" "report reserve" "report concentration"; do
    # shellcheck disable=SC2086
    expect "$(mf --db "sqlite:$WORK/catchup.sqlite" $report)" "$(mf --db "sqlite:$WORK/daily.sqlite" $report)" \
        "$report after catching up and after closing day by day"
done
expect "$(mf --db "sqlite:$WORK/catchup.sqlite" --json settings show)" "$(mf --db "sqlite:$WORK/daily.sqlite" --json settings show)" \
    "the settings after catching up and day by day"
expect "$(mf --db "sqlite:$WORK/catchup.sqlite" export journal --format csv --out -)" \
    "$(mf --db "sqlite:$WORK/daily.sqlite" export journal --format csv --out -)" "the journal"
mf --db "sqlite:$WORK/catchup.sqlite" verify >/dev/null
echo "time_test: ok"
