package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.item.TimeToLive;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.Tables;
import dev.streambed.kernel.protocol.JsonOperation;

/** UpdateTimeToLive and DescribeTimeToLive. */
final class TimeToLiveOperations {
  private TimeToLiveOperations() {}

  static JsonOperation update(Tables tables, TimeToLive ttl) {
    return (in, context, out) -> {
      String name = JsonMembers.string(in, "TableName");
      JsonNode spec = JsonMembers.object(in, "TimeToLiveSpecification");
      Violations v = new Violations();
      v.tableName(name, "tableName");
      v.notNull(spec, "timeToLiveSpecification");
      Boolean enabled = spec == null ? null : JsonMembers.bool(spec, "Enabled");
      String attribute = spec == null ? null : JsonMembers.string(spec, "AttributeName");
      if (spec != null) {
        v.notNull(enabled, "timeToLiveSpecification.enabled");
        v.notNull(attribute, "timeToLiveSpecification.attributeName");
        if (attribute != null && (attribute.isEmpty() || attribute.length() > 255)) {
          v.add(attribute, "timeToLiveSpecification.attributeName", attribute.isEmpty()
              ? "Member must have length greater than or equal to 1"
              : "Member must have length less than or equal to 255");
        }
      }
      v.throwIfAny();
      Table table = tables.describe(Wire.table(context, name));
      ttl.update(table, enabled, attribute);
      out.writeStartObject();
      out.writeObjectFieldStart("TimeToLiveSpecification");
      out.writeStringField("AttributeName", attribute);
      out.writeBooleanField("Enabled", enabled);
      out.writeEndObject();
      out.writeEndObject();
    };
  }

  static JsonOperation describe(Tables tables, TimeToLive ttl) {
    return (in, context, out) -> {
      String name = JsonMembers.string(in, "TableName");
      Violations v = new Violations();
      v.tableName(name, "tableName");
      v.throwIfAny();
      Table table = tables.describe(Wire.table(context, name));
      String attribute = ttl.attribute(table);
      out.writeStartObject();
      out.writeObjectFieldStart("TimeToLiveDescription");
      if (attribute != null) {
        out.writeStringField("AttributeName", attribute);
      }
      out.writeStringField("TimeToLiveStatus", attribute != null ? "ENABLED" : "DISABLED");
      out.writeEndObject();
      out.writeEndObject();
    };
  }
}
