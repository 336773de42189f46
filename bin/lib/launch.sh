# Sourced by the bin/ launchers. Usage: s4_launch MODULE MAIN_ARGS...
# Finds a JDK >= 21 and MODULE/target/MODULE.jar, builds the jar once when it is missing,
# and runs it with start-up flags chosen in bench/startup.sh.

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
        if ! (cd "$S4_HOME" && ./mvnw -q -B -DskipTests -pl "$module" -am package >"$S4_HOME/$module/target/build.log" 2>&1); then
            echo "error: building $module failed (log: $module/target/build.log); run: cd $S4_HOME && ./mvnw -DskipTests -pl $module -am package" >&2
            exit 1
        fi
    fi
    flock -u 9
    exec 9>&-
}

# s4-shell: the jar extracted to a plain class path (target/cds/) plus a class-data-sharing archive recorded once by a
# training run (S4ShellApplication --cds-training) that walks every one-shot command, so a command starts in well
# under 300 ms (bench/cli.sh). A JDK 25 AOT cache (-XX:AOTCache) measured slower here: with AOT class linking it loads
# every archived class at start-up, which costs more than it saves when the CPU is contended. Prints the jar to run,
# or nothing when the archive cannot be made (then the fat jar runs as before).
s4_shell_cds() {
    local module=$1 jar=$2 dir app archive
    shift 2
    dir="$S4_HOME/$module/target/cds"
    app="$dir/$module.jar"
    archive="$dir/$module.jsa"
    if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; then
        exec 8>"$S4_HOME/$module/target/.cds.lock"
        flock 8
        if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; then
            rm -rf "$dir"
            if ! "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null 2>&1 \
                || ! "$JAVA_HOME/bin/java" "$@" -XX:ArchiveClassesAtExit="$archive" -jar "$app" --cds-training \
                    >"$S4_HOME/$module/target/cds-training.log" 2>&1; then
                rm -f "$archive"
            fi
        fi
        flock -u 8
        exec 8>&-
    fi
    [ -f "$archive" ] && [ -f "$app" ] && echo "$app"
}

s4_launch() {
    local module=$1 jar feature flags=() app
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
        if [ "$feature" -ge 19 ] && app=$(s4_shell_cds "$module" "$jar" "${flags[@]}") && [ -n "$app" ]; then
            exec "$JAVA_HOME/bin/java" "${flags[@]}" -XX:SharedArchiveFile="${app%.jar}.jsa" -Xlog:cds=off \
                -Xlog:cds+dynamic=off ${S4_JAVA_OPTS:-} -jar "$app" "$@"
        fi
    fi
    # Class-data sharing archive of the app's own classes, made by the first run and reused after
    # (JDK 19+). Measured in bench/startup.sh.
    if [ "$feature" -ge 19 ]; then
        flags+=(-XX:SharedArchiveFile="${jar%.jar}.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off)
    fi
    exec "$JAVA_HOME/bin/java" "${flags[@]}" ${S4_JAVA_OPTS:-} -jar "$jar" "$@"
}
