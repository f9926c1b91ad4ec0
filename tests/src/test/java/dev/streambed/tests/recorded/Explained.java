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

  /** Recorded tests of what Streambed does not serve, by the start of their name (or all of it, ending in $). */
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
      Map.entry("TestDynamoDB::test_dynamodb_describe_contributor_insights", "CloudWatch Contributor Insights is not served"),
      // Lambda's API
      Map.entry("TestLambdaLayer::", "layers are not served"),
      Map.entry("TestLambdaAccountSettings::test_account_settings_total_code_size$",
          "layers are not served (the test publishes layer versions)"),
      Map.entry("TestLambdaImages::", "container images are not served"),
      Map.entry("TestLambdaSnapStart::", "SnapStart is not served"),
      Map.entry("TestCodeSigningConfig::", "code signing configurations are not served"),
      Map.entry("TestLambdaProvisionedConcurrency::", "provisioned concurrency is not served"),
      Map.entry("TestLambdaUrl::", "function URLs are not served (GetFunctionUrlConfig answers as for a function without one)"),
      Map.entry("TestLambdaFunction::test_vpc_config", "VPC configurations are not served (nor is EC2)"),
      Map.entry("TestLambdaFunction::test_invalid_vpc_config_", "VPC configurations are not served (nor is EC2)"),
      Map.entry("TestLambdaFunction::test_lambda_code_location_s3", "function code from S3 is not served (nor is S3)"),
      Map.entry("TestLambdaSizeLimits::test_large_lambda", "function code from S3 is not served (nor is S3)"),
      Map.entry("TestLambdaSizeLimits::test_oversized_unzipped_lambda", "function code from S3 is not served (nor is S3)"),
      Map.entry("TestLambdaSizeLimits::test_oversized_request_create_lambda",
          "request bodies over the front door's limit (--max-body, 16 MB by default) are refused before Lambda "
              + "reads them; AWS's CreateFunction reads up to 70 MB"),
      Map.entry("TestLambdaSizeLimits::test_oversized_zipped_create_lambda",
          "request bodies over the front door's limit (--max-body, 16 MB by default) are refused before Lambda "
              + "reads them; AWS's CreateFunction reads up to 70 MB"),
      Map.entry("TestLambdaEventSourceMappings::test_function_name_variations",
          "event source mappings of SQS queues are not served (Streambed's mappings read DynamoDB streams)"),
      Map.entry("TestLambdaEventSourceMappings::test_create_event_source_self_managed",
          "event source mappings of Kafka clusters are not served"),
      Map.entry("TestLambdaEventSourceMappings::test_create_event_source_validation_kinesis",
          "event source mappings of Kinesis streams are not served"),
      Map.entry("TestLambdaTag::test_tag_lifecycle[event_source_mapping]",
          "event source mappings of SQS queues are not served (the test tags one)"),
      Map.entry("TestLambdaTag::test_create_tag_on_esm_create",
          "event source mappings of SQS queues are not served (the test tags one)"),
      // Stream triggers
      Map.entry("TestDynamoDBEventSourceMapping::test_dynamodb_event_source_mapping_with_sns_on_failure_destination_config",
          "SNS is not served (the failure record is published to a topic the test reads through a queue)"),
      Map.entry("TestDynamoDBEventSourceMapping::test_dynamodb_event_source_mapping_with_s3_on_failure_destination",
          "S3 is not served (the failure record is written to a bucket)"),
      // Lambda's behaviour
      Map.entry("TestLambdaURL::", "function URLs are not served"),
      Map.entry("TestLambdaPermissions::test_lambda_permission_url_invocation", "function URLs are not served"),
      Map.entry("TestRequestIdHandling::test_request_id_invoke_url", "function URLs are not served"),
      Map.entry("TestLambdaFeatures::test_upload_lambda_from_s3", "function code from S3 is not served (nor is S3)"),
      Map.entry("TestLambdaVersions::test_async_invoke_queue_upon_function_update",
          "S3 is not served (the function writes what it ran to a bucket)"),
      Map.entry("TestLambdaDestinationSqs::test_maxeventage",
          "an event is too old for its first retry only with AWS's minute before it, which the replay's server "
              + "shortens to a second (LambdaAsyncInvokeTest gives up such an event, with AWS's minute)"),
      Map.entry("TestLambdaDestinationEventbridge::", "EventBridge is not served"),
      Map.entry("TestLambdaVersions::test_function_update_during_invoke",
          "the recorded test holds an invocation for 20 seconds: too slow to replay"),
      Map.entry("TestLambdaErrors::test_lambda_runtime_exit_segfault",
          "AWS answers a crashed runtime only when the function's 30-second timeout passes: too slow to replay"),
      Map.entry("TestLambdaBehavior::test_runtime_introspection_",
          "the sandbox of AWS's environments (its user, /var/task, /opt, arm64 machines) is not reproduced: "
              + "functions run as processes of the machine, in a directory of their code"),
      Map.entry("TestLambdaBehavior::test_runtime_ulimits",
          "the sandbox of AWS's environments (its resource limits) is not reproduced"),
      Map.entry("TestLambdaBehavior::test_lambda_init_environment",
          "the sandbox of AWS's environments (PID 1's environment, /var/runtime, /var/lang) is not reproduced"),
      Map.entry("TestLambdaBehavior::test_lambda_host_prefix_api_operation",
          "Step Functions and Cloud Map, which the function calls, are not served"),
      Map.entry("TestLambdaBaseFeatures::test_lambda_different_iam_keys_environment",
          "the environments of one function share its role's credentials; AWS gives each its own"),
      Map.entry("TestLambdaConcurrency::test_lambda_provisioned_concurrency", "provisioned concurrency is not served"),
      Map.entry("TestLambdaConcurrency::test_provisioned_concurrency", "provisioned concurrency is not served"),
      Map.entry("TestLambdaConcurrency::test_reserved_provisioned_overlap", "provisioned concurrency is not served"),
      Map.entry("TestLambdaConcurrency::test_lambda_concurrency_block",
          "provisioned concurrency is not served (the test puts some on a version)"),
      Map.entry("TestLambdaConcurrency::test_reserved_concurrency_async_queue",
          "asynchronous invocations throttled by reserved concurrency are retried over minutes, as on AWS: "
              + "too slow to replay"),
      // Lambda's runtimes
      Map.entry("TestJavaRuntimes::test_stream_handler[java11]", "Java functions run on java17 and java21 only"),
      Map.entry("TestJavaRuntimes::test_stream_handler[java8.al2]", "Java functions run on java17 and java21 only"),
      Map.entry("TestJavaRuntimes::test_stream_handler[java25]", "Java functions run on java17 and java21 only"),
      Map.entry("TestJavaRuntimes::test_serializable_input_object[java11]", "Java functions run on java17 and java21 only"),
      Map.entry("TestJavaRuntimes::test_serializable_input_object[java8.al2]",
          "Java functions run on java17 and java21 only"),
      Map.entry("TestJavaRuntimes::test_serializable_input_object[java25]", "Java functions run on java17 and java21 only"),
      Map.entry("TestJavaRuntimes::test_java_custom_handler_method_specification",
          "Java functions run on java17 and java21 only (the test's function is java11)"),
      Map.entry("TestJavaRuntimes::test_java_runtime_with_lib",
          "Java functions run on java17 and java21 only (the test's functions are java11)"),
      Map.entry("TestJavaRuntimes::test_java_lambda_subscribe_sns_topic", "SNS is not served"),
      Map.entry("TestLambdaPermissions::test_lambda_permission_revisions",
          "recorded in December 2022 by a test since rewritten, whose calls the recording does not tell; "
              + "test_lambda_permission_fn_versioning records the same behaviour against AWS in November 2025"));

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
      Map.entry("TestIAMIntegrations::test_user_attach_policy", newerArnMessage()),
      // Recorded in September 2023 without masking what varies: the runtime version of that
      // time (python:3.10.v11) and what the REPORT lines measured.
      Map.entry("TestLambdaFeatures::test_invocation_type_event_error", List.of(
          Pattern.compile("(?s)\\$\\.log_events\\[0\\]\\.message: AWS answered INIT_START Runtime Version: "
              + "python:3\\.10\\.v11\t.*, we answered INIT_START Runtime Version: python:3\\.10\\.v\\d+\t.*"),
          Pattern.compile("(?s)\\$\\.log_events\\[\\d+\\]\\.message: AWS answered " + report("<request-id>")
              + ", we answered " + report("[0-9a-f-]{36}")))),
      // In April 2024 AWS answered a timeout with its log line as errorMessage and no errorType;
      // in November 2025 (test_lambda_invoke_with_timeout) with "RequestId: ID Error: Task timed
      // out after N seconds" and errorType Sandbox.Timedout, as we do.
      Map.entry("TestLambdaBehavior::test_lambda_invoke_timed_out_environment_reuse", List.of(
          Pattern.compile(Pattern.quote("$.invoke-result-timed-out.Payload.errorMessage: AWS answered date "
              + "<timeout_error_msg> Task timed out after 1.00 seconds, we answered RequestId: <timeout_error_msg> "
              + "Error: Task timed out after 1.00 seconds")),
          Pattern.compile(Pattern.quote("$.invoke-result-timed-out.Payload.errorType: we answer this member "
              + "(\"Sandbox.Timedout\"), AWS does not")))));

  /**
   * Values the recorder replaced in AWS's answer where ours keeps them, by test. It gives the value
   * of every member named ApproximateCreationDateTime the placeholder
   * {@code <approximate-creation-datetime>}, also the one in the filter pattern the test sent
   * (test_lambda_integration_dynamodbstreams' transformer), which CreateEventSourceMapping answers
   * as it was sent, as we do.
   */
  static final Map<String, List<Pattern>> MASKED = Map.of(
      "TestDynamoDBEventSourceMapping::test_dynamodb_event_filter[date_time_conversion]", List.of(Pattern.compile(
          Pattern.quote("$.create_event_source_mapping_response.FilterCriteria.Filters[0].Pattern.dynamodb."
              + "ApproximateCreationDateTime: AWS answered a string (<approximate-creation-datetime>), we answered "
              + "[{\"numeric\":[\">\",0]}]"))));

  /** A REPORT line of any measurements, of a function of 128 MB. */
  private static String report(String requestId) {
    return "REPORT RequestId: " + requestId + "\tDuration: [\\d.]+ ms\tBilled Duration: \\d+ ms\tMemory Size: 128 MB\t"
        + "Max Memory Used: \\d+ MB\t(Init Duration: [\\d.]+ ms\t)?\n";
  }

  private static List<Pattern> newerArnMessage() {
    return List.of(Pattern.compile("\\$\\.(non_existent_malformed_policy_arn|existing_policy_name_provided)\\.Error\\.Message: "
        + "AWS answered Invalid ARN:  Could not be parsed!, we answered ARN \\S+ is not valid\\."));
  }

  /**
   * Differences Streambed keeps on purpose, in every test. Its updates and publications are done
   * when answered, so the first read after one reports it done (Successful, Active) where AWS, read
   * at once, still reported it InProgress or Pending for about a second: the SDK's and CLI's
   * waiters return at their first poll. The answers to the updates themselves say InProgress as
   * AWS's do, and a second update before the first is read is refused as AWS refuses it.
   */
  static final List<Pattern> BY_DESIGN = List.of(
      Pattern.compile(".*\\.LastUpdateStatus: AWS answered InProgress, we answered Successful"),
      Pattern.compile(".*\\.LastUpdateStatusReason(Code)?: AWS answers this member, we do not"),
      Pattern.compile(".*\\.State: AWS answered Pending, we answered Active"),
      Pattern.compile(".*\\.LastUpdateStatus: we answer this member \\(\"Successful\"\\), AWS does not"),
      Pattern.compile(".*\\.StateReason(Code)?: AWS answers this member, we do not"),
      // A function's code is not at /var/task but in a directory of its own on the machine.
      // (In an error's stackTrace, its log lines and the log tail alike.)
      Pattern.compile("(?s)[^:]*: AWS answered ([^\"]*)File \"/var/task/(\\S+)\", (.*), we answered "
          + "\\1File \"/\\S+/code/[0-9a-f]+/\\2\", \\3"));

  /**
   * Differences of single tests that Streambed keeps on purpose, by test. Python functions run
   * on the machine's python3, whose import machinery (and so the frames of an error at import)
   * differ from AWS's Python's.
   */
  static final Map<String, List<Pattern>> BY_DESIGN_IN = Map.of(
      "TestLambdaErrors::test_lambda_runtime_error", List.of(Pattern.compile(
          "(?s)\\$\\.invocation_error\\.Payload\\.stackTrace.*")));

  /**
   * Members AWS added to its answers after some recordings were made: the LoggingConfig of
   * Lambda's advanced logging controls (launched 16 November 2023), the RuntimeVersionConfig of
   * runtime management and SnapStart's settings, which recordings show from March 2023 on, a
   * mapping's EventSourceMappingArn (absent from the stream triggers' recording of 11 September
   * 2024, present in those from 12 October 2024 on) and a table's WarmThroughput (launched
   * 13 November 2024). Older recordings lack them; we answer them as AWS does today.
   */
  static List<Pattern> olderAws(java.time.LocalDate recorded) {
    List<Pattern> out = new java.util.ArrayList<>();
    if (recorded.isBefore(java.time.LocalDate.of(2024, 11, 13))) {
      out.add(Pattern.compile(".*\\.TableDescription\\.WarmThroughput: we answer this member .*, AWS does not"));
    }
    if (recorded.isBefore(java.time.LocalDate.of(2024, 10, 12))) {
      out.add(Pattern.compile(".*\\.EventSourceMappingArn: we answer this member .*, AWS does not"));
    }
    if (recorded.isBefore(java.time.LocalDate.of(2023, 11, 16))) {
      out.add(Pattern.compile(".*\\.LoggingConfig: we answer this member .*, AWS does not"));
    }
    if (recorded.isBefore(java.time.LocalDate.of(2023, 3, 1))) {
      out.add(Pattern.compile(".*\\.(RuntimeVersionConfig|SnapStart): we answer this member .*, AWS does not"));
    }
    return out;
  }

  /** Why the recorded test is not replayed, or null when it is. */
  static String reasonNotReplayed(String test, com.fasterxml.jackson.databind.JsonNode recorded) {
    String reason = NOT_SERVED.entrySet().stream().filter(e -> e.getKey().endsWith("$")
            ? test.equals(e.getKey().substring(0, e.getKey().length() - 1)) : test.startsWith(e.getKey()))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    if (reason == null && recorded.path("recorded-content").isEmpty()) {
      // The recorder matched nothing in these tests: there is no answer of AWS to compare with.
      return "AWS's answers were not recorded";
    }
    return reason;
  }
}
