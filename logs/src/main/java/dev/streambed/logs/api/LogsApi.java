package dev.streambed.logs.api;

import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.logs.Logs;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch Logs over AWS JSON 1.1: the one operation table. Logs names its errors in
 * {@code __type} without a namespace ({@code "ResourceNotFoundException"}).
 */
public final class LogsApi {
  private LogsApi() {}

  public static JsonService service(Logs logs) {
    Map<String, JsonOperation> ops = new TreeMap<>();
    ops.put("CreateLogGroup", new CreateLogGroup(logs.groups()));
    ops.put("DeleteLogGroup", new DeleteLogGroup(logs.groups()));
    ops.put("DescribeLogGroups", new DescribeLogGroups(logs.groups()));
    ops.put("ListLogGroups", new ListLogGroups(logs.groups()));
    ops.put("PutRetentionPolicy", RetentionPolicies.put(logs.groups()));
    ops.put("DeleteRetentionPolicy", RetentionPolicies.delete(logs.groups()));
    ops.put("CreateLogStream", LogStreamOperations.create(logs));
    ops.put("DeleteLogStream", LogStreamOperations.delete(logs));
    ops.put("DescribeLogStreams", new DescribeLogStreams(logs.groups(), logs.streams()));
    ops.put("PutLogEvents", new PutLogEvents(logs));
    ops.put("GetLogEvents", new GetLogEvents(logs));
    ops.put("FilterLogEvents", new FilterLogEvents(logs));
    ops.put("TagResource", Tagging.tagResource(logs.groups()));
    ops.put("UntagResource", Tagging.untagResource(logs.groups()));
    ops.put("ListTagsForResource", Tagging.listTagsForResource(logs.groups()));
    ops.put("TagLogGroup", Tagging.tagLogGroup(logs.groups()));
    ops.put("UntagLogGroup", Tagging.untagLogGroup(logs.groups()));
    ops.put("ListTagsLogGroup", Tagging.listTagsLogGroup(logs.groups()));
    return new JsonService("Logs_20140328", "", "application/x-amz-json-1.1", "logs", Map.copyOf(ops));
  }
}
