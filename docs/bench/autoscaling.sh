#!/usr/bin/env bash
# Auto Scaling: how long a group takes to go from 0 to 100 instances, and back, in server time. The
# launches (placement on the simulated hosts included) happen within SetDesiredCapacity, so its answer
# time is the scaling time; the server's CPU time over the call is read from /proc/PID/stat.
# Each round: SetDesiredCapacity 0 -> 100, then 100 -> 0, then the clock is advanced 2 minutes
# so that the terminated instances are gone. Needs python3 with boto3 and a built emulator-server/target/gureum.jar.
# Usage: docs/bench/autoscaling.sh [rounds, default 5]
set -euo pipefail

ROUNDS="${1:-5}"
PORT="${GUREUM_BENCH_PORT:-4656}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/emulator-server/target/gureum.jar"
WORK="$(mktemp -d)"
trap 'kill "${GUREUM_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
python3 -c 'import boto3' 2>/dev/null || { echo "python3 with boto3 is missing" >&2; exit 1; }

java -jar "$JAR" --port "$PORT" --log-level warn > "$WORK/gureum.log" 2>&1 &
GUREUM_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/_gureum/health" >/dev/null && break; sleep 0.05; done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$PORT" "$GUREUM_PID" "$ROUNDS" <<'PY'
import os, sys, time, json, urllib.request, statistics, boto3
port, pid, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
url = 'http://127.0.0.1:%s' % port
kw = dict(endpoint_url=url, region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
ec2, asg = boto3.client('ec2', **kw), boto3.client('autoscaling', **kw)
tick = os.sysconf('SC_CLK_TCK')

def cpu():
    fields = open('/proc/%s/stat' % pid).read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick

def advance(duration):
    req = urllib.request.Request(url + '/_gureum/clock', data=json.dumps({'advance': duration}).encode(),
                                 headers={'Content-Type': 'application/json'}, method='POST')
    urllib.request.urlopen(req).read()

subnets = ','.join(s['SubnetId'] for s in ec2.describe_subnets()['Subnets'] if s['DefaultForAz'])
lt = ec2.create_launch_template(LaunchTemplateName='bench', LaunchTemplateData={
    'ImageId': 'ami-0c02fb55956c7d316', 'InstanceType': 't3.micro'})['LaunchTemplate']['LaunchTemplateId']
asg.create_auto_scaling_group(AutoScalingGroupName='bench', MinSize=0, MaxSize=100, DesiredCapacity=0,
                              LaunchTemplate={'LaunchTemplateId': lt}, VPCZoneIdentifier=subnets)
# one unmeasured round warms the JVM
results = {'out': [], 'in': []}
for r in range(rounds + 1):
    for label, desired in (('out', 100), ('in', 0)):
        c0, t0 = cpu(), time.perf_counter()
        asg.set_desired_capacity(AutoScalingGroupName='bench', DesiredCapacity=desired)
        wall, used = time.perf_counter() - t0, cpu() - c0
        if r > 0:
            results[label].append((wall, used))
        if desired == 100:
            n = len(asg.describe_auto_scaling_groups(AutoScalingGroupNames=['bench'])['AutoScalingGroups'][0]['Instances'])
            assert n == 100, n
    advance('PT2M')
for label, name in (('out', '0 -> 100 instances'), ('in', '100 -> 0 instances')):
    walls = [w for w, _ in results[label]]
    cpus = [c for _, c in results[label]]
    print('%-20s wall ms: min %.0f median %.0f max %.0f | server CPU ms: median %.0f' % (
        name, min(walls) * 1000, statistics.median(walls) * 1000, max(walls) * 1000, statistics.median(cpus) * 1000))
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
