# Sourced by bench/s4-io.sh and bench/s4-copy.sh: bench_workdir NAME makes WORK (under BENCH_DIR, default target/)
# and stops the processes listed in PIDS and removes WORK on exit; free_port and now are their helpers.

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
