package dev.streambed.lambda;

import java.util.Map;

/**
 * Where Lambda sends what an asynchronous invocation leaves behind (its destination record or,
 * for a dead-letter queue, its event) when the target is another service's: a queue of SQS.
 */
public interface Deliveries {
  /** Delivers nothing: for a Lambda without SQS beside it. */
  Deliveries NONE = (queueArn, body, attributes, traceHeader) -> {
    throw new IllegalStateException("no queues to send to");
  };

  /** A message attribute as SQS takes it (String or Number). */
  record Attribute(String dataType, String value) {}

  /**
   * Sends a message to the queue of {@code queueArn}, with the AWSTraceHeader system attribute
   * Lambda gives its messages; throws when there is no such queue.
   */
  void sendToQueue(String queueArn, String body, Map<String, Attribute> attributes, String traceHeader);
}
