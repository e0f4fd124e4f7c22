#!/usr/bin/env bash
# Start-up with a full data directory: fills one with OBJECTS S3 objects of 4 KiB, MESSAGES SQS messages
# and FUNCTIONS Lambda functions, then restarts Gureum on it and measures the time from launching the
# process to the first 200 of /_gureum/health (and that everything is still there), after a graceful
# stop and after a kill -9, the CPU time the process had used by then (user + system of all its threads,
# from /proc/PID/stat: on a shared machine it depends much less on the load than the time), and the
# resident memory after each start.
# Needs: curl (7.66 or later), python3 with boto3, and a built emulator-server/target/gureum.jar.
# Gureum is started with the README's command (emulator-server/target/gureum, the launcher the build writes).
# Usage: docs/bench/restart.sh [RUNS, default 3]
# Environment: OBJECTS (default 100000), MESSAGES (default 100000), FUNCTIONS (default 1000), PORT (4660),
#   GUREUM (another build's launcher, emulator-server/target/gureum, to measure it on the same directory);
#   DATA_DIR=DIR fills DIR (kept afterwards), or, when DIR already holds the bucket, restarts on it as it is.
set -euo pipefail

RUNS="${1:-3}"
OBJECTS="${OBJECTS:-100000}"
MESSAGES="${MESSAGES:-100000}"
FUNCTIONS="${FUNCTIONS:-1000}"
PORT="${PORT:-4660}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
LAUNCHER="${GUREUM:-$ROOT/emulator-server/target/gureum}"
WORK="$(mktemp -d)"
trap 'kill -9 "${GUREUM_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
[ -x "$LAUNCHER" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
DATA="${DATA_DIR:-$WORK/data}"
URL="http://127.0.0.1:$PORT"

start() { # sets STARTED_MS: milliseconds from launch to the first healthy answer; CPU_MS: CPU time used by then
  local t0 t1 ticks
  t0=$(date +%s%N)
  "$LAUNCHER" --port "$PORT" --data-dir "$DATA" --log-level warn >> "$WORK/gureum.log" 2>&1 &
  GUREUM_PID=$!
  until curl -sf "$URL/_gureum/health" >/dev/null 2>&1; do
    kill -0 "$GUREUM_PID" 2>/dev/null || { echo "Gureum exited; log:" >&2; tail -20 "$WORK/gureum.log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  ticks=$(awk '{print $14 + $15}' "/proc/$GUREUM_PID/stat")
  STARTED_MS=$(( (t1 - t0) / 1000000 ))
  CPU_MS=$(( ticks * 1000 / $(getconf CLK_TCK) ))
}
rss() { awk '/VmRSS/ {printf "%d MiB", $2 / 1024}' "/proc/$GUREUM_PID/status"; }

FILLED=""
[ -d "$DATA/s3" ] && FILLED=yes
start
if [ -z "$FILLED" ]; then
  head -c 4096 /dev/urandom > "$WORK/object.bin"
  curl -sf -X PUT "$URL/bench" > /dev/null
  # curl's URL ranges, with parallel transfers, make the requests
  curl -sf --no-progress-meter -Z --parallel-max 8 -T "$WORK/object.bin" "$URL/bench/obj-[1-$OBJECTS]" > /dev/null
  curl -sf -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: AmazonSQS.CreateQueue' \
    -d '{"QueueName":"bench"}' "$URL" > /dev/null
  python3 -c 'import json, sys; print(json.dumps({"QueueUrl": sys.argv[1] + "/000000000000/bench", "Entries": [{"Id": str(i), "MessageBody": "a message body of some eighty bytes, as an application would send one: " + str(i), "MessageAttributes": {"kind": {"DataType": "String", "StringValue": "bench"}}} for i in range(10)]}))' "$URL" > "$WORK/batch.json"
  curl -sf --no-progress-meter -Z --parallel-max 8 -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: AmazonSQS.SendMessageBatch' \
    -d @"$WORK/batch.json" "$URL/?batch=[1-$((MESSAGES / 10))]" > /dev/null
  python3 - "$URL" "$FUNCTIONS" <<'PY'
import io, sys, zipfile, boto3
from concurrent.futures import ThreadPoolExecutor
url, count = sys.argv[1], int(sys.argv[2])
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("app.py", "def handler(event, context):\n    return event\n")
code = buf.getvalue()
client = boto3.client("lambda", endpoint_url=url, region_name="us-east-1",
                      aws_access_key_id="test", aws_secret_access_key="test")
def create(i):
    client.create_function(FunctionName=f"fn-{i}", Runtime="python3.12", Handler="app.handler",
                           Role="arn:aws:iam::000000000000:role/bench", Code={"ZipFile": code})
with ThreadPoolExecutor(4) as pool:
    list(pool.map(create, range(count)))
PY
fi

count() { # objects, messages, functions
  local objects messages functions
  objects=$(python3 - "$URL" <<'PY'
import sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
print(sum(p.get("KeyCount", 0) for p in s3.get_paginator("list_objects_v2").paginate(Bucket="bench")))
PY
)
  messages=$(curl -sf -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: AmazonSQS.GetQueueAttributes' \
    -d "{\"QueueUrl\":\"$URL/000000000000/bench\",\"AttributeNames\":[\"ApproximateNumberOfMessages\"]}" "$URL" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["Attributes"]["ApproximateNumberOfMessages"])')
  functions=$(python3 - "$URL" <<'PY'
import sys, boto3
l = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
print(sum(len(p["Functions"]) for p in l.get_paginator("list_functions").paginate()))
PY
)
  echo "$objects objects, $messages messages, $functions functions"
}
echo "$(count); data directory $(du -sh "$DATA" | cut -f1)"

for run in $(seq 1 "$RUNS"); do
  kill "$GUREUM_PID"; wait "$GUREUM_PID" 2>/dev/null || true
  start; echo "after a graceful stop: healthy in $STARTED_MS ms ($CPU_MS ms of CPU), $(rss); $(count)"
  kill -9 "$GUREUM_PID"; wait "$GUREUM_PID" 2>/dev/null || true
  start; echo "after kill -9:         healthy in $STARTED_MS ms ($CPU_MS ms of CPU), $(rss); $(count)"
done
