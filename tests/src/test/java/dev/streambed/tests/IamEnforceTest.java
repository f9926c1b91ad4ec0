package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.server.Config;
import dev.streambed.server.SecurityConfig;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * {@code --iam enforce} with {@code --auth strict}: every call is authorized with the caller's IAM
 * policies against the action and resource AWS uses, and refused with AccessDenied in AWS's words
 * and each protocol's shape; a function's calls are authorized against its role.
 */
class IamEnforceTest {
  private static final String ACCOUNT = "000000000000";
  private static Streambed streambed;
  private static Clients root;

  @BeforeAll
  static void start() {
    Config config = Config.defaults().withSecurity(SecurityConfig.open(Config.DEFAULT_MAX_BODY)
        .withStrictAuth(StrictAuthTest.ROOT_KEY, StrictAuthTest.ROOT_SECRET).withIamEnforced(true));
    streambed = Streambed.start(config, Clock.systemUTC());
    root = Clients.of(streambed.endpoint(), StrictAuthTest.ROOT_KEY, StrictAuthTest.ROOT_SECRET);
    root.dynamoDb().createTable(b -> b.tableName("UsersPost").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("user_id").attributeType("S"))
        .keySchema(k -> k.attributeName("user_id").keyType("HASH")));
    root.dynamoDb().putItem(b -> b.tableName("UsersPost").item(java.util.Map.of("user_id", AttributeValue.fromS("john"),
        "post", AttributeValue.fromS("hello"))));
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

  private static Clients user(String name, String... policies) {
    var iam = root.iam();
    iam.createUser(b -> b.userName(name));
    for (String p : policies) {
      iam.attachUserPolicy(b -> b.userName(name).policyArn(p));
    }
    var key = iam.createAccessKey(b -> b.userName(name)).accessKey();
    return Clients.of(streambed.endpoint(), key.accessKeyId(), key.secretAccessKey());
  }

