#!/usr/bin/env bash
# Time from `bin/s4-cluster N` to its `export S4_CONF_PATH=...` line (every node ready), median of RUNS,
# printed as a ratio against one node started with plain `java -jar` and polled to ready in the same run.
# Usage: bench/cluster-start.sh [RUNS] [N]   (default: 5 3). Uses ports 18700.. on 127.0.0.1.
set -euo pipefail
cd "$(dirname -- "$0")/.."
runs=${1:-5} nodes=${2:-3} port=18700
. bin/lib/launch.sh
s4_build_once s4-server
jar=$(s4_jar s4-server)
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

single() {
    local t0 t1
    rm -rf "$work/single" && mkdir -p "$work/single" && echo "127.0.0.1:$port" >"$work/single/s4.conf"
    t0=$(now_ms)
    (cd "$work/single" && exec "$JAVA_HOME/bin/java" -jar "$jar" --conf s4.conf --port "$port" >log 2>&1) &
    pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/_s4/actuator/health/readiness"; do sleep 0.05; done
    t1=$(now_ms)
    kill "$pid" && wait "$pid" 2>/dev/null || true
    pid=""
    echo $((t1 - t0))
}

cluster() {
    local t0 t1
    rm -rf "$work/cluster"
    t0=$(now_ms)
    bin/s4-cluster "$nodes" --port "$port" --dir "$work/cluster" >"$work/out" 2>&1 &
    pid=$!
    until grep -q '^export S4_CONF_PATH=' "$work/out"; do
        kill -0 "$pid" 2>/dev/null || { cat "$work/out" >&2; exit 1; }
        sleep 0.05
    done
    t1=$(now_ms)
    kill -TERM "$pid" && wait "$pid" 2>/dev/null || true
    pid=""
    echo $((t1 - t0))
}

base=$(for ((i = 0; i < runs; i++)); do single; done | median)
printf '%-40s %6s ms  %s\n' "1 node, java -jar (baseline)" "$base" "1.00x"
ms=$(for ((i = 0; i < runs; i++)); do cluster; done | median)
printf '%-40s %6s ms  %sx\n' "bin/s4-cluster $nodes, all ready" "$ms" "$(awk -v a="$ms" -v b="$base" 'BEGIN {printf "%.2f", a / b}')"
