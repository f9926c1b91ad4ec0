package dev.streambed.logs.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValueJson;
import dev.streambed.logs.Logs;
import dev.streambed.logs.LogsError;
import dev.streambed.logs.event.BatchRules;
import dev.streambed.logs.event.InputEvent;
import dev.streambed.logs.event.PutResult;
import dev.streambed.logs.group.LogGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * PutLogEvents. The sequenceToken is accepted and ignored, as AWS has done since January 2023;
 * the response still carries nextSequenceToken.
 */
final class PutLogEvents implements JsonOperation {
  private final Logs logs;

  PutLogEvents(Logs logs) {
    this.logs = logs;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String stream = LogStreamOperations.streamName(in);
    List<InputEvent> events = events(in);
    LogGroup group = logs.groups().require(Wire.group(in, context));
    logs.streams().require(group, stream);
    PutResult r = logs.putLogEvents(group, stream, events);
    out.writeStartObject();
    out.writeStringField("nextSequenceToken", r.nextSequenceToken());
    if (r.anyRejected()) {
      out.writeObjectFieldStart("rejectedLogEventsInfo");
      if (r.tooNewLogEventStartIndex() != null) {
        out.writeNumberField("tooNewLogEventStartIndex", r.tooNewLogEventStartIndex());
      }
      if (r.tooOldLogEventEndIndex() != null) {
        out.writeNumberField("tooOldLogEventEndIndex", r.tooOldLogEventEndIndex());
      }
      if (r.expiredLogEventEndIndex() != null) {
        out.writeNumberField("expiredLogEventEndIndex", r.expiredLogEventEndIndex());
      }
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  private static List<InputEvent> events(JsonNode in) {
    JsonNode array = JsonMembers.array(in, "logEvents");
    Violations v = new Violations();
    if (array == null) {
      v.notNull(null, "logEvents");
      v.throwIfAny();
    }
    if (array.isEmpty()) {
      throw LogsError.invalid("1 validation error detected: Value '[]' at 'logEvents' failed to satisfy "
          + "constraint: Member must have length greater than or equal to 1");
    }
    if (array.size() > BatchRules.MAX_EVENTS) {
      throw LogsError.invalid("1 validation error detected: Value at 'logEvents' failed to satisfy "
          + "constraint: Member must have length less than or equal to " + BatchRules.MAX_EVENTS);
    }
    List<InputEvent> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode e = array.get(i);
      if (!e.isObject()) {
        throw AttributeValueJson.serialization(e, "Structure");
      }
      String path = "logEvents." + (i + 1) + ".member.";
      Long ts = JsonMembers.number(e, "timestamp");
      String message = JsonMembers.string(e, "message");
      v.notNull(ts, path + "timestamp");
      v.notNull(message, path + "message");
      v.length(message, path + "message", 1, Integer.MAX_VALUE);
      events.add(new InputEvent(ts == null ? 0 : ts, message == null ? "" : message));
    }
    v.throwIfAny();
    return events;
  }
}
