#!/usr/bin/env bash
# Start-up of an s4 node and a local cluster, against `java -version` and a plain Spring Boot web hello-world
# (bench/hello) started the same way, all timed in this run, interleaved, median of RUNS:
#   wall   from the command to the first 200 from its health (readiness) endpoint
#   cpu    user+sys CPU of the JVM up to that moment (steadier than wall on a busy machine)
#   rss    resident memory 2 s after ready, idle
# Rows: hello-world (java -jar), a node with java -jar (no cache), a node with bin/s4-server (its AOT cache),
# bin/s4-cluster N (all ready). With BENCH_LOAD=1 it repeats everything with a CPU burner on every core.
# Usage: bench/cluster-start.sh [RUNS] [N]   (default: 5 3). Ports 18700.. on 127.0.0.1.
set -euo pipefail
cd "$(dirname -- "$0")/.."
runs=${1:-5} nodes=${2:-3} port=18700
. bin/lib/launch.sh
s4_build_once s4-server
jar=$(s4_jar s4-server)
[ -f bench/hello/target/hello.jar ] || ./mvnw -q -B -DskipTests -f bench/hello/pom.xml package
hello=bench/hello/target/hello.jar
work=$(mktemp -d)
pid="" burners=()
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    for b in "${burners[@]}"; do kill "$b" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }
rss_mib() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }

# start NAME URL COMMAND...: prints "wall cpu rss" of one start, then stops it
start() {
    local name=$1 url=$2 t0 t1 cpu rss
    shift 2
    rm -rf "$work/$name" && mkdir -p "$work/$name" && echo "127.0.0.1:$port" >"$work/$name/s4.conf"
    t0=$(now_ms)
    (cd "$work/$name" && exec "$@" >log 2>&1) &
    pid=$!
    until curl -fs -o /dev/null --max-time 5 "$url"; do
        kill -0 "$pid" 2>/dev/null || { echo "$name exited: $(tail -3 "$work/$name/log")" >&2; exit 1; }
        sleep 0.02
    done
    t1=$(now_ms)
    cpu=$(cpu_ms "$pid")
    sleep 2
    rss=$(rss_mib "$pid")
    kill "$pid" && wait "$pid" 2>/dev/null || true
    pid=""
    echo "$((t1 - t0)) $cpu $rss"
}

cluster() {
    local t0 t1
    rm -rf "$work/cluster"
    t0=$(now_ms)
    bin/s4-cluster "$nodes" --port "$port" --dir "$work/cluster" >"$work/out" 2>&1 &
    pid=$!
    until grep -q '^export S4_CONF_PATH=' "$work/out"; do
        kill -0 "$pid" 2>/dev/null || { cat "$work/out" >&2; exit 1; }
        sleep 0.02
    done
    t1=$(now_ms)
    kill -TERM "$pid" && wait "$pid" 2>/dev/null || true
    pid=""
    echo "$((t1 - t0)) - -"
}

java_version() {
    local t0
    t0=$(now_ms)
    "$JAVA_HOME/bin/java" -version 2>/dev/null
    echo "$(($(now_ms) - t0)) - -"
}

health=/_s4/actuator/health/readiness
s4_java_command s4-server
round() {
    echo "java-version $(java_version)"
    echo "hello $(start hello "http://127.0.0.1:$port/hello" "$JAVA_HOME/bin/java" -jar "$PWD/$hello" \
        --server.port="$port" --server.address=127.0.0.1)"
    echo "node-jar $(start node-jar "http://127.0.0.1:$port$health" "$JAVA_HOME/bin/java" "${S4_JVM_FLAGS[@]}" \
        -jar "$jar" --conf s4.conf --port "$port")"
    echo "node-launcher $(start node-launcher "http://127.0.0.1:$port$health" "$PWD/bin/s4-server" --conf s4.conf \
        --port "$port")"
    echo "cluster $(cluster)"
}

report() {
    local label=$1 times=$2 base hello_ms
    base=$(grep '^java-version ' "$times" | awk '{print $2}' | median)
    hello_ms=$(grep '^hello ' "$times" | awk '{print $2}' | median)
    echo "$label; load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
    printf '%-34s %8s %8s %8s %10s %10s\n' "" "wall ms" "cpu ms" "rss MiB" "x java -v" "x hello"
    local row name w c r
    for row in "java-version:java -version" "hello:hello-world, java -jar" "node-jar:s4 node, java -jar" \
        "node-launcher:s4 node, bin/s4-server" "cluster:bin/s4-cluster $nodes, all ready"; do
        name=${row%%:*}
        w=$(grep "^$name " "$times" | awk '{print $2}' | median)
        c=$(grep "^$name " "$times" | awk '{print $3}' | median)
        r=$(grep "^$name " "$times" | awk '{print $4}' | median)
        printf '%-34s %8s %8s %8s %10s %10s\n' "${row#*:}" "$w" "$c" "$r" \
            "$(awk -v a="$w" -v b="$base" 'BEGIN {printf "%.1f", a / b}')" \
            "$(awk -v a="$w" -v b="$hello_ms" 'BEGIN {printf "%.2f", a / b}')"
    done
}

for ((i = 0; i < runs; i++)); do round; done >"$work/quiet"
report "$runs rounds, machine as it is" "$work/quiet"
if [ "${BENCH_LOAD:-0}" = 1 ]; then
    for ((i = 0; i < $(nproc); i++)); do
        (while :; do :; done) &
        burners+=($!)
    done
    for ((i = 0; i < runs; i++)); do round; done >"$work/load"
    echo
    report "$runs rounds with a CPU burner on each of $(nproc) cores" "$work/load"
fi
