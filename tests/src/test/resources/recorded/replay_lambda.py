"""Replays, with boto3 against Streambed, the recorded tests of Lambda's behaviour: invocations,
their answers and log lines (test_lambda, test_lambda_runtimes, test_lambda_destinations).

Usage: python3 replay_lambda.py ENDPOINT (see replay_common for what it prints). The handlers are
our own, written to give the answers the recordings show.
"""

import base64
import json
import re
import time

from replay_common import client, error, payload, run, scenario, uid
from replay_functions import ECHO_PY, create, create_plain, lam, log_lines, node_zip, python_zip, queue, received, \
    role, wait_active, zip_of

LAMBDA = "test_lambda.snapshot.json"
RUNTIMES = "test_lambda_runtimes.snapshot.json"
DESTINATIONS = "test_lambda_destinations.snapshot.json"

NONE_PY = """
def handler(event, context):
    print(event)
"""

NONE_JS = """
exports.handler = async (event) => {
  console.log(JSON.stringify(event));
};
"""

VERSION_PY = """
def handler(event, context):
    return {"version_id": "%s", "invoked_arn": context.invoked_function_arn,
            "version_from_ctx": context.function_version}
"""

TIMEOUT_PY = """
import time


def handler(event, context):
    print("starting wait")
    time.sleep(event["wait"])
    print("done waiting")
"""

TIMEOUT_ENV_PY = """
import os
import time

number = 0


def handler(event, context):
    global number
    if "write-file" in event:
        with open("/tmp/streambed-replay-" + context.function_name, "w") as f:
            f.write(event["write-file"])
    elif "read-file" in event:
        with open("/tmp/streambed-replay-" + context.function_name) as f:
            return {"content": f.read()}
    elif "set-number" in event:
        number = event["set-number"]
    elif "read-number" in event:
        return {"number": number}
    elif "sleep" in event:
        print("starting wait")
        time.sleep(event["sleep"])
        print("done waiting")
"""

CACHE_PY = """
counter = 0


def handler(event, context):
    global counter
    answer = {"counter": counter}
    counter += 1
    return answer
"""

CACHE_JS = """
let counter = 0;
exports.handler = async () => {
  const answer = {counter};
  counter += 1;
  return answer;
};
"""

HANDLERS_PY = """
def handler(event, context):
    return {"handler": "handler"}


def handler_two(event, context):
    return {"handler": "handler_two"}
"""

REQUEST_ID_PY = """
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def handler(event, context):
    logger.info("RequestId log message")
    return context.aws_request_id
"""

CONTEXT_FAIL_PY = """
def handler(event, context):
    print(context.aws_request_id)
    if event.get("fail"):
        raise Exception("failing as asked")
    return "ok"
"""

INTEGRATION_PY = """
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def handler(event, context):
    print("Lambda log message - print function")
    logger.info("Lambda log message - logging module")
    return {"event": event, "context": {
        "invoked_function_arn": context.invoked_function_arn, "function_version": context.function_version,
        "function_name": context.function_name, "memory_limit_in_mb": context.memory_limit_in_mb,
        "aws_request_id": context.aws_request_id, "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name, "client_context": context.client_context}}
"""

INTEGRATION_JS = """
exports.handler = async (event, context) => {
  console.log('Node.js Lambda handler executing.');
  return {context: {callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
    functionVersion: context.functionVersion, functionName: context.functionName,
    memoryLimitInMB: context.memoryLimitInMB, logGroupName: context.logGroupName,
    logStreamName: context.logStreamName, clientContext: context.clientContext,
    invokedFunctionArn: context.invokedFunctionArn, awsRequestId: context.awsRequestId}};
};
"""

ENVIRONMENT_PY = """
import os


def handler(event, context):
    return {"Hello": os.environ["Hello"]}
"""

ROLE_PY = """
import boto3


def handler(event, context):
    return boto3.client("sts").get_caller_identity()
"""

RESPONSE_SIZE_PY = """
def handler(event, context):
    print("generating bytes")
    return "a" * event["bytenum"]
"""

UNHANDLED_ERROR_PY = """
class CustomException(Exception):
    pass


def handler(event, context):
    raise CustomException("some error occurred")
"""

RUNTIME_ERROR_PY = """
raise Exception("Runtime startup fails")


def handler(event, context):
    return "never"
"""

RUNTIME_EXIT_PY = """
import sys

sys.exit(0)


def handler(event, context):
    return "never"
"""

HANDLER_EXIT_PY = """
import sys


def handler(event, context):
    sys.exit(0)
"""

HANDLER_ERROR_PY = """
def handler(event, context):
    raise Exception("Handler fails")
"""


def invoke(name, event=None, **kwargs):
    if event is not None:
        kwargs["Payload"] = json.dumps(event) if not isinstance(event, (bytes, str)) else event
    return lam.invoke(FunctionName=name, **kwargs)


