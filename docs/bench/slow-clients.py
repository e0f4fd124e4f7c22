#!/usr/bin/env python3
"""Latency of a normal client while slow clients attack the server: stalled uploads (an S3 PutObject
that promises 1 MiB and sends 10 bytes) and slowloris connections (a request line and one header line,
then nothing). Starts Gureum, measures S3 PutObject/GetObject, SQS SendMessage/ReceiveMessage, Lambda
ListFunctions and EC2 DescribeInstances one after the other without attackers, then again with them
connected, and prints p50/p99 of each.

The server runs with long --request-timeout and --header-timeout so that the attackers stay connected
for the whole measurement: what is measured is that they hold no worker thread, not that they are cut off.
Loopback only; the counts and the rounds are bounded.

Usage: python3 docs/bench/slow-clients.py [stalled uploads, default 500] [slowloris, default 2000] [rounds, default 200]
Needs boto3, a built emulator-server/target/gureum.jar and an open-files limit above the attacker count.
With GUREUM_ENDPOINT=http://127.0.0.1:PORT it measures a server already running there instead.
A call that fails or takes longer than 10 s counts as failed.
"""
import os
import resource
import select
import socket
import subprocess
import sys
import time
import urllib.request

import boto3
from botocore.config import Config

STALLED = min(int(sys.argv[1]) if len(sys.argv) > 1 else 500, 5000)
SLOWLORIS = min(int(sys.argv[2]) if len(sys.argv) > 2 else 2000, 10000)
ROUNDS = min(int(sys.argv[3]) if len(sys.argv) > 3 else 200, 10000)
PORT = int(os.environ.get("GUREUM_BENCH_PORT", "4656"))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "emulator-server", "target", "gureum.jar")
ENDPOINT = os.environ.get("GUREUM_ENDPOINT", f"http://127.0.0.1:{PORT}")
HOST, PORT = ENDPOINT.split("//")[1].split(":")[0], int(ENDPOINT.rsplit(":", 1)[1])
if HOST not in ("127.0.0.1", "localhost"):
    sys.exit("slow-clients.py attacks loopback only")
AUTH = ("AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature="
        + "0" * 64)


def clients():
    config = Config(retries={"max_attempts": 1}, connect_timeout=10, read_timeout=10,
                    s3={"addressing_style": "path"})
    kw = dict(endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="test",
              aws_secret_access_key="test", config=config)
    return (boto3.client("s3", **kw), boto3.client("sqs", **kw), boto3.client("lambda", **kw),
            boto3.client("ec2", **kw))


def measure(rounds, s3, sqs, lam, ec2, queue):
    body = os.urandom(4096)
    calls = {
        "S3 PutObject": lambda i: s3.put_object(Bucket="bench", Key=f"k{i % 50}", Body=body),
        "S3 GetObject": lambda i: s3.get_object(Bucket="bench", Key=f"k{i % 50}")["Body"].read(),
        "SQS SendMessage": lambda i: sqs.send_message(QueueUrl=queue, MessageBody="m"),
        "SQS ReceiveMessage": lambda i: sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1),
        "Lambda ListFunctions": lambda i: lam.list_functions(),
        "EC2 DescribeInstances": lambda i: ec2.describe_instances(),
    }
    times = {name: [] for name in calls}
    failed = {name: 0 for name in calls}
    for i in range(rounds):
        for name, call in calls.items():
            start = time.perf_counter()
            try:
                call(i)
            except Exception:  # a timeout or an error answer: the call did not do its work
                failed[name] += 1
                continue
            times[name].append((time.perf_counter() - start) * 1000)
    return times, failed


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def open_attackers():
    sockets = []
    for i in range(STALLED):
        s = socket.create_connection((HOST, PORT))
        s.sendall((f"PUT /bench/stalled-{i} HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: {AUTH}\r\n"
                   f"Content-Length: 1048576\r\n\r\n0123456789").encode())
        sockets.append(s)
    for i in range(SLOWLORIS):
        s = socket.create_connection((HOST, PORT))
        s.sendall(f"GET /bench HTTP/1.1\r\nHost: {HOST}\r\nX-Slow-{i}: a".encode())
        sockets.append(s)
    return sockets


def still_open(sockets):
    """Sockets the server has neither answered nor closed."""
    poller = select.poll()
    for s in sockets:
        poller.register(s, select.POLLIN)
    return len(sockets) - len(poller.poll(0))


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = STALLED + SLOWLORIS + 256
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, needed), hard))
    server = None
    if "GUREUM_ENDPOINT" not in os.environ:
        server = subprocess.Popen(["java", "-jar", JAR, "--port", str(PORT), "--log-level", "warn",
                                   "--request-timeout", "600", "--header-timeout", "600"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sockets = []
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{ENDPOINT}/_gureum/health").read()
                break
            except OSError:
                time.sleep(0.05)
        s3, sqs, lam, ec2 = clients()
        s3.create_bucket(Bucket="bench")
        queue = sqs.create_queue(QueueName="bench")["QueueUrl"]
        measure(50, s3, sqs, lam, ec2, queue)  # warm-up: the JIT compiles the request paths
        quiet, quiet_failed = measure(ROUNDS, s3, sqs, lam, ec2, queue)
        started = time.perf_counter()
        sockets = open_attackers()
        opened = time.perf_counter() - started
        attacked, attacked_failed = measure(ROUNDS, s3, sqs, lam, ec2, queue)
        waiting = still_open(sockets)
        print(f"{ROUNDS} rounds of each call; attackers: {STALLED} stalled uploads + {SLOWLORIS} slowloris "
              f"connections (opened in {opened:.1f} s; {waiting} still connected after the measurement); "
              f"{os.cpu_count()} cores")
        print(f"{'call':24} {'p50 quiet':>10} {'p99 quiet':>10} {'p50 attacked':>13} {'p99 attacked':>13} "
              f"{'failed':>7}   (ms)")
        for name in quiet:
            print(f"{name:24} {percentile(quiet[name], 50):10.2f} {percentile(quiet[name], 99):10.2f} "
                  f"{percentile(attacked[name], 50):13.2f} {percentile(attacked[name], 99):13.2f} "
                  f"{quiet_failed[name]:>3} {attacked_failed[name]:>3}")
    finally:
        for s in sockets:
            s.close()
        if server:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
