"""Replays, with boto3 against Streambed, the recorded tests of Lambda's API (test_lambda_api).

Usage: python3 replay_lambda_api.py ENDPOINT (see replay_common for what it prints).
"""

import io
import json
import re
import time
import uuid
import zipfile

from botocore.exceptions import ClientError, ParamValidationError

from replay_common import REGION, client, error, run, scenario, uid
from replay_functions import (ECHO_PY, VERSION_PY, account, create, create_plain, lam, node_zip, python_zip, role,
                              wait_active, zip_of)

API = "test_lambda_api.snapshot.json"


_unvalidated = []


def unvalidated():
    """A Lambda client that sends what botocore would refuse, as some recorded tests do."""
    if not _unvalidated:
        from botocore.config import Config
        from replay_common import CONFIG, ENDPOINT, SESSION
        _unvalidated.append(SESSION.client("lambda", endpoint_url=ENDPOINT, region_name=REGION,
                                           config=CONFIG.merge(Config(parameter_validation=False))))
    return _unvalidated[0]


def fn_name(prefix="fn"):
    return f"{prefix}-{uid()}"


def arn(name, region=REGION):
    return f"arn:aws:lambda:{region}:{account()}:function:{name}"


# --- TestLambdaFunction ------------------------------------------------------------------------

