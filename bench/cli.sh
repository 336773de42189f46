#!/usr/bin/env bash
# Start-up of one-shot s4 commands: median wall time of 20 runs of `bin/s4 ls s4://bucket/` and of
# `echo x | bin/s4 cp - s4://b/k$i` against one local node, next to the median of a bare `java -version`.
# The node is the repo's s4-server jar when it is built (S4_BENCH_NODE=server), else a tiny Python stand-in
# (S4_BENCH_NODE=stub) so the client can be timed before a server exists. Usage: bench/cli.sh [RUNS]
set -euo pipefail
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
. "$ROOT/bin/lib/jdk.sh"
RUNS=${1:-20}
WORK=$(mktemp -d)
NODE_PID=""
cleanup() {
    [ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null && wait "$NODE_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "127.0.0.1:$PORT" > "$WORK/s4.conf"
export S4_CONF_PATH="$WORK/s4.conf"

MODE=${S4_BENCH_NODE:-auto}
if [ "$MODE" = auto ]; then
    MODE=stub
    [ -f "$ROOT/s4-server/target/s4-server.jar" ] && MODE=server
fi
if [ "$MODE" = server ]; then
    (cd "$WORK" && exec "$ROOT/bin/s4-server" --port "$PORT" --conf "$WORK/s4.conf" --data-dir "$WORK/s4_data" \
        >"$WORK/node.log" 2>&1) &
else
    python3 "$ROOT/bench/cli-stub-node.py" "$PORT" &
fi
NODE_PID=$!
for _ in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
    sleep 0.1
done
curl -s -o /dev/null "http://127.0.0.1:$PORT/" || { echo "node did not start (mode $MODE)" >&2; cat "$WORK/node.log" >&2 || true; exit 1; }

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

# warm-up: builds the jar and records the class-data-sharing archive once, creates the bucket, and lets the node
# compile its request paths (curl, so the client's own start-up is not part of it)
echo w | "$ROOT/bin/s4" cp - s4://bucket/warmup
"$ROOT/bin/s4" ls s4://bucket/ >/dev/null
for i in $(seq 1 200); do
    curl -s -o /dev/null -H 'x-s4-local: 1' "http://127.0.0.1:$PORT/bucket?list-type=2&prefix=&delimiter=%2F"
    curl -s -o /dev/null -X PUT --data-binary x "http://127.0.0.1:$PORT/bucket/warm$i"
done

for i in $(seq 1 "$RUNS"); do t=$(date +%s%N); "$JAVA_HOME/bin/java" -version 2>/dev/null; ms "$t"; done > "$WORK/java"
for i in $(seq 1 "$RUNS"); do t=$(date +%s%N); "$ROOT/bin/s4" ls s4://bucket/ >/dev/null; ms "$t"; done > "$WORK/ls"
for i in $(seq 1 "$RUNS"); do t=$(date +%s%N); echo x | "$ROOT/bin/s4" cp - "s4://bucket/k$i-$$"; ms "$t"; done > "$WORK/cp"

JAVA_MS=$(median < "$WORK/java")
echo "node: $MODE on 127.0.0.1:$PORT; $(nproc) cores; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $RUNS runs each"
printf '%-40s %6s ms\n' "java -version" "$JAVA_MS"
for name in ls cp; do
    m=$(median < "$WORK/$name")
    label=$([ "$name" = ls ] && echo 'bin/s4 ls s4://bucket/' || echo 'echo x | bin/s4 cp - s4://bucket/k$i')
    printf '%-40s %6s ms  (%s x java -version)\n' "$label" "$m" "$(awk -v a="$m" -v b="$JAVA_MS" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}')"
done
