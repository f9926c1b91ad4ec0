package dev.streambed.tests.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.tests.Streambed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A table's items in the console: live, paged, queried, filtered, and edited with DynamoDB's types. */
class ConsoleItemsTest {
  private static Streambed streambed;
  private static Browser browser;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    browser = new Browser(streambed.endpoint().toString());
    ddb = streambed.dynamoDb();
  }

  @AfterAll
  static void stop() {
    browser.close();
    streambed.close();
  }

  private static void table(String name) {
    ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
  }

  private static void put(String table, String pk, String sk, Map<String, AttributeValue> more) {
    java.util.HashMap<String, AttributeValue> item = new java.util.HashMap<>(more);
    item.put("pk", AttributeValue.fromS(pk));
    item.put("sk", AttributeValue.fromS(sk));
    ddb.putItem(r -> r.tableName(table).item(item));
  }

  @Test
  void anItemWrittenThroughTheApiAppearsWithoutReloadingThePage() {
    table("Live");
    put("Live", "a", "1", Map.of("note", AttributeValue.fromS("first")));
    browser.open("/console/tables/Live/items");
    browser.waitForText("first");
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    js.executeScript("window.stillTheSamePage = true;");
    put("Live", "b", "2", Map.of("note", AttributeValue.fromS("written by the SDK")));
    browser.waitForText("written by the SDK");
    assertThat(js.executeScript("return window.stillTheSamePage === true;")).isEqualTo(true);
    assertThat(browser.text(By.cssSelector("[data-live=items]"))).contains("Items returned (2)");
  }

  @Test
  void scanPagesQueryByKeyAndFilter() {
    table("Paged");
    for (int i = 0; i < 30; i++) {
      put("Paged", "p", String.format("%02d", i), Map.of("n", AttributeValue.fromN(Integer.toString(i))));
    }
    Browser b = browser;
    b.open("/console/tables/Paged/items");
    b.waitForText("Items returned (25)");
    b.click("Next page");
    b.waitForText("Items returned (5)");
    assertThat(b.text(By.cssSelector("table.items"))).contains("29").doesNotContain("\n24 ");
    b.click("First page");
    b.waitForText("Items returned (25)");

    b.waitFor(d -> {
      d.findElement(By.tagName("summary")).click();
      return true;
    });
    b.tick("Query by key");
    b.type("Partition key: pk (S)", "p");
    b.choose("Sort key condition", "Begins with");
    b.type("Sort key: sk (S)", "1");
    b.click("Run");
    b.waitForText("Items returned (10)");
    assertThat(b.text(By.cssSelector("table.items"))).contains("10", "19").doesNotContain("20");

    b.tick("Scan the table");
    b.type("Attribute name", "n");
    b.choose("Condition", "Greater than");
    b.choose("Type", "N");
    b.type("Value", "25");
    b.click("Run");
    // As in DynamoDB, Limit counts the items read before the filter: the first page has none.
    b.waitForText("Items returned (0)");
    b.click("Next page");
    b.waitForText("Items returned (4)");
    assertThat(b.text(By.cssSelector("table.items"))).contains("26", "27", "28", "29");

    b.type("Value", "many");
    b.click("Run");
    b.waitForText("ValidationException: A value provided cannot be converted into a number");
  }

  @Test
  void theAttributeEditorWritesDynamoDbTypesAndTheJsonViewEditsThem() {
    table("Typed");
    Browser b = browser;
    b.open("/console/tables/Typed/items");
    b.click("Create item");
    b.type("Value of pk", "k");
    b.type("Value of sk", "1");
    String[][] attributes = {{"count", "N", "not a number"}, {"flag", "BOOL", "true"},
        {"tags", "SS", "[\"a\", \"b\"]"}, {"meta", "M", "{\"owner\": {\"S\": \"ops\"}}"}};
    for (int i = 0; i < attributes.length; i++) {
      b.click("Add attribute");
      String row = "new attribute " + (i + 3);
      b.type("Name of " + row, attributes[i][0]);
      b.choose("Type of " + row, attributes[i][1]);
      b.type("Value of " + row, attributes[i][2]);
    }
    b.click("Create item");
    b.waitForText("ValidationException: A value provided cannot be converted into a number");
    b.type("Value of count", "42");
    b.click("Create item");
    b.waitForText("Created item pk=k, sk=1.");
    Map<String, AttributeValue> stored = ddb.getItem(r -> r.tableName("Typed")
        .key(Map.of("pk", AttributeValue.fromS("k"), "sk", AttributeValue.fromS("1")))).item();
    assertThat(stored.get("count").n()).isEqualTo("42");
    assertThat(stored.get("flag").bool()).isTrue();
    assertThat(stored.get("tags").ss()).containsExactlyInAnyOrder("a", "b");
    assertThat(stored.get("meta").m().get("owner").s()).isEqualTo("ops");

    b.click("Edit item pk=k, sk=1");
    b.click("JSON view");
    String json = b.field("Item (DynamoDB JSON)").getAttribute("value");
    assertThat(json).contains("\"count\" : {\n    \"N\" : \"42\"").contains("\"SS\"");
    b.type("Item (DynamoDB JSON)", json.replace("\"42\"", "\"43\""));
    b.click("Save changes");
    b.waitForText("Saved item pk=k, sk=1.");
    assertThat(ddb.getItem(r -> r.tableName("Typed")
        .key(Map.of("pk", AttributeValue.fromS("k"), "sk", AttributeValue.fromS("1")))).item().get("count").n())
        .isEqualTo("43");

    // A duplicate that keeps the key would overwrite the item: DynamoDB's condition refuses it.
    b.click("Duplicate item pk=k, sk=1");
    b.click("Create item");
    b.waitForText("ConditionalCheckFailedException: The conditional request failed");
    assertThat(ddb.scan(r -> r.tableName("Typed")).count()).isEqualTo(1);
    assertThat(List.of(b.title())).containsExactly("Create item");
  }
}
