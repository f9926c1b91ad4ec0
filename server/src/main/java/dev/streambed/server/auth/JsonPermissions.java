package dev.streambed.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The actions and resources AWS authorizes each operation of the JSON services with (the Service
 * Authorization Reference's tables for DynamoDB, DynamoDB Streams, CloudWatch Logs and SQS): most
 * are {@code service:Operation} on the resource the request names; batches and transactions are
 * authorized per table with the single-item actions (TransactWriteItems' Put as dynamodb:PutItem),
 * PartiQL statements as dynamodb:PartiQLSelect/Insert/Update/Delete, SQS's batches as their
 * single-message actions. An operation added later is authorized as {@code service:Operation} on
 * the table, group or queue it names, else on "*".
 */
final class JsonPermissions {
  private JsonPermissions() {}

  static List<Permission> of(String targetPrefix, String operation, JsonNode r, RequestContext c) {
    return switch (targetPrefix) {
      case "DynamoDB_20120810" -> dynamodb(operation, r, c);
      case "DynamoDBStreams_20120810" -> streams(operation, r);
      case "Logs_20140328" -> logs(operation, r, c);
      case "AmazonSQS" -> sqs(operation, r, c);
      default -> List.of(Permission.anywhere(targetPrefix + ":" + operation));
    };
  }

  private static List<Permission> dynamodb(String op, JsonNode r, RequestContext c) {
    String action = "dynamodb:" + op;
    List<Permission> out = new ArrayList<>();
    switch (op) {
      case "ListTables", "DescribeLimits" -> out.add(Permission.anywhere(action));
      case "DescribeEndpoints" -> { }
      case "BatchGetItem", "BatchWriteItem" -> {
        for (Iterator<String> names = r.path("RequestItems").fieldNames(); names.hasNext(); ) {
          out.add(new Permission(action, Arns.table(c, names.next())));
        }
      }
      case "TransactGetItems" -> {
        for (JsonNode item : r.path("TransactItems")) {
          out.add(new Permission("dynamodb:GetItem", Arns.table(c, item.path("Get").path("TableName").asText())));
        }
      }
      case "TransactWriteItems" -> {
        for (JsonNode item : r.path("TransactItems")) {
          for (String[] kind : new String[][] {{"Put", "PutItem"}, {"Update", "UpdateItem"}, {"Delete", "DeleteItem"},
              {"ConditionCheck", "ConditionCheckItem"}}) {
            if (item.has(kind[0])) {
              out.add(new Permission("dynamodb:" + kind[1], Arns.table(c, item.path(kind[0]).path("TableName").asText())));
            }
          }
        }
      }
      case "Query", "Scan" -> {
        String table = Arns.table(c, r.path("TableName").asText());
        String index = r.path("IndexName").asText(null);
        out.add(new Permission(action, index == null ? table : table + "/index/" + index));
      }
      case "TagResource", "UntagResource", "ListTagsOfResource" ->
          out.add(new Permission(action, r.path("ResourceArn").asText("*")));
      case "ExecuteStatement" -> out.add(Statements.permission(c, r.path("Statement").asText("")));
      case "BatchExecuteStatement" -> {
        for (JsonNode s : r.path("Statements")) {
          out.add(Statements.permission(c, s.path("Statement").asText("")));
        }
      }
      case "ExecuteTransaction" -> {
        for (JsonNode s : r.path("TransactStatements")) {
          out.add(Statements.permission(c, s.path("Statement").asText("")));
        }
      }
      default -> out.add(r.hasNonNull("TableName") ? new Permission(action, Arns.table(c, r.get("TableName").asText()))
          : Permission.anywhere(action));
    }
    return out;
  }

  private static List<Permission> streams(String op, JsonNode r) {
    String action = "dynamodb:" + op;
    return switch (op) {
      case "DescribeStream", "GetShardIterator" -> List.of(new Permission(action, r.path("StreamArn").asText("*")));
      case "GetRecords" -> {
        // A shard iterator begins with the ARN of its stream.
        String iterator = r.path("ShardIterator").asText("");
        int bar = iterator.indexOf("|1|");
        yield List.of(new Permission(action, bar > 0 ? iterator.substring(0, bar) : "*"));
      }
      default -> List.of(Permission.anywhere(action));
    };
  }

  private static List<Permission> logs(String op, JsonNode r, RequestContext c) {
    String action = "logs:" + op;
    String group = r.hasNonNull("logGroupName") ? r.get("logGroupName").asText()
        : r.hasNonNull("logGroupIdentifier") ? r.get("logGroupIdentifier").asText() : null;
    String groupArn = group == null ? null : group.startsWith("arn:") ? trimStar(group) : Arns.logGroup(c, group);
    return switch (op) {
      case "DescribeLogGroups", "ListLogGroups" -> List.of(Permission.anywhere(action));
      case "CreateLogStream", "DeleteLogStream", "PutLogEvents", "GetLogEvents" -> List.of(new Permission(action,
          groupArn == null ? "*" : groupArn + ":log-stream:" + r.path("logStreamName").asText("")));
      case "TagResource", "UntagResource", "ListTagsForResource" ->
          List.of(new Permission(action, trimStar(r.path("resourceArn").asText("*"))));
      default -> List.of(groupArn == null ? Permission.anywhere(action) : new Permission(action, groupArn));
    };
  }

  /** A log group's ARN as DescribeLogGroups shows it ends in ":*"; the group itself is without. */
  private static String trimStar(String arn) {
    return arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
  }

  private static List<Permission> sqs(String op, JsonNode r, RequestContext c) {
    String action = "sqs:" + switch (op) {
      case "SendMessageBatch" -> "SendMessage";
      case "DeleteMessageBatch" -> "DeleteMessage";
      case "ChangeMessageVisibilityBatch" -> "ChangeMessageVisibility";
      default -> op;
    };
    if (op.equals("ListQueues")) {
      return List.of(Permission.anywhere(action));
    }
    if (r.hasNonNull("QueueName")) {
      return List.of(new Permission(action, Arns.queue(c, c.accountId(), r.get("QueueName").asText())));
    }
    String url = r.path("QueueUrl").asText(null);
    if (url == null) {
      return List.of(Permission.anywhere(action));
    }
    String[] parts = url.split("/");
    String name = parts[parts.length - 1];
    String account = parts.length >= 2 ? parts[parts.length - 2] : c.accountId();
    return List.of(new Permission(action, Arns.queue(c, account, name)));
  }
}
