#!/usr/bin/env bash
# S3 throughput: GET and PUT of 4 KiB objects over 32 keep-alive connections with wrk, against Gureum
# and, as the ceiling, nginx serving (GET) and accepting (WebDAV PUT) the same files from disk.
#
# Two parts, in one run:
#  1. The first seconds: FIRST_RUNS times, a fresh Gureum is started, given its 1,000 objects (one curl
#     process uploading them in turn), and measured with GETs for FIRST seconds at once, without warm-up;
#     nginx is measured right after it, for the ratio.
#  2. Warmed up: one Gureum, given its objects and GUREUM_BENCH_WARMUP seconds of GETs and of PUTs, then
#     RUNS rounds of nginx GET, Gureum GET, nginx PUT, Gureum PUT, in turn.
# For each: min / median / max of the rate over the runs, the server's CPU time per request (nginx's:
# master and workers), and the ratio of each Gureum run to the nginx run of the same round. On a busy
# machine the rates say more about the scheduler than about the servers (a JVM has more threads to be
# given time than nginx's workers); the CPU time per request depends much less on the load.
#
# Gureum is started with the README's command (emulator-server/target/gureum, else java -jar of the jar);
# GUREUM="command" starts something else, BEFORE="command" adds another contender measured in the same
# rounds (another build: BEFORE="java -jar /path/to/other/gureum.jar"). The port option is appended.
# Gureum keeps its state in a data directory (--data-dir), as a user who keeps state would run it;
# --in-memory runs it without one.
#
# Needs: wrk, nginx (Debian: apt-get install wrk nginx-core), curl, and a built emulator-server/target/gureum.jar.
# Usage: docs/bench/s3-throughput.sh [seconds per run, default 10] [--in-memory]
# Environment: RUNS (default 5), FIRST (seconds, default 5; 0 leaves the first part out), FIRST_RUNS
#   (default 3), GUREUM_BENCH_WARMUP (seconds, default 10), GUREUM, BEFORE, GUREUM_BENCH_PORT (4650 up).
set -euo pipefail

DURATION="${1:-10}"
DATA_DIR_MODE="${2:-}"
RUNS="${RUNS:-5}"
FIRST="${FIRST:-5}"
FIRST_RUNS="${FIRST_RUNS:-3}"
CONNECTIONS=32
# seconds of load before the warmed-up part, so that the JIT has compiled the request path
WARMUP="${GUREUM_BENCH_WARMUP:-10}"
THREADS=2
OBJECTS=1000
PORT="${GUREUM_BENCH_PORT:-4650}"
NGINX_PORT=$((PORT + 1))
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/emulator-server/target/gureum.jar"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$WORK"' EXIT
# shellcheck source=wrk-rounds.sh
. "$(dirname "$0")/wrk-rounds.sh"
# shellcheck source=nginx-files.sh
. "$(dirname "$0")/nginx-files.sh"

[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing (apt-get install nginx-core)" >&2; exit 1; }

if [ -n "${GUREUM:-}" ]; then GUREUM_COMMAND=$GUREUM
elif [ -x "$ROOT/emulator-server/target/gureum" ]; then GUREUM_COMMAND="$ROOT/emulator-server/target/gureum"
else GUREUM_COMMAND="java -jar $JAR"; fi
NAMES=(gureum) COMMANDS=("$GUREUM_COMMAND")
[ -n "${BEFORE:-}" ] && NAMES+=(before) COMMANDS+=("$BEFORE")

mkdir -p "$WORK/www/bench"
head -c 4096 /dev/urandom > "$WORK/object.bin"
for i in $(seq 0 $((OBJECTS - 1))); do cp "$WORK/object.bin" "$WORK/www/bench/obj-$i"; done
start_nginx "$NGINX_PORT"

cat > "$WORK/get.lua" <<LUA
request = function()
  return wrk.format("GET", "/bench/obj-" .. math.random(0, $((OBJECTS - 1))))
end
LUA
put_script "$WORK/put.lua" "$WORK/object.bin"

# start INDEX PORT DATA: starts contender INDEX on PORT (with DATA as its data directory) and gives it the
# bucket and its objects; sets SERVER to its process id
start() {
  local data_args=(--data-dir "$3") n
  [ "$DATA_DIR_MODE" = "--in-memory" ] && data_args=()
  # shellcheck disable=SC2086
  ${COMMANDS[$1]} --port "$2" "${data_args[@]}" --log-level warn > "$WORK/${NAMES[$1]}.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  wait_healthy "$2"
  curl -sf -X PUT "http://127.0.0.1:$2/bench" > /dev/null
  for n in $(seq 0 $((OBJECTS - 1))); do
    printf 'url = "http://127.0.0.1:%s/bench/obj-%s"\nupload-file = "%s"\noutput = /dev/null\nheader = "Expect:"\n' "$2" "$n" "$WORK/object.bin"
  done > "$WORK/upload.curl"
  curl -sf -K "$WORK/upload.curl"
}

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

echo "4 KiB objects, $CONNECTIONS connections, $THREADS wrk threads, $(nproc) cores, Gureum ${DATA_DIR_MODE:-with a data directory}"
for i in "${!NAMES[@]}"; do echo "  ${NAMES[$i]}: ${COMMANDS[$i]}"; done

if [ "$FIRST" != 0 ]; then
  load "first seconds, before"
  echo "GET in the first ${FIRST}s of a fresh server, $FIRST_RUNS rounds:"
  for round in $(seq 1 "$FIRST_RUNS"); do
    for i in "${!NAMES[@]}"; do
      start "$i" "$PORT" "$WORK/data-first-$round-$i"
      measure "${NAMES[$i]}-GET-first" "$PORT" "$WORK/get.lua" "$FIRST" "$SERVER"
      stop "$SERVER"
    done
    measure nginx-GET-first "$NGINX_PORT" "$WORK/get.lua" "$FIRST" "$(nginx_pids "$WORK/nginx.pid")"
    for name in "${NAMES[@]}"; do ratio "$name-GET-first" nginx-GET-first; done
  done
  load "first seconds, after"
fi

SERVERS=()
for i in "${!NAMES[@]}"; do
  start "$i" $((PORT + 2 + i)) "$WORK/data-$i"
  SERVERS+=("$SERVER")
  # a warm-up lets the JIT compile the request path, as it would in a long-running server
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/get.lua" "http://127.0.0.1:$((PORT + 2 + i))" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/put.lua" "http://127.0.0.1:$((PORT + 2 + i))" > /dev/null
done
load "warmed up, before"
echo "After ${WARMUP}s of warm-up, ${DURATION}s per run, $RUNS rounds:"
for round in $(seq 1 "$RUNS"); do
  for op in GET PUT; do
    script="$WORK/$(echo "$op" | tr 'A-Z' 'a-z').lua"
    measure "nginx-$op" "$NGINX_PORT" "$script" "$DURATION" "$(nginx_pids "$WORK/nginx.pid")"
    for i in "${!NAMES[@]}"; do
      measure "${NAMES[$i]}-$op" $((PORT + 2 + i)) "$script" "$DURATION" "${SERVERS[$i]}"
      ratio "${NAMES[$i]}-$op" "nginx-$op"
    done
  done
done
load "warmed up, after"

echo
echo "Summary (min / median / max over the runs; × nginx: each run over nginx's run of the same round)"
if [ "$FIRST" != 0 ]; then
  summary nginx-GET-first
  for name in "${NAMES[@]}"; do summary "$name-GET-first" nginx; done
fi
for op in GET PUT; do
  summary "nginx-$op"
  for name in "${NAMES[@]}"; do summary "$name-$op" nginx; done
done
