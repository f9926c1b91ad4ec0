package dev.streambed.tests.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.tests.Streambed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Tables in the console: created with keys, capacity and a stream, refused in DynamoDB's words,
 * their indexes shown, the list following tables created through the API, deleted only when
 * confirmed; and the pages used with the keyboard alone and at a phone's width.
 */
class ConsoleTablesTest {
  private static Streambed streambed;
  private static Browser browser;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    browser = new Browser(streambed.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    browser.close();
    streambed.close();
  }

  @Test
  void aTableIsCreatedWithItsKeysCapacityAndStream() {
    Browser b = browser;
    b.open("/console/tables/create");
    b.type("Table name", "a b");
    b.type("Partition key", "id");
    b.click("Create table");
    b.waitForText("ValidationException: 1 validation error detected: Value 'a b' at 'tableName' failed to satisfy "
        + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    b.type("Table name", "Events");
    b.choose("Partition key type", "Number");
    b.type("Sort key (optional)", "at");
    b.tick("Provisioned");
    b.type("Read capacity units (provisioned)", "7");
    b.type("Write capacity units (provisioned)", "3");
    b.tick("Turn on a stream of item changes");
    b.tick("Key attributes only");
    b.click("Create table");
    b.waitForText("Table Events was created.");
    TableDescription t = streambed.dynamoDb().describeTable(r -> r.tableName("Events")).table();
    assertThat(t.keySchema()).extracting(k -> k.attributeName() + " " + k.keyTypeAsString())
        .containsExactly("id HASH", "at RANGE");
    assertThat(t.attributeDefinitions()).extracting(a -> a.attributeName() + " " + a.attributeTypeAsString())
        .containsExactly("id N", "at S");
    assertThat(t.provisionedThroughput().readCapacityUnits()).isEqualTo(7);
    assertThat(t.streamSpecification().streamViewTypeAsString()).isEqualTo("KEYS_ONLY");
    assertThat(b.text(By.cssSelector("dl.facts"))).contains("id (N)", "at (S)", "Provisioned (7 read, 3 write units)",
        "KEYS_ONLY");

    b.click("Exports and streams");
    b.press("Turn off");
    b.waitForText("The stream of Events is off.");
    assertThat(streambed.dynamoDb().describeTable(r -> r.tableName("Events")).table().streamSpecification()).isNull();

    // Turned on again with the other view types, each a new stream, as DynamoDB makes it.
    for (String[] view : new String[][] {{"Old image: the entire item, as it appeared before it was modified", "OLD_IMAGE"},
        {"New image: the entire item, as it appears after it was modified", "NEW_IMAGE"}}) {
      b.click("Turn on");
      b.tick(view[0]);
      b.click("Turn on stream");
      b.waitForText("The stream of Events is on.");
      assertThat(b.text(By.cssSelector("[data-live=stream]"))).contains(view[1]);
      assertThat(streambed.dynamoDb().describeTable(r -> r.tableName("Events")).table().streamSpecification()
          .streamViewTypeAsString()).isEqualTo(view[1]);
      if (view[1].equals("OLD_IMAGE")) {
        b.press("Turn off");
        b.waitForText("The stream of Events is off.");
      }
    }
  }

  @Test
  void theListFollowsTablesCreatedThroughTheApiAndShowsTheirIndexes() {
    Browser b = browser;
    b.open("/console/tables");
    streambed.dynamoDb().createTable(r -> r.tableName("Indexed").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("email").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-email")
            .keySchema(KeySchemaElement.builder().attributeName("email").keyType(KeyType.HASH).build())
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
    b.waitForText("Indexed");
    b.click("Indexed");
    b.click("Indexes");
    assertThat(b.text(By.cssSelector("[data-live=indexes]"))).contains("by-email", "email (S)", "KEYS_ONLY");

    b.click("Overview");
    b.press("Delete table");
    b.waitForText("ValidationException: Tick the box to confirm that the table is to be deleted.");
    assertThat(streambed.dynamoDb().listTables().tableNames()).contains("Indexed");
    b.tick("Yes, delete Indexed and all of its items");
    b.press("Delete table");
    b.waitForText("Table Indexed was deleted.");
    assertThat(streambed.dynamoDb().listTables().tableNames()).doesNotContain("Indexed");
  }

  @Test
  void theKeyboardAloneReachesAndSubmitsAForm() {
    Browser b = browser;
    b.open("/console/");
    Actions keys = new Actions(b.driver());
    WebElement focused = null;
    for (int i = 0; i < 10; i++) {
      keys.sendKeys(Keys.TAB).perform();
      focused = b.driver().switchTo().activeElement();
      if ("Tables".equals(focused.getText())) {
        break;
      }
    }
    assertThat(focused.getText()).isEqualTo("Tables");
    keys.sendKeys(Keys.ENTER).perform();
    b.waitFor(d -> d.getCurrentUrl().endsWith("/console/tables"));
    b.find("Create table").sendKeys(Keys.ENTER);
    b.waitFor(d -> d.getCurrentUrl().endsWith("/tables/create"));
    keys.sendKeys(Keys.TAB).perform();
    WebElement field = b.driver().switchTo().activeElement();
    for (int i = 0; i < 20 && !"name".equals(field.getAttribute("name")); i++) {
      keys.sendKeys(Keys.TAB).perform();
      field = b.driver().switchTo().activeElement();
    }
    assertThat(field.getAttribute("name")).isEqualTo("name");
    keys.sendKeys("Typed").sendKeys(Keys.TAB).sendKeys("k").sendKeys(Keys.ENTER).perform();
    b.waitForText("Table Typed was created.");
  }

  @Test
  void pagesFitAPhonesWidth() {
    Browser b = browser;
    b.driver().manage().window().setSize(new Dimension(390, 844));
    try {
      for (String page : new String[] {"/console/", "/console/tables", "/console/tables/create", "/console/functions/create",
          "/console/logs"}) {
        b.open(page);
        Object overflow = ((JavascriptExecutor) b.driver()).executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as(page).isLessThanOrEqualTo(0);
      }
      b.open("/console/tables/create");
      b.screenshot("console-phone");
    } finally {
      b.driver().manage().window().setSize(new Dimension(1280, 800));
    }
  }
}
