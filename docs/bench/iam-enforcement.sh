#!/usr/bin/env bash
# What --enforce-iam costs: S3 GetObject (4 KiB, from memory) and SQS SendMessage (JSON protocol) with wrk over
# 32 keep-alive connections, against two Gureums started side by side from the same jar, one without and one with
# --enforce-iam, measured in turn in each round so that both see the same load on the machine. Requests are signed
# with the key of an IAM user whose inline policy allows exactly these calls (the user's policies are evaluated on
# every request of the enforcing server), and, on the enforcing server, also with the root user's key (which skips
# identity policies). Signatures are not verified, so wrk sends one fixed Authorization header.
#
# For each: min / median / max of the rate over the rounds and of the server's CPU time per request (user + system
# of all its threads, from /proc/PID/stat), which depends much less on the load than the rate.
#
# Needs wrk, curl, jq and a built emulator-server/target/gureum.jar.
# Usage: docs/bench/iam-enforcement.sh [seconds per run, default 8]
# Environment: RUNS (default 5), GUREUM_BENCH_WARMUP (seconds, default 10), GUREUM_BENCH_PORT (4662 up).
set -euo pipefail

DURATION="${1:-8}"
RUNS="${RUNS:-5}"
CONNECTIONS=32
THREADS=2
WARMUP="${GUREUM_BENCH_WARMUP:-10}"
PORT="${GUREUM_BENCH_PORT:-4662}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/emulator-server/target/gureum.jar"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
# shellcheck source=wrk-rounds.sh
. "$(dirname "$0")/wrk-rounds.sh"

[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }

# auth KEY SERVICE: an Authorization header naming KEY (signatures are not verified)
auth() {
  echo "AWS4-HMAC-SHA256 Credential=$1/20260101/us-east-1/$2/aws4_request, SignedHeaders=host, Signature=00"
}

# start NAME PORT [ARGS]: starts a Gureum, gives it a bucket with an object, a queue and an IAM user whose policy
# allows reading the one and sending to the other; sets SERVER (its pid) and KEY (the user's access key id)
start() {
  local name=$1 port=$2
  shift 2
  java -jar "$JAR" --port "$port" --log-level warn "$@" > "$WORK/$name.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  wait_healthy "$port"
  local base="http://127.0.0.1:$port"
  head -c 4096 /dev/urandom > "$WORK/object.bin"
  curl -sf -X PUT -H "Authorization: $(auth test s3)" "$base/bench" > /dev/null
  curl -sf -X PUT -H "Authorization: $(auth test s3)" --data-binary "@$WORK/object.bin" "$base/bench/obj" > /dev/null
  curl -sf -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: AmazonSQS.CreateQueue' \
    -H "Authorization: $(auth test sqs)" -d '{"QueueName":"bench"}' "$base/" > /dev/null
  iam() { curl -sf -H "Authorization: $(auth test iam)" --data "Version=2010-05-08&$1" "$base/"; }
  iam "Action=CreateUser&UserName=bench" > /dev/null
  iam "Action=PutUserPolicy&UserName=bench&PolicyName=bench&PolicyDocument=$(printf '%s' \
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bench/*"},{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:000000000000:bench"}]}' \
    | jq -sRr @uri)" > /dev/null
  KEY=$(iam "Action=CreateAccessKey&UserName=bench" | sed -n 's:.*<AccessKeyId>\(.*\)</AccessKeyId>.*:\1:p')
  scripts "$name" "$port" "$KEY"
}

# scripts NAME PORT KEY: $WORK/NAME-get.lua and $WORK/NAME-send.lua, signed with KEY
scripts() {
  cat > "$WORK/$1-get.lua" <<LUA
wrk.method = "GET"
wrk.path = "/bench/obj"
wrk.headers["Authorization"] = "$(auth "$3" s3)"
LUA
  cat > "$WORK/$1-send.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AmazonSQS.SendMessage"
wrk.headers["Authorization"] = "$(auth "$3" sqs)"
wrk.body = '{"QueueUrl":"http://127.0.0.1:$2/000000000000/bench","MessageBody":"a message of a typical size for a benchmark: order 12345 shipped"}'
LUA
}

start off "$PORT"
OFF=$SERVER
start on "$((PORT + 1))" --enforce-iam
ON=$SERVER
scripts on-root "$((PORT + 1))" test
# both servers answer the user's calls, and the enforcing one refuses what the policy does not allow
curl -sf -H "Authorization: $(auth "$KEY" s3)" "http://127.0.0.1:$((PORT + 1))/bench/obj" > /dev/null
[ "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: $(auth "$KEY" s3)" \
  "http://127.0.0.1:$((PORT + 1))/bench/obj")" = 403 ] || { echo "the enforcing server did not refuse" >&2; exit 1; }

echo "S3 GET 4 KiB and SQS SendMessage, $CONNECTIONS connections, $THREADS wrk threads, $(nproc) cores"
load "before"
for s in off:$PORT on:$((PORT + 1)) on-root:$((PORT + 1)); do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/${s%%:*}-get.lua" "http://127.0.0.1:${s##*:}" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/${s%%:*}-send.lua" "http://127.0.0.1:${s##*:}" > /dev/null
done
for r in $(seq 1 "$RUNS"); do
  echo "Round $r:"
  measure off-GET "$PORT" "$WORK/off-get.lua" "$DURATION" "$OFF"
  measure enforced-GET "$((PORT + 1))" "$WORK/on-get.lua" "$DURATION" "$ON"
  measure enforced-root-GET "$((PORT + 1))" "$WORK/on-root-get.lua" "$DURATION" "$ON"
  ratio enforced-GET off-GET
  measure off-SendMessage "$PORT" "$WORK/off-send.lua" "$DURATION" "$OFF"
  measure enforced-SendMessage "$((PORT + 1))" "$WORK/on-send.lua" "$DURATION" "$ON"
  measure enforced-root-SendMessage "$((PORT + 1))" "$WORK/on-root-send.lua" "$DURATION" "$ON"
  ratio enforced-SendMessage off-SendMessage
done
load "after"
echo "Summary (min / median / max; × off: the enforced rate over the unenforced one of the same round):"
summary off-GET
summary enforced-GET off-GET
summary enforced-root-GET
summary off-SendMessage
summary enforced-SendMessage off-SendMessage
summary enforced-root-SendMessage
