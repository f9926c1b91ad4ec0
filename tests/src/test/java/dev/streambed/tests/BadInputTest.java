package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Raw HTTP requests no SDK would send: each gets an AWS-shaped 4xx, the server keeps serving, and
 * nothing is written.
 */
class BadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Streambed streambed;
  private static DynamoDbClient ddb;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("victim")
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
    ddb.putItem(b -> b.tableName("victim").item(Map.of("id", AttributeValue.fromS("keep"), "v", AttributeValue.fromS("original"))));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  @AfterEach
  void serverStillServesAndNothingChanged() {
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName("victim")
        .key(Map.of("id", AttributeValue.fromS("keep"))).consistentRead(true)).item();
    assertThat(item.get("v").s()).isEqualTo("original");
    assertThat(ddb.describeTable(b -> b.tableName("victim")).table().itemCount()).isEqualTo(1);
  }

  private static HttpResponse<String> post(String target, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(streambed.endpoint() + "/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00");
    if (target != null) {
      b.header("X-Amz-Target", target);
    }
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String target, String body) throws Exception {
    return post(target, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private static String type(HttpResponse<String> r) throws IOException {
    JsonNode n = JSON.readTree(r.body());
    String t = n.get("__type").asText();
    return t.substring(t.indexOf('#') + 1);
  }

  @Test
  void everyResponseCarriesRequestIdAndACorrectCrc() throws Exception {
    HttpResponse<String> r = post("DynamoDB_20120810.ListTables", "{}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow()).matches("[A-Z0-9]{52}");
    CRC32 crc = new CRC32();
    crc.update(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(r.headers().firstValue("x-amz-crc32").orElseThrow()).isEqualTo(Long.toString(crc.getValue()));
  }

  @Test
  void malformedJsonIsASerializationException() throws Exception {
    for (String body : new String[] {"{", "{\"TableName\":", "not json", "{\"TableName\":\"victim\"} trailing", "[1,2]"}) {
      HttpResponse<String> r = post("DynamoDB_20120810.PutItem", body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(type(r)).as(body).isEqualTo("SerializationException");
    }
  }

  @Test
  void unknownTargetsAreUnknownOperations() throws Exception {
    for (String target : new String[] {"DynamoDB_20120810.DropEverything", "DynamoDB_20120810", "Nope.PutItem"}) {
      HttpResponse<String> r = post(target, "{}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(type(r)).isEqualTo("UnknownOperationException");
    }
    HttpResponse<String> none = post(null, "{}");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(type(none)).isEqualTo("UnknownOperationException");
  }

  @Test
  void wrongJsonTypesAreRefused() throws Exception {
    String[] bodies = {
        "{\"TableName\":5,\"Item\":{\"id\":{\"S\":\"keep\"}}}",
        "{\"TableName\":\"victim\",\"Item\":[]}",
        "{\"TableName\":\"victim\",\"Item\":{\"id\":{\"S\":{\"x\":1}}}}",
        "{\"TableName\":\"victim\",\"Item\":{\"id\":{\"S\":\"keep\"},\"v\":{}}}",
        "{\"TableName\":\"victim\",\"Item\":{\"id\":{\"S\":\"keep\"},\"v\":{\"S\":\"a\",\"N\":\"1\"}}}",
        "{\"TableName\":\"victim\",\"Item\":{\"id\":{\"S\":\"keep\"},\"v\":{\"N\":\"one\"}}}",
        "{\"TableName\":\"victim\",\"Item\":{\"id\":{\"S\":\"keep\"},\"v\":{\"SS\":\"a\"}}}",
        "{\"TableName\":\"victim\",\"Item\":{\"id\":{\"S\":\"keep\"},\"v\":{\"B\":\"%%%\"}}}",
        "{\"TableName\":\"victim\",\"Item\":{\"id\":{\"S\":\"keep\"},\"v\":{\"NULL\":false}}}",
        "{\"TableName\":\"victim\",\"ReturnValues\":\"SOME\",\"Item\":{\"id\":{\"S\":\"keep\"}}}",
    };
    for (String body : bodies) {
      HttpResponse<String> r = post("DynamoDB_20120810.PutItem", body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(type(r)).as(body).isIn("SerializationException", "ValidationException");
    }
  }

  @Test
  void deepNestingIsRefusedWithoutCrashing() throws Exception {
    String deep = "{\"M\":{\"a\":".repeat(5000) + "{\"S\":\"x\"}" + "}}".repeat(5000);
    HttpResponse<String> r = post("DynamoDB_20120810.PutItem",
        "{\"TableName\":\"victim\",\"Item\":{\"id\":{\"S\":\"keep\"},\"v\":" + deep + "}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(type(r)).isIn("SerializationException", "ValidationException");
  }

  @Test
  void oversizeBodiesAreRefusedBeforeBuffering() throws Exception {
    byte[] body = new byte[17 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');
    HttpResponse<String> r = post("DynamoDB_20120810.PutItem", body, Map.of());
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void gzipBodiesAreAccepted() throws Exception {
    String body = "{\"TableName\":\"victim\",\"Key\":{\"id\":{\"S\":\"keep\"}}}";
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(body.getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = post("DynamoDB_20120810.GetItem", zipped.toByteArray(), Map.of("Content-Encoding", "gzip"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).at("/Item/v/S").asText()).isEqualTo("original");
  }

  @Test
  void truncatedGzipIsRefused() throws Exception {
    byte[] garbage = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
    HttpResponse<String> r = post("DynamoDB_20120810.GetItem", garbage, Map.of("Content-Encoding", "gzip"));
    assertThat(r.statusCode()).isBetween(400, 499);
  }

  @Test
  void gzipBombsAreRefusedByTheirInflatedSize() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      byte[] spaces = new byte[1024 * 1024];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 20; i++) {
        gz.write(spaces);
      }
    }
    assertThat(zipped.size()).isLessThan(100_000);
    HttpResponse<String> r = post("DynamoDB_20120810.GetItem", zipped.toByteArray(), Map.of("Content-Encoding", "gzip"));
    assertThat(r.statusCode()).isEqualTo(413);
  }
}
