package dev.streambed.tests.differential;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/** Known differences of UpdateTimeToLive and DescribeTimeToLive. */
final class TimeToLiveDifferences {
  /** When each table's setting last changed, on Streambed's clock, as AWS's answers imply. */
  private static final Map<String, Long> LAST_CHANGE = new ConcurrentHashMap<>();
  private static final long HOUR = 60 * 60 * 1000;

  static final List<KnownDifference> ALL = List.of(
      new KnownDifference("ttl-change-interval",
          "lets UpdateTimeToLive change a table's setting as often as it is asked to",
          "refuses a second change within an hour of the last: ValidationException 'Time to live has "
              + "been modified multiple times within a fixed interval'",
          "DynamoDB API reference, UpdateTimeToLive: 'It can take up to one hour for the change to fully "
              + "process. Any additional UpdateTimeToLive calls for the same table during this one hour "
              + "duration result in a ValidationException.'; the message as hashicorp/terraform-provider-aws "
              + "quotes it from AWS in its acceptance tests (internal/service/dynamodb/table_test.go: 'TTL "
              + "tests must be split since it can only be updated once per hour')",
          TimeToLiveDifferences::changeInterval));

  private TimeToLiveDifferences() {}

  private static Answer changeInterval(Step step, Answer local) {
    if (!(step.request() instanceof UpdateTimeToLiveRequest) || local.failed()) {
      return local;
    }
    Long last = LAST_CHANGE.get(step.tableName());
    if (last != null && step.atMillis() - last < HOUR) {
      return Answer.error(400, "ValidationException",
          "Time to live has been modified multiple times within a fixed interval", Map.of());
    }
    LAST_CHANGE.put(step.tableName(), step.atMillis());
    return local;
  }
}
