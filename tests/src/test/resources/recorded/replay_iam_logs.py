"""Replays, with boto3 against Streambed, the recorded IAM and CloudWatch Logs tests.

Usage: python3 replay_iam_logs.py ENDPOINT (see replay_common for what it prints).
"""

import json
from urllib.parse import quote_plus

from replay_common import REGION, client, error, now_millis, run, scenario, uid

iam = client("iam")
logs = client("logs")
sts = client("sts")

EC2_TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
LIST_FUNCTIONS = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["lambda:ListFunctions"], "Resource": ["*"]}]}

# --- IAM -------------------------------------------------------------------------------------

IAM = "test_iam.snapshot.json"


@scenario(IAM, "TestIAMIntegrations::test_update_assume_role_policy")
def update_assume_role_policy():
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}]}
    name = f"role-{uid()}"
    created = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(policy))
    updated = iam.update_assume_role_policy(RoleName=name, PolicyDocument=json.dumps(policy))
    iam.delete_role(RoleName=name)
    return {"created_role": created, "updated_policy": updated}


@scenario(IAM, "TestIAMExtensions::test_create_role_with_malformed_assume_role_policy_document")
def malformed_trust_policy():
    # A trailing comma after the last member.
    document = '{"Version": "2012-10-17", "Statement": [{"Action": "sts:AssumeRole", "Principal": "*", "Effect": "Allow",}]}'
    return {"invalid-json": error(iam.create_role, RoleName=f"role-{uid()}", AssumeRolePolicyDocument=document)}


@scenario(IAM, "TestIAMIntegrations::test_create_describe_role")
def create_describe_role():
    path = f"/{uid()}/"
    name = f"role-{uid()}"
    created = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(EC2_TRUST), Path=path)
    return {"create_role_result": created, "get_role_result": iam.get_role(RoleName=name),
            "list_roles_result": iam.list_roles(PathPrefix=path)}


def attach_policy(kind):
    name = f"test-{kind}-{uid()}"
    policy_name = f"test-policy-{uid()}"
    if kind == "role":
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(EC2_TRUST))
        attach = lambda arn: iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    else:
        iam.create_user(UserName=name)
        attach = lambda arn: iam.attach_user_policy(UserName=name, PolicyArn=arn)
    created = iam.create_policy(PolicyName=policy_name, PolicyDocument=json.dumps(LIST_FUNCTIONS))
    arn = created["Policy"]["Arn"]
    return {"create_policy_response": created,
            "non_existent_malformed_policy_arn": error(attach, arn="longpolicynamebutnoarn"),
            "existing_policy_name_provided": error(attach, arn=policy_name),
            "valid_arn_not_existent": error(attach, arn=arn + "123"),
            "valid_policy_arn": attach(arn)}


@scenario(IAM, "TestIAMIntegrations::test_role_attach_policy")
def role_attach_policy():
    return attach_policy("role")


@scenario(IAM, "TestIAMIntegrations::test_user_attach_policy")
def user_attach_policy():
    return attach_policy("user")


@scenario(IAM, "TestIAMExtensions::test_role_with_path_lifecycle")
def role_with_path():
    trust = {"Version": "2012-10-17", "Statement": [
        {"Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}, "Effect": "Allow"}]}
    name = f"role-{uid()}"
    created = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust), Path=f"/path{uid()}/")
    return {"create-role-response": created, "get-role-response": iam.get_role(RoleName=name),
            "delete-role-response": iam.delete_role(RoleName=name)}


def apigateway_policy():
    target = quote_plus(f"arn:aws:apigateway:{REGION}::/restapis/aaeeieije")
    return target, {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["apigatway:PUT"], "Resource": [f"arn:aws:apigateway:{REGION}::/tags/{target}"]}]}


@scenario(IAM, "TestIAMPolicyEncoding::test_put_user_policy_encoding")
def user_policy_encoding():
    _, policy = apigateway_policy()
    user, name = f"test-user-{uid()}", f"test-policy-{uid()}"
    iam.create_user(UserName=user)
    iam.put_user_policy(UserName=user, PolicyName=name, PolicyDocument=json.dumps(policy))
    return {"get-policy-response": iam.get_user_policy(UserName=user, PolicyName=name)}


@scenario(IAM, "TestIAMPolicyEncoding::test_put_role_policy_encoding")
def role_policy_encoding():
    target, policy = apigateway_policy()
    trust = {"Version": "2012-10-17", "Statement": [
        {"Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}, "Effect": "Allow",
         "Condition": {"StringEquals": {"aws:SourceArn": target}}}]}
    role, name, path = f"test-role-{uid()}", f"test-policy-{uid()}", f"/{uid()}/"
    created = iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust), Path=path)
    iam.put_role_policy(RoleName=role, PolicyName=name, PolicyDocument=json.dumps(policy))
    return {"create-role-response": created,
            "get-policy-response": iam.get_role_policy(RoleName=role, PolicyName=name),
            "get-role-response": iam.get_role(RoleName=role),
            "list-roles-response": iam.list_roles(PathPrefix=path)}


