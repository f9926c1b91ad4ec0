package dev.streambed.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streambed.lambda.Blueprints;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.server.StreambedServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tutorial of DynamoDB Streams and Lambda, step by step, against a running Streambed: the
 * UsersPost table and its stream, a function from the {@code dynamodb-process-stream-python3}
 * blueprint, its role (refused a trigger first, then given the policies), the trigger, three
 * changes of items, what the function logged for each, and the clean-up. Every step is a call
 * through the endpoint, in the protocols the AWS CLI speaks.
 */
public final class Demo {
  static final String TABLE = "UsersPost";
  static final String FUNCTION = "LambdaDemoDynamoDBStream";
  static final String BLUEPRINT = "dynamodb-process-stream-python3";
  private static final String MANAGED = "arn:aws:iam::aws:policy/";
  private static final String TRUST_LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LOG_WAIT = Duration.ofSeconds(60);
  private static final String RECORD = "DynamoDB Record: ";

  private final StreambedServer server;
  private final WireClient aws;
  private final PrintWriter out;
  private final String region;
  private final String account;

  public Demo(StreambedServer server, String region, String account, PrintWriter out) {
    this.server = server;
    this.region = region;
    this.account = account;
    this.aws = new WireClient(server.endpoint(), region);
    this.out = out;
  }

  /** Runs every step; throws when one does not turn out as the tutorial says. */
  public void run() throws InterruptedException {
    out.println("Streambed demo: DynamoDB Streams and AWS Lambda, on " + server.endpoint());
    String streamArn = enableStream();
    String roleName = createFunction();
    String uuid = addTrigger(streamArn, roleName);
    testIntegration();
    cleanUp(uuid);
    out.println();
    out.println("Done. Run `./streambed start` and follow docs/tutorial.md to do it yourself.");
    out.flush();
  }

  // ---------------------------------------------------------------- step 1

  private String enableStream() {
    heading("Step 1", "Enable DynamoDB Streams on the UsersPost table");
    aws.dynamoDb("CreateTable", Map.of("TableName", TABLE,
        "AttributeDefinitions", List.of(attribute("user_id"), attribute("post_id")),
        "KeySchema", List.of(key("user_id", "HASH"), key("post_id", "RANGE")),
        "BillingMode", "PAY_PER_REQUEST"));
    for (String[] post : new String[][] {{"john", "1", "Hello, world"}, {"john", "2", "My second post"},
        {"alice", "1", "Hi from Alice"}}) {
      aws.dynamoDb("PutItem", Map.of("TableName", TABLE, "Item", post(post[0], post[1], post[2])));
    }
    say("table UsersPost (user_id HASH, post_id RANGE) with 3 posts");
    JsonNode table = aws.dynamoDb("UpdateTable", Map.of("TableName", TABLE, "StreamSpecification",
        Map.of("StreamEnabled", true, "StreamViewType", "NEW_AND_OLD_IMAGES"))).get("TableDescription");
    say("stream enabled, view type " + table.at("/StreamSpecification/StreamViewType").asText());
    String arn = table.get("LatestStreamArn").asText();
    say("stream " + arn);
    return arn;
  }

  // ---------------------------------------------------------------- step 2

  private String createFunction() {
    heading("Step 2", "Create the function from a blueprint, with basic Lambda permissions");
    List<String> found = new ArrayList<>();
    for (Blueprints.Blueprint b : Blueprints.ALL) {
      if (b.name().contains("dynamodb")) {
        found.add(b.name());
      }
    }
    say("blueprints matching \"dynamodb\": " + String.join(", ", found));
    Blueprints.Blueprint blueprint = Blueprints.find(BLUEPRINT);
    String roleName = FUNCTION + "-role-" + UUID.randomUUID().toString().substring(0, 8);
    String role = aws.iam("CreateRole", Map.of("RoleName", roleName, "Path", "/service-role/",
        "AssumeRolePolicyDocument", TRUST_LAMBDA));
    aws.iam("AttachRolePolicy", Map.of("RoleName", roleName,
        "PolicyArn", MANAGED + "service-role/AWSLambdaBasicExecutionRole"));
    String roleArn = between(role, "<Arn>", "</Arn>");
    say("role " + roleArn + " with AWSLambdaBasicExecutionRole");
    JsonNode created = aws.lambda("POST", "/functions", Map.of("FunctionName", FUNCTION,
        "Runtime", blueprint.runtime(), "Handler", blueprint.handler(), "Role", roleArn,
        "Code", Map.of("ZipFile", Base64.getEncoder().encodeToString(Blueprints.zip(blueprint)))));
    String state = created.get("State").asText();
    while (!"Active".equals(state)) {
      state = aws.lambda("GET", "/functions/" + FUNCTION + "/configuration", null).get("State").asText();
      if ("Failed".equals(state)) {
        throw new IllegalStateException("the function failed to become active");
      }
    }
    say("function " + FUNCTION + " from " + BLUEPRINT + " (" + blueprint.runtime() + ", "
        + blueprint.handler() + "): " + state);
    return roleName;
  }

