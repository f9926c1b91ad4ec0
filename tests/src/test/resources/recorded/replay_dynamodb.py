"""Replays, with boto3 against Streambed, the recorded DynamoDB and DynamoDB Streams tests.

Usage: python3 replay_dynamodb.py ENDPOINT (see replay_common for what it prints).
"""

from botocore.config import Config
from botocore.exceptions import ClientError

from replay_common import CONFIG, ENDPOINT, REGION, SESSION, client, error, run, scenario, uid

ddb = client("dynamodb")
streams = client("dynamodbstreams")
sts = client("sts")

DDB = "test_dynamodb.snapshot.json"
STREAMS = "test_dynamodb_streams.snapshot.json"
TAGS = [{"Key": "Name", "Value": "test-table"}, {"Key": "TestKey", "Value": "true"}]
THROUGHPUT = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}


def message(call, **kwargs):
    """An error as str(ClientError), the form some recorded tests keep."""
    try:
        call(**kwargs)
    except ClientError as e:
        return str(e)
    raise AssertionError(f"{call.__name__} {kwargs} succeeded where AWS refused")


def table(name=None, key="id", stream=None, **kwargs):
    """A table with a string hash key (or the given key schema), waited for until ACTIVE."""
    name = name or f"test-table-{uid()}"
    kwargs.setdefault("KeySchema", [{"AttributeName": key, "KeyType": "HASH"}])
    kwargs.setdefault("AttributeDefinitions", [{"AttributeName": key, "AttributeType": "S"}])
    if "BillingMode" not in kwargs:
        kwargs.setdefault("ProvisionedThroughput", THROUGHPUT)
    if stream:
        kwargs["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": stream}
    created = ddb.create_table(TableName=name, **kwargs)
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 100})
    return name, created


def read_records(iterator, count):
    """Records from an iterator until ``count`` are read (or a page comes back empty)."""
    records = []
    while iterator and len(records) < count:
        page = streams.get_records(ShardIterator=iterator)
        records.extend(page["Records"])
        iterator = page.get("NextShardIterator")
        if not page["Records"]:
            break
    return records


def first_shard(stream_arn):
    described = streams.describe_stream(StreamArn=stream_arn)
    return described, described["StreamDescription"]["Shards"][0]


@scenario(DDB, "TestDynamoDB::test_valid_local_secondary_index")
def local_secondary_index():
    name, _ = table(KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
                    AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": "S"},
                                          {"AttributeName": "SK", "AttributeType": "S"},
                                          {"AttributeName": "LSI1SK", "AttributeType": "N"}],
                    LocalSecondaryIndexes=[{"IndexName": "LSI1", "Projection": {"ProjectionType": "ALL"},
                                            "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"},
                                                          {"AttributeName": "LSI1SK", "KeyType": "RANGE"}]}],
                    Tags=TAGS)
    ddb.put_item(TableName=name, Item={"SK": {"S": "hello"}, "LSI1SK": {"N": "123"}, "PK": {"S": "test one"}})
    return {"Items": ddb.query(TableName=name, IndexName="LSI1", KeyConditionExpression="PK = :v1",
                               ExpressionAttributeValues={":v1": {"S": "test one"}}, Select="ALL_ATTRIBUTES")}


@scenario(DDB, "TestDynamoDB::test_return_values_in_put_item")
def return_values_in_put():
    name, _ = table()
    first = {"id": {"S": "id1"}, "data": {"S": "foobar"}}
    return {"PutFirstItem": ddb.put_item(TableName=name, Item=first, ReturnValues="ALL_OLD"),
            "PutFirstItemOLD": ddb.put_item(TableName=name, Item=first, ReturnValues="ALL_OLD"),
            "PutFirstItemB": ddb.put_item(TableName=name, Item={"id": {"S": "id1"}, "data": {"S": "barfoo"}},
                                          ReturnValues="ALL_OLD"),
            "PutSecondItem": ddb.put_item(TableName=name, Item=first),
            "PutSecondItemReturnNone": ddb.put_item(TableName=name, Item=first)}