@scenario(API, "TestLambdaFunction::test_function_lifecycle")
def function_lifecycle():
    name, created = create(fn_name(), MemorySize=256, timeout=5)
    answers = {"create_response": created, "get_function_response": lam.get_function(FunctionName=name)}
    answers["update_func_conf_response"] = lam.update_function_configuration(
        FunctionName=name, Runtime="python3.11", Description="Changed-Description", MemorySize=512, Timeout=10,
        Environment={"Variables": {"ENV_A": "a"}})
    lam.get_waiter("function_updated_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1})
    answers["get_function_response_postupdate"] = lam.get_function(FunctionName=name)
    answers["update_code_response"] = lam.update_function_code(FunctionName=name, ZipFile=python_zip(VERSION_PY))
    lam.get_waiter("function_updated_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1})
    answers["get_function_response_postcodeupdate"] = lam.get_function(FunctionName=name)
    answers["delete_response"] = lam.delete_function(FunctionName=name)
    answers["delete_postdelete"] = error(lam.delete_function, FunctionName=name)
    return answers


@scenario(API, "TestLambdaFunction::test_redundant_updates")
def redundant_updates():
    name, created = create(fn_name(), Description="Initial description")
    answers = {"create_response": created,
               "first_update_result": lam.update_function_configuration(FunctionName=name,
                                                                        Description="1st update description")}
    wait_active(name)
    answers["get_fn_config_result"] = lam.get_function_configuration(FunctionName=name)
    answers["get_fn_result"] = lam.get_function(FunctionName=name)
    answers["redundant_update_result"] = lam.update_function_configuration(FunctionName=name,
                                                                            Description="1st update description")
    wait_active(name)
    answers["get_fn_result_after_redundant_update"] = lam.get_function(FunctionName=name)
    return answers


def qualifier_mismatch(method):
    call = getattr(lam, method)
    return {"not_match_exception": error(call, FunctionName=arn("some-function") + ":1", Qualifier="$LATEST"),
            "match_exception": error(call, FunctionName=arn("some-function") + ":$LATEST", Qualifier="$LATEST")}


def nonexisting_version(method):
    name, _ = create(f"i-exist-{uid()}", Description="Initial description")
    return {"version_not_found_exception": error(getattr(lam, method), FunctionName=name, Qualifier="1221")}


def nonexisting_fn(method):
    return {"not_found_exception": error(getattr(lam, method), FunctionName=f"i-dont-exist-{uid()}")}


def wrong_region(method):
    name, _ = create(f"i-exist-{uid()}", Description="Initial description")
    other = "eu-central-1" if REGION == "us-east-1" else "us-east-1"
    return {"wrong_region_exception": error(getattr(lam, method), FunctionName=arn(name, other))}


for _m in ("delete_function", "get_function", "get_function_configuration"):
    scenario(API, f"TestLambdaFunction::test_ops_with_arn_qualifier_mismatch[{_m}]")(lambda m=_m: qualifier_mismatch(m))
for _m in ("get_function", "get_function_configuration", "get_function_event_invoke_config"):
    scenario(API, f"TestLambdaFunction::test_ops_on_nonexisting_version[{_m}]")(lambda m=_m: nonexisting_version(m))
for _m in ("delete_function", "get_function", "get_function_configuration", "get_function_url_config",
           "get_function_code_signing_config", "get_function_event_invoke_config", "get_function_concurrency"):
    scenario(API, f"TestLambdaFunction::test_ops_on_nonexisting_fn[{_m}]")(lambda m=_m: nonexisting_fn(m))
for _m in ("get_function", "get_function_configuration", "get_function_url_config", "get_function_code_signing_config",
           "get_function_event_invoke_config", "get_function_concurrency", "delete_function", "invoke"):
    scenario(API, f"TestLambdaFunction::test_get_function_wrong_region[{_m}]")(lambda m=_m: wrong_region(m))


@scenario(API, "TestLambdaFunction::test_delete_on_nonexisting_version")
def delete_nonexisting_version():
    name, _ = create(f"i-exist-{uid()}", Description="Initial description")
    lam.delete_function(FunctionName=name, Qualifier="1233")
    lam.delete_function(FunctionName=name, Qualifier="1233")
    lam.delete_function(FunctionName=name)
    return {"delete_function_response_non_existent": error(lam.delete_function, FunctionName=name),
            "delete_function_response_non_existent_with_qualifier": error(lam.delete_function, FunctionName=name,
                                                                          Qualifier="1233")}


@scenario(API, "TestLambdaFunction::test_lambda_code_location_zipfile")
def code_location_zipfile():
    name = fn_name("code-function")
    created = create_plain(FunctionName=name, Handler="index.handler", Code={"ZipFile": python_zip()},
                           PackageType="Zip", Role=role(), Runtime="python3.12")
    answers = {"create-response-zip-file": created, "get-function-response": lam.get_function(FunctionName=name)}
    answers["update-function-response"] = lam.update_function_code(FunctionName=name, ZipFile=python_zip(VERSION_PY))
    answers["get-function-response-updated"] = lam.get_function(FunctionName=name)
    return answers


@scenario(API, "TestLambdaFunction::test_function_arns")
def function_arns():
    answers = {}
    _, answers["create-function-arn-response"] = create(arn(f"test-function-arn-{uid()}"))
    _, answers["create-function-partial-arn-response"] = create(f"{account()}:function:test-partial-arn-{uid()}")
    code = {"ZipFile": python_zip()}

    def refused(function_name):
        return error(lam.create_function, FunctionName=function_name, Handler="index.handler", Code=code,
                     PackageType="Zip", Role=role(), Runtime="python3.12")
    prefix = f"arn:aws:lambda:{REGION}:{account()}:function:"
    answers["invalid_function_name_exc"] = refused("invalid:function:name")
    answers["long_function_name_exc"] = refused("a" * 65)
    answers["long_function_arn_exc"] = refused(prefix + "a" * (140 - len(prefix) + 1))
    answers["function_arn_other_region_exc"] = refused(arn(f"test-function-arn-{uid()}", "ap-southeast-1"))
    answers["function_arn_other_account_exc"] = refused(
        f"arn:aws:lambda:{REGION}:123456789012:function:test-function-arn-{uid()}")
    return answers


NAME_CASES = {
    "invalid_characters_in_function_name": {"FunctionName": "my-function!"},
    "function_name_is_single_invalid": {"FunctionName": "*"},
    "invalid_characters_in_qualifier": {"FunctionName": "my-function", "Qualifier": "invalid!"},
    "qualifier_too_long": {"FunctionName": "my-function", "Qualifier": "a" * 129},
    "invalid_account_id_in_partial_arn": {"FunctionName": "invalid-account:function:my-function"},
    "invalid_region_in_arn": {"FunctionName": "arn:aws:lambda:invalid-region:{account_id}:function:my-function"},
    "non_lambda_arn": {"FunctionName": "arn:aws:ec2:{region_name}:{account_id}:instance:i-1234567890abcdef0"},
    "function_name_too_long": {"FunctionName": "a" * 65},
    "function_name_too_long_and_invalid_region": {
        "FunctionName": "arn:aws:lambda:invalid-region:{account_id}:function:my-function" + "a" * 170},
    "full_arn_and_qualifier_too_long_and_invalid_region": {
        "FunctionName": "arn:aws:lambda:invalid-region:{account_id}:function:my-function-" + "a" * 170,
        "Qualifier": "a" * 129},
    "full_arn_with_multiple_qualifiers": {
        "FunctionName": "arn:aws:lambda:{region_name}:{account_id}:function:my-function:1:2"},
    "incomplete_arn": {"FunctionName": "arn:aws:lambda:{region_name}:{account_id}:function"},
    "partial_arn_with_extra_qualifier": {"FunctionName": "function:my-function:$LATEST:extra"},
    "latest_version_with_additional_qualifier": {
        "FunctionName": "arn:aws:lambda:{region_name}:{account_id}:function:my-function:$LATEST", "Qualifier": "1"},
    "lowercase_latest_qualifier": {
        "FunctionName": "arn:aws:lambda:{region_name}:{account_id}:function:my-function", "Qualifier": "$latest"},
    "missing_region_in_arn": {"FunctionName": "arn:aws:lambda::{account_id}:function:my-function"},
    "missing_account_id_in_arn": {"FunctionName": "arn:aws:lambda:{region_name}::function:my-function"},
    "misspelled_latest_in_arn": {"FunctionName": "arn:aws:lambda:{region_name}:{account_id}:function:my-function:$LATES"},
    # cases of earlier versions of the recorded test, still recorded
    "qualifier_too_long0": {"FunctionName": "my-function", "Qualifier": "a" * 129},
    "qualifier_too_long1": {"FunctionName": "my-function", "Qualifier": "a" * 65},
    "function_name_and_qualifier_too_long": {"FunctionName": "my-function", "Qualifier": "a" * 65},
}
VIOLATION = re.compile(r"(Value '.*?' at '.*?' failed to satisfy constraint: .+?(?=;|$))")


def name_validation(case, method):
    kwargs = {k: v.format(region_name=REGION, account_id=account()) for k, v in NAME_CASES[case].items()}
    if method == "create_function":
        full = kwargs["FunctionName"] + (":" + kwargs["Qualifier"] if kwargs.get("Qualifier") else "")
        call, kwargs = lam.create_function, dict(FunctionName=full, Handler="index.handler",
                                                 Code={"ZipFile": python_zip()}, PackageType="Zip", Role=role(),
                                                 Runtime="python3.12")
    else:
        call = getattr(lam, method)
    response = error(call, **kwargs)
    message, code = response["Error"]["Message"], response["Error"]["Code"]
    # the recorded test's own rewriting of long runs of "a", longest first
    for length in (170 if method in ("invoke", "get_function") else 140, 129, 65):
        message = message.replace("a" * length, f"<a:len({length})>")
    found = VIOLATION.findall(message)
    answer = {"Code": code, "Errors": sorted(found), "Count": len(found)} if found else {"Code": code, "Message": message}
    return {f"{method}_exception": answer}


def _name_cases():
    recorded = __import__("json").load(open(__import__("os").path.join(
        __import__("os").path.dirname(__file__), API)))
    for key, value in recorded.items():
        m = re.search(r"::TestLambdaFunction::test_function_name_and_qualifier_validation\[(.+)-(\w+)\]$", key)
        if m and value["recorded-content"]:
            scenario(API, key.split("::", 1)[1])(lambda c=m.group(1), f=m.group(2): name_validation(c, f))


_name_cases()


@scenario(API, "TestLambdaFunction::test_create_lambda_exceptions")
def create_exceptions():
    base = dict(FunctionName=fn_name("invalid-function"), Handler="index.handler",
                Code={"ZipFile": python_zip()}, PackageType="Zip", Role=role(), Runtime="python3.12")
    answers = {"invalid_role_arn_exc": error(lam.create_function, **{**base, "Role": "r1"}),
               "invalid_runtime_exc": error(lam.create_function, **{**base, "Runtime": "non-existent-runtime"}),
               "uppercase_runtime_exc": error(lam.create_function, **{**base, "Runtime": "PYTHON3.9"})}
    try:
        lam.create_function(**{**base, "Architectures": []})
    except ParamValidationError as e:
        answers["empty_architectures"] = str(e)
    answers["multiple_architectures"] = error(lam.create_function, **{**base, "Architectures": ["x86_64", "arm64"]})
    answers["uppercase_architecture"] = error(lam.create_function, **{**base, "Architectures": ["X86_64"]})
    answers["invalid_zip_exc"] = error(lam.create_function, **{
        **base, "Code": {"ZipFile": b"this is not a zipfile, just a random string"}, "Runtime": "python3.9"})
    return answers


@scenario(API, "TestLambdaFunction::test_update_lambda_exceptions")
def update_exceptions():
    name = fn_name("invalid-function")
    create_plain(FunctionName=name, Handler="index.handler", Code={"ZipFile": python_zip()}, PackageType="Zip",
                 Role=role(), Runtime="python3.12")
    return {"invalid_role_arn_exc": error(lam.update_function_configuration, FunctionName=name, Role="r1"),
            "invalid_runtime_exc": error(lam.update_function_configuration, FunctionName=name,
                                         Runtime="non-existent-runtime"),
            "uppercase_runtime_exc": error(lam.update_function_configuration, FunctionName=name, Runtime="PYTHON3.9")}


@scenario(API, "TestLambdaFunction::test_list_functions")
def list_functions():
    first, second = f"list-fn-1-{uid()}", f"list-fn-2-{uid()}"
    answers = {}
    _, answers["create_response_1"] = create(first, Publish=True)
    _, answers["create_response_2"] = create(second)
    answers["list_functions_invalid_functionversion"] = error(lam.list_functions, FunctionVersion="invalid")
    pages = lam.get_paginator("list_functions")
    every = pages.paginate(FunctionVersion="ALL", PaginationConfig={"PageSize": 1}).build_full_result()
    latest = pages.paginate(PaginationConfig={"PageSize": 1}).build_full_result()
    for listing in (every, latest):
        listing["Functions"] = sorted((f for f in listing["Functions"] if f["FunctionName"] in (first, second)),
                                      key=lambda f: f["FunctionArn"])
    answers["list_all"], answers["list_default"] = every, latest
    return answers


@scenario(API, "TestLambdaFunction::test_invalid_invoke")
def invalid_invoke():
    return {"invoke_function_name_pattern_exc": error(
        lam.invoke, FunctionName=f"arn:aws:lambda:{REGION}:123400000000@function:myfn", Payload=b"{}")}


@scenario(API, "TestLambdaFunction::test_lambda_concurrent_code_updates")
def concurrent_code_updates():
    name = fn_name("test-lambda")
    created = create_plain(FunctionName=name, Runtime="python3.12", Role=role(), Handler="handler.handler",
                           Code={"ZipFile": python_zip(VERSION_PY)})
    lam.update_function_code(FunctionName=name, ZipFile=python_zip(VERSION_PY + "\n# 1\n"))
    refused = error(lam.update_function_code, FunctionName=name, ZipFile=python_zip(VERSION_PY + "\n# 2\n"))
    wait_active(name)
    return {"create-function-response": created, "update-during-in-progress-update-exc": refused}


@scenario(API, "TestLambdaFunction::test_lambda_concurrent_config_updates")
def concurrent_config_updates():
    name, created = create(fn_name("test-lambda"))
    lam.update_function_configuration(FunctionName=name, Environment={"Variables": {"TEST": "TEST1"}})
    refused = error(lam.update_function_configuration, FunctionName=name, Environment={"Variables": {"TEST": "TEST2"}})
    wait_active(name)
    return {"create-function-response": created, "update-during-in-progress-update-exc": refused}


for _runtime in ("java8", "go1.x", "provided", "ruby2.7", "nodejs14.x", "python3.7", "dotnetcore3.1", "nodejs12.x"):
    scenario(API, f"TestRuntimeValidation::test_create_deprecated_function_runtime_with_validation_enabled[{_runtime}]")(
        lambda r=_runtime: {"deprecation_error": error(
            lam.create_function, FunctionName=fn_name(), Runtime=r, Handler="handler.handler", Role=role(),
            Code={"ZipFile": python_zip()}, Timeout=30, Environment={"Variables": {}}, Tags={})})


# --- TestLambdaVersions, TestLambdaAlias -----------------------------------------------------

def create_index(name, runtime="python3.12", **kwargs):
    """CreateFunction as the recorded tests' second fixture makes it: handler index.handler."""
    return create_plain(FunctionName=name, Handler="index.handler", Code={"ZipFile": python_zip()},
                        PackageType="Zip", Role=role(), Runtime=runtime, **kwargs)


@scenario(API, "TestLambdaVersions::test_publish_version_on_create")
def publish_version_on_create():
    name = fn_name()
    answers = {"create_response": create_index(name, Publish=True),
               "get_function_result": lam.get_function(FunctionName=name),
               "get_function_version_result": lam.get_function(FunctionName=name, Qualifier="1"),
               "get_function_latest_result": lam.get_function(FunctionName=name, Qualifier="$LATEST"),
               "list_versions_result": lam.list_versions_by_function(FunctionName=name)}
    answers["repeated_publish_response"] = lam.publish_version(FunctionName=name,
                                                                Description="Repeated version description :)")
    answers["list_versions_result_after_publish"] = lam.list_versions_by_function(FunctionName=name)
    return answers


@scenario(API, "TestLambdaVersions::test_version_lifecycle")
def version_lifecycle():
    name = fn_name()
    answers = {"create_response": create_index(name, Description="No version :("),
               "get_function_result": lam.get_function(FunctionName=name),
               "list_versions_result": lam.list_versions_by_function(FunctionName=name)}
    answers["first_update_response"] = lam.update_function_configuration(FunctionName=name,
                                                                        Description="First version :)")
    wait_active(name)
    answers["first_update_get_function"] = lam.get_function(FunctionName=name)
    first = lam.publish_version(FunctionName=name, Description="First version description :)")
    answers["first_publish_response"] = first
    answers["first_publish_get_function"] = lam.get_function(FunctionName=name, Qualifier=first["Version"])
    answers["first_publish_get_function_config"] = lam.get_function_configuration(FunctionName=name,
                                                                                  Qualifier=first["Version"])
    answers["second_update_response"] = lam.update_function_configuration(FunctionName=name,
                                                                         Description="Second version :))")
    wait_active(name)
    answers["first_publish_get_function_after_update"] = lam.get_function(FunctionName=name,
                                                                          Qualifier=first["Version"])
    answers["second_publish_response"] = lam.publish_version(FunctionName=name)
    answers["third_publish_response"] = lam.publish_version(FunctionName=name,
                                                            Description="Third version description :)))")
    answers["list_versions_result_after_third_publish"] = lam.list_versions_by_function(FunctionName=name)
    lam.delete_function(FunctionName=f"{name}:{first['Version']}")
    answers["list_versions_result_after_deletion_of_first_version"] = lam.list_versions_by_function(FunctionName=name)
    return answers


@scenario(API, "TestLambdaVersions::test_publish_with_wrong_sha256")
def publish_with_wrong_sha256():
    name = fn_name()
    answers = {"create_response": create_index(name), "get_fn_response": lam.get_function(FunctionName=name)}
    answers["publish_wrong_sha256_exc"] = error(lam.publish_version, FunctionName=name,
                                                CodeSha256="somenonexistentsha256")
    answers["publish_result"] = lam.publish_version(
        FunctionName=name, CodeSha256=answers["get_fn_response"]["Configuration"]["CodeSha256"])
    return answers


@scenario(API, "TestLambdaVersions::test_publish_with_wrong_revisionid")
def publish_with_wrong_revision():
    name = fn_name()
    answers = {"create_response": create_index(name, runtime="python3.9"), "get_fn_response": lam.get_function(FunctionName=name)}
    answers["publish_wrong_revisionid_exc"] = error(lam.publish_version, FunctionName=name, RevisionId="abc")
    answers["publish_result"] = lam.publish_version(
        FunctionName=name, RevisionId=answers["get_fn_response"]["Configuration"]["RevisionId"])
    return answers


@scenario(API, "TestLambdaVersions::test_publish_with_update")
def publish_with_update():
    name = fn_name()
    answers = {"create_response": create_index(name), "get_function_result": lam.get_function(FunctionName=name)}
    answers["update_function_code_result"] = lam.update_function_code(FunctionName=name, ZipFile=python_zip(VERSION_PY),
                                                                      Publish=True)
    answers["get_function_version_result"] = lam.get_function(FunctionName=name, Qualifier="1")
    answers["get_function_latest_result"] = lam.get_function(FunctionName=name, Qualifier="$LATEST")
    return answers


def by_name(listing, member="Aliases"):
    listing[member] = sorted(listing[member], key=lambda a: a["Name"])
    return listing


@scenario(API, "TestLambdaAlias::test_alias_lifecycle")
def alias_lifecycle():
    name = fn_name("alias-fn")
    answers = {"create_response": create_index(name, Environment={"Variables": {"testenv": "staging"}}),
               "publish_v1": lam.publish_version(FunctionName=name)}
    lam.update_function_configuration(FunctionName=name, Environment={"Variables": {"testenv": "prod"}})
    wait_active(name)
    answers["publish_v2"] = lam.publish_version(FunctionName=name)
    a11 = lam.create_alias(FunctionName=name, Name="aliasname1_1", FunctionVersion="1", Description="custom-alias",
                           RoutingConfig={"AdditionalVersionWeights": {"2": 0.2}})
    answers["create_alias_1_1"] = a11
    answers["get_alias_1_1"] = lam.get_alias(FunctionName=name, Name="aliasname1_1")
    answers["get_function_alias_1_1"] = lam.get_function(FunctionName=name, Qualifier="aliasname1_1")
    answers["get_function_byarn_alias_1_1"] = lam.get_function(FunctionName=a11["AliasArn"])
    answers["get_function_alias_notfound_exc"] = error(lam.get_function, FunctionName=name,
                                                       Qualifier="aliasdoesnotexist")
    answers["get_function_alias_byarn_notfound_exc"] = error(
        lam.get_function, FunctionName=a11["AliasArn"].replace("aliasname1_1", "aliasdoesnotexist"))
    answers["create_alias_1_2"] = lam.create_alias(FunctionName=name, Name="aliasname1_2", FunctionVersion="1",
                                                   Description="custom-alias")
    answers["get_alias_1_2"] = lam.get_alias(FunctionName=name, Name="aliasname1_2")
    answers["create_alias_1_3"] = lam.create_alias(FunctionName=name, Name="aliasname1_3", FunctionVersion="1")
    answers["get_alias_1_3"] = lam.get_alias(FunctionName=name, Name="aliasname1_3")
    answers["create_alias_2"] = lam.create_alias(FunctionName=name, Name="aliasname2", FunctionVersion="2",
                                                 Description="custom-alias")
    answers["get_alias_2"] = lam.get_alias(FunctionName=name, Name="aliasname2")
    answers["list_aliases_for_fnname"] = by_name(lam.get_paginator("list_aliases").paginate(
        FunctionName=name, PaginationConfig={"PageSize": 1}).build_full_result())
    answers["update_alias_1_1"] = lam.update_alias(FunctionName=name, Name="aliasname1_1",
                                                   RoutingConfig={"AdditionalVersionWeights": {}})
    answers["get_alias_1_1_after_update"] = lam.get_alias(FunctionName=name, Name="aliasname1_1")
    answers["list_aliases_for_fnname_after_update"] = by_name(lam.list_aliases(FunctionName=name))
    answers["update_alias_1_2"] = lam.update_alias(FunctionName=name, Name="aliasname1_2")
    answers["get_alias_1_2_after_update"] = lam.get_alias(FunctionName=name, Name="aliasname1_2")
    answers["list_aliases_for_fnname_after_update_2"] = by_name(lam.list_aliases(FunctionName=name))
    answers["list_aliases_for_version"] = by_name(lam.list_aliases(FunctionName=name, FunctionVersion="1"))
    answers["delete_alias_response"] = lam.delete_alias(FunctionName=name, Name="aliasname1_1")
    answers["list_aliases_for_fnname_afterdelete"] = by_name(lam.list_aliases(FunctionName=name))
    return answers


@scenario(API, "TestLambdaAlias::test_non_existent_alias_deletion")
def delete_missing_alias():
    name = fn_name("alias-fn")
    return {"create_response": create_index(name, Environment={"Variables": {"testenv": "staging"}}),
            "delete_alias_response": lam.delete_alias(FunctionName=name, Name="non-existent")}


@scenario(API, "TestLambdaAlias::test_non_existent_alias_update")
def update_missing_alias():
    name = fn_name("alias-fn")
    return {"create_response": create_index(name, Environment={"Variables": {"testenv": "staging"}}),
            "update_alias_response": error(lam.update_alias, FunctionName=name, Name="non-existent")}


@scenario(API, "TestLambdaAlias::test_notfound_and_invalid_routingconfigs")
def invalid_routing_configs():
    unchecked = unvalidated()
    name = fn_name("alias-fn")
    answers = {"create_response": create_index(name, Publish=True, Environment={"Variables": {"testenv": "staging"}}),
               "publish_v1": unchecked.publish_version(FunctionName=name)}
    unchecked.update_function_configuration(FunctionName=name, Environment={"Variables": {"testenv": "prod"}})
    wait_active(name)
    answers["publish_v2"] = unchecked.publish_version(FunctionName=name)

    def alias(weights, version="1", alias_name="custom", function=name):
        return error(unchecked.create_alias, FunctionName=function, Name=alias_name, FunctionVersion=version,
                     RoutingConfig={"AdditionalVersionWeights": weights})
    answers["routing_config_exc_toomany"] = alias({"1": 0.8, "2": 0.2})
    answers["routing_config_exc_toohigh"] = alias({"2": 2})
    answers["routing_config_exc_subzero"] = alias({"2": -1})
    answers["routing_config_exc_sameversion"] = alias({"1": 0.5})
    answers["target_version_doesnotexist"] = alias({"2": 0.5}, version="10")
    answers["routing_config_exc_version_doesnotexist"] = alias({"10": 0.5})
    answers["target_version_exc_version_latest"] = alias({"1": 0.5}, version="$LATEST")
    answers["routing_config_exc_version_latest"] = alias({"$LATEST": 0.5})
    answers["create-alias-latest"] = unchecked.create_alias(FunctionName=name, Name="custom-latest",
                                                            FunctionVersion="$LATEST")
    answers["routing_config_exc_fn_doesnotexist"] = alias({"2": 0.5}, function=f"{name}-unknown")
    answers["create_alias_empty_routingconfig"] = unchecked.create_alias(
        FunctionName=name, Name="custom-empty-routingconfig", FunctionVersion="1",
        RoutingConfig={"AdditionalVersionWeights": {}})
    answers["create_alias_response"] = unchecked.create_alias(FunctionName=name, Name="custom", FunctionVersion="1",
                                                              RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}})
    answers["routing_config_exc_already_exist"] = alias({"2": 0.5})
    answers["alias_does_not_exist_esc"] = error(unchecked.get_alias, FunctionName=name, Name="non-existent")
    return answers


