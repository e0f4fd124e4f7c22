#!/usr/bin/env bash
# S3 PUT of 4 KiB objects with and without a data directory, over 32 keep-alive connections with wrk,
# beside nginx accepting the same PUTs by WebDAV. In each round, alternately: nginx, Gureum without a data
# directory and Gureum with one (a fresh server each, warmed up), with the server's CPU time per request
# read from /proc; then the medians and the median of each round's ratios.
# Needs: wrk, nginx (Debian: apt-get install wrk nginx-core), curl, and a built emulator-server/target/gureum.jar.
# Usage: docs/bench/s3-put-data-dir.sh [seconds per run, default 10] [rounds, default 5]
# Environment: GUREUM_BENCH_WARMUP (seconds, default 10), GUREUM_BENCH_SYNC (--persistence-sync; default:
#   Gureum's default, always), GUREUM_BENCH_PORT, NGINX_BENCH_PORT.
set -euo pipefail

DURATION="${1:-10}"
CONNECTIONS=32
# seconds of load before each measured server, so that the JIT has compiled the request path
WARMUP="${GUREUM_BENCH_WARMUP:-10}"
THREADS=2
GUREUM_PORT="${GUREUM_BENCH_PORT:-4650}"
NGINX_PORT="${NGINX_BENCH_PORT:-4651}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/emulator-server/target/gureum.jar"
WORK="$(mktemp -d)"
trap 'kill "${GUREUM_PID:-}" 2>/dev/null || true; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing (apt-get install nginx-core)" >&2; exit 1; }

# shellcheck source=nginx-files.sh
. "$(dirname "$0")/nginx-files.sh"
mkdir -p "$WORK/www/bench" "$WORK/data"
start_nginx "$NGINX_PORT"

ROUNDS="${2:-5}"
head -c 4096 /dev/urandom > "$WORK/object.bin"
put_script "$WORK/put.lua" "$WORK/object.bin"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # name port pid(or empty): prints "req/s cpu-us-per-request"
  local before after rps requests
  [ -n "$3" ] && before=$(ticks "$3")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/put.lua" "http://127.0.0.1:$2" > "$WORK/$1.txt"
  [ -n "$3" ] && after=$(ticks "$3")
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt")
  requests=$(awk '/requests in/ {print $1}' "$WORK/$1.txt")
  if [ -n "$3" ]; then
    awk -v r="$rps" -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
      'BEGIN {printf "%.0f %.0f\n", r, t * 1000000 / hz / n}'
  else
    printf '%.0f -\n' "$rps"
  fi
}
gureum_round() { # name args...: a fresh server, warmed up, then measured
  local name=$1 pid
  shift
  rm -rf "$WORK/data"
  java -jar "$JAR" --port "$GUREUM_PORT" "$@" --log-level warn > "$WORK/gureum.log" 2>&1 &
  pid=$!
  GUREUM_PID=$pid
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$GUREUM_PORT/_gureum/health" >/dev/null && break; sleep 0.05; done
  curl -sf -X PUT "http://127.0.0.1:$GUREUM_PORT/bench" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/put.lua" "http://127.0.0.1:$GUREUM_PORT" >/dev/null
  echo "$name $(measure "$name" "$GUREUM_PORT" "$pid")"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}
SYNC_ARGS=()
[ -n "${GUREUM_BENCH_SYNC:-}" ] && SYNC_ARGS=(--persistence-sync "$GUREUM_BENCH_SYNC")
echo "PUT 4 KiB, $CONNECTIONS connections, $THREADS wrk threads, ${WARMUP}s warm-up, ${DURATION}s per run, $ROUNDS rounds, $(nproc) cores"
for round in $(seq 1 "$ROUNDS"); do
  nginx_line="nginx $(measure nginx "$NGINX_PORT" "")"
  memory_line=$(gureum_round memory)
  disk_line=$(gureum_round data-dir --data-dir "$WORK/data" "${SYNC_ARGS[@]}")
  echo "round $round (load $(cut -d' ' -f1 /proc/loadavg)): $nginx_line req/s | $memory_line | $disk_line  (req/s, CPU us/request)"
  echo "$nginx_line $memory_line $disk_line" >> "$WORK/rounds.txt"
done
python3 - "$WORK/rounds.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
# each row: nginx RPS - memory RPS CPU data-dir RPS CPU
nginx = [float(r[1]) for r in rows]
mem = [float(r[4]) for r in rows]
mem_cpu = [float(r[5]) for r in rows]
disk = [float(r[7]) for r in rows]
disk_cpu = [float(r[8]) for r in rows]
med = statistics.median
print("medians: nginx %.0f req/s; in memory %.0f req/s, %.0f us CPU/request; data dir %.0f req/s, %.0f us CPU/request"
    % (med(nginx), med(mem), med(mem_cpu), med(disk), med(disk_cpu)))
print("median of the rounds' ratios: data dir / in memory %.0f%% (CPU per request %.0f%%); in memory / nginx %.0f%%"
    % (100 * med([d / m for d, m in zip(disk, mem)]), 100 * med([d / m for d, m in zip(disk_cpu, mem_cpu)]),
       100 * med([m / n for m, n in zip(mem, nginx)])))
PY