def echo_function(runtime):
    name = f"echo-func-{uid()}"
    if runtime.startswith("nodejs"):
        create(name, code=node_zip(), runtime=runtime, handler="index.handler")
    else:
        create(name, runtime=runtime)
    return name


def tail(answer):
    """The log tail of an invocation, decoded."""
    return base64.b64decode(answer["LogResult"]).decode()


# --- TestLambdaFeatures ----------------------------------------------------------------------

@scenario(LAMBDA, "TestLambdaFeatures::test_basic_invoke")
def basic_invoke():
    first, second = f"lambda_fn-{uid()}", f"lambda_fn-{uid()}"
    answers = {}
    for key, name in (("lambda_create_fn", first), ("lambda_create_fn_2", second)):
        answers[key] = create_plain(FunctionName=name, Runtime="python3.9", Role=role(), Handler="index.handler",
                                    Code={"ZipFile": python_zip(ECHO_PY, "index")})
    answers["lambda_get_fn"] = lam.get_function(FunctionName=first)
    answers["lambda_get_fn_2"] = lam.get_function(FunctionName=second)
    answers["lambda_invoke_result"] = invoke(first, {})
    return answers


def invocation_with_logs(runtime):
    answer = invoke(echo_function(runtime), b"{}", LogType="Tail")
    lines = tail(answer).splitlines(keepends=True)
    return {"invoke": answer, "logs": {"logs": lines}}


def invoke_as(runtime, kind):
    name = echo_function(runtime)
    answer = invoke(name, b"{}", InvocationType=kind)
    if kind == "Event":
        log_lines(f"/aws/lambda/{name}")
    return {"invoke-result": answer}


for _runtime in ("python3.10", "nodejs16.x"):
    scenario(LAMBDA, f"TestLambdaFeatures::test_invocation_with_logs[{_runtime}]")(
        lambda r=_runtime: invocation_with_logs(r))
for _runtime in ("python3.9", "python3.10", "nodejs16.x"):
    for _kind, _test in (("RequestResponse", "test_invocation_type_request_response"),
                         ("Event", "test_invocation_type_event"), ("DryRun", "test_invocation_type_dry_run")):
        scenario(LAMBDA, f"TestLambdaFeatures::{_test}[{_runtime}]")(lambda r=_runtime, k=_kind: invoke_as(r, k))


def no_return_payload(language, kind):
    name = f"test-function-{uid()}"
    if language == "python":
        create(name, code=python_zip(NONE_PY))
    else:
        create(name, code=node_zip(NONE_JS), runtime="nodejs18.x", handler="index.handler")
    answer = invoke(name, b"{}", InvocationType=kind)
    log_lines(f"/aws/lambda/{name}")
    return {"invoke-result": answer}


for _language in ("python", "nodejs"):
    for _kind in ("RequestResponse", "Event"):
        scenario(LAMBDA, f"TestLambdaFeatures::test_invocation_type_no_return_payload[{_language}-{_kind}]")(
            lambda lang=_language, k=_kind: no_return_payload(lang, k))


@scenario(LAMBDA, "TestLambdaFeatures::test_invoke_exceptions")
def invoke_missing():
    return {"invoke_function_doesnotexist": error(lam.invoke, FunctionName="doesnotexist")}


@scenario(LAMBDA, "TestLambdaFeatures::test_lambda_environment")
def lambda_environment():
    name = f"env-test-function-{uid()}"
    answers = {}
    _, answers["creation-result"] = create(name, code=python_zip(ENVIRONMENT_PY), runtime="python3.9",
                                           envvars={"Hello": "World"})
    answers["invocation-result"] = invoke(name)
    answers["get-configuration-result"] = lam.get_function_configuration(FunctionName=name)
    return answers


@scenario(LAMBDA, "TestLambdaFeatures::test_invocation_with_qualifier")
def invocation_with_qualifier():
    # The recorded test uploads the code to S3 first; S3 is not served, so it goes as ZipFile.
    name = f"test_lambda_{uid()}"
    created = create_plain(FunctionName=name, Runtime="python3.12", Role=role(), Publish=True,
                           Handler="handler.handler", Code={"ZipFile": python_zip(INTEGRATION_PY)}, Timeout=10)
    answer = invoke(name, b'{"foo": "bar with \'quotes\\""}', Qualifier=created["Version"], LogType="Tail")
    lines = [line for line in tail(answer).splitlines() if not line.startswith("REPORT")]
    return {"creation-response": created, "log_result": {"log_result": lines}, "invocation-response": answer}


