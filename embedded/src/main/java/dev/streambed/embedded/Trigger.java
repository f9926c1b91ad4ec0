package dev.streambed.embedded;

import dev.streambed.lambda.esm.EventSourceMappings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stream trigger (event source mapping) to create for a function: the table (or stream ARN) it
 * reads and Lambda's settings for DynamoDB streams. What is not set takes AWS's default (batch size
 * 100, no batching window, retries until the records expire, parallelization factor 1).
 */
public final class Trigger {
  private final String source;
  private StartingPosition startingPosition = StartingPosition.TRIM_HORIZON;
  private Integer batchSize;
  private Integer batchingWindowSeconds;
  private Integer maximumRetryAttempts;
  private Integer maximumRecordAgeSeconds;
  private Boolean bisectBatchOnFunctionError;
  private Integer parallelizationFactor;
  private Integer tumblingWindowSeconds;
  private final List<String> functionResponseTypes = new ArrayList<>();
  private final List<String> filterPatterns = new ArrayList<>();
  private String onFailure;
  private boolean enabled = true;

  private Trigger(String source) {
    this.source = Objects.requireNonNull(source, "table name or stream ARN");
  }

  /**
   * A trigger on a table's stream (by table name; the table must have a stream) or on a stream by
   * its ARN. It starts at {@link StartingPosition#TRIM_HORIZON} unless told otherwise, so that a
   * test sees every record, also those written before the trigger.
   */
  public static Trigger on(String tableNameOrStreamArn) {
    return new Trigger(tableNameOrStreamArn);
  }

  public Trigger startingPosition(StartingPosition position) {
    this.startingPosition = Objects.requireNonNull(position, "position");
    return this;
  }

  /** Records per invocation, 1 to 10,000 (AWS's default 100). */
  public Trigger batchSize(int records) {
    this.batchSize = records;
    return this;
  }

  /** How long to gather records before invoking (MaximumBatchingWindowInSeconds, up to 300 s). */
  public Trigger batchingWindow(Duration window) {
    this.batchingWindowSeconds = Math.toIntExact(window.toSeconds());
    return this;
  }

  /** Retries of a failed batch before it is given up (-1, the default, for until the records expire). */
  public Trigger maximumRetryAttempts(int attempts) {
    this.maximumRetryAttempts = attempts;
    return this;
  }

  /** Records older than this are given up rather than retried (-1, the default, for never). */
  public Trigger maximumRecordAge(Duration age) {
    this.maximumRecordAgeSeconds = Math.toIntExact(age.toSeconds());
    return this;
  }

  /** Splits a failed batch in two and retries the halves (BisectBatchOnFunctionError). */
  public Trigger bisectBatchOnFunctionError(boolean bisect) {
    this.bisectBatchOnFunctionError = bisect;
    return this;
  }

  /** Batches of one shard processed at once, keeping each key's order (1 to 10). */
  public Trigger parallelizationFactor(int factor) {
    this.parallelizationFactor = factor;
    return this;
  }

  /** Tumbling windows of this length, with state passed from invocation to invocation. */
  public Trigger tumblingWindow(Duration window) {
    this.tumblingWindowSeconds = Math.toIntExact(window.toSeconds());
    return this;
  }

  /** The function reports which records failed ({@code batchItemFailures}); the rest are done. */
  public Trigger reportBatchItemFailures() {
    if (!functionResponseTypes.contains("ReportBatchItemFailures")) {
      functionResponseTypes.add("ReportBatchItemFailures");
    }
    return this;
  }

  /** Only records matching this FilterCriteria pattern (JSON) invoke the function; may be repeated. */
  public Trigger filter(String pattern) {
    filterPatterns.add(Objects.requireNonNull(pattern, "pattern"));
    return this;
  }

  /** Where the records of a batch given up on are described (an SQS queue's or SNS topic's ARN). */
  public Trigger onFailure(String destinationArn) {
    this.onFailure = destinationArn;
    return this;
  }

  /** Created disabled: it reads nothing until enabled (UpdateEventSourceMapping). */
  public Trigger disabled() {
    this.enabled = false;
    return this;
  }

  String source() {
    return source;
  }

  EventSourceMappings.Settings settings(String functionName, String streamArn) {
    return new EventSourceMappings.Settings(functionName, streamArn, batchSize, batchingWindowSeconds,
        startingPosition.name(), parallelizationFactor, maximumRetryAttempts, maximumRecordAgeSeconds,
        bisectBatchOnFunctionError, tumblingWindowSeconds,
        functionResponseTypes.isEmpty() ? null : List.copyOf(functionResponseTypes),
        filterPatterns.isEmpty() ? null : List.copyOf(filterPatterns), onFailure, enabled);
  }
}
