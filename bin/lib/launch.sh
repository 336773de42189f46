# Sourced by the bin/ launchers. Usage: s4_launch MODULE MAIN_ARGS...
# Finds a JDK >= 21 and MODULE/target/MODULE.jar, builds the jar once when it is missing,
# and runs it with start-up flags measured in bench/bsv-startup.sh and bench/cli-startup-variants.sh.

S4_HOME=$(CDPATH= cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
. "$S4_HOME/bin/lib/jdk.sh"

s4_jar() {
    echo "$S4_HOME/$1/target/$1.jar"
}

s4_build_once() {
    local module=$1 jar
    jar=$(s4_jar "$module")
    [ -f "$jar" ] && return 0
    mkdir -p "$S4_HOME/$module/target"
    # One build even when a pipeline starts many launchers at once.
    exec 9>"$S4_HOME/$module/target/.build.lock"
    flock 9
    if [ ! -f "$jar" ]; then
        echo "building $module (first run; later runs start at once)..." >&2
        local commit
        commit=$(git -C "$S4_HOME" rev-parse HEAD 2>/dev/null || true)
        if ! (cd "$S4_HOME" && ./mvnw -q -B -DskipTests ${commit:+-Dbsv.git.commit=$commit} -pl "$module" -am package >"$S4_HOME/$module/target/build.log" 2>&1); then
            echo "error: building $module failed (log: $module/target/build.log); run: cd $S4_HOME && ./mvnw -DskipTests -pl $module -am package" >&2
            exit 1
        fi
    fi
    flock -u 9
    exec 9>&-
}

# s4-shell: the jar extracted to a plain class path (target/cds/) plus an archive of its classes recorded once by a
# training run (S4ShellApplication --cds-training) that walks every one-shot command: on JDK 25+ an AOT cache
# (-XX:AOTCacheOutput), before that a dynamic class-data-sharing archive. A one-shot command then starts in well under
# 300 ms (bench/cli.sh; the variants are compared in bench/cli-startup-variants.sh). Prints the archive (the jar is
# beside it), or nothing when it cannot be made (then the fat jar runs as before).
s4_shell_archive() {
    local module=$1 jar=$2 feature=$3 dir app archive record
    shift 3
    dir="$S4_HOME/$module/target/cds"
    app="$dir/$module.jar"
    if [ "$feature" -ge 25 ]; then
        archive="$dir/$module.aot"
        record=-XX:AOTCacheOutput="$archive"
    else
        archive="$dir/$module.jsa"
        record=-XX:ArchiveClassesAtExit="$archive"
    fi
    if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; then
        exec 8>"$S4_HOME/$module/target/.cds.lock"
        flock 8
        if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; then
            rm -rf "$dir"
            if ! "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null 2>&1 \
                || ! "$JAVA_HOME/bin/java" "$@" "$record" -jar "$app" --cds-training \
                    >"$S4_HOME/$module/target/cds-training.log" 2>&1; then
                rm -f "$archive"
            fi
        fi
        flock -u 8
        exec 8>&-
    fi
    [ -f "$archive" ] && [ -f "$app" ] && echo "$archive"
}

s4_launch() {
    local module=$1 jar feature flags=() archive
    shift
    s4_build_once "$module"
    jar=$(s4_jar "$module")
    feature=$(s4_java_feature "$JAVA_HOME")
    if [ "$module" = s4-shell ]; then
        # C1 only and Serial GC: a client that lives for a fraction of a second; jline and the xxh3 library
        # use native access and sun.misc.Unsafe, which JDK 24+ would otherwise warn about on stderr.
        flags+=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Ds4.stderr.tty="$([ -t 2 ] && echo true || echo false)")
        if [ "$feature" -ge 23 ]; then
            flags+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
        fi
        # the archive's flags must match the recording run's: S4_JAVA_OPTS comes after them and only adds
        if [ "$feature" -ge 19 ] && archive=$(s4_shell_archive "$module" "$jar" "$feature" "${flags[@]}") \
            && [ -n "$archive" ]; then
            if [ "${archive##*.}" = aot ]; then
                flags+=(-XX:AOTCache="$archive" -Xlog:aot=off -Xlog:cds=off)
            else
                flags+=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
            fi
            exec "$JAVA_HOME/bin/java" "${flags[@]}" ${S4_JAVA_OPTS:-} -jar "${archive%.*}.jar" "$@"
        fi
    fi
    # Class-data sharing archive of the app's own classes, made by the first run and reused after
    # (JDK 19+). Measured for the bsv tools in bench/bsv-startup.sh.
    if [ "$feature" -ge 19 ]; then
        flags+=(-XX:SharedArchiveFile="${jar%.jar}.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off)
    fi
    if [ "$module" = bsv-cli ] || [ "$module" = s4-server ]; then
        # bsv tools must keep stderr byte-exact and a node's terminal clean: zero-allocation-hashing uses
        # sun.misc.Unsafe, which JDK 24+ warns about on stderr unless allowed (the flag exists from JDK 23).
        if [ "$feature" -ge 23 ]; then
            flags+=(--sun-misc-unsafe-memory-access=allow)
        fi
    fi
    exec "$JAVA_HOME/bin/java" "${flags[@]}" ${S4_JAVA_OPTS:-} -jar "$jar" "$@"
}