@scenario(LAMBDA, "TestLambdaFeatures::test_lambda_with_context")
def lambda_with_context():
    name = f"test-function-{uid()}"
    answers = {}
    _, answers["creation"] = create(name, code=node_zip(INTEGRATION_JS, "lambda_integration"), runtime="nodejs16.x",
                                    handler="lambda_integration.handler")
    context = {"custom": {"foo": "bar"}, "client": {"snap": ["crackle", "pop"]}, "env": {"fizz": "buzz"}}
    answers["invocation"] = invoke(name, b"{}", ClientContext=base64.b64encode(json.dumps(context).encode()).decode())
    return answers


# --- TestLambdaBehavior, TestLambdaBaseFeatures ----------------------------------------------

for _language, _runtime in (("python", "python3.12"), ("nodejs", "nodejs18.x")):
    def _cache(language=_language, runtime=_runtime):
        name = f"test_lambda_{uid()}"
        if language == "python":
            create(name, code=python_zip(CACHE_PY), runtime=runtime)
        else:
            create(name, code=node_zip(CACHE_JS), runtime=runtime, handler="index.handler")
        return {"first_invoke_result": invoke(name), "second_invoke_result": invoke(name)}
    scenario(LAMBDA, f"TestLambdaBehavior::test_lambda_cache_local[{_language}]")(_cache)


TIMED_OUT = re.compile(r".*\s(?P<uuid>[-a-z0-9]+)( Error:)? Task timed out after \d.\d+ seconds")


def timed_out(answer):
    """The recorded test's own rewriting of a timeout's message: its request id becomes a placeholder."""
    message = answer["Payload"].get("errorMessage", "")
    m = TIMED_OUT.search(message)
    if m:
        answer["Payload"]["errorMessage"] = message.replace(m.group("uuid"), "<timeout_error_msg>")
    return answer


def wait_logged(name, text, absent=None):
    for _ in range(100):
        lines = log_lines(f"/aws/lambda/{name}")
        if any(text in line for line in lines):
            assert absent is None or not any(absent in line for line in lines)
            return
        time.sleep(0.05)
    raise AssertionError(f"{text} not logged")


@scenario(LAMBDA, "TestLambdaBehavior::test_lambda_invoke_with_timeout")
def invoke_with_timeout():
    name, created = create(f"test_lambda_{uid()}", code=python_zip(TIMEOUT_PY), timeout=1)
    answer = invoke(name, {"wait": 2})
    answer["Payload"] = payload(answer["Payload"].read())
    wait_logged(name, "starting wait", absent="done waiting")
    return {"create-result": created, "invoke-result": timed_out(answer)}


@scenario(LAMBDA, "TestLambdaBehavior::test_lambda_invoke_no_timeout")
def invoke_no_timeout():
    name, created = create(f"test_lambda_{uid()}", code=python_zip(TIMEOUT_PY), timeout=2)
    answer = invoke(name, {"wait": 1})
    wait_logged(name, "done waiting")
    return {"create-result": created, "invoke-result": answer}


@scenario(LAMBDA, "TestLambdaBehavior::test_lambda_invoke_timed_out_environment_reuse")
def timed_out_environment_reuse():
    name, created = create(f"test_lambda_{uid()}", code=python_zip(TIMEOUT_ENV_PY), timeout=1)
    answers = {"create-result": created,
               "invoke-result-file-write": invoke(name, {"write-file": "some-content"}),
               "invoke-result-file-read": invoke(name, {"read-file": True}),
               "invoke-result-set-number": invoke(name, {"set-number": 42}),
               "invoke-result-read-number": invoke(name, {"read-number": True})}
    timed = invoke(name, {"sleep": 2})
    timed["Payload"] = payload(timed["Payload"].read())
    answers["invoke-result-timed-out"] = timed_out(timed)
    wait_logged(name, "starting wait", absent="done waiting")
    answers["invoke-result-file-read-after-timeout"] = invoke(name, {"read-file": True})
    answers["invoke-result-read-number-after-timeout"] = invoke(name, {"read-number": True})
    return answers


@scenario(LAMBDA, "TestLambdaBehavior::test_mixed_architecture")
def mixed_architecture():
    name = f"test_lambda_mixed_arch_{uid()}"
    code = python_zip(ECHO_PY)
    _, created = create(name, code=code, Architectures=["x86_64"])
    invoke(name)
    updated = lam.update_function_code(FunctionName=name, ZipFile=code, Architectures=["arm64"])
    wait_active(name)
    return {"create_function_response": created, "update_function_code_response": updated}


@scenario(LAMBDA, "TestLambdaBaseFeatures::test_function_state")
def function_state():
    name = f"test-function-{uid()}"
    created = create_plain(FunctionName=name, Runtime="python3.12", Handler="handler.handler", Role=role(),
                           Code={"ZipFile": python_zip()})
    return {"create-fn-response": created, "get-fn-response": lam.get_function(FunctionName=name)}


