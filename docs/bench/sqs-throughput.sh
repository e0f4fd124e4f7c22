#!/usr/bin/env bash
# SQS throughput over the JSON protocol: SendMessage and ReceiveMessage (10 per call) with wrk over
# 32 keep-alive connections, against Gureum and, as the ceiling, nginx answering every request with
# an empty 200.
#
# Two parts, in one run:
#  1. The first seconds: FIRST_RUNS times, a fresh Gureum is started, given its queues, and measured
#     with SendMessage for FIRST seconds at once, without warm-up; then another fresh one with
#     ReceiveMessage; nginx is measured right after them, for the ratio.
#  2. Warmed up: one Gureum, given GUREUM_BENCH_WARMUP seconds of each call, then RUNS rounds of nginx,
#     Gureum SendMessage and Gureum ReceiveMessage, in turn.
# For each: min / median / max of the rate over the runs, the server's CPU time per request (nginx's:
# master and workers), and the ratio of each Gureum run to the nginx run of the same round. On a busy
# machine the rates say more about the scheduler than about the servers (a JVM has more threads to be
# given time than nginx's workers); the CPU time per request depends much less on the load.
#
# Gureum is started with the README's command (emulator-server/target/gureum, else java -jar of the jar);
# GUREUM="command" starts something else, BEFORE="command" adds another contender measured in the same
# rounds (another build: BEFORE="java -jar /path/to/other/gureum.jar"). The port option is appended.
# With GUREUM_BENCH_DATA_DIR=DIR, Gureum keeps its state in DIR (--data-dir), at the default durability
# (the warmed-up part only).
#
# Needs wrk, nginx (Debian: apt-get install wrk nginx-core), curl and a built emulator-server/target/gureum.jar.
# Usage: docs/bench/sqs-throughput.sh [seconds per run, default 10]
# Environment: RUNS (default 5), FIRST (seconds, default 5; 0 leaves the first part out), FIRST_RUNS
#   (default 3), GUREUM_BENCH_WARMUP (seconds, default 10), GUREUM, BEFORE, GUREUM_BENCH_PORT (4652 up).
set -euo pipefail

DURATION="${1:-10}"
RUNS="${RUNS:-5}"
FIRST="${FIRST:-5}"
FIRST_RUNS="${FIRST_RUNS:-3}"
CONNECTIONS=32
# seconds of load before the warmed-up part, so that the JIT has compiled the request path
WARMUP="${GUREUM_BENCH_WARMUP:-10}"
THREADS=2
PORT="${GUREUM_BENCH_PORT:-4652}"
NGINX_PORT=$((PORT + 1))
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/emulator-server/target/gureum.jar"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$WORK"' EXIT
# shellcheck source=wrk-rounds.sh
. "$(dirname "$0")/wrk-rounds.sh"

[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing (apt-get install nginx-core)" >&2; exit 1; }

if [ -n "${GUREUM:-}" ]; then GUREUM_COMMAND=$GUREUM
elif [ -x "$ROOT/emulator-server/target/gureum" ]; then GUREUM_COMMAND="$ROOT/emulator-server/target/gureum"
else GUREUM_COMMAND="java -jar $JAR"; fi
NAMES=(gureum) COMMANDS=("$GUREUM_COMMAND")
[ -n "${BEFORE:-}" ] && NAMES+=(before) COMMANDS+=("$BEFORE")

mkdir -p "$WORK/tmp" && chmod -R a+rwX "$WORK"
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp;
  proxy_temp_path $WORK/tmp;
  fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp;
  scgi_temp_path $WORK/tmp;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$NGINX_PORT; location / { return 200; } }
}
CONF
nginx -c "$WORK/nginx.conf"

# scripts PORT: the wrk scripts of the server on PORT, $WORK/send-PORT.lua and $WORK/receive-PORT.lua
scripts() {
  cat > "$WORK/send-$1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AmazonSQS.SendMessage"
wrk.body = '{"QueueUrl":"http://127.0.0.1:$1/000000000000/bench","MessageBody":"a message of a typical size for a benchmark: order 12345 shipped"}'
LUA
  cat > "$WORK/receive-$1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AmazonSQS.ReceiveMessage"
wrk.body = '{"QueueUrl":"http://127.0.0.1:$1/000000000000/bench-receive","MaxNumberOfMessages":10,"VisibilityTimeout":0}'
LUA
}

