#!/usr/bin/env bash
# Compute benchmark (issue 13): the taxi group-by of examples/taxi on a local 3-node cluster, step by step --
# map (bsv), map-to-n (bcut 2,7 | bschema '*,a:i64' | bpartition 3), map-from-n (xargs cat | bsort | bsumeach i64 |
# bschema '*,i64:a' | csv) -- with bsv pipelines run in-process (the default) and forked (s4.compute.in-process=false:
# bash and one JVM per tool per key), against a local baseline of the same shape timed in the same run: the C bsv
# tools are not installed here, so the baseline forks a coreutils/awk pipeline per key (tr; cut | awk partition;
# xargs cat | sort | awk sum), keys one after another. Then map `bcut 1 | csv` over KEYS tiny bsv keys, per key
# (FORKED_KEYS of them for the forked cluster and the baseline: a fork per key is slow).
# Every figure is the median of RUNS runs; the group-by results of both modes and of the baseline must agree.
#
# usage: bench/compute.sh [SIZE_MIB]   (default 59; env: RUNS=3 FILES=12 KEYS=1000 FORKED_KEYS=100 BENCH_DIR=target)
# Needs curl, jq, python3, awk. The nodes share this machine's cores with each other and with the baseline.
set -euo pipefail
cd "$(dirname -- "$0")/.."
. examples/lib/s4-local.sh
# forked commands find the bin/ launchers of the bsv tools
export PATH="$PWD/bin:$PATH"

SIZE_MIB=${1:-59}
RUNS=${RUNS:-3}
FILES=${FILES:-12}
KEYS=${KEYS:-1000}
FORKED_KEYS=${FORKED_KEYS:-100}
for tool in curl jq python3 awk; do
    command -v "$tool" > /dev/null || { echo "error: $tool is not on PATH" >&2; exit 1; }
done
mkdir -p "${BENCH_DIR:-target}"
WORK=$(mktemp -d "${BENCH_DIR:-target}/compute.XXXXXX")
WORK=$(cd "$WORK" && pwd)
cleanup() {
    s4_cluster_stop
    rm -rf "$WORK"
}
trap cleanup EXIT

. bench/lib/taxi.sh
sum() { python3 -c "import sys; print(f'{sum(map(float, sys.argv[1:])):.3f}')" "$@"; }
per_key_ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000 / int(sys.argv[2]):.2f}')" "$1" "$2"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg);" \
    "$SIZE_MIB MiB of CSV in $FILES keys; median of $RUNS"

taxi_csv "$WORK/csv" "$SIZE_MIB" "$FILES" > /dev/null
echo "data: $(du -sm "$WORK/csv" | cut -f1) MiB"

# KEYS tiny keys of bsv (one row "i,x"), written directly in the format: u16 max column, u16 sizes, columns + \0.
mkdir -p "$WORK/tiny"
python3 - "$WORK/tiny" "$KEYS" <<'PY'
import struct, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    cols = [str(i).encode(), b"x"]
    row = struct.pack("<H", len(cols) - 1) + b"".join(struct.pack("<H", len(c)) for c in cols) + b"".join(c + b"\0" for c in cols)
    open(f"{d}/{i:04d}_k", "wb").write(struct.pack("<i", len(row)) + row)
PY

upload_tiny() {
    python3 - "$WORK/tiny" "${S4_ENDPOINTS[0]}" "$1" <<'PY'
import os, sys, http.client, urllib.parse
d, endpoint, n = sys.argv[1], urllib.parse.urlparse(sys.argv[2]), int(sys.argv[3])
conn = http.client.HTTPConnection(endpoint.hostname, endpoint.port)
for name in sorted(os.listdir(d))[:n]:
    conn.request("PUT", f"/bench/tiny{n}/{name}", body=open(f"{d}/{name}", "rb").read())
    r = conn.getresponse(); r.read()
    assert r.status == 200, r.status
PY
}

in_process_keys() { jq -r '.keysInProcess // 0' <<< "$1"; }

