package dev.streambed.dynamodb.api;

import dev.streambed.dynamodb.DynamoDb;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.JsonService;
import java.util.Map;
import java.util.TreeMap;

/** DynamoDB over AWS JSON 1.0: the one operation table. */
public final class DynamoDbApi {
  private DynamoDbApi() {}

  public static JsonService service(DynamoDb dynamo) {
    TableCatalog catalog = dynamo.tables().catalog();
    Map<String, JsonOperation> ops = new TreeMap<>();
    ops.put("CreateTable", new CreateTable(dynamo.tables()));
    ops.put("DescribeTable", new DescribeTable(dynamo.tables()));
    ops.put("ListTables", new ListTables(dynamo.tables()));
    ops.put("UpdateTable", new UpdateTable(dynamo.tables()));
    ops.put("DeleteTable", new DeleteTable(dynamo.tables()));
    ops.put("DescribeEndpoints", new DescribeEndpoints());
    ops.put("DescribeLimits", new DescribeLimits());
    ops.put("TagResource", Tagging.tagResource(dynamo.tables()));
    ops.put("UntagResource", Tagging.untagResource(dynamo.tables()));
    ops.put("ListTagsOfResource", Tagging.listTagsOfResource(dynamo.tables()));
    ops.put("PutItem", new PutItem(catalog, dynamo.items(), dynamo.reads()));
    ops.put("GetItem", new GetItem(catalog, dynamo.items()));
    ops.put("UpdateItem", new UpdateItem(catalog, dynamo.items(), dynamo.reads()));
    ops.put("DeleteItem", new DeleteItem(catalog, dynamo.items(), dynamo.reads()));
    ops.put("Query", new Query(catalog, dynamo.reads()));
    ops.put("UpdateTimeToLive", TimeToLiveOperations.update(dynamo.tables(), dynamo.timeToLive()));
    ops.put("DescribeTimeToLive", TimeToLiveOperations.describe(dynamo.tables(), dynamo.timeToLive()));
    ops.put("BatchGetItem", new BatchGetItem(catalog, dynamo.items()));
    ops.put("BatchWriteItem", new BatchWriteItem(catalog, dynamo.items(), dynamo.reads()));
    ops.put("TransactWriteItems", new TransactWriteItems(catalog, dynamo.transactions(), dynamo.reads()));
    ops.put("TransactGetItems", new TransactGetItems(catalog, dynamo.transactions()));
    ops.put("Scan", new Scan(catalog, dynamo.reads()));
    ops.put("ExecuteStatement", new ExecuteStatement(catalog, dynamo.statements()));
    ops.put("BatchExecuteStatement", new BatchExecuteStatement(catalog, dynamo.statementGroups()));
    ops.put("ExecuteTransaction", new ExecuteTransaction(catalog, dynamo.statementGroups()));
    return new JsonService("DynamoDB_20120810", "com.amazonaws.dynamodb.v20120810#",
        "application/x-amz-json-1.0", "dynamodb", Map.copyOf(ops));
  }
}
