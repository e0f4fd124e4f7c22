# Shared by s3-throughput.sh and sqs-throughput.sh (sourced, not run): wrk runs taken in rounds, each
# round measuring every contender in turn, so that all see the same load on the machine; then per
# contender the minimum, median and maximum requests per second over the rounds, the server's CPU time
# per request (user + system of all its threads, from /proc/PID/stat) and, per round, its ratio to the
# peer measured in the same round.
# Expects WORK (a scratch directory), THREADS and CONNECTIONS.

# min / median / max of the numbers given, as "min / median / max"
stats() {
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
    if (NR == 0) { print "-"; exit }
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    fmt = v[NR] < 10 ? "%.2f / %.2f / %.2f" : "%.0f / %.0f / %.0f"
    printf fmt, v[1], m, v[NR] }'
}

# the CPU time of processes so far, in clock ticks
cpu_ticks() {
  local p
  for p in "$@"; do cat "/proc/$p/stat"; done | awk '{t += $14 + $15} END {print t}'
}

# the processes of the nginx whose pid file is $1: its master and workers
nginx_pids() {
  local master
  master=$(cat "$1")
  echo "$master" $(pgrep -P "$master")
}

# measure NAME PORT SCRIPT SECONDS [PIDS]: one wrk run; appends its rate to $WORK/NAME.rps and, given the
# server's process ids (one word, space-separated), its CPU microseconds per request to $WORK/NAME.cpu;
# prints the run
measure() {
  local name=$1 port=$2 script=$3 seconds=$4 pid=${5:-} before=0 after=0 rps requests errors
  # shellcheck disable=SC2086
  [ -n "$pid" ] && before=$(cpu_ticks $pid)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" -s "$script" "http://127.0.0.1:$port" > "$WORK/$name.last"
  # shellcheck disable=SC2086
  [ -n "$pid" ] && after=$(cpu_ticks $pid)
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.last")
  requests=$(awk '/requests in/ {print $1}' "$WORK/$name.last")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/$name.last")
  echo "$rps" >> "$WORK/$name.rps"
  local cpu=""
  if [ -n "$pid" ] && [ "${requests:-0}" -gt 0 ]; then
    cpu=$(awk -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
    echo "$cpu" >> "$WORK/$name.cpu"
  fi
  printf '  %-22s %10s req/s%s%s\n' "$name" "$rps" "${cpu:+  ${cpu} µs CPU/request}" "${errors:+  (non-2xx: $errors)}"
}

# ratio NAME PEER: the rate of NAME's last run over PEER's last run, appended to $WORK/NAME.ratio; and,
# when both runs measured CPU, PEER's CPU time per request over NAME's (the ratio of the rates the two
# would reach if CPU time were all they needed), appended to $WORK/NAME.cpuratio
ratio() {
  awk -v a="$(tail -n 1 "$WORK/$1.rps")" -v b="$(tail -n 1 "$WORK/$2.rps")" 'BEGIN {printf "%.3f\n", a / b}' \
    >> "$WORK/$1.ratio"
  if [ -f "$WORK/$1.cpu" ] && [ -f "$WORK/$2.cpu" ]; then
    awk -v a="$(tail -n 1 "$WORK/$1.cpu")" -v b="$(tail -n 1 "$WORK/$2.cpu")" 'BEGIN {if (a > 0) printf "%.3f\n", b / a}' \
      >> "$WORK/$1.cpuratio"
  fi
}

# summary NAME [PEER]: min / median / max of NAME's runs, its CPU per request, and its ratios to PEER
summary() {
  local name=$1 peer=${2:-}
  # shellcheck disable=SC2046
  printf '%-22s req/s %-28s' "$name" "$(stats $(cat "$WORK/$name.rps"))"
  # shellcheck disable=SC2046
  [ -f "$WORK/$name.cpu" ] && printf '  CPU/request µs %-22s' "$(stats $(cat "$WORK/$name.cpu"))"
  # shellcheck disable=SC2046
  [ -n "$peer" ] && printf '  × %s %s' "$peer" "$(stats $(cat "$WORK/$name.ratio"))"
  # shellcheck disable=SC2046
  [ -n "$peer" ] && [ -f "$WORK/$name.cpuratio" ] && printf '  %s CPU/request ÷ this %s' "$peer" \
    "$(stats $(cat "$WORK/$name.cpuratio"))"
  printf '\n'
}

# load NAME: the load average now, for the record
load() {
  printf '%s: load average %s\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

# wait_healthy PORT: until Gureum answers its health endpoint (10 s at most)
wait_healthy() {
  for _ in $(seq 1 200); do
    curl -sf "http://127.0.0.1:$1/_gureum/health" > /dev/null && return 0
    sleep 0.05
  done
  echo "no answer on port $1" >&2
  return 1
}
