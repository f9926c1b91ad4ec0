package dev.streambed.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.bench.load.ItemShape;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RawRequests raw = new RawRequests("127.0.0.1:8000");

  /** A request split into its head lines (by header name) and its body. */
  private record Parsed(String requestLine, Map<String, String> headers, byte[] body) {}

  private static Parsed parse(byte[] request) {
    String all = new String(request, StandardCharsets.ISO_8859_1);
    int end = all.indexOf("\r\n\r\n");
    String[] lines = all.substring(0, end).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon), line.substring(colon + 1).trim());
    }
    return new Parsed(lines[0], headers, Arrays.copyOfRange(request, end + 4, request.length));
  }

  @Test
  void putItemIsAWholeDynamoDbRequestWithAnItemOfTheRequestedSize() throws Exception {
    Parsed p = parse(raw.putItem("put-7", "0", 200));

    assertThat(p.requestLine()).isEqualTo("POST / HTTP/1.1");
    assertThat(p.headers())
        .containsEntry("Host", "127.0.0.1:8000")
        .containsEntry("Content-Type", "application/x-amz-json-1.0")
        .containsEntry("X-Amz-Target", "DynamoDB_20120810.PutItem")
        .containsEntry("X-Amz-Date", "20250101T000000Z")
        .containsEntry("Content-Length", Integer.toString(p.body().length));
    assertThat(p.headers().get("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/dynamodb/")
        .contains("SignedHeaders=host;x-amz-date;x-amz-target")
        .endsWith("Signature=" + "0".repeat(64));

    JsonNode body = JSON.readTree(p.body());
    assertThat(body.get("TableName").asText()).isEqualTo(ItemShape.TABLE);
    JsonNode item = body.get("Item");
    assertThat(item.get("pk").get("S").asText()).isEqualTo("put-7");
    assertThat(item.get("sk").get("S").asText()).isEqualTo("0");
    int size = 0;
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) item::fields) {
      size += field.getKey().length() + field.getValue().get("S").asText().length();
    }
    assertThat(size).isEqualTo(200);
  }

  @Test
  void getItemAsksForTheKey() throws Exception {
    Parsed p = parse(raw.getItem("get-3", "0"));

    assertThat(p.headers()).containsEntry("X-Amz-Target", "DynamoDB_20120810.GetItem")
        .containsEntry("Content-Length", Integer.toString(p.body().length));
    JsonNode key = JSON.readTree(p.body()).get("Key");
    assertThat(key.get("pk").get("S").asText()).isEqualTo("get-3");
    assertThat(key.get("sk").get("S").asText()).isEqualTo("0");
  }

  @Test
  void createTableDeclaresTheKeySchemaOnDemand() throws Exception {
    JsonNode body = JSON.readTree(parse(raw.createTable()).body());

    assertThat(body.get("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
    assertThat(body.get("KeySchema").get(0).get("KeyType").asText()).isEqualTo("HASH");
    assertThat(body.get("KeySchema").get(1).get("KeyType").asText()).isEqualTo("RANGE");
  }

  @Test
  void contentLengthCountsBytesNotCharacters() throws Exception {
    Parsed p = parse(raw.request("PutItem", "{\"k\":\"\u00e9\u20ac\"}"));

    assertThat(p.headers()).containsEntry("Content-Length", "13");
    assertThat(JSON.readTree(p.body()).get("k").asText()).isEqualTo("\u00e9\u20ac");
  }

  @Test
  void jsonStringsEscapeQuotesBackslashesAndControlCharacters() throws Exception {
    String nasty = "a\"b\\c\nd\u0001";
    assertThat(JSON.readTree(RawRequests.json(nasty)).asText()).isEqualTo(nasty);
  }

  @Test
  void queryAndScanReadThePartitionAndAPageOfTheTable() throws Exception {
    Parsed q = parse(raw.query("query"));
    assertThat(q.headers()).containsEntry("X-Amz-Target", "DynamoDB_20120810.Query");
    JsonNode query = JSON.readTree(q.body());
    assertThat(query.get("KeyConditionExpression").asText()).isEqualTo("pk = :p");
    assertThat(query.at("/ExpressionAttributeValues/:p/S").asText()).isEqualTo("query");
    JsonNode scan = JSON.readTree(parse(raw.scan(100)).body());
    assertThat(scan.get("Limit").asInt()).isEqualTo(100);
    assertThat(scan.get("TableName").asText()).isEqualTo(ItemShape.TABLE);
  }

  @Test
  void batchesAndTransactionsPutDistinctItemsOfTheRequestedSize() throws Exception {
    Parsed b = parse(raw.batchWriteItem(3, 200));
    assertThat(b.headers()).containsEntry("X-Amz-Target", "DynamoDB_20120810.BatchWriteItem");
    JsonNode puts = JSON.readTree(b.body()).at("/RequestItems/" + ItemShape.TABLE);
    assertThat(puts).hasSize(25);
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (JsonNode put : puts) {
      JsonNode item = put.at("/PutRequest/Item");
      keys.add(item.at("/pk/S").asText());
      assertThat(item.at("/pk/S").asText().length() + item.at("/sk/S").asText().length()
          + item.at("/data/S").asText().length() + "pkskdata".length()).isEqualTo(200);
    }
    assertThat(keys).hasSize(25).contains("batch-75", "batch-99");

    Parsed t = parse(raw.transactWriteItems(3, 200));
    assertThat(t.headers()).containsEntry("X-Amz-Target", "DynamoDB_20120810.TransactWriteItems");
    JsonNode actions = JSON.readTree(t.body()).get("TransactItems");
    assertThat(actions).hasSize(4);
    assertThat(actions.get(0).at("/Put/TableName").asText()).isEqualTo(ItemShape.TABLE);
    assertThat(actions.get(0).at("/Put/Item/pk/S").asText()).isEqualTo("tx-12");
    assertThat(actions.get(3).at("/Put/Item/pk/S").asText()).isEqualTo("tx-15");
  }

  @Test
  void workloadsAreNamedOnTheCommandLineAsInReports() {
    for (HttpWorkload w : HttpWorkload.values()) {
      assertThat(HttpWorkload.parse(w.label())).isEqualTo(w);
    }
    assertThat(HttpWorkload.parse("batch-write")).isEqualTo(HttpWorkload.BATCH_WRITE);
    assertThat(dev.streambed.bench.sdk.SdkWorkload.parse("Transact-Write"))
        .isEqualTo(dev.streambed.bench.sdk.SdkWorkload.TRANSACT_WRITE);
  }
}
