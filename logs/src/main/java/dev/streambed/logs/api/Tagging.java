package dev.streambed.logs.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.logs.LogsError;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.logs.group.LogGroups;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Tags of log groups: TagResource, UntagResource and ListTagsForResource by ARN, and the
 * legacy TagLogGroup, UntagLogGroup and ListTagsLogGroup by name. Both see the same tags.
 */
final class Tagging {
  private Tagging() {}

  static JsonOperation tagResource(LogGroups groups) {
    return (JsonNode in, RequestContext context, JsonGenerator out) -> {
      GroupRef ref = byArn(in);
      groups.tag(ref, tags(in));
      Descriptions.empty(out);
    };
  }

  static JsonOperation untagResource(LogGroups groups) {
    return (JsonNode in, RequestContext context, JsonGenerator out) -> {
      GroupRef ref = byArn(in);
      groups.untag(ref, keys(in, "tagKeys"));
      Descriptions.empty(out);
    };
  }

  static JsonOperation listTagsForResource(LogGroups groups) {
    return (JsonNode in, RequestContext context, JsonGenerator out) ->
        writeTags(out, groups.require(byArn(in)).tags());
  }

  static JsonOperation tagLogGroup(LogGroups groups) {
    return (JsonNode in, RequestContext context, JsonGenerator out) -> {
      groups.tag(Wire.group(in, context), tags(in));
      Descriptions.empty(out);
    };
  }

  static JsonOperation untagLogGroup(LogGroups groups) {
    return (JsonNode in, RequestContext context, JsonGenerator out) -> {
      groups.untag(Wire.group(in, context), keys(in, "tags"));
      Descriptions.empty(out);
    };
  }

  static JsonOperation listTagsLogGroup(LogGroups groups) {
    return (JsonNode in, RequestContext context, JsonGenerator out) ->
        writeTags(out, groups.require(Wire.group(in, context)).tags());
  }

  private static GroupRef byArn(JsonNode in) {
    String arn = JsonMembers.string(in, "resourceArn");
    Violations v = new Violations();
    v.notNull(arn, "resourceArn");
    v.length(arn, "resourceArn", 1, 1011);
    v.throwIfAny();
    GroupRef ref = GroupRef.fromArn(arn);
    if (ref == null) {
      throw LogsError.invalid("Invalid resource ARN: " + arn);
    }
    return ref;
  }

  private static Map<String, String> tags(JsonNode in) {
    Map<String, String> tags = JsonMembers.stringMap(in, "tags");
    Violations v = new Violations();
    v.notNull(tags, "tags");
    v.throwIfAny();
    if (tags.isEmpty() || tags.size() > 50) {
      throw LogsError.invalid("1 validation error detected: Value '" + tags + "' at 'tags' failed to satisfy "
          + "constraint: Member must have length " + (tags.isEmpty() ? "greater than or equal to 1"
          : "less than or equal to 50"));
    }
    return tags;
  }

  private static List<String> keys(JsonNode in, String member) {
    List<String> keys = JsonMembers.strings(in, member);
    Violations v = new Violations();
    v.notNull(keys, member);
    v.throwIfAny();
    return keys;
  }

  private static void writeTags(JsonGenerator out, Map<String, String> tags) throws IOException {
    out.writeStartObject();
    out.writeObjectFieldStart("tags");
    for (Map.Entry<String, String> t : tags.entrySet()) {
      out.writeStringField(t.getKey(), t.getValue());
    }
    out.writeEndObject();
    out.writeEndObject();
  }
}
