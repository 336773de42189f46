#!/usr/bin/env bash
# Times whole bsv commands on generated CSV; each result is the median of 3 runs, printed beside a
# baseline run in this script on the same machine. Size: BENCH_ROWS (default 10M rows, ~1 GiB CSV).
# Usage: bench/bsv.sh [BENCH_ROWS=1000000] [BENCH_DIR=/tmp/bsv-bench] [BENCH_ONLY=regex]
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
bin=$root/bin
rows=${BENCH_ROWS:-10000000}
work=${BENCH_DIR:-/tmp/bsv-bench}
only=${BENCH_ONLY:-.}
mkdir -p "$work"
cd "$work"
export LC_ALL=C
export PATH="$bin:$PATH"

[ -f "$root/bsv-cli/target/bsv-cli.jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl bsv-cli -am package)

if [ ! -f data.csv ] || [ "$(cat data.rows 2>/dev/null)" != "$rows" ]; then
    echo "generating $rows rows of csv..." >&2
    # 8 mixed columns: key, id, small int, float, word, hex, int, text
    awk -v n="$rows" 'BEGIN {
        srand(42);
        split("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike", w, " ");
        for (i = 0; i < n; i++) {
            printf "k%07d,%d,%d,%.3f,%s,%08x%08x,%d,lorem ipsum dolor %d\n",
                int(rand() * 10000000), i, int(rand() * 1000), rand() * 10000, w[1 + int(rand() * 13)],
                int(rand() * 4294967295), int(rand() * 4294967295), int(rand() * 2000000000) - 1000000000,
                int(rand() * 100000);
        }
    }' > data.csv
    echo "$rows" > data.rows
    bsv < data.csv > data.bsv
    bsv < data.csv | bschema '*,a:i64,...' > /dev/null
    bsv < data.csv | bcut 2 | bschema a:i64 > ids.i64
    cut -d, -f2 data.csv > ids.txt
    bsv < data.csv | blz4 > data.lz4
    rm -f part_* sorted_* csvpart_*
    bpartition 8 part < data.bsv > /dev/null
    for f in part_*; do bsort < "$f" > "sorted_$f"; csv < "$f" | sort -t, -k1,1 > "csvpart_$f"; done
fi
# The same commands on empty inputs: what a tool costs before its first row (JVM start, class loading, set-up)
# and after its last; "start" below is that time as a share of the whole run.
: > empty.csv
: > empty.bsv
: > empty.i64
: > empty_sorted_part_0
blz4 < /dev/null > empty.lz4
csv_bytes=$(stat -c %s data.csv)
bsv_bytes=$(stat -c %s data.bsv)

median3() {
    # runs $1 three times; prints "wall cpu" of the run with the median wall time, in seconds
    # (cpu = user + sys of the whole pipeline: on a loaded machine it is the steadier number)
    local runs=()
    for _ in 1 2 3; do
        if ! /usr/bin/time -o "$work/.time" -f "%e %U %S" bash -o pipefail -c "$1" > /dev/null 2>"$work/.err"; then
            echo "failed: $1: $(head -c 300 "$work/.err")" >&2
            echo "nan nan"
            return
        fi
        runs+=("$(tail -1 "$work/.time" | awk '{ printf "%.3f %.3f", $1, $2 + $3 }')")
    done
    printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}

# empty_inputs COMMAND: the command reading the empty files instead of the data
empty_inputs() {
    sed -e 's/data\.\(csv\|bsv\|lz4\)/empty.\1/g' -e 's/ids\.i64/empty.i64/g' -e 's/sorted_part_\*/empty_sorted_part_*/g' <<<"$1"
}

row() {
    # name, command, baseline name, baseline command, bytes for MB/s
    local name=$1 cmd=$2 bname=$3 bcmd=$4 bytes=$5
    if ! [[ "$name" =~ $only ]]; then return; fi
    local t b e
    t=$(median3 "$cmd")
    b=$(median3 "$bcmd")
    e=$(median3 "$(empty_inputs "$cmd")")
    awk -v n="$name" -v t="$t" -v bn="$bname" -v b="$b" -v by="$bytes" -v e="$e" 'BEGIN {
        split(t, x, " "); split(b, y, " "); split(e, z, " ");
        if (x[1] == "nan") { printf "%-28s failed\n", n; exit }
        printf "%-28s %7.3fs %6.3fs %8.1f MB/s %5.1f%%   %-18s %7.3fs %6.3fs   ratio %5.2fx (cpu %5.2fx)\n",
            n, x[1], x[2], by / x[1] / 1e6, 100 * z[1] / (x[1] > 0 ? x[1] : 0.001), bn, y[1], y[2], x[1] / y[1],
            x[2] / (y[2] > 0 ? y[2] : 0.001) }'
}

echo "rows=$rows csv=$((csv_bytes / 1000000))MB bsv=$((bsv_bytes / 1000000))MB cores=$(nproc)"
printf '%-28s %8s %7s %13s %6s   %-18s %8s %7s   %s\n' command wall cpu throughput start baseline wall cpu \
    "ratio wall (cpu)"
row "bsv (csv->bsv)"        "bsv < data.csv"                         "cat csv"             "cat data.csv | cat"   "$csv_bytes"
row "csv (bsv->csv)"        "csv < data.bsv"                         "cat csv"             "cat data.csv | cat"   "$csv_bytes"
row "bcut 3,1"              "bcut 3,1 < data.bsv"                    "cut -d, -f3,1"       "cut -d, -f3,1 < data.csv" "$bsv_bytes"
row "bcut 3,1 vs cat"       "bcut 3,1 < data.bsv"                    "cat bsv"             "cat data.bsv | cat"   "$bsv_bytes"
row "bcountrows"            "bcountrows < data.bsv"                  "cat bsv"             "cat data.bsv | cat"   "$bsv_bytes"
row "bsum i64"              "bsum i64 < ids.i64"                     "awk sum"             "awk '{s+=\$1} END {print s}' ids.txt" "$(stat -c %s ids.i64)"
row "bsum i64 vs cat"       "bsum i64 < ids.i64"                     "cat i64"             "cat ids.i64 | cat"    "$(stat -c %s ids.i64)"
row "bsort"                 "bsort < data.bsv"                       "sort -t, -k1,1"      "sort -t, -k1,1 data.csv" "$bsv_bytes"
row "bschema a:i64 | bsort i64" "bcut 2 < data.bsv | bschema a:i64 | bsort i64" "sort -n ids" "sort -n ids.txt" "$bsv_bytes"
row "bcounteach-hash"       "bcut 5 < data.bsv | bcounteach-hash"   "awk count"           "cut -d, -f5 data.csv | awk '{c[\$1]++} END {for (k in c) print k, c[k]}'" "$bsv_bytes"
row "bpartition 16"         "rm -rf p16 && mkdir p16 && cd p16 && bpartition 16 p < ../data.bsv" "cat bsv" "cat data.bsv | cat" "$bsv_bytes"
row "blz4"                  "blz4 < data.bsv"                        "lz4 -1"              "lz4 -1 -c < data.bsv" "$bsv_bytes"
row "blz4d"                 "blz4d < data.lz4"                       "cat bsv"             "cat data.bsv | cat"   "$bsv_bytes"
row "bmerge (8 sorted files)" "ls sorted_part_* | bmerge"          "sort -m"             "sort -m -t, -k1,1 csvpart_*" "$bsv_bytes"
row "startup: bsv </dev/null | csv" "bsv < /dev/null | csv"          "cat | cat"           "cat < /dev/null | cat" 1
