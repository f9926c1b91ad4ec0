package dev.streambed.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The evaluator as a table: policy, request, expected decision. */
class PolicyEvaluatorTest {
  private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

  private static PolicyDocument doc(String json) {
    return PolicyDocument.parse(json, PolicyDocument.Kind.IDENTITY);
  }

  private static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + action
        + ",\"Resource\":" + resource + "}]}";
  }

  private static String allowIf(String condition) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"*\",\"Condition\":" + condition + "}]}";
  }

  private static Arguments row(String policy, AuthorizationRequest request, Decision expected) {
    return Arguments.of(List.of(policy), request, expected);
  }

  private static AuthorizationRequest get(String... context) {
    AuthorizationRequest r = AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::bucket/key");
    for (int i = 0; i < context.length; i += 2) {
      r = r.with(context[i], context[i + 1].split(","));
    }
    return r;
  }

  static Stream<Arguments> cases() {
    AuthorizationRequest read = AuthorizationRequest.of("dynamodb:GetItem",
        "arn:aws:dynamodb:us-east-1:000000000000:table/UsersPost");
    return Stream.of(
        // Action matching: exact, wildcards, case-insensitive.
        row(allow("\"dynamodb:GetItem\"", "\"*\""), read, Decision.ALLOW),
        row(allow("\"dynamodb:Get*\"", "\"*\""), read, Decision.ALLOW),
        row(allow("\"DynamoDB:getitem\"", "\"*\""), read, Decision.ALLOW),
        row(allow("\"dynamodb:G?tItem\"", "\"*\""), read, Decision.ALLOW),
        row(allow("\"dynamodb:Put*\"", "\"*\""), read, Decision.IMPLICIT_DENY),
        row(allow("\"*\"", "\"*\""), read, Decision.ALLOW),
        row(allow("\"s3:*\"", "\"*\""), read, Decision.IMPLICIT_DENY),
        // Resource matching: case-sensitive, wildcards within ARN parts.
        row(allow("\"dynamodb:*\"", "\"arn:aws:dynamodb:*:*:table/UsersPost\""), read, Decision.ALLOW),
        row(allow("\"dynamodb:*\"", "\"arn:aws:dynamodb:*:*:table/userspost\""), read, Decision.IMPLICIT_DENY),
        row(allow("\"dynamodb:*\"", "\"arn:aws:dynamodb:us-east-1:000000000000:table/Users*\""), read, Decision.ALLOW),
        row(allow("\"dynamodb:*\"", "\"arn:aws:dynamodb:us-west-2:*:table/*\""), read, Decision.IMPLICIT_DENY),
        row(allow("\"dynamodb:*\"", "[\"arn:aws:dynamodb:*:*:table/Other\",\"arn:aws:dynamodb:*:*:table/UsersPost\"]"),
            read, Decision.ALLOW),
        // NotAction and NotResource.
        row("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"dynamodb:Delete*\",\"Resource\":\"*\"}]}",
            read, Decision.ALLOW),
        row("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"dynamodb:Get*\",\"Resource\":\"*\"}]}",
            read, Decision.IMPLICIT_DENY),
        row("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"arn:aws:dynamodb:*:*:table/Secret\"}]}",
            read, Decision.ALLOW),
        row("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"arn:aws:dynamodb:*:*:table/*\"}]}",
            read, Decision.IMPLICIT_DENY),
        // Explicit deny beats allow.
        row("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
            + "{\"Effect\":\"Deny\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}", read, Decision.EXPLICIT_DENY),
        // String conditions.
        row(allowIf("{\"StringEquals\":{\"aws:username\":\"alice\"}}"), get("aws:username", "alice"), Decision.ALLOW),
        row(allowIf("{\"StringEquals\":{\"aws:username\":\"alice\"}}"), get("aws:username", "Alice"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"StringEqualsIgnoreCase\":{\"aws:username\":\"alice\"}}"), get("aws:username", "ALICE"), Decision.ALLOW),
        row(allowIf("{\"StringEquals\":{\"aws:username\":\"alice\"}}"), get(), Decision.IMPLICIT_DENY),
        row(allowIf("{\"StringNotEquals\":{\"aws:username\":\"alice\"}}"), get(), Decision.ALLOW),
        row(allowIf("{\"StringNotEquals\":{\"aws:username\":[\"alice\",\"bob\"]}}"), get("aws:username", "bob"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"StringLike\":{\"aws:SourceArn\":\"arn:aws:lambda:*:*:function:my-*\"}}"),
            get("aws:SourceArn", "arn:aws:lambda:us-east-1:000000000000:function:my-fn"), Decision.ALLOW),
        row(allowIf("{\"StringNotLike\":{\"aws:SourceArn\":\"arn:aws:lambda:*\"}}"),
            get("aws:SourceArn", "arn:aws:lambda:us-east-1:000000000000:function:my-fn"), Decision.IMPLICIT_DENY),
        // Keys are case-insensitive; IfExists passes on a missing key.
        row(allowIf("{\"StringEquals\":{\"AWS:UserName\":\"alice\"}}"), get("aws:username", "alice"), Decision.ALLOW),
        row(allowIf("{\"StringEqualsIfExists\":{\"aws:username\":\"alice\"}}"), get(), Decision.ALLOW),
        row(allowIf("{\"StringEqualsIfExists\":{\"aws:username\":\"alice\"}}"), get("aws:username", "bob"), Decision.IMPLICIT_DENY),
        // Numeric, date, bool.
        row(allowIf("{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}"), get("s3:max-keys", "9"), Decision.ALLOW),
        row(allowIf("{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}"), get("s3:max-keys", "10"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"NumericGreaterThanEquals\":{\"s3:max-keys\":10}}"), get("s3:max-keys", "10.0"), Decision.ALLOW),
        row(allowIf("{\"NumericEquals\":{\"s3:max-keys\":\"10\"}}"), get("s3:max-keys", "ten"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}"), get("s3:max-keys", "ten"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"NumericNotEquals\":{\"s3:max-keys\":\"10\"}}"), get("s3:max-keys", "11"), Decision.ALLOW),
        row(allowIf("{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\"}}"),
            get("aws:CurrentTime", "yesterday"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\"}}"),
            get("aws:CurrentTime", "2025-12-31T23:59:59Z"), Decision.ALLOW),
        row(allowIf("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-01-01\"}}"),
            get("aws:CurrentTime", "2025-12-31T23:59:59Z"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"DateGreaterThan\":{\"aws:EpochTime\":\"1767225600\"}}"),
            get("aws:EpochTime", "2026-01-02T00:00:00Z"), Decision.ALLOW),
        row(allowIf("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}"), get("aws:SecureTransport", "true"), Decision.ALLOW),
        row(allowIf("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}"), get("aws:SecureTransport", "false"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"Bool\":{\"aws:SecureTransport\":true}}"), get(), Decision.IMPLICIT_DENY),
        // IP addresses.
        row(allowIf("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}"), get("aws:SourceIp", "203.0.113.7"), Decision.ALLOW),
        row(allowIf("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}"), get("aws:SourceIp", "203.0.114.7"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"NotIpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]}}"), get("aws:SourceIp", "192.168.1.1"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}"), get("aws:SourceIp", "2001:db8::1"), Decision.ALLOW),
        // ARN operators.
        row(allowIf("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:dynamodb:*:*:table/UsersPost/stream/*\"}}"),
            get("aws:SourceArn", "arn:aws:dynamodb:us-east-1:000000000000:table/UsersPost/stream/2026-01-01T00:00:00.000"), Decision.ALLOW),
        row(allowIf("{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::000000000000:role/r\"}}"),
            get("aws:PrincipalArn", "arn:aws:iam::000000000000:role/other"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/admin-*\"}}"),
            get("aws:PrincipalArn", "arn:aws:iam::000000000000:role/app"), Decision.ALLOW),
        // Null.
        row(allowIf("{\"Null\":{\"aws:SourceArn\":\"true\"}}"), get(), Decision.ALLOW),
        row(allowIf("{\"Null\":{\"aws:SourceArn\":\"true\"}}"), get("aws:SourceArn", "arn:aws:s3:::b"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"Null\":{\"aws:SourceArn\":\"false\"}}"), get("aws:SourceArn", "arn:aws:s3:::b"), Decision.ALLOW),
        // Multivalued keys.
        row(allowIf("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"env\",\"team\"]}}"), get("aws:TagKeys", "env,team"), Decision.ALLOW),
        row(allowIf("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"env\",\"team\"]}}"), get("aws:TagKeys", "env,owner"), Decision.IMPLICIT_DENY),
        row(allowIf("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"env\"]}}"), get(), Decision.ALLOW),
        row(allowIf("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"env\"]}}"), get("aws:TagKeys", "owner,env"), Decision.ALLOW),
        row(allowIf("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"env\"]}}"), get(), Decision.IMPLICIT_DENY),
        // Two keys and two operators: all must hold.
        row(allowIf("{\"StringEquals\":{\"aws:username\":\"alice\",\"aws:PrincipalAccount\":\"000000000000\"}}"),
            get("aws:username", "alice"), Decision.IMPLICIT_DENY),
        // Policy variables.
        row(allow("\"s3:GetObject\"", "\"arn:aws:s3:::bucket/${aws:username}/*\""),
            new AuthorizationRequest("s3:GetObject", "arn:aws:s3:::bucket/alice/notes", Map.of("aws:username", List.of("alice"))),
            Decision.ALLOW),
        row(allow("\"s3:GetObject\"", "\"arn:aws:s3:::bucket/${aws:username}/*\""),
            new AuthorizationRequest("s3:GetObject", "arn:aws:s3:::bucket/bob/notes", Map.of("aws:username", List.of("alice"))),
            Decision.IMPLICIT_DENY),
        row(allow("\"s3:GetObject\"", "\"arn:aws:s3:::bucket/${aws:username}/*\""),
            AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::bucket/alice/notes"), Decision.IMPLICIT_DENY),
        // Without Version 2012-10-17 a variable is literal text.
        row("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/${aws:username}/*\"}]}",
            new AuthorizationRequest("s3:GetObject", "arn:aws:s3:::bucket/alice/notes", Map.of("aws:username", List.of("alice"))),
            Decision.IMPLICIT_DENY));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void decides(List<String> policies, AuthorizationRequest request, Decision expected) {
    assertThat(EVALUATOR.evaluate(policies.stream().map(PolicyEvaluatorTest::doc).toList(), request))
        .isEqualTo(expected);
  }

  static Stream<Arguments> trust() {
    String lambda = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    String account = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    String sourceArn = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":[\"lambda.amazonaws.com\"]},\"Action\":[\"sts:AssumeRole\"],"
        + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"000000000000\"}}}]}";
    AuthorizationRequest assume = AuthorizationRequest.of("sts:AssumeRole", "arn:aws:iam::000000000000:role/r");
    return Stream.of(
        Arguments.of(lambda, PolicyEvaluator.Caller.service("lambda.amazonaws.com"), assume, Decision.ALLOW),
        Arguments.of(lambda, PolicyEvaluator.Caller.service("ec2.amazonaws.com"), assume, Decision.IMPLICIT_DENY),
        Arguments.of(lambda, PolicyEvaluator.Caller.aws("arn:aws:iam::000000000000:user/u", "000000000000"), assume, Decision.IMPLICIT_DENY),
        Arguments.of(lambda, PolicyEvaluator.Caller.service("lambda.amazonaws.com"),
            AuthorizationRequest.of("sts:TagSession", "arn:aws:iam::000000000000:role/r"), Decision.IMPLICIT_DENY),
        Arguments.of(account, PolicyEvaluator.Caller.aws("arn:aws:iam::000000000000:user/u", "000000000000"), assume, Decision.ALLOW),
        Arguments.of(account, PolicyEvaluator.Caller.aws("arn:aws:iam::111111111111:user/u", "111111111111"), assume, Decision.IMPLICIT_DENY),
        Arguments.of(sourceArn, PolicyEvaluator.Caller.service("lambda.amazonaws.com"),
            assume.with("aws:SourceAccount", "000000000000"), Decision.ALLOW),
        Arguments.of(sourceArn, PolicyEvaluator.Caller.service("lambda.amazonaws.com"),
            assume.with("aws:SourceAccount", "111111111111"), Decision.IMPLICIT_DENY));
  }

  @ParameterizedTest
  @MethodSource("trust")
  void trustPolicies(String policy, PolicyEvaluator.Caller caller, AuthorizationRequest request, Decision expected) {
    assertThat(EVALUATOR.evaluateResourcePolicy(PolicyDocument.parse(policy, PolicyDocument.Kind.TRUST),
        caller, request)).isEqualTo(expected);
  }
}
