#!/usr/bin/env bash
# Start-up and memory benchmark: Gureum beside moto's server, in the same run.
#
# Measures, for each contender, the wall time from launching the process to the first 2xx answer of
# its health endpoint, RUNS times, taking turns (Gureum, moto, Gureum, moto...) so that both see the
# same load on the machine; then min / median / max of each and the ratio of the medians. Then the
# resident memory (VmRSS) of an idle Gureum IDLE_SECONDS after start-up, and again after CALLS STS
# GetCallerIdentity requests.
#
# Contenders:
#   gureum   the README's command: emulator-server/target/gureum (the launcher the build writes next
#            to the jar), or GUREUM="..." to start something else (the port option is appended)
#   jar      `java -jar emulator-server/target/gureum.jar`, the jar without its launcher (PLAIN_JAR=1)
#   moto     `python3 -m moto.server`, when python3 has moto (MOTO=0 leaves it out); its first
#            answer to GET /moto-api/config counts as ready (Gureum's: GET /_gureum/health)
#   other    OTHER="label=command ..." adds one more Gureum command (to compare JVM options)
#
# Usage: docs/bench/startup.sh [RUNS]            (run from anywhere inside the repository)
# Environment: RUNS (default 10; the first argument wins), PORT (first port to try, default 4610),
#   GUREUM, PLAIN_JAR, MOTO, OTHER (above), IDLE_SECONDS (default 3), CALLS (default 100).
#
# Build first: mvn -q -B -DskipTests package
# Polling uses bash's /dev/tcp and read timeouts, so the measuring loop starts no processes of its
# own that would compete with the servers for CPU. Needs Linux (/proc), bash 5 and curl.
set -euo pipefail

cd "$(dirname "$0")/../.."

RUNS="${1:-${RUNS:-10}}"
PORT="${PORT:-4610}"
IDLE_SECONDS="${IDLE_SECONDS:-3}"
CALLS="${CALLS:-100}"
LAUNCHER=emulator-server/target/gureum
JARFILE=emulator-server/target/gureum.jar

if [[ ! -f "$JARFILE" ]]; then
    echo "startup.sh: $JARFILE not found; build it with: mvn -q -B -DskipTests package" >&2
    exit 1
fi

NAMES=() COMMANDS=() HEALTH_PATHS=()
contender() { NAMES+=("$1"); COMMANDS+=("$2"); HEALTH_PATHS+=("$3"); }
if [[ -n "${GUREUM:-}" ]]; then
    contender gureum "$GUREUM" /_gureum/health
elif [[ -x "$LAUNCHER" ]]; then
    contender gureum "$LAUNCHER" /_gureum/health
else
    contender gureum "java -jar $JARFILE" /_gureum/health
fi
if [[ "${PLAIN_JAR:-0}" == 1 ]]; then
    contender jar "java -jar $JARFILE" /_gureum/health
fi
if [[ -n "${OTHER:-}" ]]; then
    contender "${OTHER%%=*}" "${OTHER#*=}" /_gureum/health
fi
if [[ "${MOTO:-1}" != 0 ]] && python3 -c 'import moto.server' 2>/dev/null; then
    contender moto "python3 -m moto.server" /moto-api/config
fi

# A pipe nobody writes to: `read -t` on it is a sleep that forks nothing.
exec {NAP}<> <(:)
nap() { read -r -t "$1" -u "$NAP" || true; }

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

# Sets STATUS to the HTTP status of GET $2 on port $1, or to "" when the port does not answer yet.
http_status() {
    local port=$1 path=$2 line=""
    STATUS=""
    { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 0
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
    read -r -t 2 line <&3 || true
    exec 3>&-
    line=${line#HTTP/1.? }
    STATUS=${line%% *}
}

SERVER_PID=""
stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        # the launcher execs java, so this is the server itself
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
trap stop_server EXIT

# Starts contender $1 on port $2 and waits for its health answer; sets SERVER_PID and ELAPSED_MS.
# (Not called in a $(...) subshell, so that SERVER_PID stays known to stop_server.)
ELAPSED_MS=0
start_and_wait() {
    local i=$1 port=$2 start end
    local -a cmd
    read -r -a cmd <<<"${COMMANDS[i]}"
    if [[ "${NAMES[i]}" == moto ]]; then
        cmd+=(-p "$port")
    else
        cmd+=(--port "$port")
    fi
    start=${EPOCHREALTIME/./}
    "${cmd[@]}" >/dev/null 2>&1 &
    SERVER_PID=$!
    while http_status "$port" "${HEALTH_PATHS[i]}" && [[ "$STATUS" != 2?? ]]; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "startup.sh: ${NAMES[i]} exited before answering" >&2
            exit 1
        fi
        nap 0.002
    done
    end=${EPOCHREALTIME/./}
    ELAPSED_MS=$(((end - start) / 1000))
}

rss_kib() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# Sets MIN, MEDIAN and MAX of the numbers given.
stats() {
    local -a sorted
    mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
    local n=${#sorted[@]}
    MIN=${sorted[0]}
    MAX=${sorted[n - 1]}
    if ((n % 2 == 1)); then
        MEDIAN=${sorted[n / 2]}
    else
        MEDIAN=$(((sorted[n / 2 - 1] + sorted[n / 2]) / 2))
    fi
}

echo "java:      $(java -version 2>&1 | head -n 1)"
echo "cpus:      $(nproc)"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before"
for i in "${!NAMES[@]}"; do
    printf '%-10s %s\n' "${NAMES[i]}:" "${COMMANDS[i]}"
done
echo

declare -A TIMES
for ((r = 1; r <= RUNS; r++)); do
    line="run $r:"
    for i in "${!NAMES[@]}"; do
        port=$(free_port)
        start_and_wait "$i" "$port"
        stop_server
        TIMES[$i]+="$ELAPSED_MS "
        line+=" ${NAMES[i]} ${ELAPSED_MS} ms,"
    done
    echo "${line%,}"
done
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after"

echo
echo "start-up to the first 2xx of the health endpoint, $RUNS runs each (min / median / max):"
declare -A MEDIANS
for i in "${!NAMES[@]}"; do
    # shellcheck disable=SC2086 # the times are words
    stats ${TIMES[$i]}
    MEDIANS[$i]=$MEDIAN
    printf '  %-8s %5d / %5d / %5d ms\n' "${NAMES[i]}" "$MIN" "$MEDIAN" "$MAX"
done
last=$((${#NAMES[@]} - 1))
if [[ "${NAMES[last]}" == moto ]]; then
    for ((i = 0; i < last; i++)); do
        awk -v a="${MEDIANS[$i]}" -v b="${MEDIANS[$last]}" -v n="${NAMES[i]}" \
            'BEGIN { printf "  %s / moto (medians): %.2f\n", n, a / b }'
    done
fi

port=$(free_port)
start_and_wait 0 "$port"
nap "$IDLE_SECONDS"
idle=$(rss_kib "$SERVER_PID")
for ((i = 0; i < CALLS; i++)); do
    curl -s -o /dev/null -f -X POST "http://127.0.0.1:$port/" \
        -H 'Content-Type: application/x-www-form-urlencoded' \
        --data 'Action=GetCallerIdentity&Version=2011-06-15'
done
nap 1
busy=$(rss_kib "$SERVER_PID")
stop_server

echo
echo "gureum RSS idle after ${IDLE_SECONDS} s: $((idle / 1024)) MiB (${idle} KiB)"
echo "gureum RSS after ${CALLS} GetCallerIdentity calls: $((busy / 1024)) MiB (${busy} KiB)"