  @Test
  void aUserWithoutPoliciesIsDeniedInEveryProtocolsShape() {
    Clients bob = user("bob");
    String bobArn = "arn:aws:iam::" + ACCOUNT + ":user/bob";
    AwsServiceException ddb = refusal(() -> bob.dynamoDb().getItem(b -> b.tableName("UsersPost")
        .key(java.util.Map.of("user_id", AttributeValue.fromS("john")))));
    assertThat(ddb.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    assertThat(ddb.statusCode()).isEqualTo(400);
    assertThat(ddb.awsErrorDetails().errorMessage()).isEqualTo("User: " + bobArn + " is not authorized to perform: "
        + "dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/UsersPost because no "
        + "identity-based policy allows the dynamodb:GetItem action");
    AwsServiceException lambda = refusal(() -> bob.lambda().listFunctions());
    assertThat(lambda.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    assertThat(lambda.statusCode()).isEqualTo(403);
    assertThat(lambda.awsErrorDetails().errorMessage()).isEqualTo("User: " + bobArn + " is not authorized to "
        + "perform: lambda:ListFunctions on resource: * because no identity-based policy allows the "
        + "lambda:ListFunctions action");
    AwsServiceException iam = refusal(() -> bob.iam().createRole(b -> b.roleName("x")
        .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)));
    assertThat(iam.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(iam.statusCode()).isEqualTo(403);
    assertThat(iam.awsErrorDetails().errorMessage()).isEqualTo("User: " + bobArn + " is not authorized to perform: "
        + "iam:CreateRole on resource: arn:aws:iam::" + ACCOUNT + ":role/x because no identity-based policy allows "
        + "the iam:CreateRole action");
    AwsServiceException logs = refusal(() -> bob.logs().createLogGroup(b -> b.logGroupName("g")));
    assertThat(logs.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    assertThat(logs.awsErrorDetails().errorMessage()).contains("logs:CreateLogGroup on resource: arn:aws:logs:us-east-1:"
        + ACCOUNT + ":log-group:g because");
    AwsServiceException sqs = refusal(() -> bob.sqs().createQueue(b -> b.queueName("q")));
    assertThat(sqs.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    // SQS names the action in lower case.
    assertThat(sqs.awsErrorDetails().errorMessage()).isEqualTo("User: " + bobArn + " is not authorized to perform: "
        + "sqs:createqueue on resource: arn:aws:sqs:us-east-1:" + ACCOUNT + ":q because no identity-based policy "
        + "allows the sqs:createqueue action");
    AwsServiceException streams = refusal(() -> bob.streams().listStreams());
    assertThat(streams.awsErrorDetails().errorMessage()).contains("dynamodb:ListStreams on resource: *");
    // Who one is needs no permission, as on AWS.
    assertThat(bob.sts().getCallerIdentity().arn()).isEqualTo(bobArn);
  }

  @Test
  void aReadOnlyUserReadsButDoesNotWriteAndAnExplicitDenyWins() {
    Clients reader = user("reader", "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess");
    var ddb = reader.dynamoDb();
    assertThat(ddb.getItem(b -> b.tableName("UsersPost").key(java.util.Map.of("user_id", AttributeValue.fromS("john"))))
        .item().get("post").s()).isEqualTo("hello");
    assertThat(ddb.scan(b -> b.tableName("UsersPost")).count()).isEqualTo(1);
    assertThat(ddb.executeStatement(b -> b.statement("SELECT * FROM \"UsersPost\"")).items()).hasSize(1);
    AwsServiceException put = refusal(() -> ddb.putItem(b -> b.tableName("UsersPost")
        .item(java.util.Map.of("user_id", AttributeValue.fromS("x")))));
    assertThat(put.awsErrorDetails().errorMessage()).contains("dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:"
        + ACCOUNT + ":table/UsersPost because no identity-based policy allows the dynamodb:PutItem action");
    AwsServiceException partiql = refusal(() -> ddb.executeStatement(b -> b.statement(
        "INSERT INTO \"UsersPost\" VALUE {'user_id': 'y'}")));
    assertThat(partiql.awsErrorDetails().errorMessage()).contains("dynamodb:PartiQLInsert on resource");
    AwsServiceException transact = refusal(() -> ddb.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p
        .tableName("UsersPost").item(java.util.Map.of("user_id", AttributeValue.fromS("z")))))));
    assertThat(transact.awsErrorDetails().errorMessage()).contains("dynamodb:PutItem on resource");
    assertThat(root.dynamoDb().scan(b -> b.tableName("UsersPost")).count()).isEqualTo(1);

    root.iam().putUserPolicy(b -> b.userName("reader").policyName("no-scan").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"dynamodb:Scan\",\"Resource\":\"*\"}]}"));
    AwsServiceException denied = refusal(() -> ddb.scan(b -> b.tableName("UsersPost")));
    assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + ACCOUNT + ":user/reader is "
        + "not authorized to perform: dynamodb:Scan on resource: arn:aws:dynamodb:us-east-1:" + ACCOUNT
        + ":table/UsersPost with an explicit deny in an identity-based policy");
  }

  @Test
  void aFunctionWithTheReadOnlyPolicyReadsTheTableButCannotWriteIt() {
    var iam = root.iam();
    String role = iam.createRole(b -> b.roleName("LambdaDemoDynamoDBStream-role")
        .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)).role().arn();
    iam.attachRolePolicy(b -> b.roleName("LambdaDemoDynamoDBStream-role")
        .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
    iam.attachRolePolicy(b -> b.roleName("LambdaDemoDynamoDBStream-role")
        .policyArn("arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"));
    var lambda = root.lambda();
    lambda.createFunction(b -> b.functionName("reader").runtime(Runtime.PYTHON3_12).role(role).timeout(30)
        .handler("lambda_function.lambda_handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py", String.join("\n",
            "import boto3, botocore.exceptions",
            "def lambda_handler(event, context):",
            "    ddb = boto3.client('dynamodb')",
            "    item = ddb.get_item(TableName='UsersPost', Key={'user_id': {'S': 'john'}})['Item']",
            "    try:",
            "        ddb.put_item(TableName='UsersPost', Item={'user_id': {'S': 'from-lambda'}})",
            "        wrote = 'written'",
            "    except botocore.exceptions.ClientError as e:",
            "        wrote = e.response['Error']['Code'] + ': ' + e.response['Error']['Message']",
            "    return {'read': item['post']['S'], 'write': wrote}",
            ""))))));
    var r = lambda.invoke(b -> b.functionName("reader"));
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(r.payload().asUtf8String()).isEqualTo("{\"read\": \"hello\", \"write\": \"AccessDeniedException: "
        + "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/LambdaDemoDynamoDBStream-role/reader is not authorized "
        + "to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/UsersPost "
        + "because no identity-based policy allows the dynamodb:PutItem action\"}");
    assertThat(root.dynamoDb().getItem(b -> b.tableName("UsersPost")
        .key(java.util.Map.of("user_id", AttributeValue.fromS("from-lambda")))).hasItem()).isFalse();
  }

  @Test
  void aQueuesSenderSendsSinglyAndInBatchesButCannotReceive() {
    String url = root.sqs().createQueue(b -> b.queueName("orders")).queueUrl();
    String queueArn = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":orders";
    Clients sender = user("sender");
    root.iam().putUserPolicy(b -> b.userName("sender").policyName("send-orders").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sqs:SendMessage\","
            + "\"sqs:GetQueueUrl\"],\"Resource\":\"" + queueArn + "\"}]}"));
    var sqs = sender.sqs();
    assertThat(sqs.getQueueUrl(b -> b.queueName("orders")).queueUrl()).isEqualTo(url);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("one"));
    // A batch is authorized as its single action, as AWS has no sqs:SendMessageBatch.
    assertThat(sqs.sendMessageBatch(b -> b.queueUrl(url).entries(e -> e.id("a").messageBody("two"))).successful())
        .hasSize(1);
    AwsServiceException receive = refusal(() -> sqs.receiveMessage(b -> b.queueUrl(url)));
    assertThat(receive.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(receive.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + ACCOUNT + ":user/sender "
        + "is not authorized to perform: sqs:receivemessage on resource: " + queueArn + " because no identity-based "
        + "policy allows the sqs:receivemessage action");
    AwsServiceException other = refusal(() -> sqs.getQueueUrl(b -> b.queueName("other")));
    assertThat(other.awsErrorDetails().errorMessage()).contains("sqs:getqueueurl on resource: arn:aws:sqs:us-east-1:"
        + ACCOUNT + ":other because");
    assertThat(root.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()).isNotEmpty();
  }

  @Test
  void aConsoleLoginIsAuthorizedWithTheSamePolicies() {
    user("viewer", "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess");
    var key = root.iam().createAccessKey(b -> b.userName("viewer")).accessKey();
    var login = streambed.server().consoleLogin();
    String viewer = login.login(key.accessKeyId(), key.secretAccessKey(), null);
    String table = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/UsersPost";
    login.authorize(viewer, "dynamodb:Scan", table);
    assertThatThrownBy(() -> login.authorize(viewer, "dynamodb:PutItem", table))
        .isInstanceOf(dev.streambed.kernel.error.AwsException.class)
        .hasMessage("User: arn:aws:iam::" + ACCOUNT + ":user/viewer is not authorized to perform: dynamodb:PutItem on "
            + "resource: " + table + " because no identity-based policy allows the dynamodb:PutItem action");
    login.authorize(login.login(StrictAuthTest.ROOT_KEY, StrictAuthTest.ROOT_SECRET, null), "dynamodb:PutItem", table);
  }

  @Test
  void createFunctionNeedsPassRoleOnTheRole() {
    Clients dev = user("dev");
    root.iam().putUserPolicy(b -> b.userName("dev").policyName("lambda-only").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lambda:*\",\"Resource\":\"*\"}]}"));
    String role = root.iam().createRole(b -> b.roleName("passed-role")
        .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)).role().arn();
    AwsServiceException e = refusal(() -> create(dev, "f", role));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + ACCOUNT + ":user/dev is not "
        + "authorized to perform: iam:PassRole on resource: " + role + " because no identity-based policy allows "
        + "the iam:PassRole action");
    assertThat(dev.lambda().listFunctions().functions()).noneMatch(f -> f.functionName().equals("f"));
    // AWSLambda_FullAccess passes roles to Lambda only (iam:PassedToService), as AWS's policy says.
    Clients full = user("full", "arn:aws:iam::aws:policy/AWSLambda_FullAccess");
    create(full, "g", role);
    assertThat(full.lambda().getFunction(b -> b.functionName("g")).configuration().role()).isEqualTo(role);
  }

  private static void create(Clients who, String name, String role) {
    who.lambda().createFunction(b -> b.functionName(name).role(role)
        .runtime(Runtime.PYTHON3_12).handler("lambda_function.lambda_handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py",
            "def lambda_handler(e, c):\n    return 1\n")))));
  }
}
