#!/usr/bin/env bash
# SNS publish rate: Publish calls (query protocol, wrk over 32 keep-alive connections) to a topic
# with three SQS subscriptions, once with raw delivery and once with the signed JSON notification.
# Needs wrk, curl and a built emulator-server/target/gureum.jar.
# Every publish answered 200 must be in all three queues (a queue may hold up to 32 more: the
# publishes still in flight when wrk stops counting). Usage: docs/bench/sns-publish.sh [seconds, default 10]
set -euo pipefail

DURATION="${1:-10}"
CONNECTIONS=32
THREADS=2
PORT="${GUREUM_BENCH_PORT:-4641}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/emulator-server/target/gureum.jar"
WORK="$(mktemp -d)"
trap 'kill "${GUREUM_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }

java -jar "$JAR" --port "$PORT" --log-level warn > "$WORK/gureum.log" 2>&1 &
GUREUM_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/_gureum/health" >/dev/null && break; sleep 0.05; done
BASE="http://127.0.0.1:$PORT"
query() { curl -sf -d "$1&Version=$2" "$BASE/" ; }
sns() { query "$1" 2010-03-31 >/dev/null; }
sqs() { query "$1" 2012-11-05; }
ACCOUNT=000000000000

topic() { # name raw(true|false)
  sns "Action=CreateTopic&Name=$1"
  for i in 1 2 3; do
    sqs "Action=CreateQueue&QueueName=$1-$i" >/dev/null
    sns "Action=Subscribe&TopicArn=arn:aws:sns:us-east-1:$ACCOUNT:$1&Protocol=sqs&Endpoint=arn:aws:sqs:us-east-1:$ACCOUNT:$1-$i&Attributes.entry.1.key=RawMessageDelivery&Attributes.entry.1.value=$2"
  done
}

script() { # topic
  cat > "$WORK/$1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A$ACCOUNT%3A$1&Message=a+message+of+a+typical+size+for+a+benchmark%3A+order+12345+shipped"
LUA
}

count() { # queue
  sqs "Action=GetQueueAttributes&QueueUrl=$BASE/$ACCOUNT/$1&AttributeName.1=ApproximateNumberOfMessages" \
    | sed -n 's:.*<Value>\([0-9]*\)</Value>.*:\1:p'
}

run() { # topic raw label
  topic "$1" "$2"
  script "$1"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/$1.lua" "$BASE" > "$WORK/$1.txt"
  local total errors ok rps
  total=$(awk '/requests in/ {print $1}' "$WORK/$1.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/$1.txt")
  ok=$((total - ${errors:-0}))
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt")
  sleep 1 # publishes still in flight when wrk stopped counting
  printf '%-28s %8s publishes/s  answered 200: %6d  non-2xx: %s  messages in the 3 queues: %s %s %s\n' "$3" \
    "$rps" "$ok" "${errors:-0}" "$(count "$1-1")" "$(count "$1-2")" "$(count "$1-3")"
}

# warm the JIT up on a topic of its own
topic warmup false
script warmup
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$WORK/warmup.lua" "$BASE" >/dev/null

echo "SNS Publish, query protocol, $CONNECTIONS connections, $THREADS wrk threads, ${DURATION}s per run, $(nproc) cores"
run raw true "3 SQS, raw delivery"
run signed false "3 SQS, signed notification"
