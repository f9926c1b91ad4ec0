package dev.streambed.streams.api;

import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.streams.Streams;
import java.util.Map;

/** DynamoDB Streams over AWS JSON 1.0: the one operation table. */
public final class StreamsApi {
  private StreamsApi() {}

  public static JsonService service(Streams streams) {
    Map<String, JsonOperation> ops = Map.of(
        "ListStreams", new ListStreams(streams),
        "DescribeStream", new DescribeStream(streams),
        "GetShardIterator", new GetShardIterator(streams),
        "GetRecords", new GetRecords(streams));
    // Streams signs with the service name "dynamodb" and shares DynamoDB's error namespace.
    return new JsonService("DynamoDBStreams_20120810", "com.amazonaws.dynamodb.v20120810#",
        "application/x-amz-json-1.0", "dynamodb", ops);
  }
}
