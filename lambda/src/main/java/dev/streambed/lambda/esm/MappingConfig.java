package dev.streambed.lambda.esm;

import java.util.List;

/**
 * An event source mapping as stored: every setting a user chose (with Lambda's defaults for
 * DynamoDB streams filled in), whether it should run, and what it last did.
 *
 * @param functionArn the function as the mapping names it (qualified when created so)
 * @param filterPatterns the FilterCriteria patterns, each a JSON text
 * @param onFailure the on-failure destination ARN, or null
 * @param enabled whether the user wants it to run (Enabled)
 */
public record MappingConfig(
    String uuid,
    String account,
    String region,
    String functionArn,
    String eventSourceArn,
    int batchSize,
    int maximumBatchingWindowInSeconds,
    String startingPosition,
    int parallelizationFactor,
    int maximumRetryAttempts,
    int maximumRecordAgeInSeconds,
    boolean bisectBatchOnFunctionError,
    int tumblingWindowInSeconds,
    List<String> functionResponseTypes,
    List<String> filterPatterns,
    String onFailure,
    boolean enabled,
    long lastModifiedMillis,
    String lastProcessingResult) {

  public String arn() {
    return "arn:aws:lambda:" + region + ":" + account + ":event-source-mapping:" + uuid;
  }

  /** Whether the two differ only in when they were changed and what they last did. */
  public boolean sameSettings(MappingConfig o) {
    return functionArn.equals(o.functionArn) && batchSize == o.batchSize
        && maximumBatchingWindowInSeconds == o.maximumBatchingWindowInSeconds
        && parallelizationFactor == o.parallelizationFactor && maximumRetryAttempts == o.maximumRetryAttempts
        && maximumRecordAgeInSeconds == o.maximumRecordAgeInSeconds
        && bisectBatchOnFunctionError == o.bisectBatchOnFunctionError
        && tumblingWindowInSeconds == o.tumblingWindowInSeconds
        && functionResponseTypes.equals(o.functionResponseTypes) && filterPatterns.equals(o.filterPatterns)
        && java.util.Objects.equals(onFailure, o.onFailure) && enabled == o.enabled;
  }

  /** The state once any transition has finished: Enabled or Disabled. */
  public String settledState() {
    return enabled ? "Enabled" : "Disabled";
  }
}
