package dev.streambed.logs.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.logs.Logs;
import dev.streambed.logs.LogsError;
import dev.streambed.logs.event.FilterPage;
import dev.streambed.logs.event.StoredEvent;
import dev.streambed.logs.filter.FilterPattern;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.logs.stream.LogStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * FilterLogEvents over the named streams, the streams with a prefix, or the whole group.
 * {@code searchedLogStreams} is always empty: AWS stopped filling it in May 2020.
 */
final class FilterLogEvents implements JsonOperation {
  private final Logs logs;

  FilterLogEvents(Logs logs) {
    this.logs = logs;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    Long limit = JsonMembers.number(in, "limit");
    Long start = JsonMembers.number(in, "startTime");
    Long end = JsonMembers.number(in, "endTime");
    String token = JsonMembers.string(in, "nextToken");
    List<String> names = JsonMembers.strings(in, "logStreamNames");
    String prefix = JsonMembers.string(in, "logStreamNamePrefix");
    String pattern = JsonMembers.string(in, "filterPattern");
    Violations v = new Violations();
    v.range(limit, "limit", 1, 10_000);
    v.range(start, "startTime", 0, Long.MAX_VALUE);
    v.range(end, "endTime", 0, Long.MAX_VALUE);
    v.length(prefix, "logStreamNamePrefix", 1, 512);
    v.length(pattern, "filterPattern", 0, 1024);
    if (names != null && (names.isEmpty() || names.size() > 100)) {
      v.add(names, "logStreamNames", names.isEmpty() ? "Member must have length greater than or equal to 1"
          : "Member must have length less than or equal to 100");
    }
    v.throwIfAny();
    if (names != null && prefix != null) {
      throw LogsError.invalid("You cannot specify both LogStreamNames and LogStreamNamePrefix.");
    }
    LogGroup group = logs.groups().require(Wire.group(in, context));
    FilterPattern matcher = FilterPattern.parse(pattern);
    List<String> streams = names;
    if (streams == null) {
      streams = new ArrayList<>();
      for (LogStream s : logs.streams().byName(group, prefix == null ? "" : prefix, null, false, Integer.MAX_VALUE)) {
        streams.add(s.name());
      }
    }
    FilterPage page = logs.filter().filter(group, streams, start, end, matcher,
        limit == null ? 10_000 : limit.intValue(), token);
    out.writeStartObject();
    out.writeArrayFieldStart("events");
    for (StoredEvent e : page.events()) {
      out.writeStartObject();
      out.writeStringField("logStreamName", e.streamName());
      out.writeNumberField("timestamp", e.timestamp());
      out.writeStringField("message", e.message());
      out.writeNumberField("ingestionTime", e.ingestionTime());
      out.writeStringField("eventId", e.eventId());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayFieldStart("searchedLogStreams");
    out.writeEndArray();
    if (page.nextToken() != null) {
      out.writeStringField("nextToken", page.nextToken());
    }
    out.writeEndObject();
  }
}
