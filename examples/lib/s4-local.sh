# Sourced by examples/ and bench/ scripts: a throw-away local s4 cluster driven with curl.
#   s4_cluster_start N DIR    start N nodes (bin/s4-server) on free ports, data under DIR; sets S4_ENDPOINTS, S4_CONF
#   s4_cluster_stop           stop them (also on exit, via the trap set by s4_cluster_start)
#   s4_put KEY FILE|-         upload (any node forwards to the owner)
#   s4_get KEY                object bytes to stdout
#   s4_list BUCKET PREFIX     keys under s4://BUCKET/PREFIX, one per line (all nodes)
#   s4_job KIND INDIR OUTDIR CMD   map | map-to-n | map-from-n through one node; fails unless the last line is "done"
#   s4_eval KEY CMD           the command's stdout
# Needs curl, jq and python3. Set S4_CLUSTER_ARGS for extra server flags (e.g. --max-cpu-jobs 4).

S4_REPO=$(CDPATH= cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
S4_PIDS=()
S4_ENDPOINTS=()

s4_cluster_start() {
    local n=$1 dir=$2 i port ports
    mkdir -p "$dir"
    ports=$(python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()' "$n")
    S4_CONF=$dir/s4.conf
    : > "$S4_CONF"
    for port in $ports; do echo "127.0.0.1:$port" >> "$S4_CONF"; done
    i=0
    for port in $ports; do
        mkdir -p "$dir/node$i"
        # shellcheck disable=SC2086
        (cd "$dir/node$i" && exec "$S4_REPO/bin/s4-server" --port "$port" --conf "$S4_CONF" \
            --data-dir "$dir/node$i/s4_data" ${S4_CLUSTER_ARGS:-} > "$dir/node$i/server.log" 2>&1) &
        S4_PIDS+=($!)
        S4_ENDPOINTS+=("http://127.0.0.1:$port")
        i=$((i + 1))
    done
    trap s4_cluster_stop EXIT
    for endpoint in "${S4_ENDPOINTS[@]}"; do
        for _ in $(seq 1 600); do
            curl -sf "$endpoint/_s4/actuator/health/readiness" > /dev/null 2>&1 && break
            sleep 0.1
        done
        curl -sf "$endpoint/_s4/actuator/health/readiness" > /dev/null || {
            echo "error: node $endpoint did not start; see $dir/node*/server.log" >&2
            return 1
        }
    done
}

s4_cluster_stop() {
    local pid
    for pid in "${S4_PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
    for pid in "${S4_PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
    S4_PIDS=()
}

s4_path() {
    # s4://bucket/a/b -> /bucket/a/b, percent-encoded
    python3 -c 'import sys, urllib.parse; print("/" + urllib.parse.quote(sys.argv[1][len("s4://"):], safe="/-._~"))' "$1"
}

s4_put() {
    local key=$1 src=$2
    curl -sf -X PUT --data-binary "@$src" "${S4_ENDPOINTS[0]}$(s4_path "$key")" > /dev/null || {
        echo "error: put $key failed" >&2
        return 1
    }
}

s4_get() {
    curl -sf "${S4_ENDPOINTS[0]}$(s4_path "$1")"
}

s4_list() {
    local bucket=$1 prefix=$2 token="" page
    while :; do
        page=$(curl -sf -G "${S4_ENDPOINTS[0]}/$bucket" --data-urlencode "list-type=2" \
            --data-urlencode "prefix=$prefix" ${token:+--data-urlencode "continuation-token=$token"}) || return 0
        grep -o '<Key>[^<]*</Key>' <<< "$page" | sed 's/<Key>\(.*\)<\/Key>/\1/'
        token=$(grep -o '<NextContinuationToken>[^<]*' <<< "$page" | sed 's/<NextContinuationToken>//' || true)
        [ -n "$token" ] || break
    done
}

s4_job() {
    local kind=$1 indir=$2 outdir=$3 cmd=$4 body last
    body=$(jq -cn --arg i "$indir" --arg o "$outdir" --arg c "$cmd" '{indir:$i, outdir:$o, cmd:$c}')
    last=$(curl -sN -X POST -H 'Content-Type: application/json' --data-binary "$body" \
        "${S4_ENDPOINTS[0]}/_s4/$kind" | tail -n 1)
    if [ "$(jq -r .type <<< "$last" 2> /dev/null)" != done ]; then
        echo "error: $kind $indir -> $outdir failed: $last" >&2
        return 1
    fi
    echo "$last"
}

s4_eval() {
    local body
    body=$(jq -cn --arg k "$1" --arg c "$2" '{key:$k, cmd:$c}')
    curl -sf -X POST -H 'Content-Type: application/json' --data-binary "$body" "${S4_ENDPOINTS[0]}/_s4/eval"
}
