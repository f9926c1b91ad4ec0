package dev.streambed.tests.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.tests.Streambed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The DynamoDB Streams and Lambda tutorial, done in the console by clicks alone, as its reader
 * would do it in the AWS console: the table and its stream, the function from the blueprint with
 * a new role, the trigger refused while the role lacks the stream's permissions, the policies
 * attached from the role's page, the trigger added, an item edited, duplicated and deleted, the
 * function's MODIFY, INSERT and REMOVE lines read in the log view, and the trigger disabled and
 * deleted.
 */
class ConsoleTutorialTest {
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
  void theTutorialByClicks() {
    Browser b = browser;
    b.open("/console/");
    assertThat(b.text()).contains(streambed.endpoint().toString()).contains("us-east-1").contains("000000000000")
        .contains("--endpoint-url " + streambed.endpoint());
    b.screenshot("console-home");

    // The table of the tutorial, with three posts.
    b.click("Tables");
    b.click("Create table");
    b.type("Table name", "UsersPost");
    b.type("Partition key", "user_id");
    b.type("Sort key (optional)", "post_id");
    b.click("Create table");
    b.waitForText("Table UsersPost was created.");
    b.click("Items");
    for (String[] post : new String[][] {{"john", "1", "Hello, world"}, {"john", "2", "My second post"},
        {"alice", "1", "Hi from Alice"}}) {
      b.click("Create item");
      b.type("Value of user_id", post[0]);
      b.type("Value of post_id", post[1]);
      b.click("Add attribute");
      b.type("Name of new attribute 3", "post_content");
      b.type("Value of new attribute 3", post[2]);
      b.click("Create item");
      b.waitForText("Created item user_id=" + post[0] + ", post_id=" + post[1] + ".");
    }
    assertThat(b.text(By.cssSelector("[data-live=items]"))).contains("Hello, world", "My second post", "Hi from Alice");
    b.screenshot("console-items");

    // Step 1: the stream, with new and old images.
    b.click("Exports and streams");
    assertThat(b.text(By.cssSelector("[data-live=stream]"))).contains("Status\nOff");
    b.click("Turn on");
    b.tick("New and old images: both the new and the old images of the item");
    b.click("Turn on stream");
    b.waitForText("The stream of UsersPost is on.");
    assertThat(b.text(By.cssSelector("[data-live=stream]"))).contains("NEW_AND_OLD_IMAGES")
        .contains("arn:aws:dynamodb:us-east-1:000000000000:table/UsersPost/stream/");

    // Step 2: the function from the blueprint, with a new role of basic Lambda permissions.
    b.click("Functions");
    b.click("Create function");
    b.click("Use a blueprint");
    b.waitForText("hello-world-python3");
    b.type("Search blueprints", "dynamodb");
    b.click("Search");
    b.waitForText("Blueprints (3)");
    assertThat(b.text(By.cssSelector("form.panel fieldset"))).contains("dynamodb-process-stream-python3",
        "dynamodb-process-stream-nodejs", "dynamodb-process-stream-java").doesNotContain("hello-world");
    b.tick("dynamodb-process-stream-python3 (python3.12)");
    b.type("Function name", "LambdaDemoDynamoDBStream");
    b.tick("Create a new role with basic Lambda permissions");
    b.screenshot("console-create-function");
    b.click("Create function");
    b.waitForText("Function LambdaDemoDynamoDBStream was created, with the role LambdaDemoDynamoDBStream-role-");
    assertThat(b.text()).contains("lambda_function.py").contains("DynamoDB Record: ");
    b.screenshot("console-function-code");
    b.click("Functions");
    assertThat(b.text(By.tagName("table"))).contains("LambdaDemoDynamoDBStream", "python3.12",
        "lambda_function.lambda_handler");
    b.click("LambdaDemoDynamoDBStream");

    // Step 3, too early: the role cannot read the stream, and the trigger is refused as AWS refuses it.
    b.click("Triggers");
    b.click("Add trigger");
    b.choose("DynamoDB table", "UsersPost (stream: NEW_AND_OLD_IMAGES)");
    assertThat(b.field("Batch size").getAttribute("value")).isEqualTo("100");
    assertThat(b.field("Latest: only records written from now on").isSelected()).isTrue();
    b.click("Add");
    b.waitForText("InvalidParameterValueException: Cannot access stream arn:aws:dynamodb:us-east-1:000000000000:"
        + "table/UsersPost/stream/");
    assertThat(b.text(By.cssSelector("[role=alert]"))).endsWith("Please ensure the role can perform the GetRecords, "
        + "GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.");
    b.screenshot("console-trigger-refused");

    // Step 2, permissions: from the function's Configuration > Permissions to its role.
    b.click("LambdaDemoDynamoDBStream");
    b.click("Configuration");
    b.click("Permissions");
    assertThat(b.text()).contains("AWSLambdaBasicExecutionRole").contains("logs:CreateLogGroup");
    b.screenshot("console-permissions");
    b.clickStartingWith("LambdaDemoDynamoDBStream-role-");
    b.click("Attach policies");
    b.type("Search policies by name", "DynamoDB");
    b.click("Search");
    b.tick("AWSLambdaDynamoDBExecutionRole (AWS managed)");
    b.tick("AmazonDynamoDBReadOnlyAccess (AWS managed)");
    b.click("Attach policies");
    b.waitForText("Attached AmazonDynamoDBReadOnlyAccess, AWSLambdaDynamoDBExecutionRole to LambdaDemoDynamoDBStream-role-");
    assertThat(b.text(By.cssSelector("table.policies"))).contains("AWSLambdaBasicExecutionRole",
        "AWSLambdaDynamoDBExecutionRole", "AmazonDynamoDBReadOnlyAccess", "dynamodb:GetRecords");
    b.screenshot("console-role");

    // Step 3: the trigger, batch size 100, starting position LATEST, enabled.
    b.click("Functions");
    b.click("LambdaDemoDynamoDBStream");
    b.click("Triggers");
    b.click("Add trigger");
    b.choose("DynamoDB table", "UsersPost (stream: NEW_AND_OLD_IMAGES)");
    b.type("Batch size", "100");
    b.tick("Latest: only records written from now on");
    b.tick("Activate trigger");
    b.click("Add");
    b.waitForText("The trigger was added to LambdaDemoDynamoDBStream.");
    assertThat(b.text(By.cssSelector("table.triggers"))).contains("UsersPost", "Enabled", "100", "LATEST");

    // Step 4: update John's second post, duplicate it as a post of Alice's, delete that one.
    b.click("Tables");
    b.click("UsersPost");
    b.click("Items");
    b.click("Edit item user_id=john, post_id=2");
    b.type("Value of post_content", "My second post, edited");
    b.screenshot("console-item-editor");
    b.click("Save changes");
    b.waitForText("Saved item user_id=john, post_id=2.");
    b.click("Duplicate item user_id=john, post_id=2");
    b.type("Value of user_id", "alice");
    b.click("Create item");
    b.waitForText("Created item user_id=alice, post_id=2.");
    b.click("Delete item user_id=alice, post_id=2");
    b.click("Delete");
    b.waitForText("Deleted item user_id=alice, post_id=2.");

    // The function's log: one line per change, read in the log view as the events arrive.
    b.click("Logs");
    b.click("/aws/lambda/LambdaDemoDynamoDBStream");
    b.clickStartingWith("20");
    b.waitForText("MODIFY");
    b.waitForText("INSERT");
    b.waitForText("REMOVE");
    String log = b.text(By.cssSelector("[data-live=events]"));
    assertThat(log.indexOf("MODIFY")).isLessThan(log.indexOf("INSERT"));
    assertThat(log.indexOf("INSERT")).isLessThan(log.indexOf("REMOVE"));
    assertThat(log).contains("\"OldImage\"").contains("My second post, edited");
    b.screenshot("console-log-events");

    // Step 5: disable the trigger, then delete it, from the table's Exports and streams tab.
    b.click("Tables");
    b.click("UsersPost");
    b.click("Exports and streams");
    assertThat(b.text(By.cssSelector("table.triggers"))).contains("LambdaDemoDynamoDBStream", "Enabled");
    b.screenshot("console-streams");
    b.click("Disable trigger LambdaDemoDynamoDBStream");
    b.waitForText("The trigger of LambdaDemoDynamoDBStream on UsersPost is disabled.");
    assertThat(b.text(By.cssSelector("table.triggers"))).contains("Disabled");
    b.click("Delete trigger LambdaDemoDynamoDBStream");
    b.waitForText("The trigger of LambdaDemoDynamoDBStream on UsersPost was deleted.");
    assertThat(b.text(By.cssSelector("[data-live=triggers]"))).isEqualTo("No triggers.");
    assertThat(streambed.lambda().listEventSourceMappings().eventSourceMappings()).isEmpty();
  }
}
