# Sourced by the bin/ launchers. Usage: s4_launch MODULE MAIN_ARGS...
# Finds a JDK >= 21 and MODULE/target/MODULE.jar, builds the jar once when it is missing, and runs it with the
# start-up flags and the ahead-of-time cache measured in bench/ (bench/README.md, "Start-up").
# The path from here to the JVM forks nothing but the JVM itself: each bsv stage and s4 command pays for it.

s4_home_of() {
    # Sets S4_HOME to the repo holding bin/lib/launch.sh ($1), canonical when $1 is.
    local bin=${1%/lib/launch.sh}
    [ "$bin" = "$1" ] && bin=.
    [[ $bin == /* ]] || bin=$PWD/$bin
    if [[ $bin == */bin && $bin != *//* && $bin != */./* && $bin != */../* ]]; then
        S4_HOME=${bin%/bin}
    else
        S4_HOME=$(CDPATH= cd -P -- "$bin/.." && pwd)
    fi
}
s4_home_of "${BASH_SOURCE[0]}"
. "$S4_HOME/bin/lib/jdk.sh"
. "$S4_HOME/bin/lib/aot.sh"

s4_jar() {
    echo "$S4_HOME/$1/target/$1.jar"
}

# How long a first build of each module usually takes on 2 cores (printed before it starts).
s4_build_estimate() {
    case $1 in
        bsv-cli) echo "about 1-2 minutes" ;;
        *) echo "about 2-4 minutes" ;;
    esac
}

s4_build_once() {
    local module=$1 jar=$S4_HOME/$1/target/$1.jar
    [ -f "$jar" ] && return 0
    mkdir -p "$S4_HOME/$module/target"
    # One build even when a pipeline starts many launchers at once.
    exec 9>"$S4_HOME/$module/target/.build.lock"
    flock 9
    if [ ! -f "$jar" ]; then
        echo "building $module once, $(s4_build_estimate "$module") (log: $module/target/build.log; ./mvnw -B -DskipTests package builds everything up front)..." >&2
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

# Sets S4_CMD to the java command line of MODULE, without the main arguments: the JVM flags of s4_jvm_flags, the
# module's AOT cache and its class path when the cache is current (bin/lib/aot.sh), then S4_JAVA_OPTS, and for
# the node S4_SERVER_JAVA_OPTS (flags for the node alone: the commands of map jobs inherit S4_JAVA_OPTS).
s4_java_command() {
    local module=$1 jar=$S4_HOME/$1/target/$1.jar
    s4_jvm_flags "$module" "$S4_FEATURE"
    S4_CMD=("$JAVA_HOME/bin/java" "${S4_JVM_FLAGS[@]}")
    if s4_aot_current "$module" "$jar"; then
        S4_CMD+=(-XX:AOTCache="$S4_AOT_CACHE" -Xlog:aot*=off -Xlog:cds*=off)
        jar=$S4_AOT_APP
    else
        s4_aot_rebuild_later "$module" "$jar"
    fi
    S4_CMD+=(${S4_JAVA_OPTS:-})
    [ "$module" = s4-server ] && S4_CMD+=(${S4_SERVER_JAVA_OPTS:-})
    S4_CMD+=(-jar "$jar")
}

s4_launch() {
    local module=$1
    shift
    s4_build_once "$module"
    s4_java_command "$module"
    if [ "$module" = s4-shell ]; then
        local tty=false
        [ -t 2 ] && tty=true
        S4_CMD=("${S4_CMD[0]}" -Ds4.stderr.tty=$tty "${S4_CMD[@]:1}")
    fi
    exec "${S4_CMD[@]}" "$@"
}