# run_cluster MODE: one cluster, RUNS group-bys step by step, then the tiny keys; sets the medians MAP_MODE etc.
run_cluster() {
    local mode=$1 run t last maps=() tons=() froms=() totals=() tinys=() tiny_keys=$KEYS
    if [ "$mode" = forked ]; then
        S4_CLUSTER_ARGS="--s4.compute.in-process=false"
        tiny_keys=$FORKED_KEYS
    else
        S4_CLUSTER_ARGS=""
    fi
    S4_PIDS=() S4_ENDPOINTS=()
    s4_cluster_start 3 "$WORK/cluster-$mode"
    for f in "$WORK"/csv/*; do s4_put "s4://bench/csv/$(basename "$f")" "$f"; done
    upload_tiny "$tiny_keys"
    for run in $(seq 1 "$RUNS"); do
        t=$(now)
        last=$(s4_job map s4://bench/csv/ "s4://bench/bsv$run/" "bsv")
        maps+=("$(elapsed "$t")")
        [ "$run" = 1 ] && echo "  $mode map: $(in_process_keys "$last") of $FILES keys in-process"
        t=$(now)
        s4_job map-to-n "s4://bench/bsv$run/" "s4://bench/parts$run/" "bcut 2,7 | bschema '*,a:i64' | bpartition 3" > /dev/null
        tons+=("$(elapsed "$t")")
        t=$(now)
        s4_job map-from-n "s4://bench/parts$run/" "s4://bench/sums$run/" \
            "xargs cat | bsort | bsumeach i64 | bschema '*,i64:a' | csv" > /dev/null
        froms+=("$(elapsed "$t")")
        totals+=("$(sum "${maps[-1]}" "${tons[-1]}" "${froms[-1]}")")
        for key in $(s4_list bench "sums$run/"); do s4_get "s4://bench/$key"; done | LC_ALL=C sort > "$WORK/$mode.csv"
        t=$(now)
        last=$(s4_job map "s4://bench/tiny$tiny_keys/" "s4://bench/tiny_out$run/" "bcut 1 | csv")
        tinys+=("$(elapsed "$t")")
        [ "$run" = 1 ] && echo "  $mode tiny map: $(in_process_keys "$last") of $tiny_keys keys in-process"
        echo "  $mode run $run: map ${maps[-1]} s, map-to-n ${tons[-1]} s, map-from-n ${froms[-1]} s," \
            "whole ${totals[-1]} s; $tiny_keys tiny keys ${tinys[-1]} s"
    done
    s4_cluster_stop
    eval "MAP_$mode=$(median "${maps[@]}") TON_$mode=$(median "${tons[@]}") FROM_$mode=$(median "${froms[@]}")"
    eval "TOTAL_$mode=$(median "${totals[@]}") TINY_$mode=$(median "${tinys[@]}") TINYN_$mode=$tiny_keys"
}

# The local baseline: the same three steps as forked per-key pipelines of coreutils/awk, one key after another.
run_baseline() {
    local run t dir maps=() tons=() froms=() totals=() tinys=() f p
    for run in $(seq 1 "$RUNS"); do
        dir="$WORK/base$run"
        mkdir -p "$dir/map" "$dir/parts" "$dir/sums"
        t=$(now)
        for f in "$WORK"/csv/*; do
            bash -c 'set -euo pipefail; tr , "\t"' < "$f" > "$dir/map/$(basename "$f")"
        done
        maps+=("$(elapsed "$t")")
        t=$(now)
        for f in "$dir"/map/*; do
            mkdir -p "$dir/parts/$(basename "$f")"
            (cd "$dir/parts/$(basename "$f")" && bash -c 'set -euo pipefail
                cut -f2,7 | awk -F"\t" "{ print \$1 \",\" \$2 > (substr(\$1, 9, 2) % 3) } END { print 0; print 1; print 2 }"' \
                < "$f" > names)
        done
        tons+=("$(elapsed "$t")")
        t=$(now)
        for p in 0 1 2; do
            ls "$dir"/parts/*/"$p" | bash -c 'set -euo pipefail
                xargs cat | LC_ALL=C sort -t, -k1,1 | awk -F, "\$1 != k { if (NR > 1) printf \"%s,%.0f\\n\", k, s; k = \$1; s = 0 } { s += \$2 } END { if (NR) printf \"%s,%.0f\\n\", k, s }"' \
                > "$dir/sums/$p"
        done
        froms+=("$(elapsed "$t")")
        totals+=("$(sum "${maps[-1]}" "${tons[-1]}" "${froms[-1]}")")
        cat "$dir"/sums/* | LC_ALL=C sort > "$WORK/baseline.csv"
        t=$(now)
        for f in $(ls "$WORK"/tiny/* | head -n "$FORKED_KEYS"); do
            bash -c 'set -euo pipefail; cut -c1-8 | cat' < "$f" > /dev/null
        done
        tinys+=("$(elapsed "$t")")
        echo "  baseline run $run: map ${maps[-1]} s, map-to-n ${tons[-1]} s, map-from-n ${froms[-1]} s," \
            "whole ${totals[-1]} s; $FORKED_KEYS tiny keys ${tinys[-1]} s"
        rm -rf "$dir"
    done
    MAP_base=$(median "${maps[@]}") TON_base=$(median "${tons[@]}") FROM_base=$(median "${froms[@]}")
    TOTAL_base=$(median "${totals[@]}") TINY_base=$(median "${tinys[@]}")
}

run_cluster inprocess
run_baseline
run_cluster forked

cmp -s "$WORK/inprocess.csv" "$WORK/forked.csv" || { echo "error: in-process and forked results differ" >&2; exit 1; }
cmp -s "$WORK/inprocess.csv" "$WORK/baseline.csv" || { echo "error: cluster and baseline results differ" >&2; exit 1; }

echo
echo "group-by over $SIZE_MIB MiB in $FILES keys ($(wc -l < "$WORK/inprocess.csv") groups), medians in s; load now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %10s %10s %10s %16s %16s\n' step in-process forked baseline forked/in-proc in-proc/baseline
for step in MAP TON FROM TOTAL; do
    case $step in MAP) label=map ;; TON) label=map-to-n ;; FROM) label=map-from-n ;; TOTAL) label=group-by ;; esac
    i=${step}_inprocess f=${step}_forked b=${step}_base
    printf '%-12s %10s %10s %10s %15sx %15sx\n' "$label" "${!i}" "${!f}" "${!b}" "$(ratio "${!f}" "${!i}")" \
        "$(ratio "${!i}" "${!b}")"
done
echo
echo "map 'bcut 1 | csv' over tiny keys on 3 nodes (ms per key, wall):"
echo "  in-process  $(per_key_ms "$TINY_inprocess" "$TINYN_inprocess") ms ($TINYN_inprocess keys; target <= 2 ms)"
echo "  forked      $(per_key_ms "$TINY_forked" "$TINYN_forked") ms ($TINYN_forked keys: a JVM per tool per key)"
echo "  baseline    $(per_key_ms "$TINY_base" "$FORKED_KEYS") ms ($FORKED_KEYS keys, bash -c 'cut | cat' per key, one after another)"
echo "targets: group-by forked/in-process >= 5x; tiny key <= 2 ms; in-process at or below the baseline"