@scenario(API, "TestLambdaAlias::test_alias_naming")
def alias_naming():
    name = fn_name("alias-fn")
    answers = {"create_response": create_index(name, Environment={"Variables": {"testenv": "staging"}}),
               "publish_v1": lam.publish_version(FunctionName=name)}
    answers["create_alias_date"] = lam.create_alias(FunctionName=name, Name="2024-01-02", FunctionVersion="1",
                                                    Description="custom-alias")
    answers["get_alias_date"] = lam.get_alias(FunctionName=name, Name="2024-01-02")
    lam.invoke(FunctionName=f"{name}:2024-01-02")
    answers["create_alias_number_exception"] = error(lam.create_alias, FunctionName=name, Name="2024",
                                                     FunctionVersion="1", Description="custom-alias")
    return answers


# --- TestLambdaRevisions --------------------------------------------------------------------

@scenario(API, "TestLambdaRevisions::test_function_revisions_basic")
def revisions_basic():
    name = fn_name()
    code = zip_of({"index.py": ECHO_PY})
    answers = {}
    _, answers["create_function_response_rev1"] = create(name, code=code, handler="index.handler")
    answers["get_function_response_rev2"] = lam.get_function(FunctionName=name)
    rev2 = answers["get_function_response_rev2"]["Configuration"]["RevisionId"]
    answers["update_function_revision_exception"] = error(lam.update_function_code, FunctionName=name, ZipFile=code,
                                                          RevisionId="wrong")
    answers["update_function_code_response_rev3"] = lam.update_function_code(FunctionName=name, ZipFile=code,
                                                                             RevisionId=rev2)
    wait_active(name)
    answers["get_function_response_rev4"] = lam.get_function(FunctionName=name)
    rev4 = answers["get_function_response_rev4"]["Configuration"]["RevisionId"]
    answers["update_function_configuration_revision_exception"] = error(
        lam.update_function_configuration, FunctionName=name, Runtime="python3.8", RevisionId="wrong")
    answers["update_function_configuration_response_rev5"] = lam.update_function_configuration(
        FunctionName=name, Runtime="python3.8", RevisionId=rev4)
    wait_active(name)
    answers["get_function_response_rev6"] = lam.get_function(FunctionName=name)
    return answers


