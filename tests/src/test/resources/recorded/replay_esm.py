"""Replays, with boto3 against Streambed, the recorded tests of DynamoDB stream triggers
(test_lambda_integration_dynamodbstreams): the event source mappings' answers, the events their
functions receive, filters, ReportBatchItemFailures and the on-failure destination's record.

Usage: python3 replay_esm.py ENDPOINT (see replay_common for what it prints). The handlers are our
own, written to answer as the recorded tests' handlers do. What a function received is read back
as the recorded tests read it: every line it printed, but the runtime's own, parsed as JSON.
"""

import json
import math
import time

from replay_common import client, error, run, scenario, uid
from replay_functions import ECHO_PY, account, create, lam, logs, python_zip, queue, received

ESM = "test_lambda_integration_dynamodbstreams.snapshot.json"
CLASS = "TestDynamoDBEventSourceMapping::"
ddb = client("dynamodb")
streams = client("dynamodbstreams")
PATIENCE = 60

UNHANDLED_ERROR_PY = """
class CustomException(Exception):
    pass


def handler(event, context):
    raise CustomException("some error occurred")
"""

# The recorded test's handler: each record whose item says should_fail is reported failed.
BATCH_ITEM_FAILURES_PY = """
import json


def handler(event, context):
    print(json.dumps(event))
    failures = [{"itemIdentifier": r["dynamodb"]["SequenceNumber"]} for r in event.get("Records", [])
                if r["dynamodb"].get("NewImage", {}).get("should_fail", {}).get("BOOL", False)]
    return {"batchItemFailures": failures}
"""

# The recorded tests' handler that prints its event and answers what the test chose.
ANSWERING_PY = """
import json


def handler(event, context):
    print(json.dumps(event))
    return %s
"""


def waited(what, look, patience=PATIENCE):
    """What ``look()`` returns once it is not None, looked for every 50 ms for ``patience`` seconds."""
    deadline = time.time() + patience
    while True:
        found = look()
        if found is not None:
            return found
        if time.time() > deadline:
            raise AssertionError(f"waited {patience} s for {what}")
        time.sleep(0.05)


def table(key, stream=None):
    """A table as the recorded tests' fixture makes it (on demand, a string hash key), waited for."""
    name = f"test-table-{uid()}"
    kwargs = {"StreamSpecification": {"StreamEnabled": True, "StreamViewType": stream}} if stream else {}
    created = ddb.create_table(TableName=name, KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
                               AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
                               BillingMode="PAY_PER_REQUEST", **kwargs)
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 100})
    if stream:
        stream_ready(created["TableDescription"]["LatestStreamArn"])
    return name, created


def stream_ready(arn):
    waited(f"{arn} ENABLED", lambda: True if streams.describe_stream(StreamArn=arn)["StreamDescription"][
        "StreamStatus"] == "ENABLED" else None)


def enable_stream(name, view):
    answer = ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": True, "StreamViewType": view})
    stream_ready(answer["TableDescription"]["LatestStreamArn"])
    return answer


def mapping(**kwargs):
    """CreateEventSourceMapping's answer, FilterCriteria's patterns read as JSON (as the recorder reads
    them), once the mapping is Enabled."""
    answer = lam.create_event_source_mapping(**kwargs)
    waited(f"mapping {answer['UUID']} Enabled",
           lambda: True if lam.get_event_source_mapping(UUID=answer["UUID"])["State"] == "Enabled" else None)
    for f in answer.get("FilterCriteria", {}).get("Filters", []):
        f["Pattern"] = json.loads(f["Pattern"])
    return answer


def processed(uuid):
    """The mapping's LastProcessingResult once its first batch was sent."""
    def look():
        result = lam.get_event_source_mapping(UUID=uuid)["LastProcessingResult"]
        return None if result == "No records processed" else result
    return waited(f"mapping {uuid} sending", look)


