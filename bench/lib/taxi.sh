# Sourced by bench/shuffle.sh and bench/compute.sh: the timing helpers and the taxi-like data they share.

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$(now)"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

# taxi_csv DIR SIZE_MIB FILES: FILES deterministic CSV files named NNN_2024MM in DIR, SIZE_MIB in all, ~35 bytes a
# row: vendor,pickup_date,pickup_hour,passengers,trip_meters,payment_type,total_cents. Prints the names.
taxi_csv() {
    local dir=$1 size_mib=$2 files=$3 rows i name
    rows=$((size_mib * 1048576 / 35 / files))
    mkdir -p "$dir"
    for i in $(seq 0 $((files - 1))); do
        name=$(printf '%03d_2024%02d' "$i" $((i % 12 + 1)))
        awk -v seed="$i" -v rows="$rows" -v month=$((i % 12 + 1)) 'BEGIN {
            srand(seed); split("card cash card card no_charge dispute card cash", pay, " ")
            for (i = 0; i < rows; i++) {
                day = int(rand() * 28) + 1; meters = int(rand() * rand() * 30000) + 200
                printf "%d,2024-%02d-%02d,%02d,%d,%d,%s,%d\n", int(rand() * 2) + 1, month, day, int(rand() * 24),
                    int(rand() * rand() * 6) + 1, meters, pay[int(rand() * 8) + 1], 300 + int(meters * 0.25) + int(rand() * 500)
            }
        }' > "$dir/$name"
        echo "$name"
    done
}