def assumed_role(length):
    import random
    import string
    name = random.choice(string.ascii_letters) * length
    lam_created = None
    try:
        lam.delete_function(FunctionName=name)
    except lam.exceptions.ResourceNotFoundException:
        pass
    # boto3 takes long to import and set up on a loaded machine: more time than the fixture's.
    _, lam_created = create(name, code=python_zip(ROLE_PY), timeout=90)
    identity = json.load(invoke(name)["Payload"])
    assert "Arn" in identity, identity
    arn = identity["Arn"]
    lam.delete_function(FunctionName=name)
    # the recorded test's own rewritings: the account, the role's suffix and the one- or two-letter name
    arn = re.sub(r"(?<=lambda-autogenerated-)([0-9a-f]{8})", "<lambda-autogenerated-role-prefix>", arn)
    arn = re.sub(r"(?<=/)[a-zA-Z]{1,2}(?=$|@)", "<function-name>", arn)
    return {"invoke-result-assumed-role-arn": arn}


scenario(LAMBDA, "TestLambdaBaseFeatures::test_assume_role[1]", serial=True)(lambda: assumed_role(1))
scenario(LAMBDA, "TestLambdaBaseFeatures::test_assume_role[2]", serial=True)(lambda: assumed_role(2))


@scenario(LAMBDA, "TestLambdaBaseFeatures::test_lambda_too_large_response")
def too_large_response():
    name, _ = create(f"large_payload-{uid()}", code=python_zip(RESPONSE_SIZE_PY))
    answers = {"invoke_result": invoke(name, {"bytenum": 7 * 1024 * 1024}),
               "invoke_result_2": invoke(name, {"bytenum": 7 * 1024 * 1024})}
    wait_logged(name, "generating bytes")
    return answers


@scenario(LAMBDA, "TestLambdaCleanup::test_recreate_function")
def recreate_function():
    name = f"test-function-{uid()}"
    answers = {}
    _, answers["create_function_response_one"] = create(name, code=python_zip(ECHO_PY, "lambda_echo"),
                                                        handler="lambda_echo.handler")
    lam.delete_function(FunctionName=name)
    _, answers["create_function_response_two"] = create(name, code=python_zip(ECHO_PY, "lambda_echo"),
                                                        handler="lambda_echo.handler")
    assert invoke(name, InvocationType="Event")["StatusCode"] == 202
    log_lines(f"/aws/lambda/{name}")
    return answers


# --- TestLambdaErrors --------------------------------------------------------------------------

