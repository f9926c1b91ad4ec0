package dev.streambed.tests.recorded;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Why a recorded test is not replayed, and the differences from a recorded answer that AWS itself
 * is known to vary on, each with its evidence.
 */
final class Explained {
  private Explained() {}

  /** Recorded tests of what Streambed does not serve, by the start of their name. */
  static final Map<String, String> NOT_SERVED = Map.ofEntries(
      Map.entry("TestIAMServiceSpecificCredentials::", "service-specific credentials are not served"),
      Map.entry("TestIAMServiceRoles::", "service-linked roles are not served"),
      Map.entry("TestIAMIntegrations::test_simulate_principle_policy", "SimulatePrincipalPolicy is not served"),
      Map.entry("TestIAMPolicyEncoding::test_put_group_policy_encoding", "IAM groups are not served"),
      Map.entry("TestIAMIntegrations::test_list_roles_with_permission_boundary", "permissions boundaries are not served"),
      Map.entry("TestLogsGroups::test_create_log_group_with_kms_key", "KMS keys are not served"),
      // DynamoDB and DynamoDB Streams
      Map.entry("TestDynamoDB::test_dynamodb_create_table_with_partial_sse_specification",
          "server-side encryption with KMS keys is not served (nor is KMS)"),
      Map.entry("TestDynamoDB::test_dynamodb_update_table_without_sse_specification_change",
          "server-side encryption with KMS keys is not served (nor is KMS)"),
      Map.entry("TestDynamoDB::test_continuous_backup_update", "point-in-time recovery and backups are not served"),
      Map.entry("TestDynamoDB::test_kinesis_streaming_destination_crud", "Kinesis streaming destinations are not served"),
      Map.entry("TestDynamoDBStreams::test_enable_kinesis_streaming_destination",
          "Kinesis streaming destinations are not served"),
      Map.entry("TestDynamoDB::test_streams_on_global_tables", "global tables (replicas in other regions) are not served"),
      Map.entry("TestDynamoDBStreams::test_table_v2_stream",
          "global tables (replicas in other regions, made by CloudFormation) are not served"),
      Map.entry("TestDynamoDB::test_dynamodb_describe_contributor_insights", "CloudWatch Contributor Insights is not served"));

  /**
   * Differences where AWS answers otherwise today or answered inconsistently, by test, as patterns
   * of the difference: AWS answered a nextToken to a DescribeLogGroups by pattern whose one match
   * was on the page (the recorder's test does not verify it); we answer a token only when more
   * groups follow, as for a prefix. A policy ARN that is no ARN was "Invalid ARN:  Could not be
   * parsed!" when these were recorded (March and June 2025); AWS answered "ARN X is not valid." to
   * the same AttachRolePolicy calls in February 2026 (localstack's test_iam_roles recordings,
   * test_role_managed_policy_errors), which is what we answer.
   */
  static final Map<String, List<Pattern>> AWS_VARIES = Map.ofEntries(
      Map.entry("TestLogsGroups::test_describe_log_groups_with_pattern", List.of(
          Pattern.compile(Pattern.quote("$.describe-log-groups-pattern.nextToken: AWS answers this member, we do not")))),
      Map.entry("TestIAMIntegrations::test_role_attach_policy", newerArnMessage()),
      Map.entry("TestIAMIntegrations::test_user_attach_policy", newerArnMessage()));

  private static List<Pattern> newerArnMessage() {
    return List.of(Pattern.compile("\\$\\.(non_existent_malformed_policy_arn|existing_policy_name_provided)\\.Error\\.Message: "
        + "AWS answered Invalid ARN:  Could not be parsed!, we answered ARN \\S+ is not valid\\."));
  }

  /** Why the recorded test is not replayed, or null when it is. */
  static String reasonNotReplayed(String test, com.fasterxml.jackson.databind.JsonNode recorded) {
    String reason = NOT_SERVED.entrySet().stream().filter(e -> test.startsWith(e.getKey()))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    if (reason == null && recorded.path("recorded-content").isEmpty()) {
      // The recorder matched nothing in these tests: there is no answer of AWS to compare with.
      return "AWS's answers were not recorded";
    }
    return reason;
  }
}
