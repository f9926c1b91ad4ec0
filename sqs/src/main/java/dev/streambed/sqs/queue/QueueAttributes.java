package dev.streambed.sqs.queue;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.sqs.SqsError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The attributes of a queue that CreateQueue and SetQueueAttributes take, their defaults and
 * ranges as the SQS API Reference gives them, and those GetQueueAttributes adds.
 */
public final class QueueAttributes {
  public static final String DELAY_SECONDS = "DelaySeconds";
  public static final String MAXIMUM_MESSAGE_SIZE = "MaximumMessageSize";
  public static final String MESSAGE_RETENTION_PERIOD = "MessageRetentionPeriod";
  public static final String POLICY = "Policy";
  public static final String RECEIVE_MESSAGE_WAIT_TIME_SECONDS = "ReceiveMessageWaitTimeSeconds";
  public static final String VISIBILITY_TIMEOUT = "VisibilityTimeout";
  public static final String REDRIVE_POLICY = "RedrivePolicy";
  public static final String REDRIVE_ALLOW_POLICY = "RedriveAllowPolicy";
  public static final String KMS_MASTER_KEY_ID = "KmsMasterKeyId";
  public static final String KMS_DATA_KEY_REUSE_PERIOD_SECONDS = "KmsDataKeyReusePeriodSeconds";
  public static final String SQS_MANAGED_SSE_ENABLED = "SqsManagedSseEnabled";
  public static final String FIFO_QUEUE = "FifoQueue";
  public static final String CONTENT_BASED_DEDUPLICATION = "ContentBasedDeduplication";
  public static final String DEDUPLICATION_SCOPE = "DeduplicationScope";
  public static final String FIFO_THROUGHPUT_LIMIT = "FifoThroughputLimit";

  /** Computed by GetQueueAttributes, never set. */
  public static final List<String> COMPUTED = List.of("ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesDelayed", "ApproximateNumberOfMessagesNotVisible",
      "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn");

  private static final Set<String> SETTABLE = Set.of(DELAY_SECONDS, MAXIMUM_MESSAGE_SIZE,
      MESSAGE_RETENTION_PERIOD, POLICY, RECEIVE_MESSAGE_WAIT_TIME_SECONDS, VISIBILITY_TIMEOUT,
      REDRIVE_POLICY, REDRIVE_ALLOW_POLICY, KMS_MASTER_KEY_ID, KMS_DATA_KEY_REUSE_PERIOD_SECONDS,
      SQS_MANAGED_SSE_ENABLED);
  private static final Set<String> FIFO_ONLY = Set.of(CONTENT_BASED_DEDUPLICATION,
      DEDUPLICATION_SCOPE, FIFO_THROUGHPUT_LIMIT);

  /** Integer attributes and their inclusive ranges. */
  private static final Map<String, int[]> RANGES = Map.of(
      DELAY_SECONDS, new int[] {0, 900},
      MAXIMUM_MESSAGE_SIZE, new int[] {1024, 1_048_576},
      MESSAGE_RETENTION_PERIOD, new int[] {60, 1_209_600},
      RECEIVE_MESSAGE_WAIT_TIME_SECONDS, new int[] {0, 20},
      VISIBILITY_TIMEOUT, new int[] {0, 43_200},
      KMS_DATA_KEY_REUSE_PERIOD_SECONDS, new int[] {60, 86_400});

  private QueueAttributes() {}

  /**
   * A new queue's attributes: SQS's defaults (as a queue created today shows them: 1 MiB
   * messages, four days' retention, SSE-SQS on), overlaid with what was asked for.
   */
  public static SortedMap<String, String> forNewQueue(QueueRef ref, Map<String, String> requested) {
    String fifo = requested.get(FIFO_QUEUE);
    boolean fifoName = "true".equalsIgnoreCase(fifo);
    if (fifo != null && !fifoName) {
      // A standard queue knows no FifoQueue attribute, whatever its value.
      throw unknown(FIFO_QUEUE);
    }
    checkName(ref.name(), fifoName);
    SortedMap<String, String> a = new TreeMap<>();
    a.put(DELAY_SECONDS, "0");
    a.put(MAXIMUM_MESSAGE_SIZE, "1048576");
    a.put(MESSAGE_RETENTION_PERIOD, "345600");
    a.put(RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "0");
    a.put(VISIBILITY_TIMEOUT, "30");
    a.put(SQS_MANAGED_SSE_ENABLED, "true");
    if (fifoName) {
      a.put(FIFO_QUEUE, "true");
      a.put(CONTENT_BASED_DEDUPLICATION, "false");
      a.put(DEDUPLICATION_SCOPE, "queue");
      a.put(FIFO_THROUGHPUT_LIMIT, "perQueue");
    }
    Map<String, String> rest = new TreeMap<>(requested);
    rest.remove(FIFO_QUEUE);
    apply(a, rest, fifoName);
    return a;
  }

