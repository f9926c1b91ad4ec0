package dev.streambed.sqs.api;

import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.sqs.Sqs;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Amazon SQS over AWS JSON 1.0 ({@code X-Amz-Target: AmazonSQS.<Operation>}, signing name
 * {@code sqs}), the protocol current SDKs, boto3 and the CLI use: the one operation table.
 */
public final class SqsApi {
  private SqsApi() {}

  /** @param endpoint the server's endpoint, for queue URLs of requests that name no Host */
  public static JsonService service(Sqs sqs, Supplier<String> endpoint) {
    Map<String, JsonOperation> ops = new TreeMap<>();
    ops.put("CreateQueue", QueueOperations.create(sqs, endpoint));
    ops.put("GetQueueUrl", QueueOperations.getUrl(sqs, endpoint));
    ops.put("ListQueues", new ListQueues(sqs, endpoint));
    ops.put("DeleteQueue", QueueOperations.delete(sqs));
    ops.put("PurgeQueue", QueueOperations.purge(sqs));
    ops.put("GetQueueAttributes", QueueAttributeOperations.get(sqs));
    ops.put("SetQueueAttributes", QueueAttributeOperations.set(sqs));
    ops.put("SendMessage", new SendMessage(sqs));
    ops.put("SendMessageBatch", new SendMessageBatch(sqs));
    ops.put("ReceiveMessage", new ReceiveMessage(sqs));
    ops.put("DeleteMessage", MessageOperations.delete(sqs));
    ops.put("DeleteMessageBatch", MessageOperations.deleteBatch(sqs));
    ops.put("ChangeMessageVisibility", MessageOperations.changeVisibility(sqs));
    ops.put("ChangeMessageVisibilityBatch", MessageOperations.changeVisibilityBatch(sqs));
    ops.put("TagQueue", TagOperations.tag(sqs));
    ops.put("UntagQueue", TagOperations.untag(sqs));
    ops.put("ListQueueTags", TagOperations.list(sqs));
    ops.put("ListDeadLetterSourceQueues", new ListDeadLetterSourceQueues(sqs, endpoint));
    return new JsonService("AmazonSQS", "com.amazonaws.sqs#", "application/x-amz-json-1.0", "sqs",
        Map.copyOf(ops));
  }
}
