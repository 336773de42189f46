# Sourced by bin/* and ./mvnw: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME when new enough, else the newest JDK under /usr/lib/jvm, else one clear error.

s4_java_feature() {
    # Prints the feature release (17, 21, 25, ...) of the JDK at $1, or nothing.
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    if [ -f "$1/release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
    else
        "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
    fi
}

s4_find_jdk() {
    local v best="" best_v=0 dir
    if [ -n "${JAVA_HOME:-}" ]; then
        v=$(s4_java_feature "$JAVA_HOME")
        if [ -n "$v" ] && [ "$v" -ge 21 ]; then
            echo "$JAVA_HOME"
            return 0
        fi
    fi
    # ls, not a glob: ./mvnw runs with globbing off (set -f).
    for dir in $(ls /usr/lib/jvm 2>/dev/null); do
        dir=/usr/lib/jvm/$dir
        [ -L "$dir" ] && continue
        v=$(s4_java_feature "$dir")
        if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then
            best="$dir"
            best_v="$v"
        fi
    done
    [ -n "$best" ] && echo "$best"
}

if S4_JDK=$(s4_find_jdk) && [ -n "$S4_JDK" ]; then
    JAVA_HOME="$S4_JDK"
    export JAVA_HOME
else
    echo "error: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing newer under /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, and set JAVA_HOME" >&2
    exit 1
fi
