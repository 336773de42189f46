#!/usr/bin/env bash
# End-to-end s4 + bsv example on a throw-away local 3-node cluster (no download):
#   1. generate taxi-like CSV files, one key per month: s4://taxi/csv/NNN_2024MM (the numeric prefix spreads them)
#   2. map        csv/  -> bsv/       convert each file to bsv, where it is
#   3. map-to-n   bsv/  -> by_date/   keep (date, total cents), bpartition by date into 3 parts; part p goes to node p
#                 bsv/  -> by_pay/    keep payment type, bpartition by it
#   4. map-from-n by_date/ -> sum_by_date/    merge each part: bsort | bsumeach i64  (revenue per day)
#                 by_pay/  -> count_by_pay/   merge each part: bsort | bcounteach    (rides per payment type)
#   5. the same two results from one local bsv pipeline over the same CSV, and a diff: they must be identical.
# Usage: examples/taxi/run.sh            (FILES=12 ROWS=100000 by default; e.g. FILES=24 ROWS=500000 for more)
# Needs: the bsv tools on PATH (bsv, csv, bcut, bschema, bpartition, bsort, bsumeach, bcounteach), curl, jq, python3.
set -euo pipefail

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
. "$here/../lib/s4-local.sh"

FILES=${FILES:-12}
ROWS=${ROWS:-100000}
for tool in bsv csv bcut bschema bpartition bsort bsumeach bcounteach curl jq python3; do
    command -v "$tool" > /dev/null || { echo "error: $tool is not on PATH" >&2; exit 1; }
done
if ! echo a,1 | bsv | bschema '*,a:i64' | bsumeach i64 | bschema '*,i64:a' | csv > /dev/null 2>&1; then
    echo "error: the bsv tools on PATH do not work (need bsumeach/bcounteach: build bsv-cli and put its bin/ first)" >&2
    exit 1
fi

work=${WORK:-$(mktemp -d /tmp/s4-taxi.XXXXXX)}
echo "work dir: $work"
now() { date +%s.%N; }
took() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}s')" "$1" "$(now)"; }

t=$(now)
s4_cluster_start 3 "$work/cluster"
echo "cluster: ${S4_ENDPOINTS[*]} (started in $(took "$t"))"

# vendor,pickup_date,pickup_hour,passengers,trip_meters,payment_type,total_cents
generate() {
    awk -v seed="$1" -v rows="$2" -v month="$3" 'BEGIN {
        srand(seed); split("card cash card card no_charge dispute card cash", pay, " ")
        for (i = 0; i < rows; i++) {
            day = int(rand() * 28) + 1; meters = int(rand() * rand() * 30000) + 200
            printf "%d,2024-%02d-%02d,%02d,%d,%d,%s,%d\n", int(rand() * 2) + 1, month, day, int(rand() * 24),
                int(rand() * rand() * 6) + 1, meters, pay[int(rand() * 8) + 1], 300 + int(meters * 0.25) + int(rand() * 500)
        }
    }'
}

t=$(now)
mkdir -p "$work/csv"
for i in $(seq 0 $((FILES - 1))); do
    name=$(printf '%03d_2024%02d' "$i" $((i % 12 + 1)))
    generate "$i" "$ROWS" $((i % 12 + 1)) > "$work/csv/$name"
    s4_put "s4://taxi/csv/$name" "$work/csv/$name"
done
echo "generated and uploaded $FILES files x $ROWS rows ($(du -sh "$work/csv" | cut -f1)) in $(took "$t")"

step() {
    local t1 result
    t1=$(now)
    result=$(s4_job "$@")
    printf '  %-11s %-18s -> %-22s %s  %s\n' "$1" "${2#s4://taxi/}" "${3#s4://taxi/}" "$(took "$t1")" \
        "$(jq -c '{keys, outputs}' <<< "$result")"
}

t=$(now)
echo "on the cluster:"
step map s4://taxi/csv/ s4://taxi/bsv/ 'bsv'
step map-to-n s4://taxi/bsv/ s4://taxi/by_date/ "bcut 2,7 | bschema '*,a:i64' | bpartition 3"
step map-to-n s4://taxi/bsv/ s4://taxi/by_pay/ "bcut 6 | bpartition 3"
step map-from-n s4://taxi/by_date/ s4://taxi/sum_by_date/ "xargs cat | bsort | bsumeach i64 | bschema '*,i64:a' | csv"
step map-from-n s4://taxi/by_pay/ s4://taxi/count_by_pay/ "xargs cat | bsort | bcounteach | bschema '*,i64:a' | csv"
for result in sum_by_date count_by_pay; do
    for key in $(s4_list taxi "$result/"); do s4_get "s4://taxi/$key"; done | LC_ALL=C sort > "$work/cluster_$result.csv"
done
echo "cluster total: $(took "$t")"

t=$(now)
cat "$work"/csv/* | bsv | bcut 2,7 | bschema '*,a:i64' | bsort | bsumeach i64 | bschema '*,i64:a' | csv \
    | LC_ALL=C sort > "$work/local_sum_by_date.csv"
cat "$work"/csv/* | bsv | bcut 6 | bsort | bcounteach | bschema '*,i64:a' | csv \
    | LC_ALL=C sort > "$work/local_count_by_pay.csv"
echo "one local bsv pipeline: $(took "$t")"

for result in sum_by_date count_by_pay; do
    if ! diff -q "$work/cluster_$result.csv" "$work/local_$result.csv" > /dev/null; then
        echo "MISMATCH in $result:" >&2
        diff "$work/cluster_$result.csv" "$work/local_$result.csv" | head -20 >&2
        exit 1
    fi
done
rows=$(awk -F, '{ n += $2 } END { print n }' "$work/cluster_count_by_pay.csv")
echo "OK: cluster and local results are identical ($(wc -l < "$work/cluster_sum_by_date.csv") days," \
    "$(wc -l < "$work/cluster_count_by_pay.csv") payment types, $rows rides)"
head -3 "$work/cluster_count_by_pay.csv" | sed 's/^/  /'
[ -n "${KEEP:-}" ] || rm -rf "$work"
