"""Gureum's Python runtime for Lambda functions.

Loads the handler that _HANDLER names ("module.function", "package/module.function") from the task
root, then serves invocations from the Lambda Runtime API at AWS_LAMBDA_RUNTIME_API until the process
is stopped. Standard library only.
"""

import decimal
import http.client
import importlib
import json
import logging
import os
import socket
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
_HOST_PORT, _, _PREFIX = API.partition("/")
BASE = ("/" + _PREFIX if _PREFIX else "") + "/2018-06-01/runtime"

current_request_id = ""


class InitError(Exception):
    def __init__(self, error_type, message, stack=None):
        super().__init__(message)
        self.error_type = error_type
        self.stack = stack or []


class RuntimeApi:
    """One keep-alive connection to the Runtime API, reopened if the server closed it."""

    def __init__(self):
        host, _, port = _HOST_PORT.rpartition(":")
        self.host = host.strip("[]")
        self.port = int(port)
        self.conn = None

    def _open(self):
        conn = http.client.HTTPConnection(self.host, self.port)
        conn.connect()
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    def call(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = self._open()
            try:
                self.conn.request(method, BASE + path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                return response, response.read()
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise RuntimeError("unreachable")

    def post(self, path, document, error_type=None):
        headers = {"Content-Type": "application/json"}
        if error_type:
            headers["Lambda-Runtime-Function-Error-Type"] = error_type
        body = document if isinstance(document, bytes) else json.dumps(document).encode("utf-8")
        return self.call("POST", path, body, headers)


class ClientContext:
    def __init__(self, data):
        self.client = data.get("client")
        self.custom = data.get("custom")
        self.env = data.get("env")


class CognitoIdentity:
    def __init__(self, data):
        self.cognito_identity_id = data.get("cognitoIdentityId")
        self.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_arn, client_context, identity):
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.client_context = ClientContext(client_context) if client_context else None
        self.identity = CognitoIdentity(identity) if identity else None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))

    def log(self, message):
        sys.stdout.write(str(message))
        sys.stdout.flush()


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = current_request_id
        return True


def configure_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    if level:
        root.setLevel(getattr(logging, level.upper(), logging.WARNING))


def stack_of(exc, skip=0):
    frames = traceback.extract_tb(exc.__traceback__)[skip:]
    return traceback.format_list(frames)


def error_document(exc, error_type=None, skip=1):
    return {
        "errorMessage": str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": current_request_id,
        "stackTrace": stack_of(exc, skip),
    }


def log_error(document):
    lines = ["[ERROR] " + document["errorType"] + ": " + document["errorMessage"]]
    if document.get("stackTrace"):
        lines.append("Traceback (most recent call last):")
        lines.extend(line.rstrip("\n") for line in document["stackTrace"])
    sys.stderr.write("\r".join(lines) + "\n")
    sys.stderr.flush()


def load_handler():
    handler = os.environ.get("_HANDLER", "")
    try:
        module_path, function_name = handler.rsplit(".", 1)
    except ValueError as e:
        raise InitError("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, e))
    module_name = module_path.replace("/", ".")
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    if task_root not in sys.path:
        sys.path.insert(0, task_root)
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise InitError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        raise InitError("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e),
                        stack_of(e, 1))
    except Exception as e:
        raise InitError(type(e).__name__, str(e), stack_of(e, 1))
    function = getattr(module, function_name, None)
    if function is None:
        raise InitError("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return function


def to_json(value):
    def default(o):
        if isinstance(o, decimal.Decimal):
            return int(o) if o == o.to_integral_value() else float(o)
        raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)

    return json.dumps(value, default=default).encode("utf-8")


def main():
    global current_request_id
    # the function's modules, not this file's neighbours, are what it imports
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    configure_logging()
    api = RuntimeApi()
    try:
        handler = load_handler()
    except InitError as e:
        document = {"errorMessage": str(e), "errorType": e.error_type, "requestId": "", "stackTrace": e.stack}
        log_error(document)
        api.post("/init/error", document, e.error_type)
        sys.exit(1)

    while True:
        response, body = api.call("GET", "/invocation/next")
        if response.status != 200:
            sys.stderr.write("Runtime API answered %d to next: %s\n" % (response.status, body[:200]))
            sys.exit(1)
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        current_request_id = request_id
        trace_id = response.getheader("Lambda-Runtime-Trace-Id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        client_context = response.getheader("Lambda-Runtime-Client-Context")
        identity = response.getheader("Lambda-Runtime-Cognito-Identity")
        context = LambdaContext(request_id, int(response.getheader("Lambda-Runtime-Deadline-Ms") or 0),
                                response.getheader("Lambda-Runtime-Invoked-Function-Arn"),
                                json.loads(client_context) if client_context else None,
                                json.loads(identity) if identity else None)
        try:
            event = json.loads(body) if body else {}
            result = handler(event, context)
        except Exception as e:
            document = error_document(e)
            log_error(document)
            api.post("/invocation/%s/error" % request_id, document, document["errorType"])
            continue
        try:
            payload = to_json(result)
        except (TypeError, ValueError) as e:
            document = {"errorMessage": "Unable to marshal response: %s" % e, "errorType": "Runtime.MarshalError",
                        "requestId": request_id, "stackTrace": []}
            log_error(document)
            api.post("/invocation/%s/error" % request_id, document, "Runtime.MarshalError")
            continue
        api.post("/invocation/%s/response" % request_id, payload)


if __name__ == "__main__":
    main()
