package dev.streambed.logs.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.logs.LogsError;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.logs.group.LogGroups;
import dev.streambed.logs.stream.LogStream;
import dev.streambed.logs.stream.LogStreams;
import java.io.IOException;
import java.util.List;

/**
 * DescribeLogStreams ordered by LogStreamName (with an optional prefix) or by LastEventTime,
 * ascending or descending, limit 1 to 50.
 */
final class DescribeLogStreams implements JsonOperation {
  private static final List<String> ORDERS = List.of("LogStreamName", "LastEventTime");
  private final LogGroups groups;
  private final LogStreams streams;

  DescribeLogStreams(LogGroups groups, LogStreams streams) {
    this.groups = groups;
    this.streams = streams;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String prefix = JsonMembers.string(in, "logStreamNamePrefix");
    String orderBy = JsonMembers.string(in, "orderBy");
    Boolean descending = JsonMembers.bool(in, "descending");
    Long limit = JsonMembers.number(in, "limit");
    String token = JsonMembers.string(in, "nextToken");
    Violations v = new Violations();
    v.range(limit, "limit", 1, 50);
    v.length(prefix, "logStreamNamePrefix", 1, 512);
    if (orderBy != null && !ORDERS.contains(orderBy)) {
      v.add(orderBy, "orderBy", "Member must satisfy enum value set: " + ORDERS);
    }
    v.throwIfAny();
    LogGroup group = groups.require(Wire.group(in, context));
    boolean byTime = "LastEventTime".equals(orderBy);
    if (byTime && prefix != null) {
      throw LogsError.invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    int max = limit == null ? 50 : limit.intValue();
    boolean desc = Boolean.TRUE.equals(descending);
    List<LogStream> page;
    String next = null;
    if (byTime) {
      int offset = 0;
      if (token != null) {
        try {
          offset = Integer.parseInt(Wire.pagePosition(token).substring(2));
        } catch (RuntimeException e) {
          throw LogsError.invalidToken();
        }
      }
      List<LogStream> all = streams.byLastEventTime(group, desc);
      int end = Math.min(all.size(), offset + max);
      page = offset >= all.size() ? List.of() : all.subList(offset, end);
      if (end < all.size()) {
        next = Wire.pageToken("t:" + end);
      }
    } else {
      String after = null;
      if (token != null) {
        String position = Wire.pagePosition(token);
        if (!position.startsWith("n:")) {
          throw LogsError.invalidToken();
        }
        after = position.substring(2);
      }
      List<LogStream> read = streams.byName(group, prefix == null ? "" : prefix, after, desc, max + 1);
      page = read.size() > max ? read.subList(0, max) : read;
      if (read.size() > max) {
        next = Wire.pageToken("n:" + page.get(page.size() - 1).name());
      }
    }
    out.writeStartObject();
    out.writeArrayFieldStart("logStreams");
    for (LogStream s : page) {
      Descriptions.stream(out, group, s);
    }
    out.writeEndArray();
    if (next != null) {
      out.writeStringField("nextToken", next);
    }
    out.writeEndObject();
  }
}