@scenario(DDB, "TestDynamoDB::test_empty_and_binary_values")
def empty_and_binary():
    name, _ = table()
    return {"PutFirstItem": ddb.put_item(TableName=name, Item={"id": {"S": "id1"}, "data": {"S": ""}}),
            "PutSecondItem": ddb.put_item(TableName=name, Item={"id": {"S": "id2"}, "data": {"B": b"\x90"}})}


@scenario(DDB, "TestDynamoDB::test_batch_write_binary")
def batch_write_binary():
    name, _ = table(KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
                    AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": "S"},
                                          {"AttributeName": "SK", "AttributeType": "S"}],
                    BillingMode="PAY_PER_REQUEST")
    ddb.put_item(TableName=name, Item={"PK": {"S": "hello"}, "SK": {"S": "user"}, "data": {"B": b"test"}})
    puts = [{"PutRequest": {"Item": {"PK": {"S": "hello-1"}, "SK": {"S": "user-1"}, "data": {"B": b"test-1"}}}},
            {"PutRequest": {"Item": {"PK": {"S": "hello-2"}, "SK": {"S": "user-2"}, "data": {"B": b"test \xc0 \xed"}}}}]
    return {"Response": ddb.batch_write_item(RequestItems={name: puts})}


@scenario(DDB, "TestDynamoDB::test_dynamodb_execute_transaction")
def execute_transaction():
    name, _ = table(f"table_{uid()}", key="Username")
    result = ddb.execute_transaction(TransactStatements=[
        {"Statement": f"INSERT INTO {name} VALUE {{'Username': 'user01'}}"},
        {"Statement": f"INSERT INTO {name} VALUE {{'Username': 'user02'}}"}])
    scan = ddb.scan(TableName=name)
    scan["Items"].sort(key=lambda item: item["Username"]["S"])
    return {"ExecutedTransaction": result, "TableScan": scan}


@scenario(DDB, "TestDynamoDB::test_dynamodb_batch_execute_statement")
def batch_execute_statement():
    name, _ = table(f"test_table_{uid()}", key="Username")
    ddb.put_item(TableName=name, Item={"Username": {"S": "user02"}})
    result = ddb.batch_execute_statement(Statements=[
        {"Statement": f"INSERT INTO {name} VALUE {{'Username': 'user01'}}"},
        {"Statement": f"UPDATE {name} SET Age=20 WHERE Username='user02'"}])
    return {"ExecutedStatement": result,
            "ItemUser2": ddb.get_item(TableName=name, Key={"Username": {"S": "user02"}})["Item"],
            "ItemUser1": ddb.get_item(TableName=name, Key={"Username": {"S": "user01"}})["Item"]}


@scenario(DDB, "TestDynamoDB::test_dynamodb_partiql_missing")
def partiql_missing():
    name, _ = table(f"table_with_stream_{uid()}", key="Username")
    ddb.execute_statement(Statement=f"INSERT INTO {name} VALUE {{'Username': 'Alice123', 'FirstName':'Alice'}}")
    found = ddb.execute_statement(Statement=f"SELECT * FROM {name} WHERE FirstName IS NOT MISSING")["Items"]
    assert not ddb.execute_statement(Statement=f"SELECT * FROM {name} WHERE FirstName IS MISSING")["Items"]
    return {"FirstNameNotMissing": found}


@scenario(DDB, "TestDynamoDB::test_create_duplicate_table")
def duplicate_table():
    name, _ = table(Tags=TAGS)
    return {"Error": message(ddb.create_table, TableName=name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                             ProvisionedThroughput=THROUGHPUT, Tags=TAGS)}


def four_actions(target):
    return [{"ConditionCheck": {"TableName": target, "ConditionExpression": "attribute_not_exists(id)",
                                "Key": {"id": {"S": "test1"}}}},
            {"Put": {"TableName": target, "Item": {"id": {"S": "test2"}}}},
            {"Update": {"TableName": target, "Key": {"id": {"S": "test3"}},
                        "UpdateExpression": "SET attr1 = :v1, attr2 = :v2",
                        "ExpressionAttributeValues": {":v1": {"S": "value1"}, ":v2": {"S": "value2"}}}},
            {"Delete": {"TableName": target, "Key": {"id": {"S": "test4"}}}}]