def printed(function):
    """What the function printed, as the recorded tests read it: every message of its log group
    but the runtime's lines, each parsed as JSON if it is JSON."""
    group = f"/aws/lambda/{function}"
    out, kwargs = [], {}
    while True:
        try:
            page = logs.filter_log_events(logGroupName=group, **kwargs)
        except logs.exceptions.ResourceNotFoundException:
            return out
        for e in page["events"]:
            m = e["message"]
            if not m.strip() or m.startswith(("INIT_START", "START", "END", "REPORT")):
                continue
            try:
                out.append(json.loads(m))
            except ValueError:
                out.append(m)
        if not page.get("nextToken"):
            return out
        kwargs["nextToken"] = page["nextToken"]


def received_events(function):
    """The events (objects with Records) the function printed so far."""
    return [e for e in printed(function) if isinstance(e, dict) and "Records" in e]


def events(function, count):
    """The events the function printed, once there are ``count`` of them."""
    def look():
        found = received_events(function)
        return found if len(found) >= count else None
    return waited(f"{count} events of {function}", look)


def echo_function():
    name, _ = create(f"lambda_func-{uid()}", code=python_zip(ECHO_PY))
    return name


ITEM = {"my_partition_key": {"S": "hello world"}, "binary_key": {"B": b"foobar"}}


@scenario(ESM, CLASS + "test_esm_with_not_existing_dynamodb_stream")
def not_existing_stream():
    name = echo_function()
    arn = f"arn:aws:dynamodb:us-east-1:{account()}:table/test-table-4a53f4e8/stream/2025-02-22T03:03:25.490"
    return {"error": error(lam.create_event_source_mapping, FunctionName=name, BatchSize=1,
                           StartingPosition="TRIM_HORIZON", EventSourceArn=arn, MaximumBatchingWindowInSeconds=1,
                           MaximumRetryAttempts=1)}


@scenario(ESM, CLASS + "test_dynamodb_event_source_mapping")
def event_source_mapping():
    name = echo_function()
    tbl, created = table("my_partition_key")
    arn = enable_stream(tbl, "NEW_IMAGE")["TableDescription"]["LatestStreamArn"]
    answers = {"create-table-result": created, "create_event_source_mapping_response": mapping(
        FunctionName=name, BatchSize=1, StartingPosition="TRIM_HORIZON", EventSourceArn=arn,
        MaximumBatchingWindowInSeconds=1, MaximumRetryAttempts=1)}
    ddb.put_item(TableName=tbl, Item=ITEM)
    answers["event_logs"] = events(name, 1)
    # Epoch seconds, as a number: ten digits before the point.
    assert int(math.log10(answers["event_logs"][0]["Records"][0]["dynamodb"]["ApproximateCreationDateTime"])) == 9
    return answers


@scenario(ESM, CLASS + "test_duplicate_event_source_mappings")
def duplicate_mappings():
    tbl, created = table("my_partition_key")
    arn = enable_stream(tbl, "NEW_IMAGE")["TableDescription"]["LatestStreamArn"]
    kwargs = dict(EventSourceArn=arn, StartingPosition="TRIM_HORIZON", MaximumBatchingWindowInSeconds=1,
                  MaximumRetryAttempts=1)
    first = echo_function()
    answers = {"create-table-result": created, "create": lam.create_event_source_mapping(FunctionName=first, **kwargs)}
    answers["error"] = error(lam.create_event_source_mapping, FunctionName=first, **kwargs)
    # Another function may map the same stream.
    lam.create_event_source_mapping(FunctionName=echo_function(), **kwargs)
    return answers


@scenario(ESM, CLASS + "test_disabled_dynamodb_event_source_mapping")
def disabled_mapping():
    name = echo_function()
    tbl, created = table("id", stream="NEW_IMAGE")
    arn = created["TableDescription"]["LatestStreamArn"]
    answers = {"dynamodb_create_table_result": created, "create_event_source_mapping_result": mapping(
        FunctionName=name, EventSourceArn=arn, StartingPosition="TRIM_HORIZON", MaximumBatchingWindowInSeconds=1)}
    uuid = answers["create_event_source_mapping_result"]["UUID"]
    ddb.put_item(TableName=tbl, Item={"id": {"S": uid()}, "data": {"S": "data1"}})
    events(name, 1)
    processed(uuid)
    answers["update_event_source_mapping_result"] = lam.update_event_source_mapping(UUID=uuid, Enabled=False)
    waited(f"mapping {uuid} Disabled",
           lambda: True if lam.get_event_source_mapping(UUID=uuid)["State"] == "Disabled" else None)
    ddb.put_item(TableName=tbl, Item={"id": {"S": uid()}, "data": {"S": "data2"}})
    assert len(printed(name)) == 1, printed(name)
    return answers


