#!/usr/bin/env bash
# What a fresh server's first GETs cost: for each contender in turn, ROUNDS times, a fresh Gureum is started,
# given 1,000 objects of 4 KiB (one curl process uploading them in turn, as s3-throughput.sh does), and then
# serves its first REQUESTS GETs of them (wrk, 2 threads, 32 connections, random keys; each wrk thread stops
# after its half). It reports, per run and as min / median / max per contender, the server's CPU time per GET
# (user + system of all its threads, from /proc), the part of it spent by the JIT's compiler threads, the GET
# rate, and the resident memory at the end. Counting a fixed number of requests instead of seconds makes the
# CPU figures depend little on how busy the machine is (the JIT's work is the same); the rates do not.
#
# Usage: docs/bench/s3-first-requests.sh 'label=command' ['label=command' ...]
#   e.g. docs/bench/s3-first-requests.sh "gureum=emulator-server/target/gureum" \
#          "serial=env JAVA_OPTS=-XX:+UseSerialGC emulator-server/target/gureum"
#   (the port option is appended to each command; without arguments: the README's command alone)
# Environment: ROUNDS (default 3), REQUESTS (default 200000), GUREUM_BENCH_PORT (default 4660).
# Needs: wrk, curl, and a built emulator-server/target/gureum.jar.
set -euo pipefail

ROUNDS="${ROUNDS:-3}"
REQUESTS="${REQUESTS:-200000}"
PORT="${GUREUM_BENCH_PORT:-4660}"
THREADS=2
CONNECTIONS=32
OBJECTS=1000
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
# shellcheck source=wrk-rounds.sh
. "$(dirname "$0")/wrk-rounds.sh"

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
[ $# -gt 0 ] || set -- "gureum=$ROOT/emulator-server/target/gureum"
HZ=$(getconf CLK_TCK)

head -c 4096 /dev/urandom > "$WORK/object.bin"
for n in $(seq 0 $((OBJECTS - 1))); do
  printf 'url = "http://127.0.0.1:%s/bench/obj-%s"\nupload-file = "%s"\noutput = /dev/null\nheader = "Expect:"\n' \
    "$PORT" "$n" "$WORK/object.bin"
done > "$WORK/upload.curl"
cat > "$WORK/get.lua" <<LUA
local answered = 0
request = function()
  return wrk.format("GET", "/bench/obj-" .. math.random(0, $((OBJECTS - 1))))
end
response = function(status, headers, body)
  answered = answered + 1
  if answered >= $((REQUESTS / THREADS)) then wrk.thread:stop() end
end
LUA

# the CPU ticks of the process's threads: all of them, then those of the JIT's compiler threads
ticks() {
  local all=0 jit=0 t n
  for t in /proc/"$1"/task/*; do
    n=$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)
    all=$((all + n))
    case "$(cat "$t/comm" 2>/dev/null)" in C1\ Compiler*|C2\ Compiler*) jit=$((jit + n)) ;; esac
  done
  echo "$all $jit"
}

load "before"
for round in $(seq 1 "$ROUNDS"); do
  for contender in "$@"; do
    name=${contender%%=*} command=${contender#*=}
    # shellcheck disable=SC2086
    $command --port "$PORT" --log-level warn > "$WORK/$name.log" 2>&1 &
    SERVER=$!
    wait_healthy "$PORT"
    curl -sf -X PUT "http://127.0.0.1:$PORT/bench" > /dev/null
    curl -sf -K "$WORK/upload.curl"
    read -r all0 jit0 < <(ticks "$SERVER")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d300s -s "$WORK/get.lua" "http://127.0.0.1:$PORT" > "$WORK/wrk.out" &
    client=$!
    # wrk waits out its duration even when its threads have stopped: interrupt it once only its main thread is left
    threads() { ls "/proc/$client/task" 2>/dev/null | wc -l; }
    while [ "$(threads)" -le 1 ] && kill -0 "$client" 2>/dev/null; do sleep 0.01; done
    while [ "$(threads)" -gt 1 ]; do sleep 0.05; done
    kill -INT "$client" 2>/dev/null || true
    wait "$client" || true
    read -r all1 jit1 < <(ticks "$SERVER")
    rss=$(awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$SERVER/status")
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
    requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
    rate=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/wrk.out")
    cpu=$(awk -v t=$((all1 - all0)) -v n="$requests" -v hz="$HZ" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
    jit=$(awk -v t=$((jit1 - jit0)) -v n="$requests" -v hz="$HZ" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
    echo "$cpu" >> "$WORK/$name.cpu"; echo "$jit" >> "$WORK/$name.jit"; echo "$rate" >> "$WORK/$name.rate"
    echo "$rss" >> "$WORK/$name.rss"
    printf '  %-12s %7s GETs  %6s µs CPU/GET (JIT %5s)  %6s GET/s  %4s MiB\n' "$name" "$requests" "$cpu" "$jit" \
      "$rate" "$rss"
  done
done
load "after"

echo
echo "The first $REQUESTS GETs of a fresh server, $ROUNDS rounds (min / median / max):"
for contender in "$@"; do
  name=${contender%%=*}
  # shellcheck disable=SC2046
  printf '  %-12s CPU/GET µs %-20s of it JIT %-20s GET/s %-24s RSS MiB %s\n' "$name" \
    "$(stats $(cat "$WORK/$name.cpu"))" "$(stats $(cat "$WORK/$name.jit"))" "$(stats $(cat "$WORK/$name.rate"))" \
    "$(stats $(cat "$WORK/$name.rss"))"
done
