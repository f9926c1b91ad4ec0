package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Conditions on what Lambda tells IAM, through the SDK: when Lambda assumes a function's role the
 * trust policy sees aws:SourceAccount and aws:SourceArn (the function); the log writes carry
 * lambda:SourceFunctionArn; the reads of an event source mapping do not.
 */
class LambdaRoleConditionsTest {
  private static final String ACCOUNT = "000000000000";
  private static final String CANNOT_ASSUME = "The role defined for the function cannot be assumed by Lambda.";
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static IamClient iam;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
    iam = streambed.iam();
  }

  @AfterAll
  static void stop() {
    lambda.close();
    iam.close();
    streambed.close();
  }

  /** A trust policy for Lambda with a Condition block. */
  private static String trust(String condition) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":" + condition + "}]}";
  }

  private static String role(String name, String trust) {
    return iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
  }

  private static void create(String function, String role, String code) {
    lambda.createFunction(b -> b.functionName(function).runtime(Runtime.PYTHON3_12).role(role)
        .handler("lambda_function.lambda_handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py", code)))));
  }

  private static void create(String function, String role) {
    create(function, role, "def lambda_handler(event, context):\n    print('ran')\n    return 'ok'\n");
  }

  @Test
  void aTrustPolicyOnTheSourceAccountAllowsTheRolesOwnAccount() {
    String own = role("own-account", trust("{\"StringEquals\":{\"aws:SourceAccount\":\"" + ACCOUNT + "\"}}"));
    create("in-own-account", own);
    assertThat(lambda.getFunction(b -> b.functionName("in-own-account")).configuration().state()).isEqualTo(State.ACTIVE);
    assertThat(lambda.invoke(b -> b.functionName("in-own-account")).payload().asUtf8String()).isEqualTo("\"ok\"");

    String other = role("other-account", trust("{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}"));
    assertThatThrownBy(() -> create("in-other-account", other))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith(CANNOT_ASSUME);
    assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("in-own-account").role(other)))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith(CANNOT_ASSUME);
  }

  @Test
  void aTrustPolicyOnTheSourceArnAllowsOnlyTheFunctionsItNames() {
    String orders = role("orders-only", trust("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:lambda:*:" + ACCOUNT
        + ":function:orders-*\"},\"Bool\":{\"aws:PrincipalIsAWSService\":\"true\"}}"));
    create("orders-writer", orders);
    assertThatThrownBy(() -> create("billing", orders))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith(CANNOT_ASSUME);
    assertThat(lambda.listFunctions().functions()).extracting(f -> f.functionName())
        .contains("orders-writer").doesNotContain("billing");
  }

  /** Lambda assumes the role again for new credentials: a trust policy changed since then decides. */
  @Test
  void aTrustPolicyNarrowedAfterCreationStopsNewEnvironments() {
    String r = role("narrowed", LambdaFunctionsTest.TRUST_LAMBDA);
    create("narrowed-fn", r);
    iam.updateAssumeRolePolicy(b -> b.roleName("narrowed")
        .policyDocument(trust("{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}")));
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("narrowed-fn")))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith(CANNOT_ASSUME);
  }

  @Test
  void logWritesCarryTheSourceFunctionArn() {
    String writer = role("log-writer", LambdaFunctionsTest.TRUST_LAMBDA);
    iam.putRolePolicy(b -> b.roleName("log-writer").policyName("logs-of-one-function").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogGroup\","
            + "\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"*\",\"Condition\":{\"ArnEquals\":"
            + "{\"lambda:SourceFunctionArn\":\"arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:logged\"}}}]}"));
    create("logged", writer);
    create("not-logged", writer);
    lambda.invoke(b -> b.functionName("logged"));
    lambda.invoke(b -> b.functionName("not-logged"));
    try (CloudWatchLogsClient logs = streambed.logs()) {
      assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/lambda/")).logGroups())
          .extracting(g -> g.logGroupName()).contains("/aws/lambda/logged").doesNotContain("/aws/lambda/not-logged");
      assertThat(logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/logged").filterPattern("ran")).events())
          .hasSize(1);
    }
  }

  @Test
  void theReadsOfAMappingDoNotCarryTheSourceFunctionArn() {
    String streamArn;
    try (DynamoDbClient ddb = streambed.dynamoDb()) {
      streamArn = ddb.createTable(b -> b.tableName("Conditioned").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
          .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
          .tableDescription().latestStreamArn();
    }
    String reads = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetRecords\","
        + "\"dynamodb:GetShardIterator\",\"dynamodb:DescribeStream\",\"dynamodb:ListStreams\"],\"Resource\":\"*\"";
    String conditioned = role("reads-if-source", LambdaFunctionsTest.TRUST_LAMBDA);
    iam.putRolePolicy(b -> b.roleName("reads-if-source").policyName("reads").policyDocument(reads
        + ",\"Condition\":{\"ArnLike\":{\"lambda:SourceFunctionArn\":\"arn:aws:lambda:*:*:function:*\"}}}]}"));
    create("consumer-conditioned", conditioned);
    String arn = streamArn;
    assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("consumer-conditioned")
        .eventSourceArn(arn).startingPosition(EventSourcePosition.LATEST)))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith("Cannot access stream " + arn);

    // The same reads for the role's sessions (Lambda's poller reads as one) are enough.
    String sessions = role("reads-as-session", LambdaFunctionsTest.TRUST_LAMBDA);
    iam.putRolePolicy(b -> b.roleName("reads-as-session").policyName("reads").policyDocument(reads
        + ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalType\":\"AssumedRole\"}}}]}"));
    create("consumer-session", sessions);
    assertThat(lambda.createEventSourceMapping(b -> b.functionName("consumer-session").eventSourceArn(arn)
        .startingPosition(EventSourcePosition.LATEST)).state()).isEqualTo("Creating");
  }
}
