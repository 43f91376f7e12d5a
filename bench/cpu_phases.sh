#!/bin/bash
# Runs an end-to-end bench driver that prints one line per phase (book_e2e_bench) and adds to each line the
# process's CPU time (user + system, from /proc/PID/stat) when the line came out, and that phase's share: on a
# shared machine the wall clock counts the time spent waiting for a core, the CPU time does not.
# Usage: bench/cpu_phases.sh build/release/book_e2e_bench --invoices 1000000
set -euo pipefail
tick=$(getconf CLK_TCK)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
coproc BENCH { exec stdbuf -oL "$@"; }
pid=$BENCH_PID
previous=0
while IFS= read -r line <&"${BENCH[0]}"; do
    if [ -r "/proc/$pid/stat" ]; then
        read -r -a stat <"/proc/$pid/stat"
        cpu=$((stat[13] + stat[14]))
        printf '%-75s cpu %7.2f s (phase %6.2f s)\n' "$line" "$(echo "$cpu / $tick" | bc -l)" \
            "$(echo "($cpu - $previous) / $tick" | bc -l)"
        previous=$cpu
    else
        echo "$line"
    fi
done
status=0
wait "$pid" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