@scenario(API, "TestLambdaRevisions::test_function_revisions_version_and_alias")
def revisions_versions_and_aliases():
    name = fn_name()
    answers = {}
    _, answers["create_function_response_rev1"] = create(name)
    answers["get_function_active_rev2"] = lam.get_function(FunctionName=name)
    rev2 = answers["get_function_active_rev2"]["Configuration"]["RevisionId"]
    answers["publish_version_revision_exception"] = error(lam.publish_version, FunctionName=name, RevisionId="wrong")
    version = lam.publish_version(FunctionName=name, RevisionId=rev2)
    answers["publish_version_response_rev_v1"] = version
    answers["get_function_published_version_rev_v2"] = lam.get_function(FunctionName=name, Qualifier=version["Version"])
    answers["get_function_latest_rev3"] = lam.get_function(FunctionName=name)
    alias = lam.create_alias(FunctionName=name, Name="revision_alias", FunctionVersion=version["Version"])
    answers["create_alias_response_rev_a1"] = alias
    answers["get_function_latest_rev4"] = lam.get_function(FunctionName=name)
    answers["get_function_published_version_rev_v3"] = lam.get_function(FunctionName=name, Qualifier=version["Version"])
    answers["update_alias_revision_exception"] = error(lam.update_alias, FunctionName=name, Name="revision_alias",
                                                       RevisionId="wrong")
    answers["update_alias_response_rev_a2"] = lam.update_alias(FunctionName=name, Name="revision_alias",
                                                               Description="something changed",
                                                               RevisionId=alias["RevisionId"])
    return answers


# --- TestLambdaTag, TestLambdaTags -----------------------------------------------------------

def tagged_function(**kwargs):
    name, created = create(fn_name(), **kwargs)
    return name, lam.get_function(FunctionName=name)["Configuration"]["FunctionArn"], created


@scenario(API, "TestLambdaTag::test_create_tag_on_fn_create")
def tag_on_create():
    name, fn_arn, _ = tagged_function(tags={"testtag": f"tag-{uid()}"})
    return {"get_function_result": lam.get_function(FunctionName=name), "list_tags_result": lam.list_tags(Resource=fn_arn)}


def tag_lifecycle_of(resource):
    answers = {}
    steps = [("tag_single_response", lambda: lam.tag_resource(Resource=resource, Tags={"A": "tag-a"})),
             ("tag_multiple_response", lambda: lam.tag_resource(Resource=resource, Tags={"B": "tag-b", "C": "tag-c"})),
             ("tag_overlap_response", lambda: lam.tag_resource(Resource=resource,
                                                               Tags={"C": "tag-c-newsuffix", "D": "tag-d"})),
             ("untag_single_response", lambda: lam.untag_resource(Resource=resource, TagKeys=["A"])),
             ("untag_multiple_response", lambda: lam.untag_resource(Resource=resource, TagKeys=["B", "C"])),
             ("untag_nonexisting_response", lambda: lam.untag_resource(Resource=resource, TagKeys=["F"])),
             ("untag_existing_and_nonexisting_response", lambda: lam.untag_resource(Resource=resource,
                                                                                    TagKeys=["D", "F"]))]
    for key, step in steps:
        answers[key] = step()
        answers[key + "_listtags"] = lam.list_tags(Resource=resource)
    return answers


for _test in ("TestLambdaTag::test_tag_lifecycle", "TestLambdaTag::test_tag_lifecycle[lambda_function]"):
    scenario(API, _test)(lambda: tag_lifecycle_of(tagged_function()[1]))


def tag_exceptions(kind):
    name = str(uuid.uuid4())
    resource = f"arn:aws:lambda:{REGION}:{account()}:{kind}:{name}"
    parts = resource.rsplit(":", 2)
    parts[1] = "foobar"
    return {"not_found_exception_tag": error(lam.tag_resource, Resource=resource, Tags={"A": "B"}),
            "not_found_exception_untag": error(lam.untag_resource, Resource=resource, TagKeys=["A"]),
            "not_found_exception_list": error(lam.list_tags, Resource=resource),
            "aliased_arn_exception": error(lam.list_tags, Resource=f"{resource}:alias"),
            "invalid_arn_exception": error(lam.list_tags, Resource=":".join(parts))}


for _id, _kind in (("lambda_function", "function"), ("event_source_mapping", "event-source-mapping"),
                   ("capacity_provider", "capacity-provider")):
    scenario(API, f"TestLambdaTag::test_tag_exceptions[{_id}]")(lambda k=_kind: tag_exceptions(k))


@scenario(API, "TestLambdaTag::test_tag_nonexisting_resource")
def tag_deleted_function():
    _, fn_arn, _ = tagged_function()
    answers = {"pre_delete_get_function": lam.get_function(FunctionName=fn_arn)}
    lam.delete_function(FunctionName=fn_arn)
    answers["not_found_exception_tag"] = error(lam.tag_resource, Resource=fn_arn, Tags={"A": "B"})
    answers["not_found_exception_untag"] = error(lam.untag_resource, Resource=fn_arn, TagKeys=["A"])
    answers["not_found_exception_list"] = error(lam.list_tags, Resource=fn_arn)
    return answers


@scenario(API, "TestLambdaTags::test_tag_exceptions")
def tags_exceptions():
    _, fn_arn, _ = tagged_function()
    prefix = f"arn:aws:lambda:{REGION}:{account()}:function:"
    answers = {"tag_lambda_invalidarn": error(lam.tag_resource, Resource="arn:aws:something", Tags={"key_a": "value_a"}),
               "tag_lambda_doesnotexist": error(lam.tag_resource, Resource=f"{prefix}doesnotexist",
                                                Tags={"key_a": "value_a"}),
               "tag_lambda_qualifier_doesnotexist": error(lam.tag_resource, Resource=f"{fn_arn}:v1",
                                                          Tags={"key_a": "value_a"}),
               "list_tag_lambda_empty": lam.list_tags(Resource=fn_arn),
               "untag_nomatch": lam.untag_resource(Resource=fn_arn, TagKeys=["somekey"]),
               "untag_empty_keys": error(lam.untag_resource, Resource=fn_arn, TagKeys=[]),
               "tag_empty_tags": error(lam.tag_resource, Resource=fn_arn, Tags={})}
    lam.tag_resource(Resource=fn_arn, Tags={"a_key": "a_value", "b_key": "b_value"})
    lam.untag_resource(Resource=fn_arn, TagKeys=["a_key", "c_key"])
    assert list(lam.list_tags(Resource=fn_arn)["Tags"]) == ["b_key"]
    return answers


