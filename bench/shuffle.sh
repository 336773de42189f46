#!/usr/bin/env bash
# Shuffle benchmark (issue 5): the taxi example's group-by (total cents per pickup date) over ~SIZE_MIB of CSV on a
# local 3-node cluster -- map-to-n (bsv | bcut | bschema | bpartition 3) then map-from-n (bsort | bsumeach) --
# against the same computation as (a) one local bsv pipeline and (b) cut | LC_ALL=C sort | awk; then the
# per-key overhead of map over 1,000 tiny keys with `cat`, against 1,000 local `bash -c cat` runs.
# Every figure is the median of RUNS runs; the three group-by results are checked to be identical.
#
# usage: bench/shuffle.sh [SIZE_MIB]   (default 1024; env: RUNS=3 FILES=12 KEYS=1000 BENCH_DIR=target)
# Needs the bsv tools (bsv, csv, bcut, bschema, bpartition, bsort, bsumeach) on PATH, curl, jq, python3.
# The nodes share this machine's cores with each other, so the ratio measures s4's overhead, not a speed-up.
set -euo pipefail
cd "$(dirname -- "$0")/.."
. examples/lib/s4-local.sh

SIZE_MIB=${1:-1024}
RUNS=${RUNS:-3}
FILES=${FILES:-12}
KEYS=${KEYS:-1000}
for tool in bsv csv bcut bschema bpartition bsort bsumeach curl jq python3 awk; do
    command -v "$tool" > /dev/null || { echo "error: $tool is not on PATH" >&2; exit 1; }
done
mkdir -p "${BENCH_DIR:-target}"
WORK=$(mktemp -d "${BENCH_DIR:-target}/shuffle.XXXXXX")
WORK=$(cd "$WORK" && pwd)
cleanup() {
    s4_cluster_stop
    rm -rf "$WORK"
}

. bench/lib/taxi.sh

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $SIZE_MIB MiB of CSV in $FILES files; median of $RUNS"
s4_cluster_start 3 "$WORK/cluster"
trap cleanup EXIT

t=$(now)
for name in $(taxi_csv "$WORK/csv" "$SIZE_MIB" "$FILES"); do
    s4_put "s4://bench/csv/$name" "$WORK/csv/$name"
done
echo "data: $(du -sm "$WORK/csv" | cut -f1) MiB generated and uploaded in $(elapsed "$t") s"

cluster=() local_bsv=() sort_awk=()
for run in $(seq 1 "$RUNS"); do
    t=$(now)
    s4_job map-to-n s4://bench/csv/ "s4://bench/parts$run/" \
        "bsv | bcut 2,7 | bschema '*,a:i64' | bpartition 3" > /dev/null
    s4_job map-from-n "s4://bench/parts$run/" "s4://bench/sums$run/" \
        "xargs cat | bsort | bsumeach i64 | bschema '*,i64:a' | csv" > /dev/null
    for key in $(s4_list bench "sums$run/"); do s4_get "s4://bench/$key"; done | LC_ALL=C sort > "$WORK/cluster.csv"
    cluster+=("$(elapsed "$t")")

    t=$(now)
    cat "$WORK"/csv/* | bsv | bcut 2,7 | bschema '*,a:i64' | bsort | bsumeach i64 | bschema '*,i64:a' | csv \
        | LC_ALL=C sort > "$WORK/local.csv"
    local_bsv+=("$(elapsed "$t")")

    t=$(now)
    cat "$WORK"/csv/* | cut -d, -f2,7 | LC_ALL=C sort -t, -k1,1 -S 25% \
        | awk -F, '$1 != k { if (NR > 1) print k "," s; k = $1; s = 0 } { s += $2 } END { if (NR) print k "," s }' \
        > "$WORK/sort.csv"
    sort_awk+=("$(elapsed "$t")")

    cmp -s "$WORK/cluster.csv" "$WORK/local.csv" || { echo "error: cluster and local bsv results differ" >&2; exit 1; }
    cmp -s "$WORK/cluster.csv" "$WORK/sort.csv" || { echo "error: cluster and sort|awk results differ" >&2; exit 1; }
    echo "run $run: cluster ${cluster[-1]} s, local bsv ${local_bsv[-1]} s, sort|awk ${sort_awk[-1]} s"
done
mc=$(median "${cluster[@]}") ml=$(median "${local_bsv[@]}") ms=$(median "${sort_awk[@]}")
echo
echo "group-by over $SIZE_MIB MiB ($(wc -l < "$WORK/cluster.csv") groups):"
echo "  3-node cluster (map-to-n + map-from-n)   $mc s"
echo "  one local bsv pipeline                   $ml s   cluster / local bsv = $(ratio "$mc" "$ml")x (target <= 1.3x)"
echo "  cut | LC_ALL=C sort | awk                $ms s   cluster / sort|awk  = $(ratio "$mc" "$ms")x"

# per-key overhead: KEYS tiny keys, map cat, vs KEYS local bash -c cat runs
mkdir -p "$WORK/tiny"
for i in $(seq 0 $((KEYS - 1))); do
    printf '%d\n' "$i" > "$WORK/tiny/$i"
done
python3 - "$WORK/tiny" "${S4_ENDPOINTS[0]}" "$KEYS" <<'PY'
import sys, http.client, urllib.parse
d, endpoint, n = sys.argv[1], urllib.parse.urlparse(sys.argv[2]), int(sys.argv[3])
conn = http.client.HTTPConnection(endpoint.hostname, endpoint.port)
for i in range(n):
    data = open(f"{d}/{i}", "rb").read()
    conn.request("PUT", f"/bench/tiny/{i:04d}_k", body=data)
    r = conn.getresponse(); r.read()
    assert r.status == 200, r.status
PY
maps=() locals=()
for run in $(seq 1 "$RUNS"); do
    t=$(now)
    s4_job map s4://bench/tiny/ "s4://bench/tiny_out$run/" cat > /dev/null
    maps+=("$(elapsed "$t")")
    t=$(now)
    for i in $(seq 0 $((KEYS - 1))); do bash -c 'set -euo pipefail; cat' < "$WORK/tiny/$i" > "$WORK/tiny/$i.out"; done
    locals+=("$(elapsed "$t")")
done
mm=$(median "${maps[@]}") mb=$(median "${locals[@]}")
per_key=$(python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000 / int(sys.argv[3]):.2f} ms per key wall, all nodes in parallel (one local bash -c cat after another: {float(sys.argv[2]) * 1000 / int(sys.argv[3]):.2f} ms per key)')" "$mm" "$mb" "$KEYS")
echo "map cat over $KEYS tiny keys on 3 nodes: $mm s = $per_key"