@scenario(ESM, CLASS + "test_deletion_event_source_mapping_with_dynamodb")
def deletion_of_table():
    name = echo_function()
    tbl, created = table("id", stream="NEW_IMAGE")
    arn = created["TableDescription"]["LatestStreamArn"]
    answers = {"create_dynamodb_table_response": created, "create_event_source_mapping_result": mapping(
        FunctionName=name, EventSourceArn=arn, StartingPosition="TRIM_HORIZON")}
    ddb.delete_table(TableName=tbl)
    answers["list_event_source_mapping_result"] = lam.list_event_source_mappings(EventSourceArn=arn)
    return answers


@scenario(ESM, CLASS + "test_dynamodb_event_source_mapping_with_on_failure_destination_config")
def on_failure_queue():
    name, _ = create(f"lambda_func-{uid()}", code=python_zip(UNHANDLED_ERROR_PY))
    tbl, created = table("my_partition_key")
    answers = {"create_table_response": created, "update_table_response": enable_stream(tbl, "NEW_IMAGE")}
    url, queue_arn = queue()
    answers["create_event_source_mapping_response"] = mapping(
        FunctionName=name, BatchSize=1, StartingPosition="TRIM_HORIZON",
        EventSourceArn=answers["update_table_response"]["TableDescription"]["LatestStreamArn"],
        MaximumBatchingWindowInSeconds=1, MaximumRetryAttempts=1,
        DestinationConfig={"OnFailure": {"Destination": queue_arn}})
    ddb.put_item(TableName=tbl, Item={"my_partition_key": {"S": "hello world"}})
    answers["destination_queue_messages"] = received(url)
    return answers


# --- filters: the first item always passes the filter, the second may --------------------------

FILTERS = {
    "insert_same_entry_twice": ({"id": {"S": "id_value"}, "id2": {"S": "id2_value"}},
                                {"id": {"S": "id_value"}, "id2": {"S": "id2_value"}}, {"eventName": ["INSERT"]}),
    "content_or_filter": ({"id": {"S": "id_value"}}, {"id": {"S": "id_value"}, "id2": {"S": "id2_new_value"}},
                          {"eventName": ["INSERT", "MODIFY"]}),
    "content_multiple_filters": ({"id": {"S": "id_value"}}, {"id": {"S": "id_value"}, "id2": {"S": "id2_new_value"}},
                                 {"eventName": ["INSERT"], "eventSource": ["aws:dynamodb"]}),
    "content_filter_type": ({"id": {"S": "id_value_1"}, "presentKey": {"S": "presentValue"}}, {"id": {"S": "id_value_2"}},
                            {"dynamodb": {"NewImage": {"presentKey": {"S": ["presentValue"]}}}}),
    "exists_filter_type": ({"id": {"S": "id_value_1"}, "presentKey": {"S": "presentValue"}}, {"id": {"S": "id_value_2"}},
                           {"dynamodb": {"NewImage": {"presentKey": {"S": [{"exists": True}]}}}}),
    "exists_false_filter": ({"id": {"S": "id_value_1"}}, {"id": {"S": "id_value_2"}, "presentKey": {"S": "presentValue"}},
                            {"dynamodb": {"NewImage": {"presentKey": [{"exists": False}]}}}),
    "numeric_filter": ({"id": {"S": "id_value_1"}, "numericFilter": {"N": "42"}},
                       {"id": {"S": "id_value_2"}, "numericFilter": {"N": "101"}},
                       {"dynamodb": {"NewImage": {"numericFilter": {"N": [{"numeric": [">", 100]},
                                                                          {"anything-but": "101"}]}}}}),
    "prefix_filter": ({"id": {"S": "id_value_1"}, "prefix": {"S": "us-1-other-suffix"}},
                      {"id": {"S": "id_value_1"}, "prefix": {"S": "other-suffix"}},
                      {"dynamodb": {"NewImage": {"prefix": {"S": [{"prefix": "us-1"}]}}}}),
    "date_time_conversion": ({"id": {"S": "id_value_1"}}, {"id": {"S": "id_value_2"}},
                             {"dynamodb": {"ApproximateCreationDateTime": [{"numeric": [">", 0]}]}}),
}