# start INDEX PORT [DATA]: starts contender INDEX on PORT and gives it its queues; sets SERVER to its process id
start() {
  local data_args=() port=$2 i j
  [ -n "${3:-}" ] && data_args=(--data-dir "$3")
  # shellcheck disable=SC2086
  ${COMMANDS[$1]} --port "$port" "${data_args[@]}" --log-level warn > "$WORK/${NAMES[$1]}.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  wait_healthy "$port"
  json() { curl -sf -H 'Content-Type: application/x-amz-json-1.0' -H "X-Amz-Target: AmazonSQS.$1" -d "$2" \
    "http://127.0.0.1:$port/" > /dev/null; }
  json CreateQueue '{"QueueName":"bench"}'
  json CreateQueue '{"QueueName":"bench-receive"}'
  # the receive queue holds messages that stay visible (VisibilityTimeout 0), so every call returns 10
  for i in $(seq 1 20); do
    json SendMessageBatch "{\"QueueUrl\":\"http://127.0.0.1:$port/000000000000/bench-receive\",\"Entries\":[$(
      for j in $(seq 0 9); do printf '{"Id":"e%d","MessageBody":"message %d-%d"}' "$j" "$i" "$j"; [ "$j" -lt 9 ] && printf ','; done)]}"
  done
  scripts "$port"
}

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

scripts "$NGINX_PORT"
echo "SQS JSON protocol, $CONNECTIONS connections, $THREADS wrk threads, $(nproc) cores," \
  "state ${GUREUM_BENCH_DATA_DIR:+in $GUREUM_BENCH_DATA_DIR}${GUREUM_BENCH_DATA_DIR:-in memory}"
for i in "${!NAMES[@]}"; do echo "  ${NAMES[$i]}: ${COMMANDS[$i]}"; done

if [ "$FIRST" != 0 ]; then
  load "first seconds, before"
  echo "In the first ${FIRST}s of a fresh server, $FIRST_RUNS rounds:"
  for round in $(seq 1 "$FIRST_RUNS"); do
    for i in "${!NAMES[@]}"; do
      for call in SendMessage Receive10; do
        start "$i" "$PORT"
        script="$WORK/send-$PORT.lua"
        [ "$call" = Receive10 ] && script="$WORK/receive-$PORT.lua"
        measure "${NAMES[$i]}-$call-first" "$PORT" "$script" "$FIRST" "$SERVER"
        stop "$SERVER"
      done
    done
    measure nginx-empty-200-first "$NGINX_PORT" "$WORK/send-$NGINX_PORT.lua" "$FIRST" "$(nginx_pids "$WORK/nginx.pid")"
    for name in "${NAMES[@]}"; do
      ratio "$name-SendMessage-first" nginx-empty-200-first
      ratio "$name-Receive10-first" nginx-empty-200-first
    done
  done
  load "first seconds, after"
fi

SERVERS=()
for i in "${!NAMES[@]}"; do
  port=$((PORT + 2 + i))
  start "$i" "$port" ${GUREUM_BENCH_DATA_DIR:+"$GUREUM_BENCH_DATA_DIR/${NAMES[$i]}"}
  SERVERS+=("$SERVER")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/send-$port.lua" "http://127.0.0.1:$port" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/receive-$port.lua" "http://127.0.0.1:$port" > /dev/null
done
load "warmed up, before"
echo "After ${WARMUP}s of warm-up of each call, ${DURATION}s per run, $RUNS rounds:"
for round in $(seq 1 "$RUNS"); do
  measure nginx-empty-200 "$NGINX_PORT" "$WORK/send-$NGINX_PORT.lua" "$DURATION" "$(nginx_pids "$WORK/nginx.pid")"
  for i in "${!NAMES[@]}"; do
    port=$((PORT + 2 + i))
    measure "${NAMES[$i]}-SendMessage" "$port" "$WORK/send-$port.lua" "$DURATION" "${SERVERS[$i]}"
    measure "${NAMES[$i]}-Receive10" "$port" "$WORK/receive-$port.lua" "$DURATION" "${SERVERS[$i]}"
    ratio "${NAMES[$i]}-SendMessage" nginx-empty-200
    ratio "${NAMES[$i]}-Receive10" nginx-empty-200
  done
done
load "warmed up, after"

echo
echo "Summary (min / median / max over the runs; × nginx: each run over nginx's run of the same round)"
if [ "$FIRST" != 0 ]; then
  summary nginx-empty-200-first
  for name in "${NAMES[@]}"; do
    summary "$name-SendMessage-first" nginx
    summary "$name-Receive10-first" nginx
  done
fi
summary nginx-empty-200
for name in "${NAMES[@]}"; do
  summary "$name-SendMessage" nginx
  summary "$name-Receive10" nginx
done
