#!/usr/bin/env python3
"""Lambda latency benchmark: cold starts, warm invoke latency and warm invokes per second for an echo
function in Python, Node.js and Java, against a Gureum server it starts from the built jar.

Usage: python3 docs/bench/lambda.py [--cold N] [--warm N] [--seconds S] [--clients C]
Environment: GUREUM_BENCH_PORT (default 4683), JAVA (default java), JAR (default emulator-server/target/gureum.jar)

Needs python3 (standard library only), node, javac and a built jar (mvn -q -B -DskipTests package).

* cold start: the latency of an Invoke that has to start a new execution environment, as the client sees
  it; each round first changes an environment variable (UpdateFunctionConfiguration), which retires the
  warm environments, as on AWS. The runtime's own Init Duration (from the REPORT line) is reported too.
* warm latency: sequential Invokes of a warm environment over one keep-alive connection, p50 and p99.
  The echo handlers do nothing, so this is Gureum's overhead plus the runtime's own loop.
* throughput: warm Invokes per second from C concurrent clients, each on its own connection.
Requests are unsigned (the server does not verify signatures by default), so the client's signing
cost is left out.
"""
import argparse
import base64
import http.client
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

PORT = int(os.environ.get("GUREUM_BENCH_PORT", "4683"))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.environ.get("JAR", os.path.join(ROOT, "emulator-server", "target", "gureum.jar"))
ROLE = "arn:aws:iam::000000000000:role/bench"

PYTHON_ECHO = "def handler(event, context):\n    return event\n"
NODE_ECHO = "export const handler = async (event) => event;\n"
JAVA_ECHO = """
package bench;
import java.util.Map;
public class Echo {
    public Map<String, Object> handle(Map<String, Object> event) {
        return event;
    }
}
"""


def zipped(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def java_package(work):
    src = os.path.join(work, "bench", "Echo.java")
    os.makedirs(os.path.dirname(src))
    with open(src, "w") as f:
        f.write(JAVA_ECHO)
    classes = os.path.join(work, "classes")
    subprocess.run(["javac", "--release", "11", "-d", classes, src], check=True)
    with open(os.path.join(classes, "bench", "Echo.class"), "rb") as f:
        return zipped({"bench/Echo.class": f.read()})


class Client:
    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT)

    def call(self, method, path, body=None, expect=(200, 201, 202, 204)):
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        self.conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        response = self.conn.getresponse()
        payload = response.read()
        if response.status not in expect:
            raise SystemExit("%s %s answered %d: %s" % (method, path, response.status, payload[:300]))
        return response, payload

    def invoke(self, name, payload=b'{"ping":1}', tail=False):
        headers = {"Content-Type": "application/json"}
        if tail:
            headers["X-Amz-Log-Type"] = "Tail"
        self.conn.request("POST", "/2015-03-31/functions/%s/invocations" % name, body=payload, headers=headers)
        response = self.conn.getresponse()
        body = response.read()
        if response.status != 200 or response.getheader("X-Amz-Function-Error"):
            raise SystemExit("invoke %s failed: %d %s" % (name, response.status, body[:300]))
        return response, body


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def cold_starts(client, name, rounds):
    totals, inits = [], []
    for i in range(rounds):
        client.call("PUT", "/2015-03-31/functions/%s/configuration" % name,
                    {"Environment": {"Variables": {"ROUND": str(i)}}})
        started = time.perf_counter()
        response, _ = client.invoke(name, tail=True)
        totals.append((time.perf_counter() - started) * 1000)
        log = base64.b64decode(response.getheader("X-Amz-Log-Result")).decode()
        init = re.search(r"Init Duration: ([0-9.]+) ms", log)
        inits.append(float(init.group(1)) if init else float("nan"))
    return totals, inits


def warm_latency(client, name, count):
    for _ in range(min(500, count)):
        client.invoke(name)
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        client.invoke(name)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def throughput(name, clients, seconds):
    counts = [0] * clients
    stop = time.perf_counter() + seconds

    def run(i):
        c = Client()
        while time.perf_counter() < stop:
            c.invoke(name)
            counts[i] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold", type=int, default=10)
    parser.add_argument("--warm", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=5000,
                        help="invocations that warm up the server's JIT before anything is measured")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="gureum-lambda-bench-")
    server = subprocess.Popen([os.environ.get("JAVA", "java"), "-jar", JAR, "--port", str(PORT),
                               "--data-dir", os.path.join(work, "data"), "--services", "lambda,logs"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for line in server.stdout:
            if line.strip() == b"Ready.":
                break
        else:
            raise SystemExit("the server did not start")
        client = Client()
        functions = {
            "python": ("python3.12", "app.handler", zipped({"app.py": PYTHON_ECHO})),
            "node": ("nodejs20.x", "index.handler", zipped({"index.mjs": NODE_ECHO})),
            "java": ("java17", "bench.Echo::handle", java_package(work)),
        }
        client.call("POST", "/2015-03-31/functions", {
            "FunctionName": "warm-up", "Runtime": "python3.12", "Handler": "app.handler", "Role": ROLE,
            "Code": {"ZipFile": base64.b64encode(zipped({"app.py": PYTHON_ECHO})).decode()}})
        for _ in range(args.warmup):
            client.invoke("warm-up")
        print("machine: %d CPUs, load average %s" % (os.cpu_count(), open("/proc/loadavg").read().split()[0]))
        print("%-7s %-22s %-22s %-26s %s" % ("runtime", "cold p50 / max (ms)", "init p50 (ms)",
                                           "warm p50 / p99 (ms)", "warm invokes/s (%d clients)" % args.clients))
        for label, (runtime, handler, code) in functions.items():
            name = "echo-" + label
            client.call("POST", "/2015-03-31/functions", {
                "FunctionName": name, "Runtime": runtime, "Handler": handler, "Role": ROLE, "MemorySize": 512,
                "Timeout": 30, "Code": {"ZipFile": base64.b64encode(code).decode()}})
            totals, inits = cold_starts(client, name, args.cold)
            warm = warm_latency(client, name, args.warm)
            rate = throughput(name, args.clients, args.seconds)
            print("%-7s %-22s %-22s %-26s %.0f" % (
                label, "%.0f / %.0f" % (statistics.median(totals), max(totals)), "%.0f" % statistics.median(inits),
                "%.2f / %.2f" % (percentile(warm, 0.5), percentile(warm, 0.99)), rate))
            sys.stdout.flush()
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