@scenario(DDB, "TestDynamoDB::test_transaction_write_items")
def transact_write():
    name, _ = table(Tags=TAGS)
    by_arn, created = table(Tags=TAGS)
    return {"Response": ddb.transact_write_items(TransactItems=four_actions(name)),
            "Response_using_table_arn": ddb.transact_write_items(
                TransactItems=four_actions(created["TableDescription"]["TableArn"]))}


@scenario(DDB, "TestDynamoDB::test_transaction_write_canceled")
def transact_write_canceled():
    name, _ = table(key="Username")
    ddb.put_item(TableName=name, Item={"Username": {"S": "Fred"}})
    return {"Error": message(ddb.transact_write_items, TransactItems=[
        {"ConditionCheck": {"TableName": name, "ConditionExpression": "attribute_not_exists(Username)",
                            "Key": {"Username": {"S": "Fred"}}}},
        {"Delete": {"TableName": name, "Key": {"Username": {"S": "Bert"}}}}])}


@scenario(DDB, "TestDynamoDB::test_transaction_write_binary_data")
def transact_write_binary():
    name, _ = table(Tags=TAGS)
    written = ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": name, "Item": {"id": {"S": "someUser"}, "binaryData": {"B": b"foobar"}}}}])
    return {"WriteResponse": written, "GetItem": ddb.get_item(TableName=name, Key={"id": {"S": "someUser"}})["Item"]}


@scenario(DDB, "TestDynamoDB::test_transact_get_items")
def transact_get():
    name, _ = table()
    ddb.put_item(TableName=name, Item={"id": {"S": "John"}})
    by_name = ddb.transact_get_items(TransactItems=[{"Get": {"Key": {"id": {"S": "John"}}, "TableName": name}}])
    other, created = table()
    ddb.put_item(TableName=other, Item={"id": {"S": "Sarah"}})
    by_arn = ddb.transact_get_items(TransactItems=[
        {"Get": {"Key": {"id": {"S": "Sarah"}}, "TableName": created["TableDescription"]["TableArn"]}}])
    return {"TransactGetItems": by_name, "TransactGetItems-with-TableArn": by_arn}


@scenario(DDB, "TestDynamoDB::test_batch_write_items")
def batch_write():
    name, _ = table(Tags=TAGS)
    ddb.put_item(TableName=name, Item={"id": {"S": "Fred"}})
    return {"BatchWriteResponse": ddb.batch_write_item(RequestItems={name: [
        {"DeleteRequest": {"Key": {"id": {"S": "Fred"}}}}, {"PutRequest": {"Item": {"id": {"S": "Bob"}}}}]})}


@scenario(DDB, "TestDynamoDB::test_dynamodb_pay_per_request")
def pay_per_request_with_throughput():
    return {"Error": message(ddb.create_table, TableName=f"ddb-table-{uid()}",
                             KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                             ProvisionedThroughput=THROUGHPUT, BillingMode="PAY_PER_REQUEST")}


@scenario(DDB, "TestDynamoDB::test_dynamodb_get_batch_items")
def batch_get_missing():
    name, _ = table(key="PK", ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
    return {"Response": ddb.batch_get_item(RequestItems={name: {"Keys": [{"PK": {"S": "test-key"}}]}})}


@scenario(DDB, "TestDynamoDB::test_dynamodb_idempotent_writing")
def idempotent_writing():
    name, _ = table(KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "name", "KeyType": "RANGE"}],
                    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"},
                                          {"AttributeName": "name", "AttributeType": "S"}])

    def write(item):
        return ddb.transact_write_items(ClientRequestToken="dedupe_token",
                                        TransactItems=[{"Put": {"TableName": name, "Item": item}}])
    return {"Response1": write({"id": {"S": "id1"}, "name": {"S": "name1"}}),
            "Response2": write({"name": {"S": "name1"}, "id": {"S": "id1"}})}


