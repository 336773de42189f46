#!/usr/bin/env bash
# Start-up of an s4 node and a local cluster, against `java -version` and a plain Spring Boot web hello-world
# (bench/hello) started the same way, all timed in this run, interleaved, median of RUNS:
#   wall   from the command to the first 200 from its health (readiness) endpoint
#   cpu    user+sys CPU of the JVM up to that moment (steadier than wall on a busy machine)
#   rss    resident memory 2 s after ready, idle
#   job    then, for a node: the first map job after the start (one tiny key, `bsv | csv` in-process), from the
#          request to its last line: what the AOT training's compute walk is for
# Rows: hello-world (java -jar, and with an AOT cache trained here), a node with java -jar (no cache), a node with
# bin/s4-server (its AOT cache), bin/s4-cluster N (all ready; one JVM for all nodes) and with --jvm-per-node. With BENCH_LOAD=1 it repeats everything with a CPU burner on every core.
# Usage: bench/cluster-start.sh [RUNS] [N]   (default: 5 3; ONLY="node-launcher" for some rows). Ports 18700.. on
# 127.0.0.1.
set -euo pipefail
cd "$(dirname -- "$0")/.."
runs=${1:-5} nodes=${2:-3} port=18700
. bin/lib/launch.sh
s4_build_once s4-server
jar=$(s4_jar s4-server)
hello=bench/hello/target/hello.jar
# ONLY="node-launcher cluster" times just those rows (and java -version, the base of the ratios)
wanted() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }
[ -f "$hello" ] || ! wanted hello || ./mvnw -q -B -DskipTests -f bench/hello/pom.xml package
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

# first_job BASE_URL: ms of the first map job of a fresh node
first_job() {
    local base=$1 t0
    curl -fs -o /dev/null -X PUT "$base/first"
    printf '1,a\n2,b\n' | curl -fs -o /dev/null -X PUT --data-binary @- "$base/first/in/k"
    t0=$(now_ms)
    curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' \
        -d '{"indir":"s4://first/in/","outdir":"s4://first/out/","cmd":"bsv | csv"}' "$base/_s4/map"
    echo $(($(now_ms) - t0))
}

# start NAME URL COMMAND...: prints "wall cpu rss job" of one start, then stops it
start() {
    local name=$1 url=$2 t0 t1 cpu rss job=-
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
    [[ $name == node-* ]] && job=$(first_job "${url%%/_s4/*}")
    kill "$pid" && wait "$pid" 2>/dev/null || true
    pid=""
    echo "$((t1 - t0)) $cpu $rss $job"
}

# cluster FLAGS...: bin/s4-cluster N FLAGS..., to its export line; CPU and RSS summed over its node JVMs
cluster() {
    local t0 t1 cpu=0 rss=0 jvm
    rm -rf "$work/cluster"
    t0=$(now_ms)
    bin/s4-cluster "$nodes" --port "$port" --dir "$work/cluster" "$@" >"$work/out" 2>&1 &
    pid=$!
    until grep -q '^export S4_CONF_PATH=' "$work/out"; do
        kill -0 "$pid" 2>/dev/null || { cat "$work/out" >&2; exit 1; }
        sleep 0.02
    done
    t1=$(now_ms)
    for jvm in $(pgrep -P "$pid"); do cpu=$((cpu + $(cpu_ms "$jvm"))); done
    sleep 2
    for jvm in $(pgrep -P "$pid"); do rss=$((rss + $(rss_mib "$jvm"))); done
    kill -TERM "$pid" && wait "$pid" 2>/dev/null || true
    pid=""
    echo "$((t1 - t0)) $cpu $rss -"
}

# The hello-world with a JDK AOT cache of its own, trained once here as bin/lib/aot.sh trains the node's: what
# Spring Boot and Tomcat cost at best on this machine.
hello_aot=$work/hello-aot-cache
train_hello_aot() {
    local t
    mkdir -p "$hello_aot"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$hello" extract --destination "$hello_aot/app" >/dev/null
    "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:AOTCacheOutput="$hello_aot/hello.aot" -jar "$hello_aot/app/hello.jar" \
        --server.port="$port" --server.address=127.0.0.1 >"$hello_aot/training.log" 2>&1 &
    t=$!
    until curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$port/hello"; do sleep 0.1; done
    for _ in 1 2 3 4 5 6 7 8 9 10; do curl -fs -o /dev/null "http://127.0.0.1:$port/hello"; done
    kill "$t" && wait "$t" 2>/dev/null || true
    [ -s "$hello_aot/hello.aot" ] || { echo "hello-aot: training failed: $(tail -1 "$hello_aot/training.log")" >&2; exit 1; }
}
wanted hello-aot && train_hello_aot

java_version() {
    local t0
    t0=$(now_ms)
    "$JAVA_HOME/bin/java" -version 2>/dev/null
    echo "$(($(now_ms) - t0)) - - -"
}

health=/_s4/actuator/health/readiness
s4_java_command s4-server
round() {
    echo "java-version $(java_version)"
    wanted hello && echo "hello $(start hello "http://127.0.0.1:$port/hello" "$JAVA_HOME/bin/java" -jar "$PWD/$hello" \
        --server.port="$port" --server.address=127.0.0.1)"
    wanted hello-aot && echo "hello-aot $(start hello-aot "http://127.0.0.1:$port/hello" "$JAVA_HOME/bin/java" \
        -XX:+UseSerialGC -XX:AOTCache="$hello_aot/hello.aot" -Xlog:aot*=off -Xlog:cds*=off \
        -jar "$hello_aot/app/hello.jar" --server.port="$port" --server.address=127.0.0.1)"
    wanted node-jar && echo "node-jar $(start node-jar "http://127.0.0.1:$port$health" "$JAVA_HOME/bin/java" \
        "${S4_JVM_FLAGS[@]}" -jar "$jar" --conf s4.conf --port "$port")"
    wanted node-launcher && echo "node-launcher $(start node-launcher "http://127.0.0.1:$port$health" \
        "$PWD/bin/s4-server" --conf s4.conf --port "$port")"
    wanted cluster && echo "cluster $(cluster)"
    wanted cluster-jvms && echo "cluster-jvms $(cluster --jvm-per-node)"
    return 0
}

# column NAME N TIMES: the median of field N of the rows named NAME (empty when none was timed)
column() { awk -v name="$1" -v k="$2" '$1 == name {print $k}' "$3" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b}'; }

report() {
    local label=$1 times=$2 base hello_ms
    base=$(column java-version 2 "$times")
    hello_ms=$(column hello 2 "$times")
    echo "$label; load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
    printf '%-34s %8s %8s %8s %10s %10s %10s\n' "" "wall ms" "cpu ms" "rss MiB" "1st job ms" "x java -v" "x hello"
    local row name w
    for row in "java-version:java -version" "hello:hello-world, java -jar" "hello-aot:hello-world, AOT cache" \
        "node-jar:s4 node, java -jar" "node-launcher:s4 node, bin/s4-server" "cluster:bin/s4-cluster $nodes, all ready" \
        "cluster-jvms:... --jvm-per-node"; do
        name=${row%%:*}
        wanted "$name" || [ "$name" = java-version ] || continue
        w=$(column "$name" 2 "$times")
        printf '%-34s %8s %8s %8s %10s %10s %10s\n' "${row#*:}" "$w" "$(column "$name" 3 "$times")" \
            "$(column "$name" 4 "$times")" "$(column "$name" 5 "$times")" "$(ratio "$w" "$base")" \
            "$(ratio "$w" "$hello_ms")"
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
