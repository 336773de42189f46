# Sourced by bin/* and ./mvnw: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME when new enough, else the newest JDK under /usr/lib/jvm, else one clear error.
# POSIX sh (./mvnw is /bin/sh), builtins only (no sed, ls or subshell): every bsv stage and s4 command pays for
# this on each start.

# Sets S4_FEATURE to the feature release (17, 21, 25, ...) of the JDK at $1, or to nothing.
s4_feature_of() {
    S4_FEATURE=
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    local line
    if [ -f "$1/release" ]; then
        while IFS= read -r line; do
            case $line in
                JAVA_VERSION=\"[0-9]*)
                    line=${line#JAVA_VERSION=\"}
                    S4_FEATURE=${line%%[!0-9]*}
                    return 0
                    ;;
            esac
        done <"$1/release"
    else
        line=$("$1/bin/java" -version 2>&1)
        case $line in
            *version\ \"[0-9]*)
                line=${line#*version \"}
                S4_FEATURE=${line%%[!0-9]*}
                ;;
        esac
    fi
    return 0
}

# Prints the feature release of the JDK at $1, or nothing.
s4_java_feature() {
    s4_feature_of "$1"
    [ -z "$S4_FEATURE" ] || echo "$S4_FEATURE"
}

# Sets S4_JDK (and S4_FEATURE) to the JDK to use, or to nothing.
s4_find_jdk() {
    S4_JDK=
    if [ -n "${JAVA_HOME:-}" ]; then
        s4_feature_of "$JAVA_HOME"
        if [ -n "$S4_FEATURE" ] && [ "$S4_FEATURE" -ge 21 ]; then
            S4_JDK=$JAVA_HOME
            return 0
        fi
    fi
    local dir best_v=0 best='' noglob=false
    # ./mvnw runs with globbing off (set -f): switch it on for this one loop.
    case $- in *f*) noglob=true; set +f ;; esac
    for dir in /usr/lib/jvm/*; do
        [ -L "$dir" ] && continue
        s4_feature_of "$dir"
        if [ -n "$S4_FEATURE" ] && [ "$S4_FEATURE" -ge 21 ] && [ "$S4_FEATURE" -gt "$best_v" ]; then
            best=$dir
            best_v=$S4_FEATURE
        fi
    done
    $noglob && set -f
    S4_JDK=$best
    S4_FEATURE=$best_v
    return 0
}

s4_find_jdk
if [ -n "$S4_JDK" ]; then
    JAVA_HOME=$S4_JDK
    export JAVA_HOME
else
    echo "error: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing newer under /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, and set JAVA_HOME" >&2
    exit 1
fi