def invocation_error(code, module, runtime="python3.12", **kwargs):
    name = f"test-function-{uid()}"
    create(name, code=python_zip(code, module), handler=f"{module}.handler", runtime=runtime, **kwargs)
    answer = invoke(name)
    answer["Payload"] = payload(answer["Payload"].read())
    # the recorded test's own rewriting of request ids
    text = json.dumps(answer["Payload"])
    answer["Payload"] = json.loads(re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>", text))
    return {"invocation_error": answer}


scenario(LAMBDA, "TestLambdaErrors::test_lambda_runtime_error")(
    lambda: invocation_error(RUNTIME_ERROR_PY, "lambda_runtime_error", "python3.13"))
scenario(LAMBDA, "TestLambdaErrors::test_lambda_runtime_exit")(
    lambda: invocation_error(RUNTIME_EXIT_PY, "lambda_runtime_exit"))
scenario(LAMBDA, "TestLambdaErrors::test_lambda_handler_exit")(
    lambda: invocation_error(HANDLER_EXIT_PY, "lambda_handler_exit"))
scenario(LAMBDA, "TestLambdaErrors::test_lambda_handler_error")(
    lambda: invocation_error(HANDLER_ERROR_PY, "lambda_handler_error"))
scenario(LAMBDA, "TestLambdaErrors::test_lambda_runtime_wrapper_not_found")(
    lambda: invocation_error(ECHO_PY, "lambda_echo", envvars={"AWS_LAMBDA_EXEC_WRAPPER": "/idontexist.sh"}))


def invalid_payload(label, body):
    name = f"test-function-{uid()}"
    create(name, code=python_zip(ECHO_PY, "lambda_echo"), handler="lambda_echo.handler")
    return {f"invoke_function_invalid_payload_{label}": error(lam.invoke, FunctionName=name, Payload=body)}


scenario(LAMBDA, "TestLambdaErrors::test_lambda_invoke_payload_encoding_error[body-n\\x87r\\x9e\\xe9\\xb5\\xd7I\\xee\\x9bmt]")(
    lambda: invalid_payload("body", b"n\x87r\x9e\xe9\xb5\xd7I\xee\x9bmt"))
scenario(LAMBDA, "TestLambdaErrors::test_lambda_invoke_payload_encoding_error[message-\\x99\\xeb,j\\x07\\xa1zYh]")(
    lambda: invalid_payload("message", b"\x99\xeb,j\x07\xa1zYh"))


# --- TestLambdaVersions, TestLambdaAliases, TestRequestIdHandling, TestLambdaConcurrency ------

def version_zip(label):
    return python_zip(VERSION_PY % label)


@scenario(LAMBDA, "TestLambdaVersions::test_lambda_versions_with_code_changes")
def versions_with_code_changes():
    name = f"fn-{uid()}"
    answers = {"create_response": create_plain(FunctionName=name, Handler="handler.handler", PackageType="Zip",
                                               Code={"ZipFile": version_zip("version1")}, Role=role(),
                                               Runtime="python3.12", Description="No version :(")}
    first = lam.publish_version(FunctionName=name, Description="First version description :)")
    answers["first_publish_response"] = first
    answers["update_lambda_response"] = lam.update_function_code(FunctionName=name, ZipFile=version_zip("version2"))
    wait_active(name)
    answers["invocation_result_latest"] = invoke(name, b"{}")
    answers["invocation_result_v1"] = invoke(name, b"{}", Qualifier=first["Version"])
    second = lam.publish_version(FunctionName=name, Description="Second version description :)")
    answers["second_publish_response"] = second
    answers["invocation_result_v2"] = invoke(name, b"{}", Qualifier=second["Version"])
    third = lam.update_function_code(FunctionName=name, ZipFile=version_zip("version3"), Publish=True)
    answers["update_lambda_response_with_publish"] = third
    wait_active(name)
    answers["invocation_result_v3"] = invoke(name, b"{}", Qualifier=third["Version"])
    answers["invocation_result_latest_end"] = invoke(name, b"{}")
    answers["invocation_result_v2_end"] = invoke(name, b"{}", Qualifier=second["Version"])
    answers["invocation_result_v1_end"] = invoke(name, b"{}", Qualifier=first["Version"])
    return answers


@scenario(LAMBDA, "TestLambdaVersions::test_lambda_handler_update")
def handler_update():
    name, _ = create(f"test_lambda_{uid()}", code=python_zip(HANDLERS_PY))
    answers = {"invoke_result_handler_one": invoke(name),
               "update_function_configuration_result": lam.update_function_configuration(
                   FunctionName=name, Handler="handler.handler_two")}
    wait_active(name)
    answers["get_function_result"] = lam.get_function(FunctionName=name)
    answers["invoke_result_handler_two"] = invoke(name)
    lam.publish_version(FunctionName=name)
    answers["invoke_result_handler_two_postpublish"] = invoke(name)
    return answers


@scenario(LAMBDA, "TestLambdaAliases::test_lambda_alias_moving")
def alias_moving():
    name = f"fn-{uid()}"
    answers = {"create_response": create_plain(FunctionName=name, Handler="handler.handler", PackageType="Zip",
                                               Code={"ZipFile": version_zip("version1")}, Role=role(),
                                               Runtime="python3.12", Description="No version :(")}
    first = lam.publish_version(FunctionName=name, Description="First version description :)")
    alias = lam.create_alias(FunctionName=name, FunctionVersion=first["Version"], Name="alias1")
    answers["create_alias_response"] = alias
    answers["invocation_result_qualifier_v1"] = invoke(name, b"{}", Qualifier="alias1")
    answers["invocation_result_qualifier_v1_arn"] = lam.invoke(FunctionName=alias["AliasArn"], Payload=b"{}")
    answers["update_lambda_response"] = lam.update_function_code(FunctionName=name, ZipFile=version_zip("version2"))
    wait_active(name)
    answers["invocation_result_qualifier_v1_after_update"] = invoke(name, b"{}", Qualifier="alias1")
    second = lam.publish_version(FunctionName=name, Description="Second version description :)")
    answers["second_publish_response"] = second
    answers["invocation_result_qualifier_v1_after_publish"] = invoke(name, b"{}", Qualifier="alias1")
    answers["update_alias_response"] = lam.update_alias(FunctionName=name, Name="alias1",
                                                        FunctionVersion=second["Version"])
    answers["invocation_result_qualifier_v2"] = invoke(name, b"{}", Qualifier="alias1")
    answers["invocation_exc_not_existent"] = error(lam.invoke, FunctionName=name, Qualifier="non-existent-alias",
                                                   Payload=b"{}")
    return answers


@scenario(LAMBDA, "TestLambdaAliases::test_alias_routingconfig")
def alias_routing():
    name = f"fn-{uid()}"
    created = create_plain(FunctionName=name, Handler="handler.handler", PackageType="Zip",
                           Code={"ZipFile": version_zip("version1")}, Role=role(), Runtime="python3.12",
                           Description="First version :)", Publish=True)
    lam.update_function_code(FunctionName=name, ZipFile=version_zip("version2"))
    wait_active(name)
    second = lam.publish_version(FunctionName=name, Description="Second version description :)")
    alias = lam.create_alias(FunctionName=name, FunctionVersion=created["Version"], Name="alias1",
                             RoutingConfig={"AdditionalVersionWeights": {second["Version"]: 0.5}})
    hit = set()
    for _ in range(40):
        hit.add(json.load(invoke(name, b"{}", Qualifier="alias1")["Payload"])["version_from_ctx"])
        if len(hit) == 2:
            break
    assert hit == {"1", "2"}, hit
    return {"create_alias_response": alias}


@scenario(LAMBDA, "TestRequestIdHandling::test_request_id_invoke")
def request_id_invoke():
    name, _ = create(f"test_lambda_{uid()}", code=python_zip(REQUEST_ID_PY))
    answer = invoke(name)
    request_id = answer["ResponseMetadata"]["RequestId"]
    answer["Payload"] = payload(answer["Payload"].read())
    lines = [line.rstrip() for line in log_lines(f"/aws/lambda/{name}", request_id) if "RequestId" in line]
    return {"invoke_result": answer, "log_entries": {"logs": lines}}


@scenario(LAMBDA, "TestLambdaConcurrency::test_lambda_concurrency_crud")
def concurrency_crud():
    name, _ = create(f"fn-concurrency-{uid()}")
    answers = {"get_function_concurrency_default": lam.get_function_concurrency(FunctionName=name),
               "put_function_concurrency": lam.put_function_concurrency(FunctionName=name,
                                                                        ReservedConcurrentExecutions=0),
               "get_function_concurrency_updated": lam.get_function_concurrency(FunctionName=name)}
    lam.delete_function_concurrency(FunctionName=name)
    answers["get_function_concurrency_deleted"] = lam.get_function_concurrency(FunctionName=name)
    return answers


@scenario(LAMBDA, "TestLambdaConcurrency::test_lambda_concurrency_update")
def concurrency_update():
    name, _ = create(f"fn-concurrency-{uid()}")
    answers = {"put_function_concurrency": lam.put_function_concurrency(FunctionName=name,
                                                                        ReservedConcurrentExecutions=3),
               "get_function_concurrency_updated": lam.get_function_concurrency(FunctionName=name),
               "get_function_concurrency_info": lam.get_function(FunctionName=name)}
    lam.delete_function_concurrency(FunctionName=name)
    answers["get_function_concurrency_deleted"] = lam.get_function_concurrency(FunctionName=name)
    return answers


# --- test_lambda_runtimes --------------------------------------------------------------------

ES6_JS = """
export const handler = async (event) => {
  return {statusCode: 200, body: JSON.stringify("response from localstack lambda: " + JSON.stringify(event))};
};
"""

MULTI_LINE_PY = """
def handler(event, context):
    print(event["body"])
"""

# A custom runtime of our own: it takes each event and fails it as a Go function's uncaught error reads.
GO_LIKE_BOOTSTRAP = """#!/usr/bin/env python3
import json
import os
import urllib.request

api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
while True:
    with urllib.request.urlopen(api + "next") as r:
        request_id = r.headers["Lambda-Runtime-Aws-Request-Id"]
        event = json.loads(r.read())
    body = json.dumps({"errorMessage": "Error: " + event["error_msg"], "errorType": "errorString"}).encode()
    urllib.request.urlopen(urllib.request.Request(api + request_id + "/error", data=body, method="POST",
                                                  headers={"Lambda-Runtime-Function-Error-Type": "errorString"})).read()
"""


def java_zip(name):
    import os
    with open(os.path.join(os.environ["REPLAY_JAVA_FUNCTIONS"], name), "rb") as f:
        return f.read()


for _runtime in ("nodejs16.x", "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x"):
    def _es6(runtime=_runtime):
        name = f"test-function-{uid()}"
        _, created = create(name, code=zip_of({"lambda_handler_es6.mjs": ES6_JS}), runtime=runtime,
                            handler="lambda_handler_es6.handler")
        answer = invoke(name, {"event_type": "test_lambda"})
        log_lines(f"/aws/lambda/{name}")
        return {"creation-result": created, "invocation-result": answer}
    scenario(RUNTIMES, f"TestNodeJSRuntimes::test_invoke_nodejs_es6_lambda[{_runtime}]")(_es6)


for _runtime in ("provided.al2", "provided.al2023"):
    def _provided(runtime=_runtime):
        name = f"uncaughtexception-{uid()}"
        created = create_plain(FunctionName=name, Role=role(), Runtime=runtime, Handler="function.handler",
                               Code={"ZipFile": zip_of({"bootstrap": GO_LIKE_BOOTSTRAP})}, MemorySize=1024)
        answer = invoke(name, b'{"error_msg": "some_error_msg"}')
        assert "FunctionError" in answer
        return {"create_function_result": created, "error_result": answer}
    scenario(RUNTIMES, f"TestGoProvidedRuntimes::test_uncaught_exception_invoke[{_runtime}]")(_provided)


@scenario(RUNTIMES, "TestCloudwatchLogs::test_multi_line_prints")
def multi_line_prints():
    name, _ = create(f"test_lambda_{uid()}", code=python_zip(MULTI_LINE_PY), runtime="python3.13")
    answer = invoke(name, {"body": "\nmulti\nline\nstring\nanother\rline\n"})
    request_id = answer["ResponseMetadata"]["RequestId"]
    log_lines(f"/aws/lambda/{name}", request_id)
    events = client("logs").filter_log_events(logGroupName=f"/aws/lambda/{name}")["events"]
    messages = [e["message"] for e in events]
    for line in ("multi\n", "line\n", "string\n", "another\rline\n"):
        assert line in messages, messages
    return {"log-events": events}


for _runtime in ("java17", "java21"):
    def _stream(runtime=_runtime):
        name = f"test-lambda-{uid()}"
        create(name, code=java_zip("streams.zip"), runtime=runtime, handler="example.EmptyObjectStream")
        return {"invoke_result": invoke(name, b'{"echo":"echo"}')}

    def _serialized(runtime=_runtime):
        name = f"test-lambda-{uid()}"
        _, created = create(name, code=java_zip("serialized.zip"), runtime=runtime,
                            handler="cloud.localstack.awssdkv1.sample.SerializedInputLambdaHandler")
        return {"create-result": created, "invoke-result": invoke(name, b'{"bucket": "test_bucket", "key": "test_key"}')}
    scenario(RUNTIMES, f"TestJavaRuntimes::test_stream_handler[{_runtime}]")(_stream)
    scenario(RUNTIMES, f"TestJavaRuntimes::test_serializable_input_object[{_runtime}]")(_serialized)


# --- asynchronous invocations: retries, destinations, dead letters (the replay's server retries
# after a second, not AWS's minute) ---------------------------------------------------------

def _at_line(line, body):
    """Python source whose last line is line ``line`` of the file, as the recorded tests' handler
    files have it (their traces name the line)."""
    lines = body.strip("\n").splitlines()
    return "\n".join(["# padding, for the line numbers of the recorded traces"] * (line - len(lines)) + lines) + "\n"


# The recorded tests' lambda_integration.py: it logs, fails when asked, and answers its context.
DESTINATION_PY = _at_line(55, """
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def handler(event, context):
    print("Lambda log message - print function")
    logger.info("Lambda log message - logging module")
    if not event.get("raise_error"):
        return {"event": event, "context": {
            "invoked_function_arn": context.invoked_function_arn, "function_version": context.function_version,
            "function_name": context.function_name, "memory_limit_in_mb": context.memory_limit_in_mb,
            "aws_request_id": context.aws_request_id, "log_group_name": context.log_group_name,
            "log_stream_name": context.log_stream_name, "client_context": context.client_context}}
    raise Exception("Test exception (this is intentional)")
""")

ECHO_FAIL_PY = _at_line(7, """
import json


def handler(event, context):
    print(json.dumps({"event": event, "aws_request_id": context.aws_request_id}))
    raise Exception("intentional failure")
""")


def assess_destination(event, retries):
    url, arn = queue()
    name, _ = create(f"test-{uid()}", code=python_zip(DESTINATION_PY))
    kwargs = {} if retries is None else {"MaximumRetryAttempts": retries}
    answers = {"put_function_event_invoke_config": lam.put_function_event_invoke_config(
        FunctionName=name, DestinationConfig={"OnSuccess": {"Destination": arn}, "OnFailure": {"Destination": arn}},
        **kwargs)}
    invoke(name, event, InvocationType="Event")
    answers["receive_message_result"] = received(url, MessageAttributeNames=["All"])
    return answers


# Recorded in 2022, when the test set no MaximumRetryAttempts.
scenario(DESTINATIONS, "TestLambdaDestinationSqs::test_assess_lambda_destination_invocation[Success-payload0]")(
    lambda: assess_destination({}, None))
scenario(DESTINATIONS, "TestLambdaDestinationSqs::test_assess_lambda_destination_invocation[payload0]")(
    lambda: assess_destination({}, 0))
scenario(DESTINATIONS, "TestLambdaDestinationSqs::test_assess_lambda_destination_invocation[payload1]")(
    lambda: assess_destination({"raise_error": 1}, 0))
scenario(DESTINATIONS, "TestLambdaDestinationSqs::test_lambda_destination_default_retries")(
    lambda: assess_destination({"raise_error": 1}, None))


@scenario(DESTINATIONS, "TestLambdaDLQ::test_dead_letter_queue")
def dead_letter_queue():
    url, arn = queue()
    name = f"test-{uid()}"
    _, created = create(name, code=python_zip(DESTINATION_PY), DeadLetterConfig={"TargetArn": arn})
    answers = {"create_lambda_with_dlq": created}
    invoke(name, {"raise_error": 1}, InvocationType="Event")
    answers["receive_result"] = received(url, MessageAttributeNames=["All"])
    answers["delete_dlq"] = lam.update_function_configuration(FunctionName=name, DeadLetterConfig={})
    wait_active(name)
    answer = invoke(name, {"raise_error": 1}, LogType="Tail")
    answer["Payload"] = payload(answer["Payload"].read())
    answers["invoke_result"] = answer
    answers["log_result"] = {"result": [line for line in tail(answer).splitlines() if not line.startswith("REPORT")]}
    return answers


def ended(group, count):
    """The log events of a group once ``count`` invocations have reported, up to the last of them."""
    for _ in range(200):
        try:
            events = client("logs").filter_log_events(logGroupName=group)["events"]
        except client("logs").exceptions.ResourceNotFoundException:
            events = []
        reports = [i for i, e in enumerate(events) if e["message"].startswith("REPORT")]
        if len(reports) >= count:
            return events[:reports[count - 1] + 1]
        time.sleep(0.05)
    raise AssertionError(f"{group}: fewer than {count} invocations")


@scenario(DESTINATIONS, "TestLambdaDestinationSqs::test_retries")
def retries():
    url, arn = queue()
    name = f"retry-fn-{uid()}"
    message = f"retry-msg-{uid()}"
    create(name, code=python_zip(ECHO_FAIL_PY))
    lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=2,
                                         DestinationConfig={"OnFailure": {"Destination": arn}})
    invoke(name, {"message": message}, InvocationType="Event")
    received(url, AttributeNames=["All"], VisibilityTimeout=0)
    answer = received(url, AttributeNames=["All"], VisibilityTimeout=1)
    events = [e for e in ended(f"/aws/lambda/{name}", 3) if message in e["message"]]
    assert len(events) == 3 and len({json.loads(e["message"])["aws_request_id"] for e in events}) == 1, events
    # the recorded test's own rewriting of its message id
    return {"queue_destination_payload": json.loads(json.dumps(answer).replace(message, "<test-msg-id>"))}