@scenario(IAM, "TestIAMIntegrations::test_delete_non_existent_policy_returns_no_such_entity")
def delete_missing_policy():
    account = sts.get_caller_identity()["Account"]
    return {"delete-non-existent-policy-exc": error(
        iam.delete_policy, PolicyArn=f"arn:aws:iam::{account}:policy/non-existent-policy")}


@scenario(IAM, "TestRoles::test_role_with_tags")
def role_with_tags():
    name, path = f"role-{uid()}", "/role-with-tags/"
    created = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(EC2_TRUST),
                              Tags=[{"Key": "test", "Value": "value"}], Path=path)
    answers = {"create-role-response": created, "get-role-response": iam.get_role(RoleName=name),
               "list-role-response": iam.list_roles(PathPrefix=path)}
    iam.delete_role(RoleName=name)
    return answers


# --- CloudWatch Logs -------------------------------------------------------------------------

EVENTS = "test_logs_events.snapshot.json"
FILTER = "test_logs_filter_events.snapshot.json"
GROUPS = "test_logs_groups.snapshot.json"
STREAMS = "test_logs_streams.snapshot.json"


def group():
    name = f"test-log-group-{uid()}"
    logs.create_log_group(logGroupName=name)
    return name


def group_and_stream():
    g, s = group(), f"test-log-stream-{uid()}"
    logs.create_log_stream(logGroupName=g, logStreamName=s)
    return g, s


@scenario(EVENTS, "TestLogsEvents::test_put_log_events_to_invalid_stream")
def put_to_missing_stream():
    return {"error-invalid-stream": error(logs.put_log_events, logGroupName=group(), logStreamName="invalid-stream",
                                          logEvents=[{"timestamp": now_millis(), "message": "test"}])}


@scenario(EVENTS, "TestLogsEvents::test_put_log_events_wrong_order")
def put_out_of_order():
    g, s = group_and_stream()
    events = [{"message": "Message 0", "timestamp": now_millis()},
              {"message": "Message 1", "timestamp": now_millis() - 2 * 86400000}]
    return {"error-wrong-order": error(logs.put_log_events, logGroupName=g, logStreamName=s, logEvents=events)}


@scenario(EVENTS, "TestLogsEvents::test_put_log_events_too_old")
def put_too_old():
    g, s = group_and_stream()
    events = [{"message": "Old message", "timestamp": now_millis() - 30 * 86400000}]
    return {"response-too-old": logs.put_log_events(logGroupName=g, logStreamName=s, logEvents=events)}


@scenario(EVENTS, "TestLogsEvents::test_put_log_events_too_new")
def put_too_new():
    g, s = group_and_stream()
    events = [{"message": "Future message", "timestamp": now_millis() + 86400000}]
    return {"response-too-new": logs.put_log_events(logGroupName=g, logStreamName=s, logEvents=events)}


@scenario(EVENTS, "TestLogsEvents::test_get_log_events_invalid_token")
def get_with_bad_token():
    g, s = group_and_stream()
    return {"error-invalid-token": error(logs.get_log_events, logGroupName=g, logStreamName=s,
                                         nextToken="invalid-token")}


@scenario(EVENTS, "TestLogsEvents::test_get_log_events_limit_validation")
def get_over_limit():
    g, s = group_and_stream()
    return {"error-limit-exceeded": error(logs.get_log_events, logGroupName=g, logStreamName=s, limit=10001)}


@scenario(EVENTS, "TestLogsEventsErrors::test_resource_does_not_exist")
def get_from_missing():
    g, s = f"log-group-{uid()}", f"log-stream-{uid()}"
    missing_group = error(logs.get_log_events, logGroupName=g, logStreamName=s)
    logs.create_log_group(logGroupName=g)
    return {"error-log-group-does-not-exist": missing_group,
            "error-log-stream-does-not-exist": error(logs.get_log_events, logGroupName=g, logStreamName=s)}


@scenario(FILTER, "TestFilterLogEvents::test_filter_log_events_limit_validation")
def filter_over_limit():
    return {"error-limit-exceeded": error(logs.filter_log_events, logGroupName=group(), limit=10001)}


@scenario(FILTER, "TestFilterLogEvents::test_filter_log_events_unknown_token")
def filter_with_bad_token():
    g, s = group_and_stream()
    return {"invalid-token": error(logs.filter_log_events, logGroupName=g, logStreamNames=[s], limit=20,
                                   nextToken="invalid-token")}


@scenario(GROUPS, "TestLogsGroups::test_create_log_group_duplicate_error")
def duplicate_group():
    return {"error-duplicate-log-group": error(logs.create_log_group, logGroupName=group())}


@scenario(GROUPS, "TestLogsGroups::test_create_log_group_invalid_name_length")
def group_name_too_long():
    return {"error-invalid-name-length": error(logs.create_log_group, logGroupName="a" * 513)}


@scenario(GROUPS, "TestLogsGroups::test_describe_log_groups_with_prefix")
def groups_by_prefix():
    prefix = f"test-prefix-{uid()}"
    for i in range(3):
        logs.create_log_group(logGroupName=f"{prefix}-group-{i}")
    return {"describe-log-groups-prefix": logs.describe_log_groups(logGroupNamePrefix=prefix)}


