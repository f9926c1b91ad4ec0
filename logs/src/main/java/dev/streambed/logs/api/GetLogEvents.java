package dev.streambed.logs.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.logs.Logs;
import dev.streambed.logs.event.EventPage;
import dev.streambed.logs.event.StoredEvent;
import dev.streambed.logs.group.LogGroup;
import java.io.IOException;

/** GetLogEvents: one stream's events, limit 1 to 10,000 (and 1 MB), forward and backward tokens. */
final class GetLogEvents implements JsonOperation {
  private final Logs logs;

  GetLogEvents(Logs logs) {
    this.logs = logs;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    Long limit = JsonMembers.number(in, "limit");
    Long start = JsonMembers.number(in, "startTime");
    Long end = JsonMembers.number(in, "endTime");
    Boolean fromHead = JsonMembers.bool(in, "startFromHead");
    String token = JsonMembers.string(in, "nextToken");
    Violations v = new Violations();
    v.range(limit, "limit", 1, 10_000);
    v.range(start, "startTime", 0, Long.MAX_VALUE);
    v.range(end, "endTime", 0, Long.MAX_VALUE);
    v.throwIfAny();
    String stream = LogStreamOperations.streamName(in);
    LogGroup group = logs.groups().require(Wire.group(in, context));
    EventPage page = logs.events().get(group, stream, start, end, Boolean.TRUE.equals(fromHead),
        limit == null ? 10_000 : limit.intValue(), token);
    out.writeStartObject();
    out.writeArrayFieldStart("events");
    for (StoredEvent e : page.events()) {
      out.writeStartObject();
      out.writeNumberField("timestamp", e.timestamp());
      out.writeStringField("message", e.message());
      out.writeNumberField("ingestionTime", e.ingestionTime());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeStringField("nextForwardToken", page.nextForwardToken());
    out.writeStringField("nextBackwardToken", page.nextBackwardToken());
    out.writeEndObject();
  }
}
