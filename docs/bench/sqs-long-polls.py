#!/usr/bin/env python3
"""Holds many concurrent SQS long polls (ReceiveMessage with WaitTimeSeconds=20) open against Gureum,
reports the server's thread count and memory while they wait, then sends one message per receiver and
checks every message reaches exactly one receiver.

Usage: python3 docs/bench/sqs-long-polls.py [receivers, default 10000]
Needs a built emulator-server/target/gureum.jar and an open-files limit above the receiver count.
"""
import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request

RECEIVERS = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
PORT = int(os.environ.get("GUREUM_BENCH_PORT", "4654"))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "emulator-server", "target", "gureum.jar")
QUEUE_URL = f"http://127.0.0.1:{PORT}/000000000000/polls"


def call(target, body):
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}/", data=json.dumps(body).encode(), headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AmazonSQS." + target})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["Threads"]), fields["VmRSS"]


async def receive(body):
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    payload = json.dumps(body).encode()
    writer.write(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                 b"X-Amz-Target: AmazonSQS.ReceiveMessage\r\nContent-Length: " + str(len(payload)).encode()
                 + b"\r\n\r\n" + payload)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    data = await reader.readexactly(length)
    writer.close()
    return json.loads(data).get("Messages", [])


async def main(pid):
    call("CreateQueue", {"QueueName": "polls"})
    threads_before, rss_before = proc_status(pid)
    tasks = [asyncio.create_task(receive({"QueueUrl": QUEUE_URL, "WaitTimeSeconds": 20, "MaxNumberOfMessages": 1}))
             for _ in range(RECEIVERS)]
    await asyncio.sleep(5)  # let every connection arrive and park
    threads_waiting, rss_waiting = proc_status(pid)
    start = time.monotonic()
    for i in range(0, RECEIVERS, 10):
        entries = [{"Id": f"e{j}", "MessageBody": f"m{i + j}"} for j in range(min(10, RECEIVERS - i))]
        await asyncio.to_thread(call, "SendMessageBatch", {"QueueUrl": QUEUE_URL, "Entries": entries})
    results = await asyncio.gather(*tasks)
    elapsed = time.monotonic() - start
    bodies = [m["Body"] for messages in results for m in messages]
    print(f"receivers: {RECEIVERS}")
    print(f"server threads: {threads_before} idle, {threads_waiting} with all receivers waiting")
    print(f"server RSS: {rss_before} idle, {rss_waiting} with all receivers waiting")
    print(f"messages received: {len(bodies)}, distinct: {len(set(bodies))}, "
          f"sent and delivered in {elapsed:.1f} s")
    return len(bodies) == RECEIVERS == len(set(bodies))


if __name__ == "__main__":
    server = subprocess.Popen(["java", "-jar", JAR, "--port", str(PORT), "--log-level", "warn"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/_gureum/health")
                break
            except OSError:
                time.sleep(0.05)
        ok = asyncio.run(main(server.pid))
    finally:
        server.terminate()
        server.wait()
    sys.exit(0 if ok else 1)