@scenario(DDB, "TestDynamoDB::test_batch_write_not_matching_schema")
def batch_write_wrong_schema():
    name, _ = table(KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "sortKey", "KeyType": "RANGE"}],
                    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"},
                                          {"AttributeName": "sortKey", "AttributeType": "S"}])
    return {"ValidationException": message(ddb.batch_write_item, RequestItems={
        name: [{"PutRequest": {"Item": {"nonKey": {"S": "hello"}}}}]})}


@scenario(DDB, "TestDynamoDB::test_data_encoding_consistency")
def data_encoding():
    name, created = table(stream="NEW_AND_OLD_IMAGES")
    arn = created["TableDescription"]["LatestStreamArn"]
    ddb.put_item(TableName=name, Item={"id": {"S": "id1"}, "version": {"N": "1"}, "data": {"B": b"\x90"}})
    answers = {"GetItem": ddb.get_item(TableName=name, Key={"id": {"S": "id1"}})["Item"]}
    _, shard = first_shard(arn)
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER",
                                          SequenceNumber=shard["SequenceNumberRange"]["StartingSequenceNumber"])
    iterator = iterator["ShardIterator"]
    answers["GetRecords"] = streams.get_records(ShardIterator=iterator)["Records"][0]["dynamodb"]["NewImage"]
    ddb.update_item(TableName=name, Key={"id": {"S": "id1"}}, UpdateExpression="SET version=:v",
                    ExpressionAttributeValues={":v": {"N": "2"}})
    answers["GetItemAfterUpdate"] = ddb.get_item(TableName=name, Key={"id": {"S": "id1"}})["Item"]
    answers["GetRecordsAfterUpdate"] = streams.get_records(ShardIterator=iterator)["Records"][1]["dynamodb"]["NewImage"]
    return answers


@scenario(DDB, "TestDynamoDB::test_batch_write_not_existing_table")
def transact_write_missing_table():
    return {"exc-not-found-transact-write-items": error(
        ddb.transact_write_items, TransactItems=[{"Put": {"TableName": "non-existing-table", "Item": {}}}])}


def streaming(view="NEW_AND_OLD_IMAGES"):
    name, created = table(stream=view)
    arn = created["TableDescription"]["LatestStreamArn"]
    described, shard = first_shard(arn)
    return name, arn, created, described, shard


@scenario(DDB, "TestDynamoDB::test_batch_write_items_streaming")
def batch_write_streaming():
    name, arn, created, described, shard = streaming()
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    answers = {"create-table": created, "describe-stream": described,
               "put-item-1": ddb.put_item(TableName=name, Item={"id": {"S": "Fred"}})}
    answers["batch-write-response-overwrite-item-1"] = ddb.batch_write_item(RequestItems={name: [
        {"PutRequest": {"Item": {"id": {"S": "Fred"}}}}, {"PutRequest": {"Item": {"id": {"S": "NewKey"}}}}]})
    answers["batch-write-response-delete"] = ddb.batch_write_item(RequestItems={name: [
        {"DeleteRequest": {"Key": {"id": {"S": "NewKey"}}}},
        {"PutRequest": {"Item": {"id": {"S": "Fred"}, "name": {"S": "Fred"}}}}]})
    answers["get-records"] = {"Records": read_records(iterator, 4)}
    return answers


