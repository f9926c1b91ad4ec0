package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.fuzz.Fuzz;
import dev.streambed.fuzz.Gen;
import dev.streambed.storage.Entry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fuzzing the whole request path over HTTP: requests made from valid ones with parts replaced by
 * junk, PartiQL statements of random words, nested as deep as the body allows, and bodies of
 * anything at all, to every protocol. Each is answered (never a 500, never a hang, the server
 * keeps serving), and one that is refused leaves every stored byte as it was.
 */
class FrontDoorFuzzTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static Streambed streambed;

  private static final List<String> JUNK = List.of("null", "true", "1", "-1e400", "\"\"", "\"x\"", "[]", "{}",
      "[null]", "{\"S\":1}", "{\"N\":\"abc\"}", "{\"B\":\"!!\"}", "{\"SS\":[]}", "{\"NS\":[\"1\",\"1\"]}",
      "{\"M\":{\"a\":{\"L\":[{\"NULL\":false}]}}}", "{\"S\":\"x\",\"N\":\"1\"}", "\"" + "a".repeat(3000) + "\"",
      "[" + "[".repeat(200) + "]".repeat(200) + "]", "{\"BOOL\":\"yes\"}", "\"SET #a = :a\"", "\"a = :v AND\"",
      "\"" + "(".repeat(500) + "\"", "\"\\u0000\"", "12345678901234567890123456789012345678901234567890");

  private static final List<String> TEMPLATES = List.of(
      "PutItem|{\"TableName\":\"fuzz\",\"Item\":{\"pk\":{\"S\":\"k\"},\"v\":{\"N\":\"1\"}},\"ConditionExpression\":\"attribute_not_exists(pk)\"}",
      "UpdateItem|{\"TableName\":\"fuzz\",\"Key\":{\"pk\":{\"S\":\"k1\"}},\"UpdateExpression\":\"SET v = v + :one\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},\"ConditionExpression\":\"v < :one\"}",
      "DeleteItem|{\"TableName\":\"fuzz\",\"Key\":{\"pk\":{\"S\":\"k2\"}},\"ConditionExpression\":\"v = :x\",\"ExpressionAttributeValues\":{\":x\":{\"S\":\"never\"}}}",
      "GetItem|{\"TableName\":\"fuzz\",\"Key\":{\"pk\":{\"S\":\"k1\"}},\"ProjectionExpression\":\"v, #n\",\"ExpressionAttributeNames\":{\"#n\":\"pk\"}}",
      "Query|{\"TableName\":\"fuzz\",\"KeyConditionExpression\":\"pk = :k\",\"ExpressionAttributeValues\":{\":k\":{\"S\":\"k1\"}},\"FilterExpression\":\"v > :k\"}",
      "Scan|{\"TableName\":\"fuzz\",\"Limit\":5,\"ExclusiveStartKey\":{\"pk\":{\"S\":\"k1\"}}}",
      "BatchWriteItem|{\"RequestItems\":{\"fuzz\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"k1\"}}}},{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"k2\"}}}}]}}",
      "TransactWriteItems|{\"TransactItems\":[{\"Put\":{\"TableName\":\"fuzz\",\"Item\":{\"pk\":{\"S\":\"t\"}}}},{\"ConditionCheck\":{\"TableName\":\"fuzz\",\"Key\":{\"pk\":{\"S\":\"k1\"}},\"ConditionExpression\":\"attribute_not_exists(pk)\"}}]}",
      "ExecuteStatement|{\"Statement\":\"UPDATE \\\"fuzz\\\" SET v = 5 WHERE pk = 'k1' AND v = 100\"}",
      "BatchExecuteStatement|{\"Statements\":[{\"Statement\":\"DELETE FROM \\\"fuzz\\\" WHERE pk = ?\",\"Parameters\":[{\"S\":\"k1\"}]}]}",
      "UpdateTable|{\"TableName\":\"fuzz\",\"StreamSpecification\":{\"StreamEnabled\":false}}");

  private static final List<String> PARTIQL = List.of("SELECT", "INSERT", "INTO", "UPDATE", "DELETE", "FROM",
      "WHERE", "VALUE", "SET", "REMOVE", "\"fuzz\"", "\"fuzz\".\"i\"", "pk", "v", "=", "<>", "AND", "OR", "NOT", "(",
      ")", "[", "]", "{", "}", "<<", ">>", "'k1'", "?", "1", ",", ":", ".", "*", "EXISTS", "RETURNING", "ALL", "NEW",
      "BEGINS_WITH", "size", "MISSING", "IS", "NULL", "--", "\n");

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    var ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("fuzz").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
        .keySchema(k -> k.attributeName("pk").keyType("HASH")));
    for (String k : List.of("k1", "k2", "k3")) {
      ddb.putItem(b -> b.tableName("fuzz").item(Map.of("pk", AttributeValue.fromS(k), "v", AttributeValue.fromN("100"))));
    }
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  /**
   * An operation and its body: a valid request with one value replaced by junk, a PartiQL
   * statement of random words, one nested up to 4,000 deep, or a body of anything at all.
   */
  private static String[] dynamoRequest(Random r) {
    switch (r.nextInt(4)) {
      case 0: {
        String[] parts = Gen.pick(r, TEMPLATES).split("\\|", 2);
        return new String[] {parts[0], mutate(parts[1], Gen.pick(r, JUNK), Gen.between(r, 0, 400))};
      }
      case 1:
        return new String[] {"ExecuteStatement", "{\"Statement\":" + quote(Gen.words(r, PARTIQL, 40, " "))
            + ",\"Parameters\":[{\"S\":\"k1\"}]}"};
      case 2: {
        int d = Gen.between(r, 1, 4000);
        return new String[] {"ExecuteStatement", "{\"Statement\":"
            + quote("SELECT * FROM \"fuzz\" WHERE " + "(".repeat(d) + "pk = 'k1'" + ")".repeat(d)) + "}"};
      }
      default:
        return new String[] {Gen.pick(r, TEMPLATES).split("\\|")[0], Gen.string(r, 300)};
    }
  }

  /** Replaces the JSON value that starts at or after {@code at} with {@code junk}. */
  private static String mutate(String json, String junk, int at) {
    int i = Math.min(at, json.length() - 1);
    while (i < json.length() && ":[,".indexOf(json.charAt(i)) < 0) {
      i++;
    }
    if (i >= json.length() - 1) {
      return json + junk;
    }
    int start = i + 1;
    int end = start;
    int depth = 0;
    boolean inString = false;
    for (; end < json.length(); end++) {
      char c = json.charAt(end);
      if (inString) {
        if (c == '\\') {
          end++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    return json.substring(0, start) + junk + json.substring(end);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @Test
  void dynamoDbRequestsAreAnsweredAndRefusalsChangeNothing() {
    Fuzz.check(FrontDoorFuzzTest::dynamoRequest, request -> answeredAndHarmless(Map.of("Content-Type",
        "application/x-amz-json-1.0", "X-Amz-Target", "DynamoDB_20120810." + request[0]), "POST", "/", request[1]));
  }

  private static String junk(Random r) {
    return r.nextBoolean() ? Gen.pick(r, JUNK) : Gen.string(r, 100);
  }

  /**
   * A target (or a Lambda path, or "" for the Query protocol), a content type and a body of that
   * service's with junk for its values: Logs, SQS, IAM (form-encoded) and Lambda.
   */
  private static String[] otherRequest(Random r) {
    switch (r.nextInt(4)) {
      case 0: {
        String op = Gen.pick(r, "PutLogEvents", "CreateLogGroup", "FilterLogEvents", "GetLogEvents",
            "DescribeLogStreams");
        String v = junk(r);
        return new String[] {"Logs_20140328." + op, "application/x-amz-json-1.1", "{\"logGroupName\":" + v
            + ",\"logStreamName\":\"s\",\"filterPattern\":" + v + ",\"logEvents\":[{\"timestamp\":" + v
            + ",\"message\":\"m\"}]}"};
      }
      case 1: {
        String op = Gen.pick(r, "SendMessage", "CreateQueue", "ReceiveMessage", "SetQueueAttributes");
        String v = junk(r);
        return new String[] {"AmazonSQS." + op, "application/x-amz-json-1.0", "{\"QueueName\":" + v
            + ",\"QueueUrl\":" + v + ",\"MessageBody\":" + v + ",\"Attributes\":{\"DelaySeconds\":" + v + "}}"};
      }
      case 2: {
        String op = Gen.pick(r, "CreateRole", "PutRolePolicy", "CreatePolicy", "AssumeRole", "CreateUser");
        String v = enc(Gen.string(r, 200));
        return new String[] {"", "application/x-www-form-urlencoded", "Action=" + op
            + "&Version=2010-05-08&RoleName=r&PolicyName=p&RoleArn=" + v + "&PolicyDocument=" + v
            + "&AssumeRolePolicyDocument=" + v};
      }
      default: {
        String path = Gen.pick(r, "/2015-03-31/functions", "/2015-03-31/event-source-mappings",
            "/2015-03-31/functions/f/invocations", "/2015-03-31/functions/f/configuration");
        String v = junk(r);
        return new String[] {path, "application/json", "{\"FunctionName\":" + v + ",\"Runtime\":" + v
            + ",\"Code\":{\"ZipFile\":" + v + "},\"FilterCriteria\":{\"Filters\":[{\"Pattern\":" + v + "}]}}"};
      }
    }
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void otherServicesAreAnsweredAndRefusalsChangeNothing() {
    Fuzz.check(FrontDoorFuzzTest::otherRequest, r -> {
      if (r[0].startsWith("/")) {
        answeredAndHarmless(Map.of("Content-Type", r[1]), r[0].endsWith("configuration") ? "PUT" : "POST", r[0], r[2]);
      } else if (r[0].isEmpty()) {
        answeredAndHarmless(Map.of("Content-Type", r[1]), "POST", "/", r[2]);
      } else {
        answeredAndHarmless(Map.of("Content-Type", r[1], "X-Amz-Target", r[0]), "POST", "/", r[2]);
      }
    });
  }

  private static void answeredAndHarmless(Map<String, String> headers, String method, String path, String body)
      throws Exception {
    byte[] before = digest();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(streambed.endpoint() + path)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20250101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host, Signature=00");
    headers.forEach(b::header);
    HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
    assertThat(response.statusCode()).as("%s %s %s -> %s", method, path, shown, response.body()).isLessThan(500);
    if (response.statusCode() >= 400) {
      assertThat(digest()).as("stored data after the refused %s %s", path, shown).isEqualTo(before);
    }
  }

  /** A digest of every stored key and value. */
  private static byte[] digest() throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    byte[] end = new byte[16];
    Arrays.fill(end, (byte) 0xff);
    for (Entry e : streambed.server().storage().range(new byte[0], end, false, Integer.MAX_VALUE)) {
      d.update(e.key());
      d.update((byte) 0);
      d.update(e.value());
    }
    return d.digest();
  }
}
