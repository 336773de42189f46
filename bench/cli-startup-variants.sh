#!/usr/bin/env bash
# Why bin/s4 uses a dynamic class-data-sharing archive: interleaved runs of `s4 ls s4://bucket/` (against the
# Python stand-in node) under four start-up variants of the same extracted jar, median of N rounds each, next to
# `java -version`. Interleaving keeps the comparison fair on a busy machine. Usage: bench/cli-startup-variants.sh [N]
set -euo pipefail
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
. "$ROOT/bin/lib/jdk.sh"
ROUNDS=${1:-15}
WORK=$(mktemp -d)
NODE_PID=""
cleanup() {
    [ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null && wait "$NODE_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

JAR="$ROOT/s4-shell/target/s4-shell.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl s4-shell -am package)
"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP="$WORK/app/s4-shell.jar"
BASE=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC --sun-misc-unsafe-memory-access=allow -Ds4.stderr.tty=false)

"$JAVA_HOME/bin/java" "${BASE[@]}" -XX:ArchiveClassesAtExit="$WORK/dynamic.jsa" -jar "$APP" --cds-training >/dev/null 2>&1
"$JAVA_HOME/bin/java" "${BASE[@]}" -XX:AOTCacheOutput="$WORK/linked.aot" -jar "$APP" --cds-training >/dev/null 2>&1
"$JAVA_HOME/bin/java" "${BASE[@]}" -XX:AOTMode=record -XX:AOTConfiguration="$WORK/unlinked.conf" -jar "$APP" \
    --cds-training >/dev/null 2>&1
"$JAVA_HOME/bin/java" "${BASE[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$WORK/unlinked.conf" \
    -XX:AOTCache="$WORK/unlinked.aot" -XX:-AOTClassLinking -jar "$APP" >/dev/null 2>&1

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$ROOT/bench/cli-stub-node.py" "$PORT" &
NODE_PID=$!
echo "127.0.0.1:$PORT" > "$WORK/s4.conf"
export S4_CONF_PATH="$WORK/s4.conf"
sleep 0.5

declare -A FLAGS=(
    [none]=""
    [dynamic-cds]="-XX:SharedArchiveFile=$WORK/dynamic.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
    [aot-linked]="-XX:AOTCache=$WORK/linked.aot -Xlog:aot=off -Xlog:cds=off"
    [aot-unlinked]="-XX:AOTCache=$WORK/unlinked.aot -Xlog:aot=off -Xlog:cds=off"
)
VARIANTS=(none dynamic-cds aot-linked aot-unlinked)
for _ in $(seq 1 "$ROUNDS"); do
    for v in "${VARIANTS[@]}"; do
        t=$(date +%s%N)
        # shellcheck disable=SC2086
        "$JAVA_HOME/bin/java" "${BASE[@]}" ${FLAGS[$v]} -jar "$APP" ls s4://bucket/ >/dev/null
        echo "$v $(( ($(date +%s%N) - t) / 1000000 ))"
    done
    t=$(date +%s%N)
    "$JAVA_HOME/bin/java" -version 2>/dev/null
    echo "java-version $(( ($(date +%s%N) - t) / 1000000 ))"
done > "$WORK/times"

echo "$ROUNDS interleaved rounds; load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
for v in java-version "${VARIANTS[@]}"; do
    printf '%-14s %5s ms\n' "$v" "$(grep "^$v " "$WORK/times" | awk '{print $2}' | sort -n \
        | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}')"
done
