"""Streambed's bootstrap for Lambda's Python runtimes.

It speaks AWS's Lambda Runtime API at AWS_LAMBDA_RUNTIME_API: it imports the handler named by
_HANDLER from LAMBDA_TASK_ROOT, then loops: take the next event, call handler(event, context),
post the result or the error in AWS's shape. Standard library only.
"""
import importlib
import json
import os
import sys
import time
import traceback
import urllib.request

API = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
MARK = "\x00streambed-done "


def post(path, body, headers=None):
    request = urllib.request.Request(API + path, data=body.encode("utf-8"), method="POST",
                                     headers=headers or {})
    with urllib.request.urlopen(request) as response:
        response.read()


def done(request_id):
    """Tells Streambed that everything this invocation printed has been written."""
    sys.stdout.flush()
    sys.stderr.flush()
    sys.stdout.write(MARK + request_id + "\n")
    sys.stdout.flush()


def error_of(e, error_type=None, request_id=""):
    frames = traceback.extract_tb(e.__traceback__)
    return {
        "errorMessage": str(e),
        "errorType": error_type or type(e).__name__,
        "requestId": request_id,
        "stackTrace": [line for line in traceback.format_list(frames)],
    }


def log_error(payload):
    lines = ["[ERROR] " + payload["errorType"] + ": " + payload["errorMessage"]]
    if payload["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        lines.extend(s.rstrip("\n") for s in payload["stackTrace"])
    print("\r".join(lines), flush=True)


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
        with urllib.request.urlopen(API + "/invocation/next") as response:
            request_id = response.headers["Lambda-Runtime-Aws-Request-Id"]
            deadline = int(response.headers.get("Lambda-Runtime-Deadline-Ms", "0"))
            arn = response.headers.get("Lambda-Runtime-Invoked-Function-Arn", "")
            client_context = response.headers.get("Lambda-Runtime-Client-Context")
            identity = response.headers.get("Lambda-Runtime-Cognito-Identity")
            body = response.read()
        try:
            event = json.loads(body) if body else None
            result = handler(event, Context(request_id, deadline, arn,
                                            json.loads(client_context) if client_context else None,
                                            json.loads(identity) if identity else None))
            payload = json.dumps(result)
        except Exception as e:
            error = error_of(e, request_id=request_id)
            error["stackTrace"] = error["stackTrace"][1:]
            log_error(error)
            done(request_id)
            post("/invocation/" + request_id + "/error", json.dumps(error),
                 {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
            continue
        done(request_id)
        post("/invocation/" + request_id + "/response", payload)


if __name__ == "__main__":
    main()
