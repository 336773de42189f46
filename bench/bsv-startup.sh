#!/usr/bin/env bash
# Start-up of a trivial bsv pipeline stage (`bsv </dev/null | csv`, two JVMs) under JVM flag sets, and through
# the launchers themselves (bin/bsv | bin/csv: their shell work plus the AOT cache made at package time);
# prints the median wall time over RUNS runs (default 21) and the median cpu (user+sys) per pipeline.
# Used to choose the flags in bin/lib/aot.sh; run on an idle machine for meaningful numbers.
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
. "$root/bin/lib/jdk.sh"
jar=$root/bsv-cli/target/bsv-cli.jar
runs=${RUNS:-21}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl bsv-cli -am package)
java=$JAVA_HOME/bin/java
base=(--sun-misc-unsafe-memory-access=allow)
seq 1 20000 | "$java" "${base[@]}" -jar "$jar" bsv > "$work/train.bsv"

# one training run per archive kind, as the launcher would do on first use
"$java" "${base[@]}" -XX:SharedArchiveFile="$work/dyn.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off \
    -Xlog:cds+dynamic=off -jar "$jar" csv < "$work/train.bsv" > /dev/null
aot_ok=0
if "$java" "${base[@]}" -XX:AOTCacheOutput="$work/app.aot" -Xlog:aot=off -Xlog:cds=off -jar "$jar" csv \
    < "$work/train.bsv" > /dev/null 2>&1; then
    aot_ok=1
fi

measure() {
    local name=$1
    shift
    local walls=() cpus=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -o "$work/t" -f "%e %U %S" bash -c \
            "\"$java\" $* -jar \"$jar\" bsv < /dev/null | \"$java\" $* -jar \"$jar\" csv > /dev/null"
        read -r e u s < "$work/t"
        walls+=("$e")
        cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
    done
    local w c
    w=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    c=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    printf '%-44s wall %6.0f ms   cpu %6.0f ms   (per JVM ~%.0f ms wall)\n' "$name" "$(echo "$w*1000" | bc)" \
        "$(echo "$c*1000" | bc)" "$(echo "$w*1000/2" | bc)"
}

# the same pipeline through bin/bsv and bin/csv, as map jobs run it
launchers() {
    local walls=() cpus=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -o "$work/t" -f "%e %U %S" bash -c "\"$root/bin/bsv\" < /dev/null | \"$root/bin/csv\" > /dev/null"
        read -r e u s < "$work/t"
        walls+=("$e")
        cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
    done
    local w c
    w=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    c=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    printf '%-44s wall %6.0f ms   cpu %6.0f ms   (per JVM ~%.0f ms wall)\n' "bin/bsv | bin/csv (launchers, their cache)" \
        "$(echo "$w*1000" | bc)" "$(echo "$c*1000" | bc)" "$(echo "$w*1000/2" | bc)"
}

b="${base[*]}"
dyn="-XX:SharedArchiveFile=$work/dyn.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
echo "JDK $("$java" -version 2>&1 | head -1), $runs runs each, load: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s%N)
for _ in $(seq "$runs"); do "$java" -version 2>/dev/null; done
printf '%-44s wall %6.0f ms (mean)\n' "java -version (baseline)" "$(( ($(date +%s%N) - t0) / 1000000 / runs ))"
measure "default CDS only"                          "$b"
measure "dynamic AppCDS archive (launcher before)"  "$b $dyn"
measure "AppCDS + -XX:+UseSerialGC"                 "$b $dyn -XX:+UseSerialGC"
measure "AppCDS + -XX:TieredStopAtLevel=1"          "$b $dyn -XX:TieredStopAtLevel=1"
measure "AppCDS + SerialGC + TieredStopAtLevel=1"   "$b $dyn -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
if [ "$aot_ok" = 1 ]; then
    measure "JDK 25 AOT cache (-XX:AOTCache)"             "$b -XX:AOTCache=$work/app.aot -Xlog:aot=off -Xlog:cds=off"
    measure "AOT cache + -XX:+UseSerialGC"                "$b -XX:AOTCache=$work/app.aot -Xlog:aot=off -Xlog:cds=off -XX:+UseSerialGC"
fi
launchers
