#!/usr/bin/env bash
# Proxying through an application load balancer: wrk, 32 keep-alive connections, GETs of 4 KiB files from
# `ip` targets (nginx serving files), through Gureum's load balancer (its listener's local port) and, as
# the ceiling, through nginx as a reverse proxy in front of the same targets (keep-alive to them).
# The two proxies are measured in turns (nginx, Gureum, nginx, Gureum...), and for each run the CPU time
# the proxy process spent per request is read from /proc/<pid>/stat, which a busy machine disturbs less
# than the request rate.
# Needs: wrk, nginx (Debian: apt-get install wrk nginx-core), curl, the aws CLI, and a built
# emulator-server/target/gureum.jar.
# Usage: docs/bench/elb-proxy.sh [seconds per run, default 10] [rounds, default 3]
# (GUREUM_BENCH_JAVA_OPTS=-XX:StartFlightRecording=... records a profile of the server)
set -euo pipefail

DURATION="${1:-10}"
ROUNDS="${2:-3}"
CONNECTIONS=32
THREADS=2
WARMUP="${GUREUM_BENCH_WARMUP:-20}"
FILES=100
GUREUM_PORT="${GUREUM_BENCH_PORT:-4660}"
PROXY_PORT="${NGINX_BENCH_PORT:-4661}"
TARGET_PORT_A="${TARGET_BENCH_PORT:-4662}"
TARGET_PORT_B=$((TARGET_PORT_A + 1))
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/emulator-server/target/gureum.jar"
WORK="$(mktemp -d)"
trap 'kill "${GUREUM_PID:-}" 2>/dev/null || true
      nginx -c "$WORK/targets.conf" -s stop 2>/dev/null || true
      nginx -c "$WORK/proxy.conf" -s stop 2>/dev/null || true
      rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing (apt-get install nginx-core)" >&2; exit 1; }
command -v aws >/dev/null || { echo "the aws CLI is missing" >&2; exit 1; }

mkdir -p "$WORK/www" "$WORK/tmp"
head -c 4096 /dev/urandom > "$WORK/file.bin"
for i in $(seq 0 $((FILES - 1))); do cp "$WORK/file.bin" "$WORK/www/f-$i"; done
chmod -R a+rwX "$WORK"

temp_paths="client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;"
# the targets: two nginx servers of 4 KiB files
cat > "$WORK/targets.conf" <<CONF
worker_processes 1;
pid $WORK/targets.pid;
error_log $WORK/targets-error.log warn;
events { worker_connections 1024; }
http {
  access_log off; $temp_paths
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$TARGET_PORT_A; root $WORK/www; }
  server { listen 127.0.0.1:$TARGET_PORT_B; root $WORK/www; }
}
CONF
# the ceiling: nginx as a reverse proxy, round robin over the same targets, keeping connections to them
cat > "$WORK/proxy.conf" <<CONF
worker_processes auto;
pid $WORK/proxy.pid;
error_log $WORK/proxy-error.log warn;
events { worker_connections 1024; }
http {
  access_log off; $temp_paths
  keepalive_requests 1000000;
  upstream targets { server 127.0.0.1:$TARGET_PORT_A; server 127.0.0.1:$TARGET_PORT_B; keepalive 64; }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://targets;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
nginx -c "$WORK/targets.conf"
nginx -c "$WORK/proxy.conf"

# shellcheck disable=SC2086
java ${GUREUM_BENCH_JAVA_OPTS:-} -jar "$JAR" --port "$GUREUM_PORT" --log-level warn > "$WORK/gureum.log" 2>&1 &
GUREUM_PID=$!
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$GUREUM_PORT/_gureum/health" >/dev/null && break; sleep 0.05; done

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
awsg() { aws --endpoint-url "http://127.0.0.1:$GUREUM_PORT" "$@"; }
SUBNETS=$(awsg ec2 describe-subnets --query 'Subnets[?DefaultForAz].SubnetId' --output text | cut -f1,2)
VPC=$(awsg ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
# shellcheck disable=SC2086
LB=$(awsg elbv2 create-load-balancer --name bench --subnets $SUBNETS --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(awsg elbv2 create-target-group --name files --protocol HTTP --port "$TARGET_PORT_A" --vpc-id "$VPC" \
       --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)
awsg elbv2 register-targets --target-group-arn "$TG" \
    --targets "Id=127.0.0.1,Port=$TARGET_PORT_A" "Id=127.0.0.1,Port=$TARGET_PORT_B" >/dev/null
awsg elbv2 create-listener --load-balancer-arn "$LB" --protocol HTTP --port 80 \
    --default-actions "Type=forward,TargetGroupArn=$TG" >/dev/null
ALB_PORT=$(curl -sf "http://127.0.0.1:$GUREUM_PORT/_gureum/elb" | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["loadBalancers"][0]["listeners"][0]["localPort"])')
curl -sf -o /dev/null "http://127.0.0.1:$ALB_PORT/f-0" || { echo "the load balancer does not answer" >&2; exit 1; }

cat > "$WORK/get.lua" <<LUA
request = function()
  return wrk.format("GET", "/f-" .. math.random(0, $((FILES - 1))))
end
LUA

# CPU time (user + system, in clock ticks) of processes, by pid
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
nginx_proxy_pids() { pgrep -P "$(cat "$WORK/proxy.pid")"; cat "$WORK/proxy.pid"; }
HZ=$(getconf CLK_TCK)

run() { # name port pids...
  local name=$1 port=$2; shift 2
  local before after rps requests
  before=$(ticks "$@")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/get.lua" "http://127.0.0.1:$port" > "$WORK/$name.txt"
  after=$(ticks "$@")
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  requests=$(awk '/requests in/ {print $1}' "$WORK/$name.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/$name.txt")
  awk -v n="$name" -v r="$rps" -v q="$requests" -v c=$((after - before)) -v hz="$HZ" -v e="${errors:-}" \
      'BEGIN {printf "%-10s %9.0f req/s  %6.1f us CPU/request%s\n", n, r, 1e6 * c / hz / q, e == "" ? "" : "  (non-2xx: " e ")"}'
  echo "$rps" > "$WORK/last.rps"
  echo "$((after - before)) $requests" > "$WORK/last.cpu"
}

# a warm-up lets the JIT compile the proxy's path, as it would in a long-running server
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/get.lua" "http://127.0.0.1:$ALB_PORT" >/dev/null

echo "4 KiB files from 2 nginx targets, $CONNECTIONS connections, $THREADS wrk threads, ${DURATION}s per run, $(nproc) cores"
for round in $(seq 1 "$ROUNDS"); do
  # shellcheck disable=SC2046
  run nginx "$PROXY_PORT" $(nginx_proxy_pids)
  n=$(cat "$WORK/last.rps"); read -r nc nq < "$WORK/last.cpu"
  run gureum "$ALB_PORT" "$GUREUM_PID"
  g=$(cat "$WORK/last.rps"); read -r gc gq < "$WORK/last.cpu"
  awk -v g="$g" -v n="$n" -v gc="$gc" -v gq="$gq" -v nc="$nc" -v nq="$nq" -v r="$round" \
      'BEGIN {printf "round %d: Gureum at %.0f%% of nginx'"'"'s rate, %.1fx its CPU per request\n", r, 100 * g / n, (gc / gq) / (nc / nq)}' \
      | tee -a "$WORK/ratios"
done
awk '{gsub("%", "", $5); s += $5; n++} END {printf "mean: Gureum at %.0f%% of nginx'"'"'s rate\n", s / n}' "$WORK/ratios"