@scenario(API, "TestLambdaTags::test_tag_limits")
def tags_limits():
    name, fn_arn, _ = tagged_function()
    answers = {"tag_lambda_too_many_tags": error(lam.tag_resource, Resource=fn_arn,
                                                 Tags={f"{k}_key": f"{k}_value" for k in range(51)}),
               "tag_response": lam.tag_resource(Resource=fn_arn, Tags={f"{k}_key": f"{k}_value" for k in range(50)}),
               "list_tags_response": lam.list_tags(Resource=fn_arn),
               "get_fn_response": lam.get_function(FunctionName=name),
               "tag_lambda_too_many_tags_additional": error(lam.tag_resource, Resource=fn_arn, Tags={"a_key": "a_value"})}
    answers["create_function_invalid_tags"] = error(
        lam.create_function, FunctionName=fn_name("fn-tag"), Handler="index.handler", Code={"ZipFile": python_zip()},
        PackageType="Zip", Role=role(), Runtime="python3.12", Tags={f"{k}_key": f"{k}_value" for k in range(51)})
    return answers


@scenario(API, "TestLambdaTags::test_tag_versions")
def tags_versions():
    name, created = create(fn_name("fn-tag"), tags={"key_a": "value_a"})
    fn_arn = created["CreateFunctionResponse"]["FunctionArn"]
    version_arn = lam.publish_version(FunctionName=name)["FunctionArn"]
    more = {"key_b": "value_b", "key_c": "value_c", "key_d": "value_d", "key_e": "value_e"}
    return {"tag_resource_exception": error(lam.tag_resource, Resource=version_arn, Tags=more),
            "tag_resource_latest_exception": error(lam.tag_resource, Resource=f"{fn_arn}:$LATEST", Tags=more)}


@scenario(API, "TestLambdaTags::test_tag_lifecycle")
def tags_lifecycle():
    name, fn_arn, _ = tagged_function(tags={"key_a": "value_a"})
    answers = {}

    def both(suffix):
        answers[f"list_tags_response_{suffix}"] = lam.list_tags(Resource=fn_arn)
        answers[f"get_fn_response_{suffix}"] = lam.get_function(FunctionName=fn_arn)
    both("postfncreate")
    answers["tag_resource_response"] = lam.tag_resource(Resource=fn_arn, Tags={
        "key_b": "value_b", "key_c": "value_c", "key_d": "value_d", "key_e": "value_e"})
    both("postaddtags")
    answers["tag_resource_overwrite"] = lam.tag_resource(Resource=fn_arn, Tags={"key_b": "value_b", "key_c": "value_x"})
    both("overwrite")
    lam.untag_resource(Resource=fn_arn, TagKeys=["key_c", "key_d"])
    both("postuntag")
    lam.untag_resource(Resource=fn_arn, TagKeys=["key_a", "key_b", "key_e"])
    both("postuntagall")
    lam.delete_function(FunctionName=name)
    answers["list_tags_postdelete"] = error(lam.list_tags, Resource=fn_arn)
    return answers


# --- TestLambdaEventInvokeConfig -------------------------------------------------------------

@scenario(API, "TestLambdaEventInvokeConfig::test_lambda_eventinvokeconfig_lifecycle")
def event_invoke_config_lifecycle():
    name, _ = create(fn_name("fn-eventinvoke"))
    answers = {"put_invokeconfig_retries_0": lam.put_function_event_invoke_config(FunctionName=name,
                                                                                   MaximumRetryAttempts=0),
               "put_invokeconfig_eventage_60": lam.put_function_event_invoke_config(FunctionName=name,
                                                                                     MaximumEventAgeInSeconds=60),
               "update_invokeconfig_eventage_nochange": lam.update_function_event_invoke_config(
                   FunctionName=name, MaximumEventAgeInSeconds=60),
               "update_invokeconfig_retries": lam.update_function_event_invoke_config(FunctionName=name,
                                                                                      MaximumRetryAttempts=1),
               "get_invokeconfig": lam.get_function_event_invoke_config(FunctionName=name),
               "get_invokeconfig_latest": lam.get_function_event_invoke_config(FunctionName=name, Qualifier="$LATEST"),
               "list_single_invokeconfig": lam.list_function_event_invoke_configs(FunctionName=name)}
    version = lam.publish_version(FunctionName=name)
    answers["publish_version_result"] = version
    answers["get_invokeconfig_postpublish"] = error(lam.get_function_event_invoke_config, FunctionName=name,
                                                    Qualifier=version["Version"])
    answers["put_published_invokeconfig"] = lam.put_function_event_invoke_config(
        FunctionName=name, Qualifier=version["Version"], MaximumEventAgeInSeconds=120)
    answers["get_published_invokeconfig"] = lam.get_function_event_invoke_config(FunctionName=name,
                                                                                 Qualifier=version["Version"])
    single = lam.list_function_event_invoke_configs(FunctionName=name, MaxItems=1)
    every = lam.list_function_event_invoke_configs(FunctionName=name)
    rest = lam.list_function_event_invoke_configs(FunctionName=name, Marker=single["NextMarker"], MaxItems=1)
    assert len(single["FunctionEventInvokeConfigs"]) == 1 and len(every["FunctionEventInvokeConfigs"]) == 2
    assert {c["FunctionArn"] for c in every["FunctionEventInvokeConfigs"]} == {
        single["FunctionEventInvokeConfigs"][0]["FunctionArn"], rest["FunctionEventInvokeConfigs"][0]["FunctionArn"]}
    lam.delete_function_event_invoke_config(FunctionName=name)
    answers["list_paging_nolimit_postdelete"] = lam.list_function_event_invoke_configs(FunctionName=name)
    return answers