@scenario(DDB, "TestDynamoDB::test_dynamodb_stream_stream_view_type")
def stream_view_type():
    name, created = table(f"table_with_stream_{uid()}", key="Username", stream="KEYS_ONLY")
    arn = created["TableDescription"]["LatestStreamArn"]
    fred = {"Username": {"S": "Fred"}}
    ddb.put_item(TableName=name, Item=fred)
    ddb.put_item(TableName=name, Item=fred)
    ddb.update_item(TableName=name, Key=fred, UpdateExpression="set S=:r",
                    ExpressionAttributeValues={":r": {"S": "Fred_Modified"}}, ReturnValues="UPDATED_NEW")
    ddb.delete_item(TableName=name, Key=fred)
    described, shard = first_shard(arn)
    ddb.execute_statement(Statement=f"INSERT INTO {name} VALUE {{'Username': 'Alice'}}")
    ddb.execute_statement(Statement=f"UPDATE {name} SET partiql=1 WHERE Username='Alice'")
    ddb.execute_statement(Statement=f"DELETE FROM {name} WHERE Username='Alice'")
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER",
                                          SequenceNumber=shard["SequenceNumberRange"]["StartingSequenceNumber"])
    return {"create-table": created, "describe-stream": described, "get-shard-iterator": iterator,
            "get-records": {"Records": read_records(iterator["ShardIterator"], 6)}}


@scenario(DDB, "TestDynamoDB::test_return_values_on_conditions_check_failure")
def return_values_on_condition_failure():
    name, _ = table()
    ddb.put_item(TableName=name, Item={"id": {"S": "456"}, "price": {"N": "650"}, "product": {"S": "sporting goods"}})
    return {"items": error(ddb.delete_item, TableName=name, Key={"id": {"S": "456"}},
                           ConditionExpression="price between :lo and :hi",
                           ExpressionAttributeValues={":lo": {"N": "500"}, ":hi": {"N": "600"}},
                           ReturnValuesOnConditionCheckFailure="ALL_OLD")}


@scenario(DDB, "TestDynamoDB::test_transact_write_items_streaming")
def transact_write_streaming():
    name, arn, created, described, shard = streaming()
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    set_one = {"UpdateExpression": "SET attr1 = :v1", "ExpressionAttributeValues": {":v1": {"S": "value1"}}}
    answers = {"create-table": created, "describe-stream": described,
               "put-item-1": ddb.put_item(TableName=name, Item={"id": {"S": "Fred"}})}
    answers["transact-write-response-overwrite"] = ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": name, "Item": {"id": {"S": "Fred"}}}},
        {"Put": {"TableName": name, "Item": {"id": {"S": "NewKey"}}}}])
    answers["transact-write-response-update"] = ddb.transact_write_items(TransactItems=[
        {"Update": {"TableName": name, "Key": {"id": {"S": "NewKey"}}, "UpdateExpression": "SET attr1 = :v1, attr2 = :v2",
                    "ExpressionAttributeValues": {":v1": {"S": "value1"}, ":v2": {"S": "value2"}}}}])
    answers["transact-write-update-insert"] = ddb.transact_write_items(TransactItems=[
        {"Update": {"TableName": name, "Key": {"id": {"S": "NonExistentKey"}}, **set_one}}])
    answers["transact-write-response-delete"] = ddb.transact_write_items(TransactItems=[
        {"Delete": {"TableName": name, "Key": {"id": {"S": "NewKey"}}}},
        {"Put": {"TableName": name, "Item": {"id": {"S": "Fred"}, "name": {"S": "Fred"}}}},
        {"Update": {"TableName": name, "Key": {"id": {"S": "NonExistentKey"}}, **set_one}}])
    answers["get-records"] = {"Records": read_records(iterator, 6)}
    return answers


@scenario(DDB, "TestDynamoDB::test_transact_write_items_streaming_for_different_tables")
def transact_write_streaming_two_tables():
    name, arn, created, described, shard = streaming()
    plain, plain_created = table()
    written = ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": plain, "Item": {"id": {"S": "Fred"}}}},
        {"Put": {"TableName": name, "Item": {"id": {"S": "Fred"}}}}])
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    return {"create-table-stream": created, "create-table-no-stream": plain_created, "describe-stream": described,
            "transact-write-two-tables": written, "get-records": {"Records": read_records(iterator, 1)}}


