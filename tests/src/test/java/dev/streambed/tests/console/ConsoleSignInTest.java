package dev.streambed.tests.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.server.Config;
import dev.streambed.server.SecurityConfig;
import dev.streambed.tests.Clients;
import dev.streambed.tests.Streambed;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The console under {@code --auth strict} and {@code --iam enforce}: every page waits for a
 * sign-in with an access key pair, wrong keys are refused in AWS's words, and what a person
 * signed in may do is what their policies allow on the API.
 */
class ConsoleSignInTest {
  private static final String ROOT_KEY = "AKIAROOTEXAMPLE00001";
  private static final String ROOT_SECRET = "root/secret/example";
  private static final String ACCOUNT = "000000000000";
  private static Streambed streambed;
  private static Clients root;
  private static Browser browser;

  @BeforeAll
  static void start() {
    Config config = Config.defaults().withSecurity(SecurityConfig.open(Config.DEFAULT_MAX_BODY)
        .withStrictAuth(ROOT_KEY, ROOT_SECRET).withIamEnforced(true));
    streambed = Streambed.start(config, Clock.systemUTC());
    root = Clients.of(streambed.endpoint(), ROOT_KEY, ROOT_SECRET);
    root.dynamoDb().createTable(b -> b.tableName("UsersPost").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("user_id").attributeType("S"))
        .keySchema(k -> k.attributeName("user_id").keyType("HASH")));
    root.dynamoDb().putItem(b -> b.tableName("UsersPost").item(Map.of("user_id", AttributeValue.fromS("john"),
        "post", AttributeValue.fromS("written with the root key"))));
    browser = new Browser(streambed.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    browser.close();
    streambed.close();
  }

  @BeforeEach
  void signedOut() {
    browser.open("/console/static/console.css");
    browser.driver().manage().deleteAllCookies();
  }

  private static void signIn(String key, String secret) {
    browser.type("Access key ID", key);
    browser.type("Secret access key", secret);
    browser.press("Sign in");
  }

  @Test
  void aPageWaitsForTheSignInAndAWrongSecretGetsAwssWords() {
    browser.open("/console/tables/UsersPost/items");
    assertThat(browser.title()).isEqualTo("Sign in");
    assertThat(browser.driver().getCurrentUrl()).contains("/console/login");
    assertThat(browser.text()).doesNotContain("written with the root key");

    signIn(ROOT_KEY, "not-the-secret");
    browser.waitForText("InvalidSignatureException: The request signature we calculated does not match the "
        + "signature you provided. Check your AWS Secret Access Key and signing method.");
    assertThat(browser.title()).isEqualTo("Sign in");
    signIn("AKIANOBODYEXAMPLE002", "whatever");
    browser.waitForText("UnrecognizedClientException: The security token included in the request is invalid.");

    // The right keys lead back to the page first asked for.
    signIn(ROOT_KEY, ROOT_SECRET);
    browser.waitForText("written with the root key");
    assertThat(browser.driver().getCurrentUrl()).endsWith("/console/tables/UsersPost/items");
    browser.open("/console/");
    assertThat(browser.text(org.openqa.selenium.By.cssSelector("dl.facts"))).contains("Signed in as")
        .contains("arn:aws:iam::" + ACCOUNT + ":root");
    browser.screenshot("console-signed-in");

    browser.press("Sign out");
    browser.waitForText("You have signed out.");
    assertThat(browser.title()).isEqualTo("Sign in");
    browser.open("/console/tables");
    assertThat(browser.title()).isEqualTo("Sign in");
  }

  @Test
  void aReadOnlyUserBrowsesItemsAndIsRefusedCreatingOne() {
    var iam = root.iam();
    iam.createUser(b -> b.userName("reader"));
    iam.attachUserPolicy(b -> b.userName("reader").policyArn("arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"));
    var key = iam.createAccessKey(b -> b.userName("reader")).accessKey();

    browser.open("/console/tables");
    signIn(key.accessKeyId(), key.secretAccessKey());
    browser.waitForText("arn:aws:iam::" + ACCOUNT + ":user/reader");
    browser.click("UsersPost");
    browser.click("Items");
    browser.waitForText("written with the root key");

    browser.click("Create item");
    browser.type("Value of user_id", "mallory");
    browser.click("Create item");
    browser.waitForText("AccessDeniedException: User: arn:aws:iam::" + ACCOUNT + ":user/reader is not authorized to "
        + "perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/UsersPost "
        + "because no identity-based policy allows the dynamodb:PutItem action");
    browser.screenshot("console-access-denied");
    assertThat(root.dynamoDb().getItem(b -> b.tableName("UsersPost")
        .key(Map.of("user_id", AttributeValue.fromS("mallory")))).hasItem()).isFalse();

    // The policy lets the DynamoDB console list functions (lambda:ListFunctions), but nothing of Logs.
    browser.click("Functions");
    browser.waitForText("Create function");
    browser.click("Logs");
    browser.waitForText("AccessDeniedException: User: arn:aws:iam::" + ACCOUNT + ":user/reader is not authorized to "
        + "perform: logs:DescribeLogGroups on resource: * because no identity-based policy allows the "
        + "logs:DescribeLogGroups action");
  }

  @Test
  void anIamUsersKeysSignInAndActAsTheUser() {
    var iam = root.iam();
    iam.createUser(b -> b.userName("writer"));
    iam.attachUserPolicy(b -> b.userName("writer").policyArn("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"));
    var key = iam.createAccessKey(b -> b.userName("writer")).accessKey();

    browser.open("/console/tables/UsersPost/items/create");
    signIn(key.accessKeyId(), key.secretAccessKey());
    assertThat(browser.title()).isEqualTo("Create item");
    browser.type("Value of user_id", "written-in-the-console");
    browser.click("Create item");
    browser.waitForText("Created item user_id=written-in-the-console.");
    assertThat(browser.text()).contains("arn:aws:iam::" + ACCOUNT + ":user/writer");
    assertThat(root.dynamoDb().getItem(b -> b.tableName("UsersPost")
        .key(Map.of("user_id", AttributeValue.fromS("written-in-the-console")))).hasItem()).isTrue();
  }
}