@scenario(API, "TestLambdaEventInvokeConfig::test_lambda_eventinvokeconfig_exceptions")
def event_invoke_config_exceptions():
    c = unvalidated()
    name, _ = create(fn_name("fn-eventinvoke"))
    fn_arn = c.get_function(FunctionName=name)["Configuration"]["FunctionArn"]
    other, _ = create(fn_name("fn-eventinvoke-2"))
    other_arn = c.get_function(FunctionName=other)["Configuration"]["FunctionArn"]
    answers = {"fn_version_result": c.publish_version(FunctionName=name)}
    version = answers["fn_version_result"]["Version"]
    answers["fn_alias_result"] = c.create_alias(FunctionName=name, Name="eventinvokealias", FunctionVersion=version)
    alias, alias_arn = "eventinvokealias", answers["fn_alias_result"]["AliasArn"]
    fake = arn("doesnotexist")
    put, update = c.put_function_event_invoke_config, c.update_function_event_invoke_config
    answers["put_functionname_name_notfound"] = error(put, FunctionName="doesnotexist", MaximumRetryAttempts=1)
    answers["put_functionname_arn_notfound"] = error(put, FunctionName=fake, MaximumRetryAttempts=1)
    answers["put_functionname_nootherargs"] = error(put, FunctionName="doesnotexist")
    answers["put_destination_lambda_doesntexist"] = error(put, FunctionName=name,
                                                          DestinationConfig={"OnSuccess": {"Destination": fake}})
    answers["put_destination_recursive"] = error(put, FunctionName=name,
                                                 DestinationConfig={"OnSuccess": {"Destination": fn_arn}})
    answers["put_destination_other_lambda"] = put(FunctionName=name,
                                                  DestinationConfig={"OnSuccess": {"Destination": other_arn}})
    answers["put_destination_invalid_service_arn"] = error(
        put, FunctionName=name, DestinationConfig={"OnSuccess": {"Destination": fn_arn.replace(":lambda:", ":iam:")}})
    answers["put_destination_success_no_destination_arn"] = put(FunctionName=name, DestinationConfig={"OnSuccess": {}})
    answers["put_destination_failure_no_destination_arn"] = put(FunctionName=name, DestinationConfig={"OnFailure": {}})
    answers["put_destination_invalid_arn_pattern"] = error(
        put, FunctionName=name,
        DestinationConfig={"OnFailure": {"Destination": fn_arn.replace(":lambda:", ":_-/!lambda:")}})
    answers["put_destination_latest"] = put(FunctionName=name, MaximumRetryAttempts=1)
    answers["put_destination_latest_explicit_qualifier"] = put(FunctionName=name, Qualifier="$LATEST",
                                                               MaximumRetryAttempts=1)
    answers["put_destination_version"] = put(FunctionName=name, Qualifier=version, MaximumRetryAttempts=1)
    answers["put_alias_functionname_qualifier"] = put(FunctionName=name, Qualifier=alias, MaximumRetryAttempts=1)
    answers["put_alias_doesnotexist"] = error(put, FunctionName=name, Qualifier=f"{alias}doesnotexist",
                                              MaximumRetryAttempts=1)
    answers["put_alias_qualifiedarn"] = put(FunctionName=alias_arn, MaximumRetryAttempts=1)
    answers["put_alias_qualifiedarn_qualifier"] = put(FunctionName=alias_arn, Qualifier=alias, MaximumRetryAttempts=1)
    answers["put_alias_qualifiedarn_qualifierconflict"] = error(put, FunctionName=alias_arn,
                                                                Qualifier=f"{alias}doesnotexist", MaximumRetryAttempts=1)
    answers["put_alias_shorthand"] = put(FunctionName=f"{name}:{alias}", MaximumRetryAttempts=1)
    answers["put_alias_shorthand_qualifier"] = put(FunctionName=f"{name}:{alias}", Qualifier=alias,
                                                   MaximumRetryAttempts=1)
    answers["put_alias_shorthand_qualifierconflict"] = error(put, FunctionName=f"{name}:{alias}",
                                                             Qualifier=f"{alias}doesnotexist", MaximumRetryAttempts=1)
    answers["put_version_shorthand"] = put(FunctionName=f"{name}:{version}", MaximumRetryAttempts=1)
    answers["put_shorthand_qualifier_match"] = put(FunctionName=f"{name}:$LATEST", Qualifier="$LATEST",
                                                   MaximumRetryAttempts=1)
    answers["put_shorthand_qualifier_mismatch_1"] = error(put, FunctionName=f"{name}:{version}", Qualifier="$LATEST",
                                                          MaximumRetryAttempts=1)
    answers["put_shorthand_qualifier_mismatch_2"] = error(put, FunctionName=f"{name}:$LATEST", Qualifier=version,
                                                          MaximumRetryAttempts=1)
    answers["put_shorthand_qualifier_mismatch_3"] = error(put, FunctionName=f"{name}:{version}", Qualifier=alias,
                                                          MaximumRetryAttempts=1)
    answers["put_maxevent_maxvalue_result"] = put(FunctionName=name, MaximumRetryAttempts=2,
                                                  MaximumEventAgeInSeconds=21600)
    answers["put_pre_overwrite"] = put(FunctionName=name, MaximumRetryAttempts=2, MaximumEventAgeInSeconds=60)
    answers["put_post_overwrite"] = put(FunctionName=name, MaximumRetryAttempts=0)
    answers["second_overwrite_existing_response"] = put(FunctionName=name, MaximumRetryAttempts=0)
    answers["get_post_overwrite"] = c.get_function_event_invoke_config(FunctionName=name)
    answers["pre_update_response"] = put(FunctionName=name, MaximumRetryAttempts=2, MaximumEventAgeInSeconds=60)
    answers["update_response"] = update(FunctionName=name, MaximumRetryAttempts=0)
    answers["update_response_existing"] = update(FunctionName=name, MaximumRetryAttempts=0)
    listed = c.list_function_event_invoke_configs(FunctionName=name)
    listed["FunctionEventInvokeConfigs"].sort(key=lambda conf: conf["FunctionArn"])
    answers["list_configs"] = listed
    paged = c.list_function_event_invoke_configs(FunctionName=name, MaxItems=2)
    assert len(paged["FunctionEventInvokeConfigs"]) == 2 and paged["NextMarker"]
    answers["delete_latest"] = c.delete_function_event_invoke_config(FunctionName=name, Qualifier="$LATEST")
    answers["delete_version"] = c.delete_function_event_invoke_config(FunctionName=name, Qualifier=version)
    answers["delete_alias"] = c.delete_function_event_invoke_config(FunctionName=name, Qualifier=alias)
    answers["list_configs_postdelete"] = c.list_function_event_invoke_configs(FunctionName=name)
    answers["delete_function_not_found"] = error(c.delete_function_event_invoke_config, FunctionName=name)
    answers["delete_function_doesnotexist"] = error(c.delete_function_event_invoke_config, FunctionName="doesnotexist")
    answers["list_function_doesnotexist"] = error(c.list_function_event_invoke_configs, FunctionName="doesnotexist")
    answers["get_function_doesnotexist"] = error(c.get_function_event_invoke_config, FunctionName="doesnotexist")
    answers["get_qualifier_doesnotexist"] = error(c.get_function_event_invoke_config, FunctionName=name,
                                                  Qualifier="doesnotexist")
    answers["update_eventinvokeconfig_function_doesnotexist"] = error(update, FunctionName="doesnotexist",
                                                                      MaximumRetryAttempts=0)
    answers["get_eventinvokeconfig_doesnotexist"] = error(c.get_function_event_invoke_config, FunctionName=alias_arn)
    answers["update_eventinvokeconfig_config_doesnotexist_with_qualifier"] = error(update, FunctionName=alias_arn,
                                                                                   MaximumRetryAttempts=0)
    answers["update_eventinvokeconfig_config_doesnotexist_without_qualifier"] = error(update, FunctionName=fn_arn,
                                                                                      MaximumRetryAttempts=0)
    return answers


# --- TestLambdaReservedConcurrency, TestLambdaAccountSettings, TestLambdaSizeLimits ----------

@scenario(API, "TestLambdaReservedConcurrency::test_function_concurrency_exceptions")
def concurrency_exceptions():
    answers = {"put_function_concurrency_with_function_name_doesnotexist": error(
        lam.put_function_concurrency, FunctionName="doesnotexist", ReservedConcurrentExecutions=1),
        "put_function_concurrency_with_function_name_doesnotexist_and_invalid_concurrency": error(
            lam.put_function_concurrency, FunctionName="doesnotexist", ReservedConcurrentExecutions=0)}
    name, _ = create(f"lambda_func-{uid()}")
    qualified = lam.get_function_configuration(FunctionName=name, Qualifier="$LATEST")["FunctionArn"]
    answers["put_function_concurrency_with_qualified_arn"] = error(lam.put_function_concurrency, FunctionName=qualified,
                                                                   ReservedConcurrentExecutions=0)
    return answers


@scenario(API, "TestLambdaReservedConcurrency::test_function_concurrency_limits", serial=True)
def concurrency_limits():
    name, _ = create(f"lambda_func-{uid()}")
    limit = lam.get_account_settings()["AccountLimit"]["ConcurrentExecutions"]
    return {"put_function_concurrency_account_limit_exceeded": error(
        lam.put_function_concurrency, FunctionName=name, ReservedConcurrentExecutions=limit + 1),
        "put_function_concurrency_below_unreserved_min_value": error(
            lam.put_function_concurrency, FunctionName=name, ReservedConcurrentExecutions=limit)}


@scenario(API, "TestLambdaReservedConcurrency::test_function_concurrency", serial=True)
def reserved_concurrency():
    name, _ = create(f"lambda_func-{uid()}")
    answers = {"put_function_concurrency_with_reserved_0": lam.put_function_concurrency(
        FunctionName=name, ReservedConcurrentExecutions=0),
        "put_function_concurrency_with_reserved_1": lam.put_function_concurrency(
            FunctionName=name, ReservedConcurrentExecutions=1),
        "get_function_concurrency": lam.get_function_concurrency(FunctionName=name),
        "delete_response": lam.delete_function_concurrency(FunctionName=name),
        "get_function_concurrency_after_delete": lam.get_function_concurrency(FunctionName=name)}
    unreserved = lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"]
    top = unreserved - 100
    assert lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=top)[
        "ReservedConcurrentExecutions"] == top
    lam.delete_function_concurrency(FunctionName=name)
    return answers


@scenario(API, "TestLambdaAccountSettings::test_account_settings")
def account_settings():
    settings = lam.get_account_settings()
    settings["AccountLimit"] = sorted(settings["AccountLimit"])
    settings["AccountUsage"] = sorted(settings["AccountUsage"])
    return {"acc_settings_modded": settings}


@scenario(API, "TestLambdaAccountSettings::test_account_settings_total_code_size_config_update", serial=True)
def account_code_size():
    def total():
        return lam.get_account_settings()["AccountUsage"]["TotalCodeSize"]
    before = total()
    name, _ = create(f"lambda_func-{uid()}", code=node_zip(), runtime="nodejs18.x", handler="index.handler")
    created = total()
    lam.update_function_configuration(FunctionName=name, Runtime="nodejs20.x")
    wait_active(name)
    updated = total()
    lam.publish_version(FunctionName=name, Description="actually publish the config update")
    published = total()
    return {"is_total_code_size_diff_create_function_more_than_200": created - before > 200,
            "total_code_size_diff_update_function_configuration": updated - created,
            "is_total_code_size_diff_publish_version_after_config_update_more_than_200": published - updated > 200}


