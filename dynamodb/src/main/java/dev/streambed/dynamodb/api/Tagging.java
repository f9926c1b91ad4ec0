package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.Tables;
import dev.streambed.kernel.protocol.JsonOperation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagResource, UntagResource and ListTagsOfResource: one small family on a table's tags. */
final class Tagging {
  private Tagging() {}

  static JsonOperation tagResource(Tables tables) {
    return (in, context, out) -> {
      String arn = JsonMembers.string(in, "ResourceArn");
      JsonNode tagList = JsonMembers.array(in, "Tags");
      Violations v = new Violations();
      v.notNull(arn, "resourceArn");
      v.notNull(tagList, "tags");
      Map<String, String> tags = new LinkedHashMap<>();
      if (tagList != null) {
        int i = 1;
        for (JsonNode t : tagList) {
          String key = JsonMembers.string(t, "Key");
          String value = JsonMembers.string(t, "Value");
          v.notNull(key, "tags." + i + ".member.key");
          v.notNull(value, "tags." + i + ".member.value");
          if (key != null && (key.isEmpty() || key.length() > 128)) {
            v.add(key, "tags." + i + ".member.key", key.isEmpty()
                ? "Member must have length greater than or equal to 1"
                : "Member must have length less than or equal to 128");
          }
          if (value != null && value.length() > 256) {
            v.add(value, "tags." + i + ".member.value", "Member must have length less than or equal to 256");
          }
          tags.put(key, value);
          i++;
        }
      }
      v.throwIfAny();
      tables.tag(arn, tags);
      empty(out);
    };
  }

  static JsonOperation untagResource(Tables tables) {
    return (in, context, out) -> {
      String arn = JsonMembers.string(in, "ResourceArn");
      List<String> keys = JsonMembers.strings(in, "TagKeys");
      Violations v = new Violations();
      v.notNull(arn, "resourceArn");
      v.notNull(keys, "tagKeys");
      v.throwIfAny();
      tables.untag(arn, keys);
      empty(out);
    };
  }

  static JsonOperation listTagsOfResource(Tables tables) {
    return (in, context, out) -> {
      String arn = JsonMembers.string(in, "ResourceArn");
      Violations v = new Violations();
      v.notNull(arn, "resourceArn");
      v.throwIfAny();
      Table t = tables.byArn(arn);
      out.writeStartObject();
      out.writeArrayFieldStart("Tags");
      for (Map.Entry<String, String> e : t.tags().entrySet()) {
        out.writeStartObject();
        out.writeStringField("Key", e.getKey());
        out.writeStringField("Value", e.getValue());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeEndObject();
    };
  }

  private static void empty(JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeEndObject();
  }

}