@scenario(LAMBDA, "TestLambdaFeatures::test_invocation_type_event_error")
def invocation_type_event_error():
    name = f"test-function-{uid()}"
    _, created = create(name, code=python_zip(UNHANDLED_ERROR_PY), runtime="python3.10")
    answers = {"creation_response": created, "invocation_response": invoke(name, b"{}", InvocationType="Event")}
    # What the recorded test saw: the first attempt and its retry (AWS's second retry comes later).
    events = ended(f"/aws/lambda/{name}", 2)
    starts = [e["message"] for e in events if e["message"].startswith("START")]
    assert len(starts) == 2 and starts[0] == starts[1], starts
    answers["log_events"] = [{k: e[k] for k in ("timestamp", "message", "ingestionTime")} for e in events]
    return answers


@scenario(LAMBDA, "TestRequestIdHandling::test_request_id_async_invoke_with_retry")
def request_id_async_invoke_with_retry():
    name, _ = create(f"test_lambda_{uid()}", code=python_zip(CONTEXT_FAIL_PY))
    lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=1)
    answer = invoke(name, {"fail": 1}, InvocationType="Event")
    request_id = answer["ResponseMetadata"]["RequestId"]
    events = ended(f"/aws/lambda/{name}", 2)
    reports = [e for e in events if "REPORT" in e["message"]]
    assert len(reports) == 2 and all(request_id in e["message"] for e in reports), reports
    return {"invoke_result": answer, "end_messages": [e["message"].rstrip() for e in events if "END" in e["message"]]}


@scenario(LAMBDA, "TestLambdaConcurrency::test_reserved_concurrency")
def reserved_concurrency():
    name, _ = create(f"test_lambda_{uid()}", timeout=20)
    answers = {"fn": lam.get_function_configuration(FunctionName=name, Qualifier="$LATEST")}
    arn = answers["fn"]["FunctionArn"]
    answers["put_reserved"] = lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
    answers["exc_no_cap_requestresponse"] = error(lam.invoke, FunctionName=arn, InvocationType="RequestResponse")
    url, queue_arn = queue()
    answers["put_event_invoke_conf"] = lam.put_function_event_invoke_config(
        FunctionName=name, MaximumRetryAttempts=0, DestinationConfig={"OnFailure": {"Destination": queue_arn}})
    answers["invoke_result"] = lam.invoke(FunctionName=arn, InvocationType="Event")
    answers["msg"] = received(url, AttributeNames=["All"])["Messages"][0]
    return answers


if __name__ == "__main__":
    run()