@scenario(GROUPS, "TestLogsGroups::test_describe_log_groups_with_pattern")
def groups_by_pattern():
    unique = uid()
    logs.create_log_group(logGroupName=f"test-pattern-{unique}")
    return {"describe-log-groups-pattern": logs.describe_log_groups(logGroupNamePattern=unique)}


@scenario(GROUPS, "TestLogsGroups::test_describe_log_groups_prefix_and_pattern_error")
def prefix_and_pattern():
    g = group()
    return {"error-prefix-and-pattern": error(logs.describe_log_groups, logGroupNamePattern=g, logGroupNamePrefix=g)}


@scenario(GROUPS, "TestLogsGroups::test_list_log_groups_with_pattern")
def list_groups_by_pattern():
    unique = uid()
    logs.create_log_group(logGroupName=f"test-list-{unique}")
    return {"list-log-groups-no-match": logs.list_log_groups(logGroupNamePattern="no-such-group"),
            "list-log-groups-match": logs.describe_log_groups(logGroupNamePattern=unique)["logGroups"]}


@scenario(GROUPS, "TestLogsGroupsTags::test_create_log_group_with_tags")
def group_with_tags():
    g = f"test-tags-{uid()}"
    logs.create_log_group(logGroupName=g, tags={"env": "testing"})
    return {"list-tags-after-create": logs.list_tags_log_group(logGroupName=g)}


@scenario(GROUPS, "TestLogsGroupsTags::test_tag_log_group")
def tag_log_group():
    g = group()
    logs.tag_log_group(logGroupName=g, tags={"tag_key_1": "tag_value_1"})
    return {"list-tags-after-tag": logs.list_tags_log_group(logGroupName=g)}


@scenario(GROUPS, "TestLogsGroupsTags::test_untag_log_group")
def untag_log_group():
    g = group()
    logs.tag_log_group(logGroupName=g, tags={"tag_key_1": "tag_value_1", "tag_key_2": "tag_value_2"})
    logs.untag_log_group(logGroupName=g, tags=["tag_key_1"])
    return {"list-tags-after-untag": logs.list_tags_log_group(logGroupName=g)}


@scenario(GROUPS, "TestLogsGroupsTags::test_tag_resource_api")
def tag_resource_api():
    g = f"test-tags-{uid()}"
    logs.create_log_group(logGroupName=g, tags={"env": "testing1"})
    answers = {"list-tags-after-create": logs.list_tags_log_group(logGroupName=g)}
    arn = logs.describe_log_groups(logGroupNamePrefix=g)["logGroups"][0]["arn"].rstrip(":*")

    def both(suffix):
        answers["list-tags-log-group-" + suffix] = logs.list_tags_log_group(logGroupName=g)
        answers["list-tags-for-resource-" + suffix] = logs.list_tags_for_resource(resourceArn=arn)

    logs.tag_resource(resourceArn=arn, tags={"test1": "val1", "test2": "val2"})
    both("after-tag-resource")
    logs.tag_log_group(logGroupName=g, tags={"test3": "val3"})
    both("after-tag-log-group")
    logs.untag_log_group(logGroupName=g, tags=["test3"])
    logs.untag_resource(resourceArn=arn, tagKeys=["env", "test1"])
    both("after-untag")
    return answers


@scenario(STREAMS, "TestLogsStreams::test_create_and_delete_log_stream")
def create_stream():
    g, _ = group_and_stream()
    return {"describe-log-streams-after-create": logs.describe_log_streams(logGroupName=g)}


@scenario(STREAMS, "TestLogsStreams::test_create_log_stream_duplicate_error")
def duplicate_stream():
    g, s = group_and_stream()
    return {"error-duplicate-log-stream": error(logs.create_log_stream, logGroupName=g, logStreamName=s)}


@scenario(STREAMS, "TestLogsStreams::test_describe_log_streams_with_log_group_identifier")
def streams_by_identifier():
    g, _ = group_and_stream()
    account = sts.get_caller_identity()["Account"]
    return {"describe-streams-identifier-name": logs.describe_log_streams(logGroupIdentifier=g),
            "describe-streams-identifier-arn": logs.describe_log_streams(
                logGroupIdentifier=f"arn:aws:logs:{REGION}:{account}:log-group:{g}"),
            "error-both-name-and-identifier": error(logs.describe_log_streams, logGroupName=g, logGroupIdentifier=g)}


@scenario(STREAMS, "TestLogsStreams::test_describe_log_streams_with_prefix")
def streams_by_prefix():
    g = group()
    prefix = f"test-prefix-{uid()}"
    for i in range(3):
        logs.create_log_stream(logGroupName=g, logStreamName=f"{prefix}-stream-{i}")
    return {"describe-streams-with-prefix": logs.describe_log_streams(logGroupName=g, logStreamNamePrefix=prefix)}


@scenario(STREAMS, "TestLogsStreams::test_log_stream_arn_format")
def stream_arn():
    g, _ = group_and_stream()
    return {"describe-log-streams-with-arn": logs.describe_log_streams(logGroupName=g)}


if __name__ == "__main__":
    run()