def sized_zip(size):
    """A zip of one handler file padded with '#' to ``size`` bytes, written as a stream."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("handler.py", "w") as f:
            f.write(ECHO_PY.encode())
            chunk = b"#" * (1 << 20)
            left = size - len(ECHO_PY)
            while left > 0:
                f.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
    return out.getvalue()


@scenario(API, "TestLambdaSizeLimits::test_oversized_lambda")
def oversized_unzipped():
    return {"invalid_param_exc": error(lam.create_function, FunctionName=f"test_lambda_{uid()}", Runtime="python3.12",
                                       Handler="handler.handler", Role=role(),
                                       Code={"ZipFile": sized_zip(262_144_000 + 1)}, Timeout=10)}


def large_environment(variables):
    name = f"large-envvar-lambda-{uid()}"
    try:
        create(name, envvars=variables)
    except ClientError as e:
        assert error(lam.get_function, FunctionName=name)["Error"]["Code"] == "ResourceNotFoundException"
        return e.response
    raise AssertionError("created a function with more than 4 KB of environment")


@scenario(API, "TestLambdaSizeLimits::test_large_environment_variables_fails")
def env_too_large():
    return {"failed_create_fn_result": large_environment({"LARGE_VAR": "x" * (4 * 1024 - 6 - len("LARGE_VAR"))})}


@scenario(API, "TestLambdaSizeLimits::test_large_environment_fails_multiple_keys")
def env_too_large_keys():
    return {"failured_create_fn_result_multi_key": large_environment({"SMALL_VAR": "ok", "LARGE_VAR": "x" * 4064})}


@scenario(API, "TestLambdaSizeLimits::test_lambda_envvars_near_limit_succeeds")
def env_near_limit():
    name, created = create(f"large-envvar-lambda-{uid()}",
                           envvars={"LARGE_VAR": "x" * (4 * 1024 - 7 - len("LARGE_VAR"))})
    lam.get_function(FunctionName=name)
    return {"successful_create_fn_result": created}


# --- TestLambdaPermissions --------------------------------------------------------------------

S3_BUCKET = "arn:aws:s3:::test-bucket"


def parsed(answer, member):
    """An answer whose member holds JSON text, with that text read, as the recorder reads it."""
    answer[member] = json.loads(answer[member])
    return answer


def permit(name, sid="s3", principal="s3.amazonaws.com", **kwargs):
    return parsed(lam.add_permission(FunctionName=name, Action=kwargs.pop("Action", "lambda:InvokeFunction"),
                                     StatementId=sid, Principal=principal, **kwargs), "Statement")


def policy(name, **kwargs):
    return parsed(lam.get_policy(FunctionName=name, **kwargs), "Policy")


@scenario(API, "TestLambdaPermissions::test_permission_exceptions")
def permission_exceptions():
    name, _ = create(f"lambda_func-{uid()}")
    add = lam.add_permission
    base = dict(Action="lambda:InvokeFunction", StatementId="s3", Principal="s3.amazonaws.com", SourceArn=S3_BUCKET)
    answers = {
        "add_permission_invalid_statement_id": error(add, FunctionName=name, Action="lambda:InvokeFunction",
                                                     StatementId="example.com", Principal="s3.amazonaws.com"),
        "add_permission_fn_qualifier_mismatch": error(add, FunctionName=f"{name}:alias-not-42", Qualifier="42", **base),
        "add_permission_fn_qualifier_latest": error(add, FunctionName=f"{name}:$LATEST", Qualifier="$LATEST", **base),
        "add_permission_principal_invalid": error(add, FunctionName=name, Action="lambda:InvokeFunction",
                                                  StatementId="lambda", Principal="invalid.nonaws.com",
                                                  SourceAccount=account()),
        "get_policy_fn_doesnotexist": error(lam.get_policy, FunctionName="doesnotexist"),
        "get_policy_fn_version_doesnotexist": error(lam.get_policy, FunctionName=name, Qualifier="77"),
        "add_permission_fn_doesnotexist": error(add, FunctionName="doesnotexist", **base),
        "remove_permission_policy_doesnotexist": error(lam.remove_permission, FunctionName=name, StatementId="s3"),
        "add_permission_fn_alias_doesnotexist": error(add, FunctionName=f"{name}:alias-doesnotexist", **base),
        "add_permission_fn_version_doesnotexist": error(add, FunctionName=name, Qualifier="42", **base),
        "add_permission_fn_qualifier_invalid": error(add, FunctionName=name, Qualifier="invalid-qualifier-with-?-char",
                                                     **base),
        "add_permission_fn_qualifier_valid_doesnotexist": error(add, FunctionName=name,
                                                                Qualifier="valid-with-$-but-doesnotexist", **base)}
    add(FunctionName=name, **base)
    answers["add_permission_conflicting_statement_id"] = error(add, FunctionName=name, **base)
    answers["remove_permission_fn_doesnotexist"] = error(lam.remove_permission, FunctionName="doesnotexist",
                                                         StatementId="s3")
    answers["remove_permission_fn_alias_doesnotexist"] = error(lam.remove_permission, FunctionName=name,
                                                               StatementId="s3", Qualifier="alias-doesnotexist")
    return answers


@scenario(API, "TestLambdaPermissions::test_add_lambda_permission_aws")
def add_permission():
    name, created = create(f"lambda_func-{uid()}")
    return {"create_lambda": created, "add_permission": permit(name, SourceArn=S3_BUCKET), "get_policy": policy(name)}


def permission_versioning(full):
    name, _ = create(f"lambda_func-{uid()}")
    answers = {"add_permission": permit(name, SourceArn=S3_BUCKET), "get_policy": policy(name)}
    version = lam.publish_version(FunctionName=name)
    if full:
        answers["publish_version_result"] = version
        answers["get_function_result_after_publishing"] = lam.get_function(FunctionName=name)
    answers["get_policy_after_publishing_latest"] = policy(name)
    answers["get_policy_after_publishing_new_version"] = error(lam.get_policy, FunctionName=name,
                                                               Qualifier=version["Version"])
    lam.add_permission(FunctionName=f"{name}:{version['Version']}", Action="lambda:InvokeFunction", StatementId="s3",
                       Principal="s3.amazonaws.com", SourceArn=S3_BUCKET, Qualifier=version["Version"])
    if full:
        answers["get_policy_version"] = policy(name, Qualifier=version["Version"])
    alias = lam.create_alias(FunctionName=name, Name="permission-alias", FunctionVersion=version["Version"])
    if full:
        answers["create_alias_response"] = alias
        answers["get_alias"] = lam.get_alias(FunctionName=name, Name="permission-alias")
        answers["add_permission_alias_revision_exception"] = error(
            lam.add_permission, FunctionName=name, Action="lambda:InvokeFunction", StatementId="s3",
            Principal="s3.amazonaws.com", SourceArn=S3_BUCKET, Qualifier="permission-alias", RevisionId="wrong")
    lam.add_permission(FunctionName=f"{name}:permission-alias", Action="lambda:InvokeFunction", StatementId="s3",
                       Principal="s3.amazonaws.com", SourceArn=S3_BUCKET, Qualifier="permission-alias",
                       RevisionId=alias["RevisionId"])
    if full:
        answers["get_policy_alias"] = policy(name, Qualifier="permission-alias")
    answers["get_policy_after_adding_to_new_version"] = current = policy(name)
    permit(name, sid="s3_2", SourceArn=S3_BUCKET, RevisionId=current["RevisionId"])
    answers["get_policy_after_adding_2"] = policy(name)
    return answers


scenario(API, "TestLambdaPermissions::test_lambda_permission_fn_versioning")(lambda: permission_versioning(True))
scenario(API, "TestLambdaPermissions::test_lambda_permission_versioning")(lambda: permission_versioning(False))


@scenario(API, "TestLambdaPermissions::test_add_lambda_permission_fields")
def permission_fields():
    name, _ = create(f"lambda_func-{uid()}")
    me = account()
    return {"add_permission_principal_wildcard": permit(name, "wilcard", "*", SourceAccount=me),
            "add_permission_principal_service": permit(name, "lambda", "lambda.amazonaws.com", SourceAccount=me),
            "add_permission_principal_account": permit(name, "account-id", me),
            "add_permission_principal_arn": permit(name, "user-arn", client("sts").get_caller_identity()["Arn"],
                                                   SourceAccount=me),
            "add_permission_optional_fields": permit(name, "urlPermission", "*", Action="lambda:InvokeFunctionUrl",
                                                     SourceArn=S3_BUCKET, SourceAccount=me,
                                                     PrincipalOrgID="o-1234567890", FunctionUrlAuthType="NONE"),
            "add_permission_alexa_skill": permit(name, "alexaSkill", "*",
                                                 EventSourceToken="amzn1.ask.skill.xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")}


@scenario(API, "TestLambdaPermissions::test_remove_multi_permissions")
def remove_permissions():
    name, _ = create(f"lambda_func-{uid()}")
    answers = {"add_permission_1": permit(name),
               "add_permission_2": permit(name, "sqs", "sqs.amazonaws.com", SourceArn=S3_BUCKET),
               "policy_after_2_add": policy(name),
               "remove_permission_exception_nonexisting_sid": error(lam.remove_permission, FunctionName=name,
                                                                    StatementId="non-existent")}
    lam.remove_permission(FunctionName=name, StatementId="sqs")
    answers["policy_after_removal"] = policy(name)
    answers["policy_after_removal_attempt"] = policy(name)
    lam.remove_permission(FunctionName=name, StatementId="s3",
                          RevisionId=answers["policy_after_removal_attempt"]["RevisionId"])
    answers["get_policy_exception_removed_all"] = error(lam.get_policy, FunctionName=name)
    return answers


@scenario(API, "TestLambdaPermissions::test_create_multiple_lambda_permissions")
def two_permissions():
    name, _ = create(f"test-function-{uid()}")
    return {"add_permission_response_1": permit(name, "logs", "logs.amazonaws.com"),
            "add_permission_response_2": permit(name, "kinesis", "kinesis.amazonaws.com"),
            "policy_after_2_add": policy(name)}


@scenario(API, "TestLambdaRevisions::test_function_revisions_permissions")
def revisions_permissions():
    name, _ = create(fn_name())
    return {"add_permission_revision_exception": error(
        lam.add_permission, FunctionName=name, StatementId="s3", Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com", RevisionId="wrong")}


# --- TestLambdaRecursion, TestLoggingConfig --------------------------------------------------

def recursion_function():
    name, _ = create(f"recursion-test-{uid()}", Description="Lambda with recursion test")
    return name


@scenario(API, "TestLambdaRecursion::test_put_function_recursion_config_allow")
def recursion_allow():
    name = recursion_function()
    return {"put_recursion_config_response": lam.put_function_recursion_config(FunctionName=name, RecursiveLoop="Allow"),
            "get_recursion_config_response": lam.get_function_recursion_config(FunctionName=name)}


@scenario(API, "TestLambdaRecursion::test_put_function_recursion_config_default_terminate")
def recursion_default():
    return {"get_recursion_default_terminate_response": lam.get_function_recursion_config(
        FunctionName=recursion_function())}


@scenario(API, "TestLambdaRecursion::test_put_function_recursion_config_invalid_value")
def recursion_invalid():
    return {"put_recursion_invalid_value_error": error(unvalidated().put_function_recursion_config,
                                                       FunctionName=recursion_function(), RecursiveLoop="InvalidValue")}


def logging_config(initial, *updates):
    name, created = create(fn_name(), MemorySize=256, timeout=5, **({"LoggingConfig": initial} if initial else {}))
    answers = {"create_response": created, "get_function_response": lam.get_function(FunctionName=name),
               "function_config": lam.get_function_configuration(FunctionName=name)}
    for i, update in enumerate(updates):
        suffix = "" if i == 0 else f"_v{i + 1}"
        answers["updated_config" + suffix] = lam.update_function_configuration(FunctionName=name, LoggingConfig=update)
        wait_active(name)
        answers["received_config" + suffix] = lam.get_function_configuration(FunctionName=name)
    return answers


scenario(API, "TestLoggingConfig::test_function_advanced_logging_configuration")(lambda: logging_config(
    {"LogFormat": "JSON"}, {"LogFormat": "JSON", "ApplicationLogLevel": "INFO", "SystemLogLevel": "INFO",
                            "LogGroup": "cool_lambda"}))
scenario(API, "TestLoggingConfig::test_advanced_logging_configuration_format_switch")(lambda: logging_config(
    None, {"LogFormat": "JSON"}, {"LogFormat": "Text"}))
for _i, _partial in enumerate([{"LogFormat": "JSON"}, {"LogFormat": "JSON", "ApplicationLogLevel": "DEBUG"},
                               {"LogFormat": "JSON", "SystemLogLevel": "DEBUG"}, {"LogGroup": "cool_lambda"}]):
    scenario(API, f"TestLoggingConfig::test_function_partial_advanced_logging_configuration_update[partial_config{_i}]")(
        lambda p=_partial: logging_config(None, p))


# --- TestLambdaEventSourceMappings (of DynamoDB streams) ------------------------------------

ddb = client("dynamodb")
sqs = client("sqs")


def streamed_table(view="NEW_IMAGE", prefix="teststreamtable"):
    name = f"{prefix}-{uid()}"
    ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     BillingMode="PAY_PER_REQUEST")
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 100})
    return ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": True, "StreamViewType": view})


def wait_mapping(mapping_uuid, leaving=("Creating", "Enabling")):
    for _ in range(200):
        state = lam.get_event_source_mapping(UUID=mapping_uuid)["State"]
        if state not in leaving:
            return state
        time.sleep(0.05)
    raise AssertionError(f"mapping {mapping_uuid} stays {state}")


def mapping_lifecycle(delete_function):
    name = f"lambda_func-{uid()}"
    queue = sqs.get_queue_attributes(QueueUrl=sqs.create_queue(QueueName=f"queue-{uid()}")["QueueUrl"],
                                     AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    updated = streamed_table()
    create(name)
    created = lam.create_event_source_mapping(
        FunctionName=name, EventSourceArn=updated["TableDescription"]["LatestStreamArn"],
        DestinationConfig={"OnFailure": {"Destination": queue}}, BatchSize=1, StartingPosition="TRIM_HORIZON",
        MaximumBatchingWindowInSeconds=1, MaximumRetryAttempts=1)
    wait_mapping(created["UUID"])
    answers = {"update_table_response": updated, "create_response": created,
               "get_response": lam.get_event_source_mapping(UUID=created["UUID"])}
    if delete_function:
        answers["delete_function_response"] = lam.delete_function(FunctionName=name)
        answers["get_response_post_delete"] = lam.get_event_source_mapping(UUID=created["UUID"])
    answers["delete_response"] = lam.delete_event_source_mapping(UUID=created["UUID"])
    return answers


scenario(API, "TestLambdaEventSourceMappings::test_event_source_mapping_lifecycle")(lambda: mapping_lifecycle(False))
scenario(API, "TestLambdaEventSourceMappings::test_event_source_mapping_lifecycle_delete_function")(
    lambda: mapping_lifecycle(True))


@scenario(API, "TestLambdaEventSourceMappings::test_event_source_mapping_exceptions")
def mapping_exceptions():
    queue = f"arn:aws:sqs:{REGION}:111111111111:somequeue"
    answers = {"get_unknown_uuid": error(lam.get_event_source_mapping, UUID=str(uuid.uuid4())),
               "delete_unknown_uuid": error(lam.delete_event_source_mapping, UUID=str(uuid.uuid4())),
               "update_unknown_uuid": error(lam.update_event_source_mapping, UUID=str(uuid.uuid4()), Enabled=False)}
    # Listings answer whether or not the function or the event source they name exists.
    lam.list_event_source_mappings()
    lam.list_event_source_mappings(FunctionName="doesnotexist")
    lam.list_event_source_mappings(EventSourceArn=queue)
    answers["create_no_event_source_arn"] = error(lam.create_event_source_mapping, FunctionName="doesnotexist")
    answers["create_unknown_params"] = error(lam.create_event_source_mapping, FunctionName="doesnotexist",
                                             EventSourceArn=queue)
    answers["destination_config_failure"] = error(
        lam.create_event_source_mapping, FunctionName="doesnotexist", EventSourceArn=queue,
        DestinationConfig={"OnSuccess": {"Destination": f"arn:aws:sqs:{REGION}:111111111111:someotherqueue"}})
    return answers


@scenario(API, "TestLambdaEventSourceMappings::test_create_event_source_validation")
def mapping_validation():
    name, _ = create(f"function-{uid()}")
    stream = streamed_table("NEW_AND_OLD_IMAGES", "table")["TableDescription"]["LatestStreamArn"]
    return {"no_starting_position": error(lam.create_event_source_mapping, FunctionName=name, EventSourceArn=stream),
            "invalid_starting_position": error(lam.create_event_source_mapping, FunctionName=name,
                                               EventSourceArn=stream, StartingPosition="invalid"),
            "incompatible_starting_position": error(lam.create_event_source_mapping, FunctionName=name,
                                                    EventSourceArn=stream, StartingPosition="AT_TIMESTAMP",
                                                    StartingPositionTimestamp="1741010802")}


@scenario(API, "TestLambdaEventSourceMappings::test_create_event_filter_criteria_validation")
def mapping_empty_filters():
    name, _ = create(f"function-{uid()}")
    stream = streamed_table("NEW_AND_OLD_IMAGES", "table")["TableDescription"]["LatestStreamArn"]
    created = lam.create_event_source_mapping(FunctionName=name, EventSourceArn=stream, StartingPosition="LATEST",
                                              FilterCriteria={"Filters": []})
    wait_mapping(created["UUID"])
    lam.delete_event_source_mapping(UUID=created["UUID"])
    return {"response-with-empty-filters": created}


if __name__ == "__main__":
    run()
