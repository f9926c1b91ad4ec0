package dev.streambed.logs.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.logs.LogsError;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.logs.group.LogGroups;
import java.io.IOException;

/** DescribeLogGroups in name order, by prefix or by a case-sensitive substring, limit 1 to 50. */
final class DescribeLogGroups implements JsonOperation {
  private final LogGroups groups;

  DescribeLogGroups(LogGroups groups) {
    this.groups = groups;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String prefix = JsonMembers.string(in, "logGroupNamePrefix");
    String pattern = JsonMembers.string(in, "logGroupNamePattern");
    Long limit = JsonMembers.number(in, "limit");
    String token = JsonMembers.string(in, "nextToken");
    Violations v = new Violations();
    v.range(limit, "limit", 1, 50);
    v.length(prefix, "logGroupNamePrefix", 1, 512);
    v.length(pattern, "logGroupNamePattern", 0, 512);
    v.throwIfAny();
    if (prefix != null && pattern != null) {
      throw LogsError.invalid("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    }
    String after = token == null ? null : Wire.pagePosition(token);
    LogGroups.Page page = groups.list(context.accountId(), context.region(), prefix,
        pattern == null || pattern.isEmpty() ? null : pattern, after, limit == null ? 50 : limit.intValue());
    out.writeStartObject();
    out.writeArrayFieldStart("logGroups");
    for (LogGroup g : page.groups()) {
      Descriptions.group(out, g, pattern != null && !pattern.isEmpty());
    }
    out.writeEndArray();
    if (page.lastName() != null) {
      out.writeStringField("nextToken", Wire.pageToken(page.lastName()));
    }
    out.writeEndObject();
  }
}