@scenario(DDB, "TestDynamoDB::test_dynamodb_stream_records_with_update_item")
def stream_records_of_updates():
    name, arn, created, described, shard = streaming()
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")
    key = {"id": {"S": "my-item-id"}}
    for v1, v2 in (("value1", "value2"), ("value1", "value2"), ("value2", "value3")):
        ddb.update_item(TableName=name, Key=key, UpdateExpression="SET attr1 = :v1, attr2 = :v2",
                        ExpressionAttributeValues={":v1": {"S": v1}, ":v2": {"S": v2}})
    return {"create-table": created, "describe-stream": described, "get-shard-iterator": iterator,
            "get-records": {"Records": read_records(iterator["ShardIterator"], 2)}}


@scenario(DDB, "TestDynamoDB::test_dynamodb_execute_statement_empy_parameter")
def execute_statement_empty_parameters():
    unchecked = SESSION.client("dynamodb", endpoint_url=ENDPOINT, region_name=REGION,
                               config=CONFIG.merge(Config(parameter_validation=False)))
    name, _ = table(KeySchema=[{"AttributeName": "Artist", "KeyType": "HASH"},
                               {"AttributeName": "SongTitle", "KeyType": "RANGE"}],
                    AttributeDefinitions=[{"AttributeName": "Artist", "AttributeType": "S"},
                                          {"AttributeName": "SongTitle", "AttributeType": "S"}])
    unchecked.put_item(TableName=name, Item={"Artist": {"S": "The Queen"}, "SongTitle": {"S": "Bohemian Rhapsody"}})
    return {"invalid-param-error": error(unchecked.execute_statement, Statement=f"SELECT * FROM {name}", Parameters=[])}


def gsi_with_billing_mode(mode):
    index = {"IndexName": "TransactionRecordID", "KeySchema": [{"AttributeName": "TRID", "KeyType": "HASH"}],
             "Projection": {"ProjectionType": "ALL"}}
    extra = {}
    if mode == "PROVISIONED":
        extra["ProvisionedThroughput"] = THROUGHPUT
        index["ProvisionedThroughput"] = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
    name = f"test-table-{uid()}"
    created = ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "TID", "KeyType": "HASH"}],
                               AttributeDefinitions=[{"AttributeName": "TID", "AttributeType": "S"},
                                                     {"AttributeName": "TRID", "AttributeType": "S"}],
                               GlobalSecondaryIndexes=[index], BillingMode=mode, **extra)
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 100})
    return {"create-table-with-gsi": created, "describe-table": ddb.describe_table(TableName=name)}


for billing in ("PAY_PER_REQUEST", "PROVISIONED"):
    scenario(DDB, f"TestDynamoDB::test_gsi_with_billing_mode[{billing}]")(lambda mode=billing: gsi_with_billing_mode(mode))


@scenario(DDB, "TestDynamoDB::test_table_crud")
def table_crud():
    name = f"test-ddb-table-{uid()}"
    answers = {"create-table": ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                                                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                                                ProvisionedThroughput=THROUGHPUT)}
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 100})
    assert name in ddb.list_tables()["TableNames"]
    answers["describe-table"] = ddb.describe_table(TableName=name)
    answers["delete-table"] = ddb.delete_table(TableName=name)
    answers["delete-non-existent-table"] = error(ddb.delete_table, TableName="non-existent")
    return answers


@scenario(DDB, "TestDynamoDB::test_table_warm_throughput")
def table_warm_throughput():
    name = f"test-ddb-table-{uid()}"
    created = ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                               AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                               ProvisionedThroughput=THROUGHPUT,
                               WarmThroughput={"ReadUnitsPerSecond": 1000, "WriteUnitsPerSecond": 1200})
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 100})
    return {"create-table": created, "describe-table": ddb.describe_table(TableName=name)}


@scenario(STREAMS, "TestDynamoDBStreams::test_non_existent_stream")
def missing_stream():
    account = sts.get_caller_identity()["Account"]
    arn = f"arn:aws:dynamodb:{REGION}:{account}:table/non-existent-{uid()}/stream/2024-11-18T14:36:44.149"
    return {"non-existent-stream": error(streams.describe_stream, StreamArn=arn)}


if __name__ == "__main__":
    run()
