package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-plane calls a user makes from the AWS CLI: batch-write-item from a file, query with a
 * key condition and a filter, scan paged with --max-items and --starting-token, and
 * transact-write-items, succeeding and cancelled; and a new index, with the table's waiter.
 */
class DataPlaneCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Streambed streambed;
  private static AwsCli aws;

  @TempDir
  static Path files;

  @BeforeAll
  static void start() throws Exception {
    streambed = Streambed.start();
    aws = new AwsCli(streambed.endpoint().toString());
    ok(aws.run("dynamodb", "create-table", "--table-name", "Events",
        "--attribute-definitions", "AttributeName=device,AttributeType=S", "AttributeName=at,AttributeType=N",
        "--key-schema", "AttributeName=device,KeyType=HASH", "AttributeName=at,KeyType=RANGE",
        "--billing-mode", "PAY_PER_REQUEST"));
    ok(aws.run("dynamodb", "wait", "table-exists", "--table-name", "Events"));
    ok(aws.run("dynamodb", "create-table", "--table-name", "Audit",
        "--attribute-definitions", "AttributeName=device,AttributeType=S", "AttributeName=at,AttributeType=N",
        "--key-schema", "AttributeName=device,KeyType=HASH", "AttributeName=at,KeyType=RANGE",
        "--billing-mode", "PAY_PER_REQUEST"));
    // Two files of 20 puts each: 40 events of two devices.
    for (int file = 0; file < 2; file++) {
      ArrayNode puts = JSON.createArrayNode();
      for (int i = 0; i < 20; i++) {
        int at = file * 20 + i;
        ObjectNode item = JSON.createObjectNode();
        item.putObject("device").put("S", at % 2 == 0 ? "sensor-a" : "sensor-b");
        item.putObject("at").put("N", Integer.toString(at));
        item.putObject("level").put("S", at % 3 == 0 ? "warn" : "info");
        puts.addObject().putObject("PutRequest").set("Item", item);
      }
      ObjectNode request = JSON.createObjectNode();
      request.set("Events", puts);
      Path path = files.resolve("batch-" + file + ".json");
      Files.writeString(path, JSON.writeValueAsString(request));
      JsonNode written = ok(aws.run("dynamodb", "batch-write-item", "--request-items", "file://" + path,
          "--return-consumed-capacity", "TOTAL"));
      assertThat(written.at("/UnprocessedItems").size()).isZero();
      assertThat(written.at("/ConsumedCapacity/0/CapacityUnits").asDouble()).isEqualTo(20.0);
    }
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private static JsonNode ok(AwsCli.Result r) throws Exception {
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }

  private static Path file(String name, String content) throws Exception {
    Path path = files.resolve(name);
    Files.writeString(path, content);
    return path;
  }

  @Test
  void queryWithAKeyConditionAndAFilter() throws Exception {
    Path values = file("values.json", "{\":d\":{\"S\":\"sensor-a\"},\":lo\":{\"N\":\"10\"},\":hi\":{\"N\":\"30\"},"
        + "\":w\":{\"S\":\"warn\"}}");
    JsonNode r = ok(aws.run("dynamodb", "query", "--table-name", "Events",
        "--key-condition-expression", "device = :d AND #t BETWEEN :lo AND :hi",
        "--filter-expression", "#l = :w", "--expression-attribute-names", "{\"#t\":\"at\",\"#l\":\"level\"}",
        "--expression-attribute-values", "file://" + values, "--no-scan-index-forward"));
    // sensor-a has the even times; of 10..30 those divisible by 3 are warnings: 30, 24, 18, 12.
    assertThat(r.get("ScannedCount").asInt()).isEqualTo(11);
    assertThat(r.get("Count").asInt()).isEqualTo(4);
    assertThat(r.get("Items")).extracting(i -> i.at("/at/N").asText()).containsExactly("30", "24", "18", "12");
  }

  @Test
  void scanPagedWithMaxItemsAndStartingToken() throws Exception {
    Set<String> seen = new HashSet<>();
    String token = null;
    int pages = 0;
    do {
      AwsCli.Result r = token == null
          ? aws.run("dynamodb", "scan", "--table-name", "Events", "--max-items", "7", "--page-size", "5")
          : aws.run("dynamodb", "scan", "--table-name", "Events", "--max-items", "7", "--page-size", "5",
              "--starting-token", token);
      JsonNode page = ok(r);
      assertThat(page.get("Items").size()).isLessThanOrEqualTo(7);
      for (JsonNode item : page.get("Items")) {
        assertThat(seen.add(item.at("/device/S").asText() + "/" + item.at("/at/N").asText())).isTrue();
      }
      token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
      pages++;
    } while (token != null);
    assertThat(seen).hasSize(40);
    assertThat(pages).isEqualTo(6);
  }

  @Test
  void transactWriteItemsAppliesAllOrCancelsAll() throws Exception {
    Path transfer = file("transfer.json", "["
        + "{\"Update\":{\"TableName\":\"Events\",\"Key\":{\"device\":{\"S\":\"sensor-a\"},\"at\":{\"N\":\"0\"}},"
        + "\"UpdateExpression\":\"SET #l = :ack\",\"ConditionExpression\":\"#l = :w\","
        + "\"ExpressionAttributeNames\":{\"#l\":\"level\"},"
        + "\"ExpressionAttributeValues\":{\":ack\":{\"S\":\"acknowledged\"},\":w\":{\"S\":\"warn\"}}}},"
        + "{\"Put\":{\"TableName\":\"Audit\",\"Item\":{\"device\":{\"S\":\"sensor-a\"},\"at\":{\"N\":\"0\"},"
        + "\"what\":{\"S\":\"ack sensor-a 0\"}}}}]");
    ok(aws.run("dynamodb", "transact-write-items", "--transact-items", "file://" + transfer));
    JsonNode got = ok(aws.run("dynamodb", "get-item", "--table-name", "Events",
        "--key", "{\"device\":{\"S\":\"sensor-a\"},\"at\":{\"N\":\"0\"}}"));
    assertThat(got.at("/Item/level/S").asText()).isEqualTo("acknowledged");

    // Again: the condition fails now, so the audit put is not applied either.
    Path again = file("again.json", Files.readString(transfer).replace("ack sensor-a 0", "second"));
    AwsCli.Result cancelled = aws.run("dynamodb", "transact-write-items", "--transact-items", "file://" + again);
    assertThat(cancelled.exitCode()).isNotZero();
    assertThat(cancelled.stderr()).contains("An error occurred (TransactionCanceledException) when calling the "
        + "TransactWriteItems operation: Transaction cancelled, please refer cancellation reasons for specific "
        + "reasons [ConditionalCheckFailed, None]");
    JsonNode audit = ok(aws.run("dynamodb", "get-item", "--table-name", "Audit",
        "--key", "{\"device\":{\"S\":\"sensor-a\"},\"at\":{\"N\":\"0\"}}"));
    assertThat(audit.at("/Item/what/S").asText()).isEqualTo("ack sensor-a 0");
  }

  @Test
  void anIndexAddedFromTheCliAndTheTableWaiter() throws Exception {
    JsonNode updated = ok(aws.run("dynamodb", "update-table", "--table-name", "Events",
        "--attribute-definitions", "AttributeName=level,AttributeType=S",
        "--global-secondary-index-updates",
        "[{\"Create\":{\"IndexName\":\"byLevel\",\"KeySchema\":[{\"AttributeName\":\"level\",\"KeyType\":\"HASH\"}],"
            + "\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}}]"));
    assertThat(updated.at("/TableDescription/GlobalSecondaryIndexes/0/IndexStatus").asText()).isEqualTo("CREATING");
    ok(aws.run("dynamodb", "wait", "table-exists", "--table-name", "Events"));
    String status;
    int polls = 0;
    do {
      status = ok(aws.run("dynamodb", "describe-table", "--table-name", "Events"))
          .at("/Table/GlobalSecondaryIndexes/0/IndexStatus").asText();
      assertThat(polls++).as("describe-table calls before the index is ACTIVE").isLessThan(50);
    } while (!status.equals("ACTIVE"));
    JsonNode info = ok(aws.run("dynamodb", "query", "--table-name", "Events", "--index-name", "byLevel",
        "--key-condition-expression", "#l = :i", "--expression-attribute-names", "{\"#l\":\"level\"}",
        "--expression-attribute-values", "{\":i\":{\"S\":\"info\"}}", "--select", "COUNT"));
    // 40 events, 14 of them warnings (times divisible by 3).
    assertThat(info.get("Count").asInt()).isEqualTo(26);
  }
}