def event_filter(first, second, pattern):
    name = echo_function()
    tbl, created = table("id")
    arn = enable_stream(tbl, "NEW_AND_OLD_IMAGES")["TableDescription"]["LatestStreamArn"]
    answers = {"table_creation_response": created, "create_event_source_mapping_response": mapping(
        FunctionName=name, BatchSize=1, StartingPosition="TRIM_HORIZON", EventSourceArn=arn,
        MaximumBatchingWindowInSeconds=1, MaximumRetryAttempts=1,
        FilterCriteria={"Filters": [{"Pattern": json.dumps(pattern)}]})}
    ddb.put_item(TableName=tbl, Item=first)
    answers["lambda-log-events"] = events(name, 1)
    ddb.put_item(TableName=tbl, Item=second)
    # Whether the second item passed is known once a later record that passes (the first item
    # again, under a key of its own) reached the function: the one shard is read in order. The
    # recorded test waited instead; its answer is what came before.
    mark = dict(first, id={"S": f"mark-{uid()}"})
    ddb.put_item(TableName=tbl, Item=mark)
    def look():
        found = received_events(name)
        keys = [e["Records"][0]["dynamodb"]["Keys"]["id"]["S"] for e in found]
        return found[:keys.index(mark["id"]["S"])] if mark["id"]["S"] in keys else None
    answers["lambda-multiple-log-events"] = waited(f"{name} to receive {mark['id']}", look)
    return answers


for _id, (_first, _second, _pattern) in FILTERS.items():
    scenario(ESM, CLASS + f"test_dynamodb_event_filter[{_id}]")(
        lambda f=_first, s=_second, p=_pattern: event_filter(f, s, p))


@scenario(ESM, CLASS + "test_dynamodb_invalid_event_filter[single-string]")
def invalid_filter_string():
    return invalid_filter("single-string")


@scenario(ESM, CLASS + 'test_dynamodb_invalid_event_filter[[{"eventName": ["INSERT"=123}]]')
def invalid_filter_syntax():
    return invalid_filter('[{"eventName": ["INSERT"=123}]')


def invalid_filter(pattern):
    name = echo_function()
    tbl, _ = table("id")
    arn = enable_stream(tbl, "NEW_AND_OLD_IMAGES")["TableDescription"]["LatestStreamArn"]
    return {"exception_event_source_creation": error(
        lam.create_event_source_mapping, FunctionName=name, BatchSize=1, StartingPosition="TRIM_HORIZON",
        EventSourceArn=arn, MaximumBatchingWindowInSeconds=1, MaximumRetryAttempts=1,
        FilterCriteria={"Filters": [{"Pattern": pattern}]})}


# --- ReportBatchItemFailures ---------------------------------------------------------------------

def report_batch_item_failures(records=True):
    name, _ = create(f"lambda_func-{uid()}", code=python_zip(BATCH_ITEM_FAILURES_PY))
    tbl, created = table("my_partition_key")
    answers = {"create_table_response": created, "update_table_response": enable_stream(tbl, "NEW_IMAGE")}
    url, queue_arn = queue()
    # The recorded test wrote the items a tenth of a second apart once the mapping was Enabled, so
    # that its batches were testId0-2 and testId3-5. Written first, read from TRIM_HORIZON, they
    # make those batches however slowly this machine writes.
    for i in range(6):
        ddb.put_item(TableName=tbl, Item={"my_partition_key": {"S": f"testId{i}"}, "should_fail": {"BOOL": i == 5}})
    answers["create_event_source_mapping_response"] = mapping(
        FunctionName=name, BatchSize=3, StartingPosition="TRIM_HORIZON",
        EventSourceArn=answers["update_table_response"]["TableDescription"]["LatestStreamArn"],
        MaximumBatchingWindowInSeconds=1, MaximumRetryAttempts=3,
        DestinationConfig={"OnFailure": {"Destination": queue_arn}}, FunctionResponseTypes=["ReportBatchItemFailures"])
    answers["destination_queue_messages"] = received(url)
    if records:
        # The records of every invocation (all made before the failure's record was sent), by key.
        flat = [r for e in events(name, 1) for r in e["Records"]]
        answers["dynamodb_records"] = {"Records": sorted(flat, key=lambda r: r["dynamodb"]["Keys"][
            "my_partition_key"]["S"])}
    return answers


