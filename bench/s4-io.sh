#!/usr/bin/env bash
# s4 I/O benchmark: one node, large PUT/GET through curl and the aws CLI against a raw loopback copy and dd on
# the same disk, and 4 KiB PUT/GET ops/s over 16 keep-alive connections against a trivial file server.
# Every figure is the median of RUNS runs; ratios are against baselines measured in the same run.
#
# usage: bench/s4-io.sh [SIZE_MIB]      (default 1024; env: RUNS=3 SMALL_SECONDS=5 CONNECTIONS=16 BENCH_DIR,
#                                       CLIENT_ONLY=1: only the s4 client against curl,
#                                       SIGNED_ONLY=1: only signed against unsigned)
set -euo pipefail
cd "$(dirname -- "$0")/.."
. bin/lib/jdk.sh

SIZE_MIB=${1:-1024}
RUNS=${RUNS:-3}
SMALL_SECONDS=${SMALL_SECONDS:-5}
CONNECTIONS=${CONNECTIONS:-16}
SMALL_KEYS=1000
JAR=${S4_JAR:-s4-server/target/s4-server.jar}
JAVA="$JAVA_HOME/bin/java"

[ -f "$JAR" ] || ./mvnw -q -B -DskipTests -pl s4-server -am package
[ -f s4-shell/target/s4-shell.jar ] || ./mvnw -q -B -DskipTests -pl s4-shell -am package
CORE_JAR=$(ls s4-core/target/s4-core-*.jar 2>/dev/null | grep -v sources | head -1)
[ -n "$CORE_JAR" ] || ./mvnw -q -B -DskipTests -pl s4-core -am package
CORE_JAR=$(ls s4-core/target/s4-core-*.jar | grep -v sources | head -1)
BENCH=(-cp "$CORE_JAR" bench/S4Bench.java)
. bench/lib/workdir.sh
bench_workdir s4-io
# seconds CMD...: wall time of one run of CMD. The dirty pages of the runs before are written back first
# (untimed): otherwise whatever runs after a few GiB of writes pays for them, and the rows depend on their order.
seconds() { local s e; sync; s=$(now); "$@" >/dev/null 2>"$WORK/last.err" || { cat "$WORK/last.err" >&2; return 1; }; e=$(now); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
mibs() { echo "scale=1; $SIZE_MIB / $1" | bc -l; }
ratio() { echo "scale=2; $1 / $2" | bc -l; }

export AWS_ACCESS_KEY_ID=s4 AWS_SECRET_ACCESS_KEY=s4 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE="$WORK/no-aws-config" AWS_SHARED_CREDENTIALS_FILE="$WORK/no-aws-credentials"

PORT=$(free_port)
echo "127.0.0.1:$PORT" > "$WORK/s4.conf"
bench_node "$WORK/server.log" 1g --port "$PORT" --conf "$WORK/s4.conf" --data-dir "$WORK/data"
URL="http://127.0.0.1:$PORT"
bench_ready "$PORT" "$WORK/server.log"
curl -sf -X PUT -o /dev/null "$URL/bench"

BASE_PORT=$(free_port)
mkdir -p "$WORK/static"
"$JAVA" "${BENCH[@]}" serve "$WORK/static" "$BASE_PORT" >"$WORK/static.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 $((${BENCH_START_TIMEOUT:-120} * 10))); do curl -s -o /dev/null "http://127.0.0.1:$BASE_PORT/" && break; sleep 0.1; done

echo "machine: $(nproc) cores, $(uname -r), $("$JAVA" -version 2>&1 | head -1)"
echo "size: $SIZE_MIB MiB, runs: $RUNS (median), data dir: $WORK (same disk for dd)"
head -c $((SIZE_MIB << 20)) /dev/urandom > "$WORK/src.bin"

m() { printf '%s\n' "$@" | median; }
if [ -z "${SIGNED_ONLY:-}" ]; then
if [ -z "${CLIENT_ONLY:-}" ]; then
declare -a DD_W DD_R RAW CURL_PUT CURL_GET AWS_PUT AWS_GET
for r in $(seq 1 "$RUNS"); do
    rm -f "$WORK/dd.bin"
    DD_W+=("$(seconds dd if="$WORK/src.bin" of="$WORK/dd.bin" bs=1M)")
    DD_R+=("$(seconds dd if="$WORK/dd.bin" of=/dev/null bs=1M)")
    RAW+=("$(python3 - "$WORK/src.bin" <<'PY'
import socket, sys, threading, time
# Raw loopback copy: the file sent with sendfile(2), received into one reused buffer and dropped.
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(1)
def sink():
    conn, _ = server.accept(); buf = bytearray(1 << 20); view = memoryview(buf)
    while conn.recv_into(view): pass
    conn.close()
t = threading.Thread(target=sink); t.start()
start = time.perf_counter()
with socket.create_connection(server.getsockname()) as c, open(sys.argv[1], "rb") as f:
    c.sendfile(f)
t.join()
print("%.3f" % (time.perf_counter() - start))
PY
)")
    CURL_PUT+=("$(seconds curl -sf -T "$WORK/src.bin" -o /dev/null "$URL/bench/curl-$r")")
    CURL_GET+=("$(seconds curl -sf -o /dev/null "$URL/bench/curl-$r")")
    if command -v aws >/dev/null; then
        AWS_PUT+=("$(seconds aws --endpoint-url "$URL" s3 cp --only-show-errors "$WORK/src.bin" "s3://bench/aws-$r")")
        AWS_GET+=("$(seconds sh -c "aws --endpoint-url '$URL' s3 cp --only-show-errors s3://bench/aws-$r - > /dev/null")")
    fi
    # one key at a time (DELETE of a bucket with ?prefix is not S3: it deleted nothing, and the node filled up)
    curl -sf -X DELETE -o /dev/null "$URL/bench/curl-$r"
    curl -sf -X DELETE -o /dev/null "$URL/bench/aws-$r"
done

dd_w=$(m "${DD_W[@]}"); dd_r=$(m "${DD_R[@]}"); raw=$(m "${RAW[@]}")
curl_put=$(m "${CURL_PUT[@]}"); curl_get=$(m "${CURL_GET[@]}")
echo
printf '%-34s %12s %12s  %s\n' "large objects ($SIZE_MIB MiB)" "MiB/s" "baseline" "ratio"
printf '%-34s %12s\n' "dd write (same disk)" "$(mibs "$dd_w")"
printf '%-34s %12s\n' "dd read (same disk)" "$(mibs "$dd_r")"
printf '%-34s %12s\n' "raw loopback copy (sendfile→recv)" "$(mibs "$raw")"
printf '%-34s %12s %12s  %s\n' "PUT curl" "$(mibs "$curl_put")" "dd write" "$(ratio "$dd_w" "$curl_put")"
printf '%-34s %12s %12s  %s\n' "GET curl" "$(mibs "$curl_get")" "loopback" "$(ratio "$raw" "$curl_get")"
if [ ${#AWS_PUT[@]} -gt 0 ]; then
    aws_put=$(m "${AWS_PUT[@]}"); aws_get=$(m "${AWS_GET[@]}")
    printf '%-34s %12s %12s  %s\n' "PUT aws cli (multipart)" "$(mibs "$aws_put")" "dd write" "$(ratio "$dd_w" "$aws_put")"
    printf '%-34s %12s %12s  %s\n' "GET aws cli (to stdout)" "$(mibs "$aws_get")" "loopback" "$(ratio "$raw" "$aws_get")"
else
    echo "aws CLI not installed: aws rows skipped"
fi
fi

# The s4 client against curl on the same node, in the same runs: download to stdout and to a file, upload from a file,
# from stdin redirected from the file and from a pipe (against `cat file | curl -T -`), each checksum-verified by the
# client. Ratio = curl time / s4 time (1.00: as fast as curl). Each s4 run includes the client JVM's start, measured
# alone as a one-shot `s4 ls`.
echo "127.0.0.1:$PORT" > "$WORK/client.conf"
export S4_CONF_PATH="$WORK/client.conf"
declare -a C_GET C_GETF C_PUT C_PUTP S_GET S_GETF S_PUT S_PUTI S_PUTP S_LS
c_get() { curl -sf -o /dev/null "$URL/bench/client-$r"; }
s_get() { bin/s4 cp "s4://bench/client-$r" - >/dev/null; }
c_getf() { curl -sf -o "$WORK/curl.out" "$URL/bench/client-$r"; }
s_getf() { bin/s4 cp "s4://bench/client-$r" "$WORK/s4.out"; }
c_put() { curl -sf -T "$WORK/src.bin" -o /dev/null "$URL/bench/curlput-$r"; }
s_put() { bin/s4 cp "$WORK/src.bin" "s4://bench/s4put-$r"; }
s_puti() { bin/s4 cp - "s4://bench/s4in-$r" <"$WORK/src.bin"; }
c_putp() { cat "$WORK/src.bin" | curl -sf -T - -o /dev/null "$URL/bench/curlpipe-$r"; }
s_putp() { cat "$WORK/src.bin" | bin/s4 cp - "s4://bench/s4pipe-$r"; }
# pair CURL_TIMES S4_TIMES CURL_FN S4_FN: times both, curl first in odd runs and s4 first in even ones
pair() {
    local -n curl_times=$1 s4_times=$2
    if ((r % 2)); then curl_times+=("$(seconds "$3")"); s4_times+=("$(seconds "$4")")
    else s4_times+=("$(seconds "$4")"); curl_times+=("$(seconds "$3")"); fi
}
# stored KEY: checks the stored object against the source, then deletes it, so the node holds one copy at a time
stored() {
    curl -sf "$URL/bench/$1" | cmp -s - "$WORK/src.bin" || { echo "upload $1 differs from the source" >&2; exit 1; }
    curl -sf -X DELETE -o /dev/null "$URL/bench/$1"
}
for r in $(seq 1 "$RUNS"); do
    curl -sf -T "$WORK/src.bin" -o /dev/null "$URL/bench/client-$r"
    pair C_GET S_GET c_get s_get
    pair C_GETF S_GETF c_getf s_getf
    cmp -s "$WORK/src.bin" "$WORK/s4.out" || { echo "s4 download differs from the source" >&2; exit 1; }
    rm -f "$WORK/curl.out" "$WORK/s4.out"
    S_LS+=("$(seconds bin/s4 ls "s4://bench/client-$r")")
    curl -sf -X DELETE -o /dev/null "$URL/bench/client-$r"
    pair C_PUT S_PUT c_put s_put
    stored "curlput-$r"; stored "s4put-$r"
    S_PUTI+=("$(seconds s_puti)")
    stored "s4in-$r"
    pair C_PUTP S_PUTP c_putp s_putp
    stored "curlpipe-$r"; stored "s4pipe-$r"
done
unset S4_CONF_PATH
c_get=$(m "${C_GET[@]}"); c_getf=$(m "${C_GETF[@]}"); c_put=$(m "${C_PUT[@]}"); c_putp=$(m "${C_PUTP[@]}")
s_get=$(m "${S_GET[@]}"); s_getf=$(m "${S_GETF[@]}"); s_put=$(m "${S_PUT[@]}"); s_puti=$(m "${S_PUTI[@]}")
s_putp=$(m "${S_PUTP[@]}"); s_ls=$(m "${S_LS[@]}")
echo
printf '%-34s %12s %12s  %s\n' "s4 client ($SIZE_MIB MiB, bin/s4)" "MiB/s" "curl MiB/s" "ratio"
printf '%-34s %12s %12s  %s\n' "GET to stdout (/dev/null)" "$(mibs "$s_get")" "$(mibs "$c_get")" "$(ratio "$c_get" "$s_get")"
printf '%-34s %12s %12s  %s\n' "GET to a file" "$(mibs "$s_getf")" "$(mibs "$c_getf")" "$(ratio "$c_getf" "$s_getf")"
printf '%-34s %12s %12s  %s\n' "PUT from a file" "$(mibs "$s_put")" "$(mibs "$c_put")" "$(ratio "$c_put" "$s_put")"
printf '%-34s %12s %12s  %s\n' "PUT from stdin (< file)" "$(mibs "$s_puti")" "$(mibs "$c_put")" "$(ratio "$c_put" "$s_puti")"
printf '%-34s %12s %12s  %s\n' "PUT from a pipe (cat file |)" "$(mibs "$s_putp")" "$(mibs "$c_putp")" "$(ratio "$c_putp" "$s_putp")"
printf '%-34s %12s\n' "client JVM start (s4 ls, seconds)" "$s_ls"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$WORK/src.bin" "$WORK/dd.bin"
[ -n "${CLIENT_ONLY:-}" ] && exit 0

head -c 4096 /dev/urandom > "$WORK/4k.bin"
seq 0 $((SMALL_KEYS - 1)) | xargs -P 16 -I{} curl -sf -o /dev/null -T "$WORK/4k.bin" "$URL/bench/small/{}"
seq 0 $((SMALL_KEYS - 1)) | xargs -P 16 -I{} curl -sf -o /dev/null -T "$WORK/4k.bin" "http://127.0.0.1:$BASE_PORT/bench/small/{}"
S_GET=(); S_PUT=(); B_GET=(); B_PUT=()  # S_GET and S_PUT also name the client rows above
for r in $(seq 1 "$RUNS"); do
    S_GET+=("$("$JAVA" "${BENCH[@]}" load 127.0.0.1 "$PORT" /bench/small/ get "$CONNECTIONS" "$SMALL_SECONDS" $SMALL_KEYS)")
    B_GET+=("$("$JAVA" "${BENCH[@]}" load 127.0.0.1 "$BASE_PORT" /bench/small/ get "$CONNECTIONS" "$SMALL_SECONDS" $SMALL_KEYS)")
    S_PUT+=("$("$JAVA" "${BENCH[@]}" load 127.0.0.1 "$PORT" /bench/put$r/ put "$CONNECTIONS" "$SMALL_SECONDS")")
    B_PUT+=("$("$JAVA" "${BENCH[@]}" load 127.0.0.1 "$BASE_PORT" /bench/put$r/ put "$CONNECTIONS" "$SMALL_SECONDS")")
done
s_get=$(m "${S_GET[@]}"); b_get=$(m "${B_GET[@]}"); s_put=$(m "${S_PUT[@]}"); b_put=$(m "${B_PUT[@]}")
echo
printf '%-34s %12s %12s  %s\n' "4 KiB objects, $CONNECTIONS connections" "ops/s" "file server" "ratio"
printf '%-34s %12s %12s  %s\n' "GET" "$s_get" "$b_get" "$(ratio "$s_get" "$b_get")"
printf '%-34s %12s %12s  %s\n' "PUT (new key each)" "$s_put" "$b_put" "$(ratio "$s_put" "$b_put")"

fi # SIGNED_ONLY

# Signed against unsigned, side by side: two nodes started together for this section, one without keys and one
# with a keys file, warmed alike and driven with the same tools, signing (curl --aws-sigv4 for large objects,
# S4Bench with S4_BENCH_ACCESS_KEY for 4 KiB GETs). The first node is not used here: it has served every row above,
# so its JIT is warmer than a new node's and its disk fuller.
KEYS_PORT=$(free_port)
PLAIN_PORT=$(free_port)
echo "127.0.0.1:$KEYS_PORT" > "$WORK/s4-keys.conf"
echo "127.0.0.1:$PLAIN_PORT" > "$WORK/s4-plain.conf"
printf 'bench benchsecret write\n' > "$WORK/keys"
bench_node "$WORK/server-keys.log" 1g --port "$KEYS_PORT" --conf "$WORK/s4-keys.conf" --data-dir "$WORK/data-keys" \
    --keys-file "$WORK/keys"
bench_node "$WORK/server-plain.log" 1g --port "$PLAIN_PORT" --conf "$WORK/s4-plain.conf" --data-dir "$WORK/data-plain"
KURL="http://127.0.0.1:$KEYS_PORT"
PURL="http://127.0.0.1:$PLAIN_PORT"
SIGN=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "bench:benchsecret" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
bench_ready "$KEYS_PORT" "$WORK/server-keys.log"
bench_ready "$PLAIN_PORT" "$WORK/server-plain.log"
curl -sf -X PUT -o /dev/null "${SIGN[@]}" "$KURL/bench"
curl -sf -X PUT -o /dev/null "$PURL/bench"
head -c $((SIZE_MIB << 20)) /dev/urandom > "$WORK/src.bin"
declare -a U_PUT U_GET G_PUT G_GET
# one untimed round on each node first: both have just started
curl -sf -T "$WORK/src.bin" -o /dev/null "$PURL/bench/u-warm" && curl -sf -o /dev/null "$PURL/bench/u-warm"
curl -sf -T "$WORK/src.bin" -o /dev/null "${SIGN[@]}" "$KURL/bench/s-warm" && curl -sf -o /dev/null "${SIGN[@]}" "$KURL/bench/s-warm"
curl -sf -X DELETE -o /dev/null "$PURL/bench/u-warm"
curl -sf -X DELETE -o /dev/null "${SIGN[@]}" "$KURL/bench/s-warm"
for r in $(seq 1 "$RUNS"); do
    u_put() { curl -sf -T "$WORK/src.bin" -o /dev/null "$PURL/bench/u-$r"; }
    g_put() { curl -sf -T "$WORK/src.bin" -o /dev/null "${SIGN[@]}" "$KURL/bench/s-$r"; }
    # alternating order: a large write right after another pays for part of its writeback
    if ((r % 2)); then U_PUT+=("$(seconds u_put)"); G_PUT+=("$(seconds g_put)")
    else G_PUT+=("$(seconds g_put)"); U_PUT+=("$(seconds u_put)"); fi
    U_GET+=("$(seconds curl -sf -o /dev/null "$PURL/bench/u-$r")")
    G_GET+=("$(seconds curl -sf -o /dev/null "${SIGN[@]}" "$KURL/bench/s-$r")")
    curl -sf -X DELETE -o /dev/null "$PURL/bench/u-$r"
    curl -sf -X DELETE -o /dev/null "${SIGN[@]}" "$KURL/bench/s-$r"
done
rm -f "$WORK/src.bin"
[ -f "$WORK/4k.bin" ] || head -c 4096 /dev/urandom > "$WORK/4k.bin"
seq 0 $((SMALL_KEYS - 1)) | xargs -P 16 -I{} curl -sf -o /dev/null -T "$WORK/4k.bin" "${SIGN[@]}" "$KURL/bench/small/{}"
seq 0 $((SMALL_KEYS - 1)) | xargs -P 16 -I{} curl -sf -o /dev/null -T "$WORK/4k.bin" "$PURL/bench/small/{}"
declare -a SG_GET UG_GET PG_GET
for r in $(seq 1 "$RUNS"); do
    PG_GET+=("$(S4_BENCH_PRESIGN=1 S4_BENCH_ACCESS_KEY=bench S4_BENCH_SECRET=benchsecret "$JAVA" "${BENCH[@]}" load \
        127.0.0.1 "$KEYS_PORT" /bench/small/ get "$CONNECTIONS" "$SMALL_SECONDS" $SMALL_KEYS)")
    UG_GET+=("$("$JAVA" "${BENCH[@]}" load 127.0.0.1 "$PLAIN_PORT" /bench/small/ get "$CONNECTIONS" "$SMALL_SECONDS" \
        $SMALL_KEYS)")
    SG_GET+=("$(S4_BENCH_ACCESS_KEY=bench S4_BENCH_SECRET=benchsecret "$JAVA" "${BENCH[@]}" load 127.0.0.1 "$KEYS_PORT" \
        /bench/small/ get "$CONNECTIONS" "$SMALL_SECONDS" $SMALL_KEYS)")
done
u_put=$(m "${U_PUT[@]}"); g_put=$(m "${G_PUT[@]}"); u_get=$(m "${U_GET[@]}"); g_get=$(m "${G_GET[@]}")
ug=$(m "${UG_GET[@]}"); sg=$(m "${SG_GET[@]}"); pg=$(m "${PG_GET[@]}")
echo
printf '%-34s %12s %12s  %s\n' "signed (SigV4) vs unsigned" "signed" "unsigned" "ratio"
printf '%-34s %12s %12s  %s\n' "PUT $SIZE_MIB MiB curl, MiB/s" "$(mibs "$g_put")" "$(mibs "$u_put")" "$(ratio "$u_put" "$g_put")"
printf '%-34s %12s %12s  %s\n' "GET $SIZE_MIB MiB curl, MiB/s" "$(mibs "$g_get")" "$(mibs "$u_get")" "$(ratio "$u_get" "$g_get")"
printf '%-34s %12s %12s  %s\n' "GET 4 KiB, ops/s" "$sg" "$ug" "$(ratio "$sg" "$ug")"
# the bench client signs on the node's two cores; signed once per key, the row is the node's verify cost alone
printf '%-34s %12s %12s  %s\n' "GET 4 KiB presigned, ops/s" "$pg" "$ug" "$(ratio "$pg" "$ug")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
