package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.time.MutableClock;
import dev.streambed.server.Config;
import dev.streambed.server.SecurityConfig;
import dev.streambed.server.auth.AuthFailure;
import dev.streambed.server.auth.ConsoleLogin;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code --auth strict} through the real SDK, which signs every request: the root key pair, IAM
 * users' keys and STS credentials are accepted on every service, and unknown keys, wrong secrets,
 * missing or partial signatures, expired tokens and skewed clocks are refused with each protocol's
 * error, code, status and message.
 */
class StrictAuthTest {
  static final String ROOT_KEY = "AKIAROOTEXAMPLE00001";
  static final String ROOT_SECRET = "root/secret/example";
  private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";

  private static MutableClock clock;
  private static Streambed streambed;
  private static Clients root;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    streambed = Streambed.start(strict(), clock);
    root = Clients.of(streambed.endpoint(), ROOT_KEY, ROOT_SECRET);
  }

  static Config strict() {
    return Config.defaults().withSecurity(SecurityConfig.open(Config.DEFAULT_MAX_BODY)
        .withStrictAuth(ROOT_KEY, ROOT_SECRET));
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private static AwsServiceException refusal(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      return e;
    }
    throw new AssertionError("the call was not refused");
  }

  @Test
  void theRootKeyPairSignsForEveryService() {
    var ddb = root.dynamoDb();
    ddb.createTable(b -> b.tableName("strict_t").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH")));
    assertThat(ddb.listTables().tableNames()).contains("strict_t");
    assertThat(root.streams().listStreams().streams()).isNotNull();
    assertThat(root.logs().describeLogGroups().logGroups()).isNotNull();
    assertThat(root.sqs().listQueues().queueUrls()).isNotNull();
    assertThat(root.iam().listRoles().roles()).isNotNull();
    assertThat(root.lambda().listFunctions().functions()).isNotNull();
    assertThat(root.sts().getCallerIdentity().arn()).isEqualTo("arn:aws:iam::000000000000:root");
    // A path with escapes (a function named by its ARN) is signed over its encoding, encoded again.
    AwsServiceException missing = refusal(() -> root.lambda().getFunction(b -> b
        .functionName("arn:aws:lambda:us-east-1:000000000000:function:no-such:$LATEST")));
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void anUnknownKeyIsRefusedInEachProtocolsWords() {
    Clients stranger = Clients.of(streambed.endpoint(), "AKIANOBODYEXAMPLE001", "whatever");
    String invalid = "The security token included in the request is invalid.";
    AwsServiceException ddb = refusal(() -> stranger.dynamoDb().listTables());
    assertThat(ddb.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
    assertThat(ddb.awsErrorDetails().errorMessage()).isEqualTo(invalid);
    assertThat(ddb.statusCode()).isEqualTo(400);
    AwsServiceException logs = refusal(() -> stranger.logs().describeLogGroups());
    assertThat(logs.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
    AwsServiceException streams = refusal(() -> stranger.streams().listStreams());
    assertThat(streams.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
    AwsServiceException lambda = refusal(() -> stranger.lambda().listFunctions());
    assertThat(lambda.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
    assertThat(lambda.awsErrorDetails().errorMessage()).isEqualTo(invalid);
    assertThat(lambda.statusCode()).isEqualTo(403);
    AwsServiceException sts = refusal(() -> stranger.sts().getCallerIdentity());
    assertThat(sts.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
    assertThat(sts.awsErrorDetails().errorMessage()).isEqualTo(invalid);
    assertThat(sts.statusCode()).isEqualTo(403);
    AwsServiceException iam = refusal(() -> stranger.iam().listRoles());
    assertThat(iam.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
    AwsServiceException sqs = refusal(() -> stranger.sqs().listQueues());
    assertThat(sqs.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
    assertThat(sqs.awsErrorDetails().errorMessage()).isEqualTo(invalid);
  }

  @Test
  void aWrongSecretIsASignatureMismatch() {
    Clients wrong = Clients.of(streambed.endpoint(), ROOT_KEY, "not-the-secret");
    String mismatch = "The request signature we calculated does not match the signature you provided. Check your "
        + "AWS Secret Access Key and signing method. Consult the service documentation for details.";
    AwsServiceException ddb = refusal(() -> wrong.dynamoDb().listTables());
    assertThat(ddb.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
    assertThat(ddb.awsErrorDetails().errorMessage()).isEqualTo(mismatch);
    AwsServiceException sts = refusal(() -> wrong.sts().getCallerIdentity());
    assertThat(sts.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
    assertThat(sts.awsErrorDetails().errorMessage()).isEqualTo(mismatch);
    AwsServiceException lambda = refusal(() -> wrong.lambda().listFunctions());
    assertThat(lambda.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
    assertThat(lambda.statusCode()).isEqualTo(403);
    AwsServiceException sqs = refusal(() -> wrong.sqs().listQueues());
    assertThat(sqs.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void anIamUsersAccessKeySignsAsThatUser() {
    var iam = root.iam();
    iam.createUser(b -> b.userName("alice"));
    var key = iam.createAccessKey(b -> b.userName("alice")).accessKey();
    Clients alice = Clients.of(streambed.endpoint(), key.accessKeyId(), key.secretAccessKey());
    assertThat(alice.sts().getCallerIdentity().arn()).isEqualTo("arn:aws:iam::000000000000:user/alice");
    assertThat(alice.dynamoDb().listTables().tableNames()).isNotNull();
    iam.deleteAccessKey(b -> b.userName("alice").accessKeyId(key.accessKeyId()));
    assertThat(refusal(() -> alice.dynamoDb().listTables()).awsErrorDetails().errorCode())
        .isEqualTo("UnrecognizedClientException");
  }

  @Test
  void temporaryCredentialsNeedTheirTokenAndExpire() {
    root.iam().createRole(b -> b.roleName("strict-session-role").assumeRolePolicyDocument(TRUST_ACCOUNT));
    Credentials c = root.sts().assumeRole(b -> b.roleArn("arn:aws:iam::000000000000:role/strict-session-role")
        .roleSessionName("s1").durationSeconds(900)).credentials();
    Clients session = Clients.of(streambed.endpoint(), c);
    assertThat(session.sts().getCallerIdentity().arn())
        .isEqualTo("arn:aws:sts::000000000000:assumed-role/strict-session-role/s1");
    assertThat(session.dynamoDb().listTables().tableNames()).isNotNull();

    Clients noToken = Clients.of(streambed.endpoint(), c.accessKeyId(), c.secretAccessKey());
    assertThat(refusal(() -> noToken.dynamoDb().listTables()).awsErrorDetails().errorCode())
        .isEqualTo("UnrecognizedClientException");

    Credentials later = root.sts().assumeRole(b -> b.roleArn("arn:aws:iam::000000000000:role/strict-session-role")
        .roleSessionName("s2").durationSeconds(900)).credentials();
    // Past its expiration, and so that the SDK's signing time is within the server's 15 minutes.
    Clock shifted = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16));
    clock.advance(Duration.ofMinutes(16));
    try {
      HttpResponse<String> expired = Signing.send(Signing.post(streambed.endpoint(),
          Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "DynamoDB_20120810.ListTables",
              "X-Amz-Security-Token", later.sessionToken()), "{}", "dynamodb", later.accessKeyId(),
          later.secretAccessKey(), shifted), "{}");
      assertThat(expired.statusCode()).isEqualTo(400);
      assertThat(expired.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#ExpiredTokenException\","
          + "\"message\":\"The security token included in the request is expired\"}");
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      clock.advance(Duration.ofMinutes(-16));
    }
  }

  @Test
  void aClockMoreThanFifteenMinutesOffIsRefused() {
    Instant now = clock.instant();
    clock.advance(Duration.ofMinutes(20));
    try {
      AwsServiceException late = refusal(() -> root.dynamoDb().listTables());
      assertThat(late.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
      Instant server = now.plus(Duration.ofMinutes(20));
      assertThat(late.awsErrorDetails().errorMessage()).matches("Signature expired: \\d{8}T\\d{6}Z is now earlier than "
          + BASIC.format(server.minus(Duration.ofMinutes(15))) + " \\(" + BASIC.format(server) + " - 15 min\\.\\)");
      AwsServiceException sts = refusal(() -> root.sts().getCallerIdentity());
      assertThat(sts.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
      assertThat(sts.statusCode()).isEqualTo(403);
    } finally {
      clock.advance(Duration.ofMinutes(-20));
    }
    clock.advance(Duration.ofMinutes(-20));
    try {
      Instant server = now.minus(Duration.ofMinutes(20));
      AwsServiceException early = refusal(() -> root.dynamoDb().listTables());
      assertThat(early.awsErrorDetails().errorMessage()).matches("Signature not yet current: \\d{8}T\\d{6}Z is still "
          + "later than " + BASIC.format(server.plus(Duration.ofMinutes(15))) + " \\(" + BASIC.format(server)
          + " \\+ 15 min\\.\\)");
    } finally {
      clock.advance(Duration.ofMinutes(20));
    }
  }

  @Test
  void anUnsignedRequestIsMissingItsToken() throws Exception {
    URI e = streambed.endpoint();
    HttpResponse<String> ddb = Signing.raw(e, "POST", Map.of("Content-Type", "application/x-amz-json-1.0",
        "X-Amz-Target", "DynamoDB_20120810.ListTables"), "{}");
    assertThat(ddb.statusCode()).isEqualTo(400);
    assertThat(ddb.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#MissingAuthenticationTokenException\","
        + "\"message\":\"Request is missing Authentication Token\"}");
    HttpResponse<String> lambda = Signing.raw(e.resolve("/2015-03-31/functions/"), "GET", Map.of(), "");
    assertThat(lambda.statusCode()).isEqualTo(403);
    assertThat(lambda.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
    assertThat(lambda.body()).contains("\"message\":\"Missing Authentication Token\"");
    HttpResponse<String> sts = Signing.raw(e, "POST", Map.of("Content-Type", "application/x-www-form-urlencoded"),
        "Action=GetCallerIdentity&Version=2011-06-15");
    assertThat(sts.statusCode()).isEqualTo(403);
    assertThat(sts.body()).contains("<Code>MissingAuthenticationToken</Code>")
        .contains("<Message>Request is missing Authentication Token</Message>");
    // DynamoDB's health check answers anyone, as it does on AWS.
    assertThat(Signing.get(e).statusCode()).isEqualTo(200);
  }

  @Test
  void aPartialAuthorizationHeaderIsAnIncompleteSignature() throws Exception {
    String header = "AWS4-HMAC-SHA256 Credential=" + ROOT_KEY + "/20250101/us-east-1/dynamodb/aws4_request";
    HttpResponse<String> r = Signing.raw(streambed.endpoint(), "POST", Map.of("Content-Type",
        "application/x-amz-json-1.0", "X-Amz-Target", "DynamoDB_20120810.ListTables", "Authorization", header,
        "X-Amz-Date", "20250101T000000Z"), "{}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#IncompleteSignatureException\","
        + "\"message\":\"Authorization header requires 'Signature' parameter. Authorization header requires "
        + "'SignedHeaders' parameter. Authorization=" + header + "\"}");
  }

  @Test
  void aBodyChangedAfterSigningOrAScopeForAnotherServiceIsRefused() throws Exception {
    Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.0",
        "X-Amz-Target", "DynamoDB_20120810.DescribeTable");
    SdkHttpRequest signed = Signing.post(streambed.endpoint(), headers, "{\"TableName\":\"aaa\"}", "dynamodb",
        ROOT_KEY, ROOT_SECRET, Clock.systemUTC());
    assertThat(Signing.send(signed, "{\"TableName\":\"aaa\"}").body()).contains("ResourceNotFoundException");
    HttpResponse<String> tampered = Signing.send(signed, "{\"TableName\":\"bbb\"}");
    assertThat(tampered.body()).contains("com.amazon.coral.service#InvalidSignatureException")
        .contains("The request signature we calculated does not match");
    SdkHttpRequest forSqs = Signing.post(streambed.endpoint(), headers, "{\"TableName\":\"aaa\"}", "sqs",
        ROOT_KEY, ROOT_SECRET, Clock.systemUTC());
    assertThat(Signing.send(forSqs, "{\"TableName\":\"aaa\"}").body())
        .isEqualTo("{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\","
            + "\"message\":\"Credential should be scoped to correct service: 'dynamodb'. \"}");
  }

  @Test
  void aPresignedUrlWorksUntilItExpires() throws Exception {
    URI url = Signing.presign(streambed.endpoint(), "/?Action=GetCallerIdentity&Version=2011-06-15", "sts",
        ROOT_KEY, ROOT_SECRET, null, clock, Duration.ofMinutes(5));
    assertThat(url.getRawQuery()).contains("X-Amz-Signature=");
    HttpResponse<String> ok = Signing.get(url);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).contains("<Arn>arn:aws:iam::000000000000:root</Arn>");
    clock.advance(Duration.ofMinutes(6));
    try {
      HttpResponse<String> expired = Signing.get(url);
      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(expired.body()).contains("<Code>SignatureDoesNotMatch</Code>").contains("Signature expired: ");
    } finally {
      clock.advance(Duration.ofMinutes(-6));
    }
    URI altered = URI.create(url.toString().replace("GetCallerIdentity", "GetSessionToken"));
    assertThat(Signing.get(altered).body()).contains("<Code>SignatureDoesNotMatch</Code>");
  }

  @Test
  void theRuntimeApiIsNotServedToApiKeysEvenTheRootsOwn() throws Exception {
    // Each execution environment has its Runtime API on a loopback port of its own; the API
    // endpoint does not serve it to any key, as AWS's Runtime API is only inside the sandbox.
    for (String path : new String[] {"/2018-06-01/runtime/invocation/next", "/2018-06-01/runtime/init/error"}) {
      URI signed = Signing.presign(streambed.endpoint(), path, "lambda", ROOT_KEY, ROOT_SECRET, null, clock,
          Duration.ofMinutes(5));
      HttpResponse<String> r = Signing.get(signed);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("UnknownOperationException");
      HttpResponse<String> posted = Signing.send(Signing.postTo(streambed.endpoint().resolve(path),
          Map.of("Content-Type", "application/json"), "{}", "lambda", ROOT_KEY, ROOT_SECRET, Clock.systemUTC()), "{}");
      assertThat(posted.statusCode()).isEqualTo(400);
      assertThat(posted.body()).contains("UnknownOperationException");
    }
  }

  @Test
  void anApiCallSentToTheConsolesPathStillNeedsItsSignature() throws Exception {
    URI console = streambed.endpoint().resolve("/console");
    String create = "{\"TableName\":\"console_bypass\",\"BillingMode\":\"PAY_PER_REQUEST\","
        + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],"
        + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]}";
    // Naming the root's key, with a signature nobody computed.
    String now = BASIC.format(clock.instant());
    HttpResponse<String> ddb = Signing.raw(console, "POST", Map.of("Content-Type", "application/x-amz-json-1.0",
        "X-Amz-Target", "DynamoDB_20120810.CreateTable", "X-Amz-Date", now, "Authorization",
        "AWS4-HMAC-SHA256 Credential=" + ROOT_KEY + "/" + now.substring(0, 8)
            + "/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"), create);
    assertThat(ddb.statusCode()).isEqualTo(400);
    assertThat(ddb.body()).contains("com.amazon.coral.service#InvalidSignatureException");
    HttpResponse<String> unsigned = Signing.raw(console.resolve("/console/x"), "POST", Map.of("Content-Type",
        "application/x-amz-json-1.0", "X-Amz-Target", "DynamoDB_20120810.CreateTable"), create);
    assertThat(unsigned.body()).contains("MissingAuthenticationTokenException");
    HttpResponse<String> sts = Signing.raw(URI.create(console + "?Action=GetCallerIdentity&Version=2011-06-15"), "GET",
        Map.of(), "");
    assertThat(sts.statusCode()).isEqualTo(403);
    assertThat(sts.body()).contains("<Code>MissingAuthenticationToken</Code>");
    assertThat(root.dynamoDb().listTables().tableNames()).doesNotContain("console_bypass");
  }

  @Test
  void theConsoleServesNoPageWithoutASignedInSession() throws Exception {
    URI base = streambed.endpoint();
    root.dynamoDb().createTable(b -> b.tableName("console_pages").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH")));
    // A page asked for without a session is the sign-in page's, which comes back to it after.
    HttpResponse<String> page = Signing.raw(base.resolve("/console/tables"), "GET", Map.of(), "");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/console/login?next=%2Fconsole%2Ftables");
    assertThat(page.body()).doesNotContain("console_pages");
    // A session id made up, or one the console gave out but never signed in, is not signed in.
    String madeUp = "streambed-console=" + "a".repeat(32);
    assertThat(Signing.raw(base.resolve("/console/tables/console_pages"), "GET", Map.of("Cookie", madeUp), "")
        .statusCode()).isEqualTo(303);
    assertThat(Signing.raw(base.resolve("/console/events?topic=tables"), "GET", Map.of("Cookie", madeUp), "")
        .statusCode()).isEqualTo(403);
    HttpResponse<String> delete = Signing.raw(base.resolve("/console/tables/console_pages/delete"), "POST",
        Map.of("Cookie", madeUp, "Content-Type", "application/x-www-form-urlencoded"), "confirm=console_pages");
    assertThat(delete.statusCode()).isEqualTo(303);
    assertThat(delete.headers().firstValue("Location")).hasValue("/console/login");
    assertThat(root.dynamoDb().listTables().tableNames()).contains("console_pages");

    // The sign-in form is a form like any other: its session's token, from the console's origin.
    HttpResponse<String> form = Signing.raw(base.resolve("/console/login"), "GET", Map.of(), "");
    assertThat(form.statusCode()).isEqualTo(200);
    String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
        .matcher(form.body());
    assertThat(token.find()).isTrue();
    String keys = "accessKeyId=" + ROOT_KEY + "&secretAccessKey=" + java.net.URLEncoder.encode(ROOT_SECRET,
        java.nio.charset.StandardCharsets.UTF_8);
    Map<String, String> formHeaders = Map.of("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded");
    HttpResponse<String> noToken = Signing.raw(base.resolve("/console/login"), "POST", formHeaders, keys);
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("The form's token is missing or stale");
    HttpResponse<String> otherSite = Signing.raw(base.resolve("/console/login"), "POST", Map.of("Cookie", cookie,
        "Content-Type", "application/x-www-form-urlencoded", "Origin", "http://evil.example"),
        keys + "&_csrf=" + token.group(1));
    assertThat(otherSite.statusCode()).isEqualTo(403);
    HttpResponse<String> signedIn = Signing.raw(base.resolve("/console/login"), "POST", formHeaders,
        keys + "&_csrf=" + token.group(1) + "&next=%2Fconsole%2Ftables");
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/console/tables");
    // Signing in gives a new session id: the one handed out before stays signed out.
    String session = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertThat(session).isNotEqualTo(cookie);
    assertThat(Signing.raw(base.resolve("/console/tables"), "GET", Map.of("Cookie", cookie), "").statusCode())
        .isEqualTo(303);
    HttpResponse<String> tables = Signing.raw(base.resolve("/console/tables"), "GET", Map.of("Cookie", session), "");
    assertThat(tables.statusCode()).isEqualTo(200);
    assertThat(tables.body()).contains("console_pages").contains("arn:aws:iam::000000000000:root");
  }

  @Test
  void theConsolesLoginChecksTheSameKeysAsSignatures() {
    ConsoleLogin login = streambed.server().consoleLogin();
    assertThat(login.required()).isTrue();
    assertThat(login.login(ROOT_KEY, ROOT_SECRET, null)).isEqualTo("arn:aws:iam::000000000000:root");
    assertThatThrownBy(() -> login.login(ROOT_KEY, "not-the-secret", null)).isInstanceOf(AuthFailure.class)
        .hasMessage("The request signature we calculated does not match the signature you provided. Check your "
            + "AWS Secret Access Key and signing method. Consult the service documentation for details.");
    assertThatThrownBy(() -> login.login("AKIANOBODYEXAMPLE002", "x", null))
        .hasMessage("The security token included in the request is invalid.");

    root.iam().createUser(b -> b.userName("console-carol"));
    var key = root.iam().createAccessKey(b -> b.userName("console-carol")).accessKey();
    assertThat(login.login(key.accessKeyId(), key.secretAccessKey(), null))
        .isEqualTo("arn:aws:iam::000000000000:user/console-carol");
    root.iam().createRole(b -> b.roleName("console-role").assumeRolePolicyDocument(TRUST_ACCOUNT));
    Credentials c = root.sts().assumeRole(b -> b.roleArn("arn:aws:iam::000000000000:role/console-role")
        .roleSessionName("web")).credentials();
    assertThat(login.login(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))
        .isEqualTo("arn:aws:sts::000000000000:assumed-role/console-role/web");
    assertThatThrownBy(() -> login.login(c.accessKeyId(), c.secretAccessKey(), null))
        .hasMessage("The security token included in the request is invalid.");
    // Strict authentication without --iam enforce: whoever logs in may do anything, as on the API.
    login.authorize("arn:aws:iam::000000000000:user/console-carol", "dynamodb:DeleteTable",
        "arn:aws:dynamodb:us-east-1:000000000000:table/strict_t");

    try (Streambed open = Streambed.start()) {
      assertThat(open.server().consoleLogin().required()).isFalse();
    }
  }
}
