# Sourced by bench/s4-io.sh and bench/s4-copy.sh: bench_workdir NAME makes WORK (under BENCH_DIR, default target/)
# and stops the processes listed in PIDS and removes WORK on exit; free_port and now are their helpers, bench_node
# and bench_ready start a node of $JAR with $JAVA and wait until it is ready.

bench_workdir() {
    mkdir -p "${BENCH_DIR:-target}"
    WORK=$(mktemp -d "${BENCH_DIR:-target}/$1.XXXXXX")
    WORK=$(cd "$WORK" && pwd)
    PIDS=()
    trap bench_cleanup EXIT
}

bench_cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    chmod -R u+w "$WORK" 2>/dev/null || true
    rm -rf "$WORK"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

# bench_node LOG HEAP ARGS...: starts "$JAVA" -XmxHEAP -jar "$JAR" ARGS in the background, output to LOG, PID in PIDS
bench_node() {
    local log=$1 heap=$2
    shift 2
    "$JAVA" "-Xmx$heap" -jar "$JAR" "$@" >"$log" 2>&1 &
    PIDS+=($!)
}

# bench_ready PORT LOG: waits until the node on PORT is ready, at most BENCH_START_TIMEOUT seconds (default 120: a
# busy machine starts JVMs slowly); else prints LOG and exits
bench_ready() {
    local url="http://127.0.0.1:$1/_s4/actuator/health/readiness" limit=${BENCH_START_TIMEOUT:-120}
    local end=$((SECONDS + limit))
    until curl -sf -o /dev/null "$url"; do
        if ((SECONDS >= end)); then
            echo "error: the node on port $1 was not ready after $limit s (BENCH_START_TIMEOUT); its log, $2:" >&2
            cat "$2" >&2
            exit 1
        fi
        sleep 0.1
    done
}
