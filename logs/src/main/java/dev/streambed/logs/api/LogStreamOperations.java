package dev.streambed.logs.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.logs.Logs;
import dev.streambed.logs.group.LogGroup;

/** CreateLogStream and DeleteLogStream. */
final class LogStreamOperations {
  private LogStreamOperations() {}

  static JsonOperation create(Logs logs) {
    return (JsonNode in, RequestContext context, JsonGenerator out) -> {
      LogGroup group = logs.groups().require(Wire.group(in, context));
      logs.streams().create(group, streamName(in));
      Descriptions.empty(out);
    };
  }

  static JsonOperation delete(Logs logs) {
    return (JsonNode in, RequestContext context, JsonGenerator out) -> {
      LogGroup group = logs.groups().require(Wire.group(in, context));
      logs.streams().delete(group, streamName(in));
      Descriptions.empty(out);
    };
  }

  /** The request's logStreamName, validated as AWS does. */
  static String streamName(JsonNode in) {
    String name = JsonMembers.string(in, "logStreamName");
    Violations v = new Violations();
    v.streamName(name, "logStreamName");
    v.throwIfAny();
    return name;
  }
}
