package dev.streambed.tests.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.tests.Streambed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Functions in the console: created from scratch with an existing role, their code edited,
 * deployed and tested with the result and log tail shown, compiled runtimes' code shown only,
 * and triggers added with their settings, refused in AWS's words, enabled, disabled, deleted.
 */
class ConsoleFunctionsTest {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static Streambed streambed;
  private static Browser browser;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    browser = new Browser(streambed.endpoint().toString());
    IamClient iam = streambed.iam();
    iam.createRole(r -> r.roleName("stream-reader").assumeRolePolicyDocument(TRUST));
    iam.attachRolePolicy(r -> r.roleName("stream-reader")
        .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"));
  }

  @AfterAll
  static void stop() {
    browser.close();
    streambed.close();
  }

  private static void create(String name, String runtime) {
    Browser b = browser;
    b.open("/console/functions");
    b.click("Create function");
    b.type("Function name", name);
    b.choose("Runtime", runtime);
    b.tick("Use an existing role");
    b.choose("Existing role", "stream-reader");
    b.click("Create function");
    b.waitForText("Function " + name + " was created.");
  }

  @Test
  void codeIsEditedDeployedAndTested() {
    create("greeter", "python3.12");
    Browser b = browser;
    String code = b.field("lambda_function.py").getAttribute("value");
    assertThat(code).contains("Hello from Lambda!");
    b.type("lambda_function.py", code.replace("Hello from Lambda!", "Hello from the console!"));
    b.click("Deploy");
    b.waitForText("Deployed lambda_function.py to greeter.");
    assertThat(b.field("lambda_function.py").getAttribute("value")).contains("Hello from the console!");

    b.click("Test");
    b.choose("Event template", "Hello world");
    b.click("Use template");
    assertThat(b.field("Event JSON").getAttribute("value")).contains("\"key1\": \"value1\"");
    b.press("Test");
    b.waitForText("Execution result: succeeded");
    assertThat(b.text(By.id("test-response"))).contains("\"statusCode\" : 200").contains("Hello from the console!");
    assertThat(b.text(By.id("test-log"))).contains("START RequestId:").contains("Received event: {\"key1\": \"value1\"")
        .contains("END RequestId:").contains("REPORT RequestId:");
    b.screenshot("console-test");

    b.click("Code");
    b.type("lambda_function.py", "def lambda_handler(event, context):\n    raise ValueError('no such post')\n");
    b.click("Deploy");
    b.waitForText("Deployed lambda_function.py to greeter.");
    b.click("Test");
    b.press("Test");
    b.waitForText("Execution result: failed");
    assertThat(b.text(By.id("test-response"))).contains("\"errorMessage\" : \"no such post\"")
        .contains("\"errorType\" : \"ValueError\"");

    b.type("Event JSON", "{not json");
    b.press("Test");
    b.waitForText("InvalidRequestContentException");
  }

  @Test
  void compiledCodeIsShownNotEdited() {
    create("hello-java", "java21");
    assertThat(browser.text()).contains("example/Hello.class").contains("is binary");
    assertThat(browser.driver().findElements(By.xpath("//button[normalize-space(.)='Deploy']"))).isEmpty();
  }

  @Test
  void triggersTakeTheirSettingsAndAreEnabledDisabledAndDeleted() {
    streambed.dynamoDb().createTable(r -> r.tableName("Orders").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
    create("order-handler", "python3.12");
    Browser b = browser;
    b.click("Triggers");
    b.click("Add trigger");
    b.choose("DynamoDB table", "Orders (stream: NEW_IMAGE)");
    b.type("Batch size", "0");
    b.click("Add");
    b.waitForText("1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: "
        + "Member must have value greater than or equal to 1");
    b.type("Batch size", "10");
    b.type("Batch window (seconds)", "5");
    b.type("Retry attempts", "2");
    b.type("Maximum age of record (seconds)", "30");
    b.tick("Split batch on error");
    b.tick("Trim horizon: every record still in the stream");
    b.click("Add");
    b.waitForText("InvalidParameterValueException: MaximumRecordAgeInSeconds must be either -1 (forever) or between "
        + "60 and 604800 (inclusive)");
    b.type("Maximum age of record (seconds)", "60");
    // Records given up on go to a queue: the role must be allowed to send to it, as AWS checks.
    String queueUrl = streambed.sqs().createQueue(r -> r.queueName("order-failures")).queueUrl();
    String queueArn = streambed.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    b.type("On-failure destination (optional)", queueArn);
    b.tick("Report batch item failures");
    b.type("Filter pattern (optional)", "{\"eventName\": [\"INSERT\"]}");
    b.click("Add");
    b.waitForText("InvalidParameterValueException: The provided execution role does not have permissions to call "
        + "SendMessage on SQS");
    streambed.iam().putRolePolicy(r -> r.roleName("stream-reader").policyName("send-failures").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\","
        + "\"Resource\":\"" + queueArn + "\"}]}"));
    b.click("Add");
    b.waitForText("The trigger was added to order-handler.");
    assertThat(b.text(By.cssSelector("table.triggers"))).contains("Orders", "Enabled", "10", "TRIM_HORIZON", "5 s");
    EventSourceMappingConfiguration m = streambed.lambda().listEventSourceMappings(r -> r.functionName("order-handler"))
        .eventSourceMappings().get(0);
    assertThat(m.batchSize()).isEqualTo(10);
    assertThat(m.maximumBatchingWindowInSeconds()).isEqualTo(5);
    assertThat(m.maximumRetryAttempts()).isEqualTo(2);
    assertThat(m.maximumRecordAgeInSeconds()).isEqualTo(60);
    assertThat(m.bisectBatchOnFunctionError()).isTrue();
    assertThat(m.functionResponseTypesAsStrings()).containsExactly("ReportBatchItemFailures");
    assertThat(m.destinationConfig().onFailure().destination()).isEqualTo(queueArn);
    assertThat(m.filterCriteria().filters()).extracting(f -> f.pattern()).containsExactly("{\"eventName\": [\"INSERT\"]}");

    b.click("Disable trigger Orders");
    b.waitForText("The trigger of order-handler on Orders is disabled.");
    assertThat(streambed.lambda().getEventSourceMapping(r -> r.uuid(m.uuid())).state()).isEqualTo("Disabled");
    b.click("Enable trigger Orders");
    b.waitForText("The trigger of order-handler on Orders is enabled.");
    assertThat(b.text(By.cssSelector("table.triggers"))).contains("Enabled");
    b.click("Delete trigger Orders");
    b.waitForText("The trigger of order-handler on Orders was deleted.");
    assertThat(streambed.lambda().listEventSourceMappings(r -> r.functionName("order-handler")).eventSourceMappings()).isEmpty();

    // A trigger added without "Activate trigger" is created disabled.
    b.click("Add trigger");
    b.choose("DynamoDB table", "Orders (stream: NEW_IMAGE)");
    b.untick("Activate trigger");
    b.click("Add");
    b.waitForText("The trigger was added to order-handler.");
    assertThat(b.text(By.cssSelector("table.triggers"))).contains("Orders", "Disabled", "100", "LATEST");
    assertThat(streambed.lambda().listEventSourceMappings(r -> r.functionName("order-handler")).eventSourceMappings())
        .extracting(EventSourceMappingConfiguration::state).containsExactly("Disabled");
  }
}