  /** The attributes after SetQueueAttributes: checked, then merged over the current ones. */
  public static SortedMap<String, String> updated(Queue queue, Map<String, String> requested) {
    SortedMap<String, String> a = new TreeMap<>(queue.attributes());
    Map<String, String> rest = new TreeMap<>(requested);
    String fifo = rest.remove(FIFO_QUEUE);
    if (fifo != null) {
      if (!queue.fifo()) {
        throw unknown(FIFO_QUEUE);
      }
      if (!"true".equalsIgnoreCase(fifo)) {
        throw new AwsException(SqsError.INVALID_ATTRIBUTE_VALUE,
            "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
      }
    }
    apply(a, rest, queue.fifo());
    return a;
  }

  /**
   * The value an attribute takes when given, in the form it is stored and shown, for comparing
   * a CreateQueue of an existing name with the queue's attributes.
   */
  public static String normalized(String name, String value) {
    if (RANGES.containsKey(name)) {
      try {
        return Integer.toString(Integer.parseInt(value.trim()));
      } catch (NumberFormatException e) {
        return value;
      }
    }
    if (name.equals(REDRIVE_POLICY) && !value.isEmpty()) {
      try {
        return RedrivePolicy.normalize(value);
      } catch (AwsException e) {
        return value;
      }
    }
    if (name.equals(FIFO_QUEUE) || name.equals(CONTENT_BASED_DEDUPLICATION)
        || name.equals(SQS_MANAGED_SSE_ENABLED)) {
      return value.toLowerCase(java.util.Locale.ROOT);
    }
    return value;
  }

  /**
   * A standard queue's name is 1 to 80 letters, digits, hyphens and underscores; a FIFO queue's
   * the same with the {@code .fifo} suffix counted in the 80.
   */
  public static void checkName(String name, boolean fifo) {
    if (fifo) {
      if (!name.matches("[A-Za-z0-9_-]{1,75}\\.fifo")) {
        throw SqsError.invalid("The name of a FIFO queue can only include alphanumeric characters, "
            + "hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length");
      }
    } else if (!name.matches("[A-Za-z0-9_-]{1,80}")) {
      throw SqsError.invalid("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
  }

  private static void apply(SortedMap<String, String> a, Map<String, String> requested, boolean fifo) {
    for (String name : requested.keySet()) {
      if (FIFO_ONLY.contains(name) && !fifo) {
        if (name.equals(CONTENT_BASED_DEDUPLICATION)) {
          throw unknown(name);
        }
        throw new AwsException(SqsError.INVALID_ATTRIBUTE_NAME,
            "You can specify the " + name + " only when FifoQueue is set to true.");
      }
      if (!SETTABLE.contains(name) && !FIFO_ONLY.contains(name)) {
        throw unknown(name);
      }
    }
    if (requested.containsKey(KMS_MASTER_KEY_ID) && !requested.get(KMS_MASTER_KEY_ID).isEmpty()
        && "true".equalsIgnoreCase(requested.get(SQS_MANAGED_SSE_ENABLED))) {
      throw new AwsException(SqsError.INVALID_ATTRIBUTE_NAME, "You can use one type of server-side "
          + "encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.");
    }
    for (Map.Entry<String, String> e : requested.entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      int[] range = RANGES.get(name);
      if (range != null) {
        a.put(name, Integer.toString(integer(name, value, range)));
      } else if (name.equals(REDRIVE_POLICY)) {
        if (value.isEmpty()) {
          a.remove(name);
        } else {
          a.put(name, RedrivePolicy.normalize(value));
        }
      } else if (name.equals(KMS_MASTER_KEY_ID)) {
        if (value.isEmpty()) {
          a.remove(KMS_MASTER_KEY_ID);
          a.remove(KMS_DATA_KEY_REUSE_PERIOD_SECONDS);
        } else {
          a.put(name, value);
          a.putIfAbsent(KMS_DATA_KEY_REUSE_PERIOD_SECONDS, "300");
          a.put(SQS_MANAGED_SSE_ENABLED, "false");
        }
      } else if (name.equals(SQS_MANAGED_SSE_ENABLED) || name.equals(CONTENT_BASED_DEDUPLICATION)) {
        a.put(name, bool(name, value));
        if (name.equals(SQS_MANAGED_SSE_ENABLED) && value.equalsIgnoreCase("true")) {
          a.remove(KMS_MASTER_KEY_ID);
          a.remove(KMS_DATA_KEY_REUSE_PERIOD_SECONDS);
        }
      } else if (name.equals(DEDUPLICATION_SCOPE)) {
        a.put(name, oneOf(name, value, List.of("queue", "messageGroup")));
      } else if (name.equals(FIFO_THROUGHPUT_LIMIT)) {
        a.put(name, oneOf(name, value, List.of("perQueue", "perMessageGroupId")));
      } else if (value.isEmpty()) {
        a.remove(name);
      } else {
        a.put(name, value);
      }
    }
  }

  private static int integer(String name, String value, int[] range) {
    try {
      int v = Integer.parseInt(value.trim());
      if (v >= range[0] && v <= range[1]) {
        return v;
      }
    } catch (NumberFormatException e) {
      // Falls through to AWS's answer for any value it cannot take.
    }
    throw invalidValue(name);
  }

  private static String bool(String name, String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return value.toLowerCase(java.util.Locale.ROOT);
    }
    throw invalidValue(name);
  }

  private static String oneOf(String name, String value, List<String> allowed) {
    if (allowed.contains(value)) {
      return value;
    }
    throw invalidValue(name);
  }

  /** "Invalid value for the parameter VisibilityTimeout.", as SQS words it. */
  static AwsException invalidValue(String name) {
    return new AwsException(SqsError.INVALID_ATTRIBUTE_VALUE, "Invalid value for the parameter " + name + ".");
  }

  /** "Unknown Attribute FifoQueue.", as SQS words it. */
  public static AwsException unknown(String name) {
    return new AwsException(SqsError.INVALID_ATTRIBUTE_NAME, "Unknown Attribute " + name + ".");
  }
}
