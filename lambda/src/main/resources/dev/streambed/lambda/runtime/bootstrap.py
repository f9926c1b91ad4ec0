"""Streambed's bootstrap for Lambda's Python runtimes.

It speaks AWS's Lambda Runtime API at AWS_LAMBDA_RUNTIME_API: it imports the handler named by
_HANDLER from LAMBDA_TASK_ROOT, then loops: take the next event, call handler(event, context),
post the result or the error in AWS's shape. Standard library only.
"""
import http.client
import importlib
import json
import logging
import os
import socket
import struct
import sys
import time
import traceback

PATH = "/2018-06-01/runtime"
MARK = "\x00streambed-done "


class RuntimeApi:
    """One keep-alive connection to the Runtime API, as AWS's runtime clients keep: a connection
    per call costs more than a warm invocation. It is made again if the server closed it."""

    def __init__(self, address):
        self.address = address
        self.connection = None

    def call(self, method, path, body=None, headers=None):
        """The response (its headers and status) and its body."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.address)
            self.connection.connect()
            self.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            self.connection.request(method, PATH + path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = None
            raise
        if response.will_close:
            self.connection.close()
            self.connection = None
        return response, data


API = RuntimeApi(os.environ["AWS_LAMBDA_RUNTIME_API"])


def post(path, body, headers=None):
    # A refusal (a response over Lambda's size limit) leaves the invocation with its error
    # already, and the runtime goes on to the next event, as AWS's does.
    API.call("POST", path, body.encode("utf-8"), headers)


def frame(message):
    """One message of several lines, as AWS's runtimes write it: a frame of Lambda's telemetry log
    protocol (magic, flags, length, time in microseconds), so it stays one log event."""
    data = message.encode("utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(struct.pack(">4sIq", b"\xa5\x5a\x00\x00", len(data), int(time.time() * 1_000_000)))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


class RequestIdFilter(logging.Filter):
    """Gives every record the request id of the invocation running, as AWS's runtime does."""
    request_id = ""

    def filter(self, record):
        record.aws_request_id = RequestIdFilter.request_id
        return True


def configure_logging():
    """The root logger as AWS's Python runtime sets it up: one handler writing
    "[LEVEL]\tTIME\tREQUEST_ID\tMESSAGE" lines; the level stays Python's default unless set."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
                                           "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)


def done(request_id):
    """Tells Streambed that everything this invocation printed has been written."""
    sys.stdout.flush()
    sys.stderr.flush()
    sys.stdout.write(MARK + request_id + "\n")
    sys.stdout.flush()


def error_of(e, error_type=None, request_id=""):
    # The runtime's own frames are not the function's: AWS's traces start in the function's code.
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename != __file__]
    return {
        "errorMessage": str(e),
        "errorType": error_type or type(e).__name__,
        "requestId": request_id,
        "stackTrace": [line for line in traceback.format_list(frames)],
    }


def log_error(payload):
    """The error's log event as AWS's runtime writes it: one message, the trace indented with
    no-break spaces."""
    lines = ["[ERROR] " + payload["errorType"] + ": " + payload["errorMessage"]]
    if payload["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        for element in payload["stackTrace"]:
            for line in element.splitlines():
                stripped = line.lstrip(" ")
                lines.append("\u00a0" * (len(line) - len(stripped)) + stripped)
    frame("\n".join(lines))


class Context:
    def __init__(self, request_id, deadline_ms, function_arn, client_context, identity):
        self.function_name = os.environ["AWS_LAMBDA_FUNCTION_NAME"]
        self.function_version = os.environ["AWS_LAMBDA_FUNCTION_VERSION"]
        self.invoked_function_arn = function_arn
        self.memory_limit_in_mb = os.environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]
        self.aws_request_id = request_id
        self.log_group_name = os.environ["AWS_LAMBDA_LOG_GROUP_NAME"]
        self.log_stream_name = os.environ["AWS_LAMBDA_LOG_STREAM_NAME"]
        self.identity = identity
        self.client_context = client_context
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def load_handler():
    sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
    handler = os.environ["_HANDLER"]
    module_name, _, function_name = handler.rpartition(".")
    if not module_name:
        raise RuntimeError("Bad handler '" + handler + "': not enough values to unpack (expected 2, got 1)")
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise LookupError("Unable to import module '" + module_name + "': " + str(e)) from None
    function = getattr(module, function_name, None)
    if function is None:
        raise AttributeError("Handler '" + function_name + "' missing on module '" + module_name + "'")
    return function


def main():
    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)
    configure_logging()
    try:
        handler = load_handler()
    except LookupError as e:
        init_error = error_of(e, "Runtime.ImportModuleError")
        init_error["stackTrace"] = []
    except AttributeError as e:
        init_error = error_of(e, "Runtime.HandlerNotFound")
        init_error["stackTrace"] = []
    except Exception as e:
        init_error = error_of(e, "Runtime.UserCodeSyntaxError" if isinstance(e, SyntaxError) else None)
    else:
        init_error = None
    if init_error is not None:
        log_error(init_error)
        post("/init/error", json.dumps(init_error),
             {"Lambda-Runtime-Function-Error-Type": init_error["errorType"]})
        sys.exit(1)

    while True:
        response, body = API.call("GET", "/invocation/next")
        request_id = response.headers["Lambda-Runtime-Aws-Request-Id"]
        deadline = int(response.headers.get("Lambda-Runtime-Deadline-Ms", "0"))
        arn = response.headers.get("Lambda-Runtime-Invoked-Function-Arn", "")
        client_context = response.headers.get("Lambda-Runtime-Client-Context")
        identity = response.headers.get("Lambda-Runtime-Cognito-Identity")
        RequestIdFilter.request_id = request_id
        try:
            event = json.loads(body) if body else None
            result = handler(event, Context(request_id, deadline, arn,
                                            json.loads(client_context) if client_context else None,
                                            json.loads(identity) if identity else None))
            payload = json.dumps(result)
        except Exception as e:
            error = error_of(e, request_id=request_id)
            log_error(error)
            done(request_id)
            post("/invocation/" + request_id + "/error", json.dumps(error),
                 {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
            continue
        done(request_id)
        post("/invocation/" + request_id + "/response", payload)


if __name__ == "__main__":
    main()
