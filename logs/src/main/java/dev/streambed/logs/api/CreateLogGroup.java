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

/** CreateLogGroup with optional kmsKeyId, tags and logGroupClass. */
final class CreateLogGroup implements JsonOperation {
  private static final List<String> CLASSES = List.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY");
  private final LogGroups groups;

  CreateLogGroup(LogGroups groups) {
    this.groups = groups;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String name = JsonMembers.string(in, "logGroupName");
    String logGroupClass = JsonMembers.string(in, "logGroupClass");
    Map<String, String> tags = JsonMembers.stringMap(in, "tags");
    Violations v = new Violations();
    v.groupName(name, "logGroupName");
    if (logGroupClass != null && !CLASSES.contains(logGroupClass)) {
      v.add(logGroupClass, "logGroupClass", "Member must satisfy enum value set: " + CLASSES);
    }
    v.throwIfAny();
    if (tags != null && tags.size() > 50) {
      throw LogsError.invalid("1 validation error detected: Value '" + tags + "' at 'tags' failed to "
          + "satisfy constraint: Member must have length less than or equal to 50");
    }
    groups.create(new GroupRef(context.accountId(), context.region(), name),
        JsonMembers.string(in, "kmsKeyId"), logGroupClass, tags == null ? Map.of() : tags);
    Descriptions.empty(out);
  }
}
