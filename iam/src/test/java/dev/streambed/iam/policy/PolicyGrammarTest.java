package dev.streambed.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.iam.policy.PolicyDocument.Kind;
import dev.streambed.kernel.error.AwsException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IAM's checks of policy documents, rule by rule, with the messages AWS answers (recorded AWS
 * answers to CreatePolicy, CreateRole and UpdateAssumeRolePolicy, February 2026).
 */
class PolicyGrammarTest {
  private static final String OK_STATEMENT = "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\","
      + "\"Resource\":\"arn:aws:dynamodb:us-east-1:123456789012:table/Orders\"}";

  /** A managed policy of version 2012-10-17 with one statement of these members. */
  private static String managed(String statement) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":" + statement + "}";
  }

  /** The statement above with one member replaced or added. */
  private static String with(String member) {
    String name = member.substring(0, member.indexOf(':'));
    String kept = OK_STATEMENT.substring(1, OK_STATEMENT.length() - 1);
    StringBuilder out = new StringBuilder("{");
    for (String m : kept.split(",(?=\")")) {
      if (!m.startsWith(name + ":")) {
        out.append(m).append(',');
      }
    }
    return out.append(member).append('}').toString();
  }

  static Stream<Arguments> refused() {
    String syntax = "Syntax errors in policy.";
    String legacy = "The policy failed legacy parsing";
    return Stream.of(
        // Not JSON: worded differently for trust policies.
        Arguments.of("{\"Version\":", Kind.MANAGED, syntax),
        Arguments.of("just words", Kind.IDENTITY, syntax),
        Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":[" + OK_STATEMENT + ",]}", Kind.TRUST,
            "This policy contains invalid Json"),
        // The grammar.
        Arguments.of("[]", Kind.MANAGED, syntax),
        Arguments.of("{\"Version\":\"2012-10-17\"}", Kind.MANAGED, syntax),
        Arguments.of("{\"Version\":\"2014-01-01\",\"Statement\":" + OK_STATEMENT + "}", Kind.MANAGED, syntax),
        Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":[]}", Kind.MANAGED, syntax),
        Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":[\"text\"]}", Kind.MANAGED, syntax),
        Arguments.of("{\"Version\":\"2012-10-17\",\"Comment\":\"x\",\"Statement\":" + OK_STATEMENT + "}", Kind.MANAGED, syntax),
        Arguments.of("{\"Version\":\"2012-10-17\",\"Id\":[\"x\"],\"Statement\":" + OK_STATEMENT + "}", Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Note\":\"x\"")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Effect\":\"Permit\"")), Kind.MANAGED, syntax),
        Arguments.of(managed("{\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Sid\":[]")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Action\":{}")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Action\":[[\"s3:GetObject\"]]")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Resource\":[\"*\",{}]")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"NotAction\":\"s3:GetObject\"")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"NotResource\":[]")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Condition\":[]")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Condition\":{\"StringEquals\":\"x\"}")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Condition\":{\"StringLooksLike\":{\"aws:username\":\"x\"}}")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Condition\":{\"ForAllValues::StringEquals\":{\"aws:TagKeys\":\"x\"}}")), Kind.MANAGED, syntax),
        Arguments.of(managed(with("\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":{}}}")), Kind.MANAGED, syntax),
        // The version, for managed policies.
        Arguments.of("{\"Statement\":" + OK_STATEMENT + "}", Kind.MANAGED, "Policy document must be version 2012-10-17 or greater."),
        Arguments.of("{\"Version\":\"2008-10-17\",\"Statement\":" + OK_STATEMENT + "}", Kind.MANAGED,
            "Policy document must be version 2012-10-17 or greater."),
        Arguments.of("{\"Statement\":{\"Effect\":\"allow\"}}", Kind.MANAGED, "Policy document must be version 2012-10-17 or greater."),
        // Legacy parsing: before the checks of actions and resources.
        Arguments.of(managed(with("\"Effect\":\"allow\"")), Kind.MANAGED, legacy),
        Arguments.of(managed("{\"Effect\":\"DENY\"}"), Kind.MANAGED, legacy),
        Arguments.of(managed(with("\"Resource\":\"arn:aws:s3::bucket\"")), Kind.MANAGED, legacy),
        Arguments.of(managed(with("\"Resource\":\"arn:aws::x\"")), Kind.MANAGED, legacy),
        Arguments.of(managed(with("\"Resource\":\"arn:aws::::thing\"")), Kind.MANAGED, legacy),
        Arguments.of(managed("{\"Effect\":\"Allow\",\"Resource\":\"arn:aws:s3::bucket\"}"), Kind.MANAGED, legacy),
        Arguments.of(managed(with("\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"tomorrow\"}}")), Kind.MANAGED, legacy),
        Arguments.of(managed(with("\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-13-01\"}}")), Kind.MANAGED, legacy),
        Arguments.of(managed(with("\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-01-01T10:00:00+5\"}}")), Kind.MANAGED, legacy),
        Arguments.of(managed(with("\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-01-01T10:00:00.1234567890Z\"}}")), Kind.MANAGED, legacy),
        Arguments.of(managed(with("\"Condition\":{\"DateEquals\":{\"aws:EpochTime\":\"99999999999999999999\"}}")), Kind.MANAGED, legacy),
        // Unique Sids (empty ones may repeat).
        Arguments.of(managed("[" + with("\"Sid\":\"Read\"") + ",{\"Sid\":\"Read\",\"Effect\":\"Allow\"}]"), Kind.MANAGED,
            "Statement IDs (SID) in a single policy must be unique."),
        // Each statement: actions, resources, their ARNs, the actions' vendors.
        Arguments.of(managed("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"), Kind.MANAGED, "Policy statement must contain actions."),
        Arguments.of(managed(with("\"Action\":[]")), Kind.MANAGED, "Policy statement must contain actions."),
        Arguments.of(managed("[{\"Effect\":\"Allow\"}," + OK_STATEMENT + "]"), Kind.MANAGED, "Policy statement must contain actions."),
        Arguments.of(managed("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}"), Kind.MANAGED, "Policy statement must contain resources."),
        Arguments.of(managed("{\"Effect\":\"Allow\",\"Action\":\"getobject\",\"Resource\":[]}"), Kind.MANAGED,
            "Policy statement must contain resources."),
        Arguments.of(managed(with("\"Principal\":\"*\"")), Kind.IDENTITY, "Policy document should not specify a principal."),
        Arguments.of(managed(with("\"Resource\":\"my-bucket\"")), Kind.MANAGED, "Resource my-bucket must be in ARN format or \"*\"."),
        Arguments.of(managed(with("\"Resource\":[\"\"]")), Kind.MANAGED, "Resource  must be in ARN format or \"*\"."),
        Arguments.of(managed(with("\"Resource\":\"x:y\"")), Kind.MANAGED, "Partition \"y\" is not valid for resource \"arn:y:*:*:*:*\"."),
        Arguments.of(managed(with("\"Resource\":\"aws:dynamodb:::t\"")), Kind.MANAGED,
            "Partition \"dynamodb\" is not valid for resource \"arn:dynamodb:::t:*\"."),
        Arguments.of(managed(with("\"Resource\":[\"arn:moon:s3:::b\",\"arn:moon:s3::b\"]")), Kind.MANAGED,
            "Partition \"moon\" is not valid for resource \"arn:moon:s3:::b\"."),
        Arguments.of(managed(with("\"Resource\":\"arn:aws\"")), Kind.MANAGED,
            "Resource vendor must be fully qualified and cannot contain regexes."),
        Arguments.of(managed(with("\"Resource\":\"arn:aws:iam:::people/alice\"")), Kind.MANAGED,
            "IAM resource path must either be \"*\", root, or start with user/, federated-user/, role/, group/, "
                + "instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, "
                + "report/, access-report/."),
        Arguments.of(managed(with("\"Resource\":\"arn:aws:iam:eu-west-1::role/r\"")), Kind.MANAGED,
            "IAM resource arn:aws:iam:eu-west-1::role/r cannot contain region information."),
        Arguments.of(managed(with("\"Resource\":\"arn:aws:s3:eu-west-1::bucket\"")), Kind.MANAGED,
            "Resource arn:aws:s3:eu-west-1::bucket can not contain region information."),
        Arguments.of(managed(with("\"Action\":\"getitem\"")), Kind.MANAGED,
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        Arguments.of(managed(with("\"NotAction\":\"\"")).replace("\"Action\":\"dynamodb:GetItem\",", ""), Kind.MANAGED,
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        Arguments.of(managed(with("\"Action\":\"dynamodb:Get:Item\"")), Kind.MANAGED, "Actions/Condition can contain only one colon."),
        Arguments.of(managed(with("\"Action\":\"dynamo db:GetItem\"")), Kind.MANAGED, "Vendor dynamo db is not valid"),
        // Trust policies.
        Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}}",
            Kind.TRUST, "Missing required field Principal"),
        Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}}", Kind.TRUST,
            "Has prohibited field Resource"),
        Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"lambda.amazonaws.com\"},\"Action\":\"sts:GetCallerIdentity\"}}", Kind.TRUST,
            "AssumeRole policy may only specify STS AssumeRole actions."));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusedWithIamsMessage(String document, Kind kind, String message) {
    assertThatThrownBy(() -> PolicyDocument.parse(document, kind))
        .isInstanceOf(AwsException.class)
        .hasMessage(message)
        .extracting(e -> ((AwsException) e).errorCode().code()).isEqualTo("MalformedPolicyDocument");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"Action\":\"iam: any text at all \"",
      "\"Action\":\"*\"",
      "\"Action\":\"my-vendor.v2:Do\"",
      "\"Resource\":[\"arn:aws:s3:::b\",\"*\"]",
      "\"Resource\":\"arn:aws:anything\"",
      "\"Resource\":\"arn:aws:iam:::user/alice\"",
      "\"Resource\":\"arn:aws:iam::123456789012:root\"",
      "\"Resource\":\"arn:aws:ec2:us-east-1::thing\"",
      "\"Resource\":\"arn:aws:s3:us-west-2:123456789012:accesspoint/ap\"",
      "\"Resource\":\"arn:aws:no-such-service:::x\"",
      "\"Condition\":{}",
      "\"Condition\":{\"UnknownOperator\":{}}",
      "\"Condition\":{\"DateGreaterThan\":{}}",
      "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":[]}}",
      "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\"}}",
      "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-01-01t7:05:09.123456+02\"}}",
      "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"26T\"}}",
      "\"Condition\":{\"DateLessThan\":{\"aws:EpochTime\":\"-1234567890\"}}",
      "\"Condition\":{\"ForAnyValue:StringEqualsIfExists\":{\"aws:TagKeys\":[\"a\",\"b\"]}}",
      "\"Sid\":\"\""})
  void acceptedAsIamAcceptsThem(String member) {
    assertThatCode(() -> PolicyDocument.parse(managed(with(member)), Kind.MANAGED)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"Statement\":" + OK_STATEMENT + "}",
      "{\"Version\":\"2008-10-17\",\"Statement\":" + OK_STATEMENT + "}"})
  void inlinePoliciesMayBeOfTheOlderVersion(String document) {
    assertThat(PolicyDocument.parse(document, Kind.IDENTITY).statements()).hasSize(1);
  }
}
