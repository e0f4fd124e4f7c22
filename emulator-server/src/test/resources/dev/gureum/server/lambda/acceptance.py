"""Lambda in Gureum as boto3 and the AWS CLI see it.

Usage: acceptance.py ENDPOINT JAVA_ZIP WORK_DIR
Prints one "OK <check>" line per check passed; exits non-zero on the first failure.
"""

import io
import json
import os
import subprocess
import sys
import time
import zipfile

import boto3

ENDPOINT, JAVA_ZIP, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
ROLE = "arn:aws:iam::000000000000:role/acceptance"
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
lam = session.client("lambda", endpoint_url=ENDPOINT)
s3 = session.client("s3", endpoint_url=ENDPOINT)
sqs = session.client("sqs", endpoint_url=ENDPOINT)
sns = session.client("sns", endpoint_url=ENDPOINT)


def zipped(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()


def cli(*args):
    out = subprocess.run(["aws", "--endpoint-url", ENDPOINT, "--region", "us-east-1", "--output", "json"] + list(args),
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise SystemExit("aws %s failed: %s" % (" ".join(args), out.stderr))
    return json.loads(out.stdout) if out.stdout.strip() else None


def wait_for(what, check, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise SystemExit("timed out waiting for " + what)


def object_text(bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
    except s3.exceptions.NoSuchKey:
        return None


def ok(check):
    print("OK " + check, flush=True)


s3.create_bucket(Bucket="acceptance")

# a Python function that writes to S3 with a plain boto3.client('s3')
lam.create_function(FunctionName="py-writer", Runtime="python3.12", Handler="app.handler", Role=ROLE, Timeout=15,
                    Code={"ZipFile": zipped({"app.py": (
                        "import boto3\n"
                        "s3 = boto3.client('s3')\n"
                        "def handler(event, context):\n"
                        "    s3.put_object(Bucket='acceptance', Key=event['key'], Body=event['text'].encode())\n"
                        "    return {'written': event['key']}\n")})})
lam.get_waiter("function_active_v2").wait(FunctionName="py-writer")
result = lam.invoke(FunctionName="py-writer", Payload=json.dumps({"key": "python.txt", "text": "from python"}))
assert "FunctionError" not in result, result["Payload"].read()
assert json.loads(result["Payload"].read()) == {"written": "python.txt"}
assert object_text("acceptance", "python.txt") == "from python"
ok("python function writes to S3 with boto3")

# a Node.js function, created and invoked with the AWS CLI
node_zip = os.path.join(WORK, "node.zip")
with open(node_zip, "wb") as f:
    f.write(zipped({"index.mjs": "export const handler = async (event) => ({ hello: event.name, node: process.version });\n"}))
cli("lambda", "create-function", "--function-name", "node-cli", "--runtime", "nodejs20.x", "--handler", "index.handler",
    "--role", ROLE, "--zip-file", "fileb://" + node_zip)
out_file = os.path.join(WORK, "node-out.json")
meta = cli("lambda", "invoke", "--function-name", "node-cli", "--payload", '{"name":"gureum"}', out_file)
assert meta["StatusCode"] == 200 and "FunctionError" not in meta, meta
with open(out_file) as f:
    answer = json.load(f)
assert answer["hello"] == "gureum" and answer["node"].startswith("v"), answer
ok("node function through the AWS CLI")

# a Java function compiled by the test
with open(JAVA_ZIP, "rb") as f:
    lam.create_function(FunctionName="java-fn", Runtime="java17", Handler="example.Upper::handleRequest", Role=ROLE,
                        Timeout=30, MemorySize=512, Code={"ZipFile": f.read()})
result = lam.invoke(FunctionName="java-fn", Payload=json.dumps("shout"))
assert "FunctionError" not in result, result["Payload"].read()
assert json.loads(result["Payload"].read()) == "SHOUT"
ok("java function")

# an SQS-triggered function
queue_url = sqs.create_queue(QueueName="acceptance-jobs")["QueueUrl"]
queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
lam.create_function(FunctionName="sqs-worker", Runtime="python3.11", Handler="app.handler", Role=ROLE, Timeout=10,
                    Code={"ZipFile": zipped({"app.py": (
                        "import boto3\n"
                        "s3 = boto3.client('s3')\n"
                        "def handler(event, context):\n"
                        "    for r in event['Records']:\n"
                        "        assert r['eventSource'] == 'aws:sqs'\n"
                        "        s3.put_object(Bucket='acceptance', Key='sqs/' + r['messageId'], Body=r['body'].encode())\n")})})
cli("lambda", "create-event-source-mapping", "--function-name", "sqs-worker", "--event-source-arn", queue_arn,
    "--batch-size", "5")
message_id = sqs.send_message(QueueUrl=queue_url, MessageBody="job one")["MessageId"]
wait_for("the SQS-triggered write", lambda: object_text("acceptance", "sqs/" + message_id) == "job one")
ok("sqs-triggered function")

# an SNS-triggered function
topic_arn = sns.create_topic(Name="acceptance-news")["TopicArn"]
lam.create_function(FunctionName="sns-reader", Runtime="nodejs20.x", Handler="index.handler", Role=ROLE, Timeout=10,
                    Code={"ZipFile": zipped({"index.js": (
                        "exports.handler = async (event) => {\n"
                        "  const r = event.Records[0];\n"
                        "  console.log('sns message', r.EventSource, r.Sns.Message);\n"
                        "  return r.Sns.Message;\n"
                        "};\n")})})
function_arn = lam.get_function(FunctionName="sns-reader")["Configuration"]["FunctionArn"]
# SNS invokes only where the function's policy allows sns.amazonaws.com for this topic, as on AWS
lam.add_permission(FunctionName="sns-reader", StatementId="sns", Action="lambda:InvokeFunction",
                   Principal="sns.amazonaws.com", SourceArn=topic_arn)
sns.subscribe(TopicArn=topic_arn, Protocol="lambda", Endpoint=function_arn)
sns.publish(TopicArn=topic_arn, Message="extra extra")
logs = session.client("logs", endpoint_url=ENDPOINT)


def sns_logged():
    try:
        events = logs.filter_log_events(logGroupName="/aws/lambda/sns-reader", filterPattern="\"sns message\"")["events"]
    except logs.exceptions.ResourceNotFoundException:
        return False
    return any("aws:sns" in e["message"] and "extra extra" in e["message"] for e in events)


wait_for("the SNS-triggered invocation", sns_logged)
ok("sns-triggered function")

# a handler that sleeps past its timeout is cut off on time
lam.create_function(FunctionName="sleeper", Runtime="python3.11", Handler="app.handler", Role=ROLE, Timeout=1,
                    Code={"ZipFile": zipped({"app.py": "import time\ndef handler(e, c):\n    time.sleep(30)\n"})})
started = time.time()
result = lam.invoke(FunctionName="sleeper", LogType="Tail")
elapsed = time.time() - started
error = json.loads(result["Payload"].read())
assert result.get("FunctionError") == "Unhandled", result
assert error["errorMessage"].endswith("Task timed out after 1.00 seconds"), error
assert elapsed < 5, elapsed
ok("timeout cuts the handler off after %.2f s" % elapsed)

# the logs, as the CLI reads them
events = cli("logs", "filter-log-events", "--log-group-name", "/aws/lambda/py-writer")["events"]
assert any(e["message"].startswith("REPORT RequestId:") for e in events), events
ok("aws logs filter-log-events")
