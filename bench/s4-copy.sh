#!/usr/bin/env bash
# CopyObject on 3 nodes: a server-side copy whose source is on the destination's owner (read from its disk) and
# one whose source is on another node (streamed node to node), against a PUT of the same bytes through curl.
# Every figure is the median of RUNS runs of each kind; the client always talks to node 0.
#
# usage: bench/s4-copy.sh [SIZE_MIB]      (default 256; env: RUNS=3 BENCH_DIR)
set -euo pipefail
cd "$(dirname -- "$0")/.."
. bin/lib/jdk.sh

SIZE_MIB=${1:-256}
RUNS=${RUNS:-3}
JAR=${S4_JAR:-s4-server/target/s4-server.jar}
JAVA="$JAVA_HOME/bin/java"
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests -pl s4-server -am package
. bench/lib/workdir.sh
bench_workdir s4-copy
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
mibs() { echo "scale=1; $SIZE_MIB / $1" | bc -l; }
# the node whose data dir holds bucket/key
holder() { for n in 0 1 2; do [ -e "$WORK/d$n/data/bench/$1" ] && { echo "$n"; return; }; done; echo none; }

PORTS=()
for n in 0 1 2; do PORTS+=("$(free_port)"); done
for p in "${PORTS[@]}"; do echo "127.0.0.1:$p"; done >"$WORK/s4.conf"
for n in 0 1 2; do
    mkdir -p "$WORK/d$n"
    bench_node "$WORK/d$n/server.log" 512m --port "${PORTS[$n]}" --conf "$WORK/s4.conf" --data-dir "$WORK/d$n/data"
done
for n in 0 1 2; do bench_ready "${PORTS[$n]}" "$WORK/d$n/server.log"; done
URL="http://127.0.0.1:${PORTS[0]}"
curl -sf -X PUT -o /dev/null "$URL/bench"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$WORK/src.bin"

PUT=() LOCAL=() REMOTE=()
for r in $(seq 1 "$RUNS"); do
    s=$(now); curl -sf -T "$WORK/src.bin" -o /dev/null "$URL/bench/put-$r"; e=$(now)
    PUT+=("$(echo "$e - $s" | bc -l)")
done
source_node=$(holder put-1)
i=0
while [ "${#LOCAL[@]}" -lt "$RUNS" ] || [ "${#REMOTE[@]}" -lt "$RUNS" ]; do
    i=$((i + 1))
    [ "$i" -le 200 ] || { echo "no destination keys of both kinds after 200 copies" >&2; exit 1; }
    s=$(now)
    curl -sf -X PUT -H "x-amz-copy-source: /bench/put-1" -o /dev/null "$URL/bench/copy-$i"
    e=$(now)
    t=$(echo "$e - $s" | bc -l)
    if [ "$(holder "copy-$i")" = "$source_node" ]; then
        [ "${#LOCAL[@]}" -ge "$RUNS" ] || LOCAL+=("$t")
    else
        [ "${#REMOTE[@]}" -ge "$RUNS" ] || REMOTE+=("$t")
    fi
    cmp -s "$WORK/src.bin" <(curl -sf "$URL/bench/copy-$i") || { echo "copy-$i differs from its source" >&2; exit 1; }
    curl -sf -X DELETE -o /dev/null "$URL/bench/copy-$i"
done

m() { printf '%s\n' "$@" | median; }
put=$(m "${PUT[@]}"); local_copy=$(m "${LOCAL[@]}"); remote_copy=$(m "${REMOTE[@]}")
echo "s4 copy, $SIZE_MIB MiB, median of $RUNS (MiB/s; seconds)"
printf '%-40s %8s %8.2f\n' "PUT curl (client to node 0)" "$(mibs "$put")" "$put"
printf '%-40s %8s %8.2f\n' "CopyObject, source on the same node" "$(mibs "$local_copy")" "$local_copy"
printf '%-40s %8s %8.2f\n' "CopyObject, source on another node" "$(mibs "$remote_copy")" "$remote_copy"
