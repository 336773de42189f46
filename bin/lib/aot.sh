# The JVM flags of each launched module and its ahead-of-time cache (JDK 25+, JEP 483/514/515): the classes a
# training run loaded and linked, and its method profiles, mapped at start instead of found, parsed and verified
# again. Sourced by bin/lib/launch.sh; run as `bash bin/lib/aot.sh train MODULE` at package time (the three
# launched modules' poms) to make the cache once per build. Figures: bench/README.md, "Start-up".
#
# MODULE/target/aot/current  names the current cache folder, KEY (replaced by rename: readers see old or new)
# MODULE/target/aot/KEY/     MODULE.aot, the cache; app/, the Spring Boot jar extracted to a plain class path
#                            (a cache cannot hold classes of nested jars); stamp, the JAVA_HOME and JVM flags it
#                            was made with, with the jar's modification time
#
# A cache is used only when it was made from this jar (same time) with this JDK (same JAVA_HOME, not updated
# since) and these JVM flags; otherwise the launcher runs the jar without it and retrains in the background. A
# missing, stale or unwritable cache costs speed, never a failure. S4_AOT=off turns the cache off.

# Sets S4_JVM_FLAGS for MODULE on a JDK of feature release $2; the training run uses the same flags.
s4_jvm_flags() {
    local module=$1 feature=$2
    S4_JVM_FLAGS=()
    case $module in
        s4-shell)
            # C1 only and Serial GC: a client that lives for a fraction of a second. No perf data: no
            # /tmp/hsperfdata_USER/PID file mapped, written and deleted per run (jps and jcmd do not list it).
            S4_JVM_FLAGS+=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData)
            # jline and the xxh3 library use native access and sun.misc.Unsafe, which JDK 24+ warns about on stderr.
            [ "$feature" -ge 23 ] && S4_JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
            ;;
        bsv-cli | s4-server)
            # bsv tools must keep stderr byte-exact and a node's log clean: zero-allocation-hashing uses
            # sun.misc.Unsafe, which JDK 24+ warns about unless allowed (the flag exists from JDK 23).
            [ "$feature" -ge 23 ] && S4_JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
            # a bsv tool is one short JVM per stage per key: no hsperfdata file to create, map and delete
            [ "$module" = bsv-cli ] && S4_JVM_FLAGS+=(-XX:-UsePerfData)
            # a node: Serial GC and a small initial heap, idle RSS 174 MiB against 208 with G1 at the same start
            # CPU, and a faster first job (bench/README.md, "Start-up"); G1 back:
            # S4_SERVER_JAVA_OPTS="-XX:-UseSerialGC -XX:+UseG1GC"
            [ "$module" = s4-server ] && S4_JVM_FLAGS+=(-XX:+UseSerialGC -Xms32m)
            ;;
    esac
    return 0
}