  // ---------------------------------------------------------------- step 3

  private String addTrigger(String streamArn, String roleName) {
    heading("Step 3", "Add the trigger: UsersPost, batch size 100, starting position LATEST");
    Map<String, Object> trigger = Map.of("FunctionName", FUNCTION, "EventSourceArn", streamArn,
        "BatchSize", 100, "StartingPosition", "LATEST", "Enabled", true);
    try {
      aws.lambda("POST", "/event-source-mappings/", trigger);
      throw new IllegalStateException("the trigger was created although the role cannot read the stream");
    } catch (WireClient.AwsError refused) {
      say("with basic permissions only, Lambda refuses the trigger:");
      say("  " + refused.code + ": " + refused.getMessage());
    }
    for (String policy : List.of("service-role/AWSLambdaDynamoDBExecutionRole", "AmazonDynamoDBReadOnlyAccess")) {
      aws.iam("AttachRolePolicy", Map.of("RoleName", roleName, "PolicyArn", MANAGED + policy));
      say("attached " + policy.substring(policy.indexOf('/') + 1) + " to the execution role");
    }
    JsonNode mapping = aws.lambda("POST", "/event-source-mappings/", trigger);
    String uuid = mapping.get("UUID").asText();
    say("trigger " + uuid + ": " + mapping.get("State").asText() + ", batch size "
        + mapping.get("BatchSize").asInt() + ", starting position " + mapping.get("StartingPosition").asText());
    String state = awaitState(uuid, "Enabled");
    say("trigger state: " + state);
    return uuid;
  }

  private String awaitState(String uuid, String wanted) {
    // Mappings settle at once in Streambed; a few reads cover a transition in flight.
    String state = "";
    for (int i = 0; i < 100 && !wanted.equals(state); i++) {
      state = aws.lambda("GET", "/event-source-mappings/" + uuid, null).get("State").asText();
    }
    if (!wanted.equals(state)) {
      throw new IllegalStateException("the trigger is " + state + ", not " + wanted);
    }
    return state;
  }

  // ---------------------------------------------------------------- step 4

  private void testIntegration() throws InterruptedException {
    heading("Step 4", "Edit, insert and delete items; read the function's output in CloudWatch Logs");
    aws.dynamoDb("UpdateItem", Map.of("TableName", TABLE, "Key", postKey("john", "2"),
        "UpdateExpression", "SET post_content = :c",
        "ExpressionAttributeValues", Map.of(":c", Map.of("S", "My second post, edited"))));
    say("update: edited the content of john's second post");
    JsonNode original = aws.dynamoDb("GetItem", Map.of("TableName", TABLE, "Key", postKey("john", "2"))).get("Item");
    ObjectNode duplicate = original.deepCopy();
    duplicate.set("user_id", JSON.valueToTree(Map.of("S", "alice")));
    duplicate.set("post_id", JSON.valueToTree(Map.of("S", "2")));
    aws.dynamoDb("PutItem", Map.of("TableName", TABLE, "Item", duplicate));
    say("insert: duplicated it as a new post for alice");
    aws.dynamoDb("DeleteItem", Map.of("TableName", TABLE, "Key", postKey("alice", "2")));
    say("delete: deleted alice's new post");

    String group = "/aws/lambda/" + FUNCTION;
    List<JsonNode> events = awaitLogLines(group, 3);
    out.println();
    say("CloudWatch Logs, log group " + group + ":");
    for (JsonNode e : events) {
      for (String line : e.get("message").asText().split("\n", -1)) {
        if (!line.isEmpty()) {
          say("  " + line);
        }
      }
    }
    out.println();
    say("what each event carried:");
    for (Change c : changes(events)) {
      say(String.format("  %-6s %-21s %s/%s  %s", c.name(), imagesOf(c.record()),
          c.record().at("/Keys/user_id/S").asText(), c.record().at("/Keys/post_id/S").asText(), content(c.record())));
    }
  }

