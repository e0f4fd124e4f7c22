#!/usr/bin/env bash
# CloudWatch metrics over Smithy RPC v2 CBOR, the protocol of CloudWatch's model (botocore 1.43 itself
# sends JSON 1.0, which it ranks first among the model's protocols):
#  1. PutMetricData with 20 values per call (20 metrics of 100, one value each), with wrk over 32
#     keep-alive connections; the bodies are the bytes botocore's own serializer writes;
#  2. GetMetricData over a day of 1-minute data for 100 metrics (one query per metric), timed from a
#     client on the same machine: period 300 (28,800 values, one page) and period 60 (144,000 values,
#     two pages of at most 100,800).
# Needs wrk, python3 with botocore, curl and a built emulator-server/target/gureum.jar.
# Usage: docs/bench/cloudwatch.sh [seconds per run, default 10]
# With GUREUM_BENCH_DATA_DIR=DIR, Gureum keeps its state in DIR (--data-dir), at the default durability.
set -euo pipefail

DURATION="${1:-10}"
CONNECTIONS=32
THREADS=2
PORT="${GUREUM_BENCH_PORT:-4654}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/emulator-server/target/gureum.jar"
WORK="$(mktemp -d)"
trap 'kill "${GUREUM_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
python3 -c 'import botocore' 2>/dev/null || { echo "python3 with botocore is missing" >&2; exit 1; }

java -jar "$JAR" --port "$PORT" --log-level warn ${GUREUM_BENCH_DATA_DIR:+--data-dir "$GUREUM_BENCH_DATA_DIR"} \
  > "$WORK/gureum.log" 2>&1 &
GUREUM_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/_gureum/health" >/dev/null && break; sleep 0.05; done

# five bodies of 20 MetricData each (100 metrics), as a Lua script that sends them in turn
python3 - "$WORK/put.lua" <<'PY'
import sys, botocore.session, botocore.serialize
model = botocore.session.get_session().get_service_model('cloudwatch')
serializer = botocore.serialize.create_serializer('smithy-rpc-v2-cbor')
bodies = []
for b in range(5):
    request = serializer.serialize_to_request({'Namespace': 'Bench', 'MetricData': [
        {'MetricName': 'Requests', 'Dimensions': [{'Name': 'Host', 'Value': 'h%d' % (b * 20 + i)}],
         'Value': float(i), 'Unit': 'Count'} for i in range(20)]}, model.operation_model('PutMetricData'))
    bodies.append(''.join('\\%d' % c for c in request['body']))
with open(sys.argv[1], 'w') as f:
    f.write('local bodies = {%s}\n' % ','.join('"%s"' % b for b in bodies))
    f.write('''local n = 0
wrk.method = "POST"
wrk.path = "/service/GraniteServiceVersion20100801/operation/PutMetricData"
wrk.headers["smithy-protocol"] = "rpc-v2-cbor"
wrk.headers["Content-Type"] = "application/cbor"
wrk.headers["Accept"] = "application/cbor"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0"
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, bodies[(n % 5) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("errors %d\\n", errors))
end
''')
PY
echo "== PutMetricData, 20 values per call, $CONNECTIONS connections, ${DURATION}s (after a 3s warm-up)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$WORK/put.lua" "http://127.0.0.1:$PORT" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/put.lua" "http://127.0.0.1:$PORT" \
  | grep -E "Requests/sec|Latency|errors"

echo "== GetMetricData over a day of 1-minute data for 100 metrics"
python3 - "$PORT" <<'PY'
import sys, time, statistics, datetime, http.client
import botocore.session, botocore.serialize
port = int(sys.argv[1])
model = botocore.session.get_session().get_service_model('cloudwatch')
serializer = botocore.serialize.create_serializer('smithy-rpc-v2-cbor')
conn = http.client.HTTPConnection('127.0.0.1', port)
auth = 'AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0'

resets = 0

def send(path, body, headers):
    """One request; a connection the server closed is opened again once, and counted."""
    global conn, resets
    for attempt in (1, 2):
        try:
            conn.request('POST', path, body=body, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
            assert answer.status == 200, (answer.status, data[:300])
            return data
        except (ConnectionError, http.client.RemoteDisconnected):
            if attempt == 2:
                raise
            resets += 1
            conn.close()
            conn = http.client.HTTPConnection('127.0.0.1', port)

def call(op, params):
    request = serializer.serialize_to_request(params, model.operation_model(op))
    headers = dict(request['headers']); headers['Authorization'] = auth
    return send(request['url_path'], bytes(request['body']), headers)

now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
start = now - datetime.timedelta(days=1)
for metric in range(100):
    minutes = [start + datetime.timedelta(minutes=m) for m in range(1440)]
    for chunk in range(0, 1440, 1000):
        call('PutMetricData', {'Namespace': 'Day', 'MetricData': [
            {'MetricName': 'Load', 'Dimensions': [{'Name': 'Host', 'Value': 'h%d' % metric}], 'Timestamp': t,
             'Value': float(i % 97)} for i, t in enumerate(minutes[chunk:chunk + 1000])]})

def queries(period):
    return [{'Id': 'm%d' % i, 'MetricStat': {'Metric': {'Namespace': 'Day', 'MetricName': 'Load',
            'Dimensions': [{'Name': 'Host', 'Value': 'h%d' % i}]}, 'Period': period, 'Stat': 'Average'}}
            for i in range(100)]

import botocore.parsers
parser = botocore.parsers.create_parser('smithy-rpc-v2-cbor')
output = model.operation_model('GetMetricData').output_shape

def serialized(params):
    request = serializer.serialize_to_request(params, model.operation_model('GetMetricData'))
    headers = dict(request['headers']); headers['Authorization'] = auth
    return request['url_path'], bytes(request['body']), headers

for period in (300, 60):
    # the requests of every page, serialized once (the token of a page is the same every run)
    pages, token, values = [], None, 0
    while True:
        params = {'MetricDataQueries': queries(period), 'StartTime': start, 'EndTime': now}
        if token:
            params['NextToken'] = token
        pages.append(serialized(params))
        parsed = parser.parse({'body': send(*pages[-1]), 'headers': {}, 'status_code': 200}, output)
        values += sum(len(r['Values']) for r in parsed['MetricDataResults'])
        token = parsed.get('NextToken')
        if not token:
            break
    times = []
    for run in range(25):
        began = time.perf_counter()
        for path, body, headers in pages:
            send(path, body, headers)
        times.append((time.perf_counter() - began) * 1000)
    print('period %ds: %d values in %d page(s): median %.1f ms, best %.1f ms (25 runs, HTTP round trips included)'
          % (period, values, len(pages), statistics.median(times), min(times)))
if resets:
    print('connections the server closed and the client opened again: %d' % resets)
PY
