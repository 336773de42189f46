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

s4_launch() {
    local module=$1 jar base feature flags=() training=""
    shift
    s4_build_once "$module"
    jar=$(s4_jar "$module")
    base=${jar%.jar}
    feature=$(s4_java_feature "$JAVA_HOME")
    # How the JVM starts; the default is what bench/startup.sh measured fastest. S4_STARTUP=plain|cds|aot.
    case "${S4_STARTUP:-$(s4_default_startup "$feature")}" in
        aot)
            # JDK 25+: an AOT cache of loaded and linked classes, trained by the first run; written to a
            # private name and renamed, so concurrent first runs in a pipeline never see a partial file.
            if [ -f "$base.aot" ]; then
                flags+=(-XX:AOTCache="$base.aot" -Xlog:aot=off -Xlog:cds=off)
            else
                training="$base.aot.$$"
                flags+=(-XX:AOTCacheOutput="$training" -Xlog:aot=off -Xlog:cds=off)
            fi
            ;;
        cds)
            # JDK 19+: a dynamic class-data-sharing archive of the app's classes, made by the first run.
            flags+=(-XX:SharedArchiveFile="$base.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off)
            ;;
    esac
    if [ -z "$training" ]; then
        exec "$JAVA_HOME/bin/java" "${flags[@]}" ${S4_JAVA_OPTS:-} -jar "$jar" "$@"
    fi
    local status=0
    "$JAVA_HOME/bin/java" "${flags[@]}" ${S4_JAVA_OPTS:-} -jar "$jar" "$@" || status=$?
    mv -f "$training" "$base.aot" 2>/dev/null
    return $status
}

s4_default_startup() {
    if [ "$1" -ge 19 ]; then echo cds; else echo plain; fi
}
