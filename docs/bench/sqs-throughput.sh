#!/usr/bin/env bash
# SQS throughput over the JSON protocol: SendMessage and ReceiveMessage (10 per call) with wrk over
# 32 keep-alive connections, against Gureum and, as the ceiling, nginx answering every request with
# an empty 200. Needs wrk, nginx (Debian: apt-get install wrk nginx-core), curl and a built
# emulator-server/target/gureum.jar. Usage: docs/bench/sqs-throughput.sh [seconds per run, default 10]
# With GUREUM_BENCH_DATA_DIR=DIR, Gureum keeps its state in DIR (--data-dir), at the default durability.
set -euo pipefail

DURATION="${1:-10}"
CONNECTIONS=32
# seconds of load before each measured server, so that the JIT has compiled the request path
WARMUP="${GUREUM_BENCH_WARMUP:-10}"
THREADS=2
GUREUM_PORT="${GUREUM_BENCH_PORT:-4652}"
NGINX_PORT="${NGINX_BENCH_PORT:-4653}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/emulator-server/target/gureum.jar"
WORK="$(mktemp -d)"
trap 'kill "${GUREUM_PID:-}" 2>/dev/null || true; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing (apt-get install nginx-core)" >&2; exit 1; }

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

java -jar "$JAR" --port "$GUREUM_PORT" --log-level warn ${GUREUM_BENCH_DATA_DIR:+--data-dir "$GUREUM_BENCH_DATA_DIR"} \
  > "$WORK/gureum.log" 2>&1 &
GUREUM_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$GUREUM_PORT/_gureum/health" >/dev/null && break; sleep 0.05; done
QUEUE_URL="http://127.0.0.1:$GUREUM_PORT/000000000000/bench"
json() { curl -sf -H 'Content-Type: application/x-amz-json-1.0' -H "X-Amz-Target: AmazonSQS.$1" -d "$2" \
  "http://127.0.0.1:$GUREUM_PORT/" >/dev/null; }
json CreateQueue '{"QueueName":"bench"}'
json CreateQueue '{"QueueName":"bench-receive"}'
# the receive queue holds messages that stay visible (VisibilityTimeout 0), so every call returns 10
for i in $(seq 1 20); do
  json SendMessageBatch "{\"QueueUrl\":\"http://127.0.0.1:$GUREUM_PORT/000000000000/bench-receive\",\"Entries\":[$(
    for j in $(seq 0 9); do printf '{"Id":"e%d","MessageBody":"message %d-%d"}' "$j" "$i" "$j"; [ "$j" -lt 9 ] && printf ','; done)]}"
done

cat > "$WORK/send.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AmazonSQS.SendMessage"
wrk.body = '{"QueueUrl":"$QUEUE_URL","MessageBody":"a message of a typical size for a benchmark: order 12345 shipped"}'
LUA
cat > "$WORK/receive.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AmazonSQS.ReceiveMessage"
wrk.body = '{"QueueUrl":"http://127.0.0.1:$GUREUM_PORT/000000000000/bench-receive","MaxNumberOfMessages":10,"VisibilityTimeout":0}'
LUA

run() { # name port script
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$3" "http://127.0.0.1:$2" > "$WORK/$1.txt"
  local rps errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/$1.txt")
  printf '%-20s %10s req/s  %s\n' "$1" "$rps" "${errors:+(non-2xx: $errors)}"
  echo "$rps" > "$WORK/$1.rps"
}

wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/send.lua" "http://127.0.0.1:$GUREUM_PORT" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/receive.lua" "http://127.0.0.1:$GUREUM_PORT" >/dev/null

echo "SQS JSON protocol, $CONNECTIONS connections, $THREADS wrk threads, ${DURATION}s per run, $(nproc) cores," \
  "state ${GUREUM_BENCH_DATA_DIR:+in $GUREUM_BENCH_DATA_DIR}${GUREUM_BENCH_DATA_DIR:-in memory}"
run nginx-empty-200 "$NGINX_PORT" "$WORK/send.lua"
run gureum-SendMessage "$GUREUM_PORT" "$WORK/send.lua"
run gureum-Receive10 "$GUREUM_PORT" "$WORK/receive.lua"
awk -v g="$(cat "$WORK/gureum-SendMessage.rps")" -v n="$(cat "$WORK/nginx-empty-200.rps")" 'BEGIN {printf "SendMessage: %.0f%% of nginx\n", 100 * g / n}'
awk -v g="$(cat "$WORK/gureum-Receive10.rps")" -v n="$(cat "$WORK/nginx-empty-200.rps")" 'BEGIN {printf "ReceiveMessage: %.0f%% of nginx\n", 100 * g / n}'