  /** One change as the blueprint logged it: the event name, then "DynamoDB Record: " and its JSON. */
  record Change(String name, JsonNode record) {}

  /** The changes in the log; a record's JSON spans several lines, each its own log event. */
  static List<Change> changes(List<JsonNode> events) {
    List<Change> out = new ArrayList<>();
    String name = null;
    StringBuilder json = null;
    for (JsonNode e : events) {
      String line = e.get("message").asText().stripTrailing();
      if (json != null) {
        json.append(line).append('\n');
        JsonNode record = tryRead(json.toString());
        if (record != null) {
          out.add(new Change(name, record));
          json = null;
        }
      } else if (line.equals("INSERT") || line.equals("MODIFY") || line.equals("REMOVE")) {
        name = line;
      } else if (line.startsWith(RECORD)) {
        json = new StringBuilder(line.substring(RECORD.length())).append('\n');
        JsonNode record = tryRead(json.toString());
        if (record != null) {
          out.add(new Change(name, record));
          json = null;
        }
      }
    }
    return out;
  }

  /** Waits, woken by each new log event, until the function logged {@code count} records. */
  private List<JsonNode> awaitLogLines(String group, int count) throws InterruptedException {
    GroupRef ref = new GroupRef(account, region, group);
    long deadline = System.nanoTime() + LOG_WAIT.toNanos();
    while (true) {
      long seen = server.logs().watch().version(ref);
      List<JsonNode> events = new ArrayList<>();
      int records = 0;
      try {
        JsonNode page = aws.logs("FilterLogEvents", Map.of("logGroupName", group));
        for (JsonNode e : page.get("events")) {
          events.add(e);
          if (e.get("message").asText().startsWith(RECORD)) {
            records++;
          }
        }
      } catch (WireClient.AwsError notYet) {
        // The group appears with the function's first invocation.
      }
      if (records >= count) {
        return events;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("the function logged " + records + " of " + count + " records in "
            + LOG_WAIT.toSeconds() + " s");
      }
      server.logs().awaitEvents(ref, seen, Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())));
    }
  }

  private static String imagesOf(JsonNode record) {
    List<String> has = new ArrayList<>();
    if (record.has("NewImage")) {
      has.add("new image");
    }
    if (record.has("OldImage")) {
      has.add("old image");
    }
    return String.join(" + ", has);
  }

  private static String content(JsonNode record) {
    String now = record.at("/NewImage/post_content/S").asText(null);
    String before = record.at("/OldImage/post_content/S").asText(null);
    if (now != null && before != null) {
      return "\"" + before + "\" -> \"" + now + "\"";
    }
    return "\"" + (now != null ? now : before) + "\"";
  }

  // ---------------------------------------------------------------- step 5

  private void cleanUp(String uuid) {
    heading("Step 5", "Clean up: disable, then delete the trigger");
    aws.lambda("PUT", "/event-source-mappings/" + uuid, Map.of("Enabled", false));
    say("trigger disabled: " + awaitState(uuid, "Disabled"));
    JsonNode deleted = aws.lambda("DELETE", "/event-source-mappings/" + uuid, null);
    say("trigger deleted: " + deleted.get("State").asText());
  }

  // ---------------------------------------------------------------- helpers

  private void heading(String step, String title) {
    out.println();
    out.println(step + "  " + title);
    out.flush();
  }

  private void say(String line) {
    out.println("  " + line);
    out.flush();
  }

  private static Map<String, String> attribute(String name) {
    return Map.of("AttributeName", name, "AttributeType", "S");
  }

  private static Map<String, String> key(String name, String type) {
    return Map.of("AttributeName", name, "KeyType", type);
  }

  private static Map<String, Object> postKey(String user, String post) {
    return Map.of("user_id", Map.of("S", user), "post_id", Map.of("S", post));
  }

  private static Map<String, Object> post(String user, String post, String content) {
    return Map.of("user_id", Map.of("S", user), "post_id", Map.of("S", post),
        "post_content", Map.of("S", content));
  }

  private static String between(String text, String open, String close) {
    int start = text.indexOf(open) + open.length();
    return text.substring(start, text.indexOf(close, start));
  }

  private static JsonNode tryRead(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException incomplete) {
      return null;
    }
  }
}
