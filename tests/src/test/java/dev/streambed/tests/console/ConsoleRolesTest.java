package dev.streambed.tests.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.tests.Streambed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import software.amazon.awssdk.services.iam.IamClient;

/** Roles in the console: listed, shown with attached and inline policies, policies attached by search and detached. */
class ConsoleRolesTest {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String INLINE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";
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
  void policiesAreShownAttachedBySearchAndDetached() {
    IamClient iam = streambed.iam();
    iam.createRole(r -> r.roleName("worker").path("/service-role/").assumeRolePolicyDocument(TRUST));
    iam.putRolePolicy(r -> r.roleName("worker").policyName("send-to-queue").policyDocument(INLINE));
    iam.attachRolePolicy(r -> r.roleName("worker")
        .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
    Browser b = browser;
    b.open("/console/");
    b.click("Roles");
    assertThat(b.text(By.tagName("table"))).contains("worker", "/service-role/", "lambda.amazonaws.com");
    b.click("worker");
    String policies = b.text(By.cssSelector("table.policies"));
    assertThat(policies).contains("AWSLambdaBasicExecutionRole", "AWS managed", "send-to-queue", "Customer inline",
        "sqs:SendMessage");

    b.click("Attach policies");
    b.type("Search policies by name", "sqs");
    b.click("Search");
    assertThat(b.text(By.cssSelector("form.panel"))).contains("AWSLambdaSQSQueueExecutionRole")
        .doesNotContain("AWSLambdaBasicExecutionRole").doesNotContain("AmazonDynamoDBReadOnlyAccess");
    b.press("Attach policies");
    b.waitForText("ValidationException: Choose at least one policy to attach.");
    b.tick("AWSLambdaSQSQueueExecutionRole (AWS managed)");
    b.press("Attach policies");
    b.waitForText("Attached AWSLambdaSQSQueueExecutionRole to worker.");
    assertThat(iam.listAttachedRolePolicies(r -> r.roleName("worker")).attachedPolicies())
        .extracting(p -> p.policyName()).contains("AWSLambdaSQSQueueExecutionRole");

    // Detached from the role's policies narrowed by a search of their names.
    b.type("Search attached policies", "basic");
    b.press("Search");
    b.waitFor(d -> d.getCurrentUrl().contains("q=basic") ? true : null);
    assertThat(b.text(By.cssSelector("table.policies"))).contains("AWSLambdaBasicExecutionRole")
        .doesNotContain("AWSLambdaSQSQueueExecutionRole").doesNotContain("send-to-queue");
    b.click("Detach AWSLambdaBasicExecutionRole");
    b.waitForText("Detached AWSLambdaBasicExecutionRole from worker.");
    assertThat(b.text()).contains("No policy of the role matches the search.");
    b.type("Search attached policies", "");
    b.press("Search");
    b.waitForText("send-to-queue");
    assertThat(iam.listAttachedRolePolicies(r -> r.roleName("worker")).attachedPolicies())
        .extracting(p -> p.policyName()).containsExactly("AWSLambdaSQSQueueExecutionRole");

    b.click("AWSLambdaSQSQueueExecutionRole");
    assertThat(b.text()).contains("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole")
        .contains("sqs:ReceiveMessage");
  }
}
