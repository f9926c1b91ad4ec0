package dev.streambed.logs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.logs.group.LogGroups;
import java.io.IOException;

/**
 * ListLogGroups, the newer listing: by a case-sensitive substring of the name, in name order,
 * each group as its name, ARN and class only (recorded AWS answer: no match is an empty list).
 */
final class ListLogGroups implements JsonOperation {
  private final LogGroups groups;

  ListLogGroups(LogGroups groups) {
    this.groups = groups;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String pattern = JsonMembers.string(in, "logGroupNamePattern");
    String logGroupClass = JsonMembers.string(in, "logGroupClass");
    Long limit = JsonMembers.number(in, "limit");
    String token = JsonMembers.string(in, "nextToken");
    Violations v = new Violations();
    v.range(limit, "limit", 1, 1000);
    v.length(pattern, "logGroupNamePattern", 0, 129);
    v.throwIfAny();
    String after = token == null ? null : Wire.pagePosition(token);
    int max = limit == null ? 50 : limit.intValue();
    LogGroups.Page page = groups.list(context.accountId(), context.region(), null,
        pattern == null || pattern.isEmpty() ? null : pattern, after, max);
    out.writeStartObject();
    out.writeArrayFieldStart("logGroups");
    for (LogGroup g : page.groups()) {
      if (logGroupClass != null && !logGroupClass.equals(g.logGroupClass())) {
        continue;
      }
      out.writeStartObject();
      out.writeStringField("logGroupName", g.ref().name());
      out.writeStringField("logGroupArn", g.ref().arn());
      out.writeStringField("logGroupClass", g.logGroupClass());
      out.writeEndObject();
    }
    out.writeEndArray();
    if (page.lastName() != null) {
      out.writeStringField("nextToken", Wire.pageToken(page.lastName()));
    }
    out.writeEndObject();
  }
}
