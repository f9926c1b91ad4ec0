package dev.streambed.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.iam.policy.AuthorizationRequest;
import dev.streambed.iam.policy.Decision;
import dev.streambed.kernel.time.MutableClock;
import dev.streambed.storage.memory.MemoryStorage;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A role's managed and inline policies, as Lambda's event source mappings will ask about them. */
class IamEvaluationTest {
  private static final String ACCOUNT = "000000000000";
  private static final String STREAM =
      "arn:aws:dynamodb:us-east-1:000000000000:table/UsersPost/stream/2026-01-01T00:00:00.000";
  private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/UsersPost";
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  private static final String STREAMS = "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole";
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:f";
  private static final String LAMBDA_FULL = "arn:aws:iam::aws:policy/AWSLambda_FullAccess";
  private static final String LAMBDA_READ = "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess";
  private static final String LOGS_FULL = "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess";
  private static final String LOGS_READ = "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess";
  private static final String LAMBDA_GROUP = "arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/f";
  private static final String OTHER_GROUP = "arn:aws:logs:us-east-1:000000000000:log-group:/app/f";

  private Iam iam;

  @BeforeEach
  void setUp() {
    iam = new Iam(new MemoryStorage(), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), new Random(1));
  }

  private String role(String name, String... policies) {
    Role r = iam.roles().create(ACCOUNT, name, null, TRUST, null, null, List.of());
    for (String p : policies) {
      iam.roles().attach(ACCOUNT, name, p);
    }
    return r.arn();
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(List.of(BASIC), "dynamodb:GetRecords", STREAM, false),
        Arguments.of(List.of(BASIC), "logs:CreateLogGroup", "arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/f", true),
        Arguments.of(List.of(BASIC), "logs:PutLogEvents", "arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/f:log-stream:s", true),
        Arguments.of(List.of(STREAMS), "dynamodb:GetRecords", STREAM, true),
        Arguments.of(List.of(STREAMS), "dynamodb:GetShardIterator", STREAM, true),
        Arguments.of(List.of(STREAMS), "dynamodb:DescribeStream", STREAM, true),
        Arguments.of(List.of(STREAMS), "dynamodb:ListStreams", "*", true),
        Arguments.of(List.of(STREAMS), "dynamodb:PutItem", TABLE, false),
        Arguments.of(List.of(READ_ONLY), "dynamodb:DescribeStream", STREAM, true),
        Arguments.of(List.of(READ_ONLY), "dynamodb:ListStreams", "*", true),
        Arguments.of(List.of(READ_ONLY), "dynamodb:GetRecords", STREAM, false),
        Arguments.of(List.of(READ_ONLY), "dynamodb:GetShardIterator", STREAM, false),
        Arguments.of(List.of(READ_ONLY), "dynamodb:GetItem", TABLE, true),
        Arguments.of(List.of(READ_ONLY), "dynamodb:Query", TABLE, true),
        Arguments.of(List.of(READ_ONLY), "dynamodb:PutItem", TABLE, false),
        Arguments.of(List.of(BASIC, READ_ONLY), "dynamodb:GetRecords", STREAM, false),
        Arguments.of(List.of(STREAMS, READ_ONLY), "dynamodb:GetRecords", STREAM, true),
        Arguments.of(List.of(), "logs:CreateLogGroup", "*", false),
        // AWSLambda_FullAccess: the live tail of a function's group, not of other groups.
        Arguments.of(List.of(LAMBDA_FULL), "logs:StartLiveTail", LAMBDA_GROUP, true),
        Arguments.of(List.of(LAMBDA_FULL), "logs:FilterLogEvents", LAMBDA_GROUP, true),
        Arguments.of(List.of(LAMBDA_FULL), "logs:FilterLogEvents", OTHER_GROUP, false),
        Arguments.of(List.of(LAMBDA_FULL), "kms:DescribeKey", "*", true),
        Arguments.of(List.of(LAMBDA_FULL), "lambda:CreateEventSourceMapping", "*", true),
        Arguments.of(List.of(LAMBDA_FULL), "dynamodb:GetRecords", STREAM, false),
        // AWSLambda_ReadOnlyAccess: log reads only in /aws/lambda/*, no writes to functions.
        Arguments.of(List.of(LAMBDA_READ), "logs:GetLogEvents", LAMBDA_GROUP, true),
        Arguments.of(List.of(LAMBDA_READ), "logs:GetLogEvents", OTHER_GROUP, false),
        Arguments.of(List.of(LAMBDA_READ), "logs:DescribeLogGroups", OTHER_GROUP, true),
        Arguments.of(List.of(LAMBDA_READ), "lambda:GetFunction", "arn:aws:lambda:us-east-1:000000000000:function:f", true),
        Arguments.of(List.of(LAMBDA_READ), "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:000000000000:function:f", false),
        Arguments.of(List.of(LAMBDA_READ), "cloudformation:GetTemplate", "*", false),
        Arguments.of(List.of(LOGS_FULL), "logs:PutLogEvents", OTHER_GROUP, true),
        Arguments.of(List.of(LOGS_FULL), "cloudwatch:GenerateQueryResultsSummary", "*", true),
        Arguments.of(List.of(LOGS_READ), "logs:FilterLogEvents", OTHER_GROUP, true),
        Arguments.of(List.of(LOGS_READ), "logs:PutLogEvents", OTHER_GROUP, false));
  }

  @ParameterizedTest
  @MethodSource("table")
  void managedPolicies(List<String> policies, String action, String resource, boolean allowed) {
    String arn = role("r", policies.toArray(String[]::new));
    assertThat(iam.isAllowed(arn, action, resource)).isEqualTo(allowed);
    // A session of the role has the role's permissions.
    assertThat(iam.isAllowed("arn:aws:sts::000000000000:assumed-role/r/session", action, resource))
        .isEqualTo(allowed);
  }

  /** AWSLambda_FullAccess's conditions: PassRole only to Lambda, the service-linked role only Lambda's. */
  @Test
  void conditionsOfLambdaFullAccess() {
    String arn = role("r", LAMBDA_FULL);
    AuthorizationRequest pass = AuthorizationRequest.of("iam:PassRole", "arn:aws:iam::000000000000:role/fn");
    assertThat(iam.authorize(arn, pass.with("iam:PassedToService", "lambda.amazonaws.com"))).isEqualTo(Decision.ALLOW);
    assertThat(iam.authorize(arn, pass.with("iam:PassedToService", "ec2.amazonaws.com")))
        .isEqualTo(Decision.IMPLICIT_DENY);
    AuthorizationRequest linked = AuthorizationRequest.of("iam:CreateServiceLinkedRole",
        "arn:aws:iam::000000000000:role/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda");
    assertThat(iam.authorize(arn, linked.with("iam:AWSServiceName", "lambda.amazonaws.com"))).isEqualTo(Decision.ALLOW);
    assertThat(iam.authorize(arn, linked)).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void inlineDenyOverridesManagedAllow() {
    String arn = role("r", STREAMS);
    iam.roles().putInline(ACCOUNT, "r", "no-records", "{\"Version\":\"2012-10-17\",\"Statement\":"
        + "[{\"Effect\":\"Deny\",\"Action\":\"dynamodb:GetRecords\",\"Resource\":\"arn:aws:dynamodb:*:*:table/UsersPost/stream/*\"}]}");
    assertThat(iam.authorize(arn, AuthorizationRequest.of("dynamodb:GetRecords", STREAM)))
        .isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(iam.isAllowed(arn, "dynamodb:DescribeStream", STREAM)).isTrue();
  }

  @Test
  void customerPolicyVersionsChangeWhatIsAllowed() {
    String arn = role("r");
    ManagedPolicy p = iam.policies().create(ACCOUNT, "reader", null, "{\"Version\":\"2012-10-17\","
        + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}", null, List.of());
    iam.roles().attach(ACCOUNT, "r", p.arn());
    assertThat(iam.isAllowed(arn, "dynamodb:GetItem", TABLE)).isTrue();
    iam.policies().createVersion(ACCOUNT, p.arn(), "{\"Version\":\"2012-10-17\","
        + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:Query\",\"Resource\":\"*\"}]}", true);
    assertThat(iam.isAllowed(arn, "dynamodb:GetItem", TABLE)).isFalse();
    assertThat(iam.isAllowed(arn, "dynamodb:Query", TABLE)).isTrue();
  }

  @Test
  void usernameVariableAndGlobalKeys() {
    iam.users().create(ACCOUNT, "alice", null, List.of());
    iam.users().putInline(ACCOUNT, "alice", "own-prefix", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/${aws:username}/*\","
        + "\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"2027-01-01T00:00:00Z\"}}}]}");
    String alice = "arn:aws:iam::000000000000:user/alice";
    assertThat(iam.isAllowed(alice, "s3:GetObject", "arn:aws:s3:::bucket/alice/a")).isTrue();
    assertThat(iam.isAllowed(alice, "s3:GetObject", "arn:aws:s3:::bucket/bob/a")).isFalse();
  }

  @Test
  void sourceArnConditionFromTheCaller() {
    String arn = role("r");
    iam.roles().putInline(ACCOUNT, "r", "only-from-stream", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"*\","
        + "\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:dynamodb:*:*:table/UsersPost/stream/*\"}}}]}");
    AuthorizationRequest invoke = AuthorizationRequest.of("lambda:InvokeFunction",
        "arn:aws:lambda:us-east-1:000000000000:function:f");
    assertThat(iam.authorize(arn, invoke.with("aws:SourceArn", STREAM))).isEqualTo(Decision.ALLOW);
    assertThat(iam.authorize(arn, invoke)).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(iam.authorize(arn, invoke.with("aws:PrincipalArn", "x"))).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void trustOfLambdaRoles() {
    role("r");
    Role r = iam.roles().find("arn:aws:iam::000000000000:role/r");
    assertThat(iam.serviceMayAssume(r, "lambda.amazonaws.com", ACCOUNT, FUNCTION)).isTrue();
    assertThat(iam.serviceMayAssume(r, "ec2.amazonaws.com", ACCOUNT, FUNCTION)).isFalse();
    assertThat(iam.roles().find("arn:aws:iam::000000000000:role/other")).isNull();
    assertThat(iam.roles().find("arn:aws:iam::111111111111:role/r")).isNull();
  }

  /** The confused-deputy keys a service passes when it assumes a role for one of its resources. */
  @Test
  void trustConditionsOnTheSourceOfAServiceRequest() {
    Role r = iam.roles().create(ACCOUNT, "guarded", null, "{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\","
        + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"000000000000\"},"
        + "\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:lambda:*:000000000000:function:f*\"},"
        + "\"Bool\":{\"aws:PrincipalIsAWSService\":\"true\"}}}]}", null, null, List.of());
    assertThat(iam.serviceMayAssume(r, "lambda.amazonaws.com", ACCOUNT, FUNCTION)).isTrue();
    assertThat(iam.serviceMayAssume(r, "lambda.amazonaws.com", "111111111111", FUNCTION)).isFalse();
    assertThat(iam.serviceMayAssume(r, "lambda.amazonaws.com", ACCOUNT,
        "arn:aws:lambda:us-east-1:000000000000:function:g")).isFalse();
    assertThat(iam.serviceMayAssume(r, "lambda.amazonaws.com", null, null)).isFalse();
  }

  /** A service's session of a role has the role's permissions, and its own principal keys. */
  @Test
  void sessionsOfARoleAreEvaluatedAsAssumedRoles() {
    iam.roles().create(ACCOUNT, "session-role", "/team/", TRUST, null, null, List.of());
    iam.roles().putInline(ACCOUNT, "session-role", "only-sessions", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\",\"Condition\":{"
        + "\"StringEquals\":{\"aws:PrincipalType\":\"AssumedRole\"},"
        + "\"ArnEquals\":{\"lambda:SourceFunctionArn\":\"" + FUNCTION + "\"}}}]}");
    String session = Iam.sessionArn("arn:aws:iam::000000000000:role/team/session-role", "f");
    assertThat(session).isEqualTo("arn:aws:sts::000000000000:assumed-role/session-role/f");
    AuthorizationRequest put = AuthorizationRequest.of("logs:PutLogEvents", "*");
    assertThat(iam.authorize(session, put.with("lambda:SourceFunctionArn", FUNCTION))).isEqualTo(Decision.ALLOW);
    assertThat(iam.authorize(session, put)).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(iam.authorize("arn:aws:iam::000000000000:role/team/session-role",
        put.with("lambda:SourceFunctionArn", FUNCTION))).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void unknownPrincipalsAreDeniedAndRootIsAllowed() {
    assertThat(iam.isAllowed("arn:aws:iam::000000000000:role/missing", "dynamodb:GetItem", TABLE)).isFalse();
    assertThat(iam.isAllowed("arn:aws:iam::000000000000:root", "dynamodb:GetItem", TABLE)).isTrue();
  }
}