# True when MODULE's jar ($2) has a current cache made with the flags in S4_JVM_FLAGS (s4_jvm_flags); sets
# S4_AOT_CACHE and S4_AOT_APP (the jar to run with it).
s4_aot_current() {
    local module=$1 jar=$2 target=${2%/*} key home flags dir
    [ "${S4_FEATURE:-0}" -ge 25 ] && [ "${S4_AOT:-on}" != off ] || return 1
    { read -r key <"$target/aot/current"; } 2>/dev/null || return 1
    dir=$target/aot/$key
    [ -n "$key" ] && [ -f "$dir/$module.aot" ] || return 1
    { read -r home && read -r flags; } <"$dir/stamp" 2>/dev/null || return 1
    [ "$home" = "$JAVA_HOME" ] && [ "$flags" = "flags: ${S4_JVM_FLAGS[*]}" ] || return 1
    # made from this very jar (the stamp carries its modification time), and the JDK not updated since
    if [ "$jar" -nt "$dir/stamp" ] || [ "$dir/stamp" -nt "$jar" ] || [ "$JAVA_HOME/release" -nt "$dir/stamp" ]; then
        return 1
    fi
    S4_AOT_CACHE=$dir/$module.aot
    S4_AOT_APP=$jar
    [ -f "$dir/app/$module.jar" ] && S4_AOT_APP=$dir/app/$module.jar
    return 0
}

# After s4_aot_current said no: trains a cache in the background (one at a time), unless this jar's training
# already failed or the folder is not writable. The current start goes on without a cache.
s4_aot_rebuild_later() {
    local module=$1 jar=$2 target=${2%/*}
    [ "${S4_FEATURE:-0}" -ge 25 ] && [ "${S4_AOT:-on}" != off ] && [ -w "$target" ] || return 0
    if [ -f "$target/aot/failed" ] && ! [ "$jar" -nt "$target/aot/failed" ] && ! [ "$target/aot/failed" -nt "$jar" ]; then
        return 0
    fi
    (setsid bash "$S4_HOME/bin/lib/aot.sh" train "$module" --if-idle </dev/null >/dev/null 2>&1 &)
    return 0
}

# The training run of each module: a main that walks the module's first-use paths, then exits.
s4_aot_training_main() {
    case $1 in
        bsv-cli) S4_AOT_MAIN=(com.s4bsv.bsv.cli.AotTraining) ;;
        s4-server) S4_AOT_MAIN=(com.s4bsv.s4.server.AotTraining) ;;
        s4-shell) S4_AOT_MAIN=(com.s4bsv.s4.shell.S4ShellApplication --cds-training) ;;
        *) return 1 ;;
    esac
}

# Makes MODULE's cache; with --if-idle it leaves at once when another training holds the lock.
s4_aot_train() {
    local module=$1 mode=${2:-} target=$S4_HOME/$1/target jar=$S4_HOME/$1/target/$1.jar
    local key dir app lock old
    s4_aot_training_main "$module" || { echo "aot: $module has no training run" >&2; return 2; }
    if [ "${S4_FEATURE:-0}" -lt 25 ]; then
        echo "aot: JDK $S4_FEATURE has no AOT cache (JDK 25+): $module starts without one"
        return 0
    fi
    [ -f "$jar" ] || { echo "aot: no $jar" >&2; return 1; }
    mkdir -p "$target/aot" 2>/dev/null && exec {lock}>"$target/aot/.lock" || {
        echo "aot: $target is not writable: $module starts without a cache"
        return 0
    }
    s4_jvm_flags "$module" "$S4_FEATURE"
    if [ "$mode" = --if-idle ]; then
        flock -n "$lock" || return 0
        s4_aot_current "$module" "$jar" && return 0
    else
        flock "$lock"
    fi
    # the launchers' archives of earlier versions, written by every start: gone for good
    rm -rf "$target/cds" "$target/$module.jsa"
    key=$(date +%s%N).$$
    dir=$target/aot/$key
    mkdir -p "$dir/tmp"
    : >"$target/aot/training.log"
    app=$jar
    if [ "$module" != bsv-cli ]; then
        app=$dir/app/$module.jar
        "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >>"$target/aot/training.log" 2>&1
    fi
    if [ -f "$app" ] && timeout 900 "$JAVA_HOME/bin/java" "${S4_JVM_FLAGS[@]}" -XX:AOTCacheOutput="$dir/$module.aot" \
            -Djava.io.tmpdir="$dir/tmp" -cp "$app" "${S4_AOT_MAIN[@]}" >>"$target/aot/training.log" 2>&1 \
            && [ -s "$dir/$module.aot" ]; then
        rm -rf "$dir/tmp"
        printf '%s\nflags: %s\n' "$JAVA_HOME" "${S4_JVM_FLAGS[*]}" >"$dir/stamp"
        touch -r "$jar" "$dir/stamp"
        # A launcher may have read an older name just before: an old cache goes 10 minutes after it was retired.
        # Retired before the switch, so whoever sees the new name also sees the old caches marked.
        for old in "$target"/aot/*/; do
            old=${old%/}
            [ "${old##*/}" = "$key" ] || [ ! -d "$old" ] && continue
            if [ ! -f "$old/retired" ]; then
                touch "$old/retired"
            elif [ -n "$(find "$old/retired" -mmin +10)" ]; then
                rm -rf "$old"
            fi
        done
        echo "$key" >"$target/aot/current.$$"
        mv -f "$target/aot/current.$$" "$target/aot/current"
        rm -f "$target/aot/failed"
        echo "aot: $module cache $dir/$module.aot ($(du -m "$dir/$module.aot" | cut -f1) MiB)"
    else
        rm -rf "$dir"
        touch -r "$jar" "$target/aot/failed"
        echo "aot: training $module failed (log: $target/aot/training.log): $module starts without a cache" >&2
    fi
    flock -u "$lock"
    return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -u
    if [ "${1:-}" != train ] || [ $# -lt 2 ]; then
        echo "usage: bash bin/lib/aot.sh train MODULE [--if-idle]" >&2
        exit 2
    fi
    lib=${BASH_SOURCE[0]%/*}
    [ "$lib" = "${BASH_SOURCE[0]}" ] && lib=.
    S4_HOME=$(CDPATH= cd -P -- "$lib/../.." && pwd)
    . "$S4_HOME/bin/lib/jdk.sh"
    s4_aot_train "$2" "${3:-}"
fi
