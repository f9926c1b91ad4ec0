package dev.streambed.logs.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.logs.group.LogGroups;

/** PutRetentionPolicy (one of AWS's fixed periods) and DeleteRetentionPolicy (never expire). */
final class RetentionPolicies {
  private RetentionPolicies() {}

  static JsonOperation put(LogGroups groups) {
    return (JsonNode in, RequestContext context, JsonGenerator out) -> {
      GroupRef ref = Wire.group(in, context);
      Long days = JsonMembers.number(in, "retentionInDays");
      Violations v = new Violations();
      v.notNull(days, "retentionInDays");
      if (days != null && !LogGroups.RETENTION_DAYS.contains(days.intValue())) {
        v.add(days, "retentionInDays", "Member must satisfy enum value set: " + LogGroups.RETENTION_DAYS);
      }
      v.throwIfAny();
      groups.putRetention(ref, days.intValue());
      Descriptions.empty(out);
    };
  }

  static JsonOperation delete(LogGroups groups) {
    return (JsonNode in, RequestContext context, JsonGenerator out) -> {
      groups.putRetention(Wire.group(in, context), null);
      Descriptions.empty(out);
    };
  }
}
