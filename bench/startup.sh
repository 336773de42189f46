#!/usr/bin/env bash
# Start-up time of a launcher under each JVM start mode (bin/lib/launch.sh S4_STARTUP=plain|cds|aot),
# median of N runs, each printed as a ratio against a bare `java -version` timed in the same run.
# Usage: bench/startup.sh [RUNS] -- COMMAND ARGS...   (default: 20 -- bin/bsv -h)
set -euo pipefail
cd "$(dirname -- "$0")/.."
. bin/lib/jdk.sh
runs=20
if [ "${1:-}" != "" ] && [ "$1" != "--" ]; then runs=$1; shift; fi
[ "${1:-}" = "--" ] && shift
cmd=("$@")
[ ${#cmd[@]} -gt 0 ] || cmd=(bin/bsv -h)

median_ms() {
    local i t0 t1 times=()
    for ((i = 0; i < runs; i++)); do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 </dev/null || true
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

base=$(median_ms "$JAVA_HOME/bin/java" -version)
printf '%-28s %6s ms  %s\n' "java -version (baseline)" "$base" "1.00x"
for mode in plain cds aot; do
    S4_STARTUP=$mode "${cmd[@]}" >/dev/null 2>&1 </dev/null || true   # first run trains cds/aot
    ms=$(S4_STARTUP=$mode median_ms "${cmd[@]}")
    printf '%-28s %6s ms  %sx\n' "${cmd[*]} [$mode]" "$ms" "$(awk -v a="$ms" -v b="$base" 'BEGIN {printf "%.2f", a / b}')"
done
