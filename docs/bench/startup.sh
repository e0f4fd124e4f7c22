#!/usr/bin/env bash
# Start-up and memory benchmark for the Gureum server jar.
#
# Measures, for `java [JAVA_OPTS] -jar emulator-server/target/gureum.jar --port PORT`:
#   * the wall time from launching the process to the first HTTP 200 of GET /_gureum/health,
#     repeated RUNS times (min / median / max);
#   * the resident memory (VmRSS) of an idle server IDLE_SECONDS after start-up, and again after
#     CALLS STS GetCallerIdentity requests.
#
# Usage: docs/bench/startup.sh [RUNS]            (run from anywhere inside the repository)
# Environment:
#   RUNS          number of start-up measurements (default 10; the first argument wins)
#   PORT          first port to try (default 4610; the next free one is used)
#   JAVA          the java launcher (default: java)
#   JAVA_OPTS     extra JVM options, e.g. "-XX:SharedArchiveFile=gureum.jsa"
#   JAR           the jar (default emulator-server/target/gureum.jar)
#   IDLE_SECONDS  how long the server idles before its RSS is read (default 3)
#   CALLS         GetCallerIdentity calls before the second RSS reading (default 100)
#
# Build the jar first: mvn -q -B -DskipTests package
# Polling uses bash's /dev/tcp and read timeouts, so the measuring loop starts no processes of its
# own that would compete with the JVM for CPU. Needs Linux (/proc) and curl.
set -euo pipefail

cd "$(dirname "$0")/../.."

RUNS="${1:-${RUNS:-10}}"
PORT="${PORT:-4610}"
JAVA="${JAVA:-java}"
JAR="${JAR:-emulator-server/target/gureum.jar}"
IDLE_SECONDS="${IDLE_SECONDS:-3}"
CALLS="${CALLS:-100}"
read -r -a JAVA_ARGS <<<"${JAVA_OPTS:-}"

if [[ ! -f "$JAR" ]]; then
    echo "startup.sh: $JAR not found; build it with: mvn -q -B -DskipTests package" >&2
    exit 1
fi

# A pipe nobody writes to: `read -t` on it is a sleep that forks nothing.
exec {NAP}<> <(:)
nap() { read -r -t "$1" -u "$NAP" || true; }

# Microseconds since the epoch, without forking (EPOCHREALTIME is bash 5).
now_us() {
    NOW_US=${EPOCHREALTIME/./}
}

port_is_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local p=$PORT
    while ! port_is_free "$p"; do
        p=$((p + 1))
    done
    echo "$p"
}

# Sets HEALTH to the HTTP status of GET /_gureum/health, or to "" when the port does not answer yet.
health_status() {
    local port=$1 line=""
    HEALTH=""
    { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 0
    printf 'GET /_gureum/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    read -r -t 2 line <&3 || true
    exec 3>&-
    line=${line#HTTP/1.1 }
    HEALTH=${line%% *}
}

SERVER_PID=""
stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
trap stop_server EXIT

# Starts the server on $1 and waits for health; sets SERVER_PID, and ELAPSED_MS to the time it took.
# (Not called in a $(...) subshell, so that SERVER_PID stays known to stop_server.)
ELAPSED_MS=0
start_and_wait() {
    local port=$1 start end
    now_us
    start=$NOW_US
    "$JAVA" "${JAVA_ARGS[@]}" -jar "$JAR" --port "$port" >/dev/null 2>&1 &
    SERVER_PID=$!
    while health_status "$port" && [[ "$HEALTH" != "200" ]]; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "startup.sh: the server exited before answering" >&2
            exit 1
        fi
        nap 0.002
    done
    now_us
    end=$NOW_US
    ELAPSED_MS=$(((end - start) / 1000))
}

rss_kib() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

echo "java:      $("$JAVA" -version 2>&1 | head -n 1)"
echo "jvm opts:  ${JAVA_OPTS:-(none)}"
echo "cpus:      $(nproc)"
echo "jar:       $JAR ($(($(stat -c %s "$JAR") / 1024)) KiB)"
echo

times=()
for ((i = 1; i <= RUNS; i++)); do
    port=$(free_port)
    start_and_wait "$port"
    stop_server
    times+=("$ELAPSED_MS")
    echo "run $i: ${ELAPSED_MS} ms"
done

mapfile -t sorted < <(printf '%s\n' "${times[@]}" | sort -n)
n=${#sorted[@]}
if ((n % 2 == 1)); then
    median=${sorted[n / 2]}
else
    median=$(((sorted[n / 2 - 1] + sorted[n / 2]) / 2))
fi
echo
echo "start-up to first 200 of /_gureum/health over $n runs: min ${sorted[0]} ms, median ${median} ms, max ${sorted[n - 1]} ms"

port=$(free_port)
start_and_wait "$port"
sleep "$IDLE_SECONDS"
idle=$(rss_kib "$SERVER_PID")
for ((i = 0; i < CALLS; i++)); do
    curl -s -o /dev/null -f -X POST "http://127.0.0.1:$port/" \
        -H 'Content-Type: application/x-www-form-urlencoded' \
        --data 'Action=GetCallerIdentity&Version=2011-06-15'
done
sleep 1
busy=$(rss_kib "$SERVER_PID")
stop_server

echo "RSS idle after ${IDLE_SECONDS} s: $((idle / 1024)) MiB (${idle} KiB)"
echo "RSS after ${CALLS} GetCallerIdentity calls: $((busy / 1024)) MiB (${busy} KiB)"