scenario(ESM, CLASS + "test_dynamodb_report_batch_item_failures")(report_batch_item_failures)
# Recorded in September 2024 by the same test under an earlier name, without the records.
scenario(ESM, CLASS + "test_dynamodb_report_batch_item_failures_with_on_failure_destination_config")(
    lambda: report_batch_item_failures(records=False))

FAILURE_ANSWERS = {
    "item_identifier_not_present_failure": "{'batchItemFailures': [{'itemIdentifier': 123}]}",
    "empty_string_item_identifier_failure": "{'batchItemFailures': [{'itemIdentifier': ''}]}",
    "null_item_identifier_failure": "{'batchItemFailures': [{'itemIdentifier': None}]}",
    "invalid_key_foo_failure": "{'batchItemFailures': [{'foo': 123}]}",
    "invalid_key_foo_null_value_failure": "{'batchItemFailures': [{'foo': None}]}",
    "unhandled_exception_in_function": "(lambda: 1 / 0)()",
}

SUCCESS_ANSWERS = {
    "empty_list_success": "[]",
    "null_success": "None",
    "empty_dict_success": "{}",
    "empty_batch_item_failure_success": "{'batchItemFailures': []}",
    "null_batch_item_failure_success": "{'batchItemFailures': None}",
}


def answering(answer, **kwargs):
    """A function answering ``answer`` (Python) mapped to a new table's stream; the table's name."""
    name, _ = create(f"lambda_func-{uid()}", code=python_zip(ANSWERING_PY % answer))
    tbl, created = table("my_partition_key")
    arn = enable_stream(tbl, "NEW_IMAGE")["TableDescription"]["LatestStreamArn"]
    uuid = mapping(FunctionName=name, EventSourceArn=arn, StartingPosition="TRIM_HORIZON",
                   FunctionResponseTypes=["ReportBatchItemFailures"], **kwargs)["UUID"]
    return name, tbl, created, uuid


def failure_scenario(answer):
    url, queue_arn = queue()
    name, tbl, created, _ = answering(answer, BatchSize=3, MaximumBatchingWindowInSeconds=1, MaximumRetryAttempts=3,
                                      DestinationConfig={"OnFailure": {"Destination": queue_arn}})
    ddb.put_item(TableName=tbl, Item=ITEM)
    answers = {"create-table-result": created, "destination_queue_messages": received(url)}
    answers["dynamodb_events"] = events(name, answers["destination_queue_messages"]["Messages"][0]["Body"][
        "requestContext"]["approximateInvokeCount"])
    return answers


def success_scenario(answer):
    name, tbl, created, uuid = answering(answer, BatchSize=1, MaximumBatchingWindowInSeconds=0,
                                         MaximumRetryAttempts=2)
    ddb.put_item(TableName=tbl, Item=ITEM)
    # The answer was taken for a success once the mapping says so: nothing is sent again.
    assert processed(uuid) == "OK"
    return {"create-table-result": created, "dynamodb_events": events(name, 1)}


for _id, _answer in FAILURE_ANSWERS.items():
    scenario(ESM, CLASS + f"test_dynamodb_report_batch_item_failure_scenarios[{_id}]")(
        lambda a=_answer: failure_scenario(a))
for _id, _answer in SUCCESS_ANSWERS.items():
    scenario(ESM, CLASS + f"test_dynamodb_report_batch_item_success_scenarios[{_id}]")(
        lambda a=_answer: success_scenario(a))


if __name__ == "__main__":
    run(workers=8)
