package dev.streambed.streams;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.streambed.kernel.value.AttributeValueJson;
import java.io.IOException;

/**
 * A stream record in AWS's JSON shape: as GetRecords answers it, and, with the stream's ARN
 * added, as Lambda hands it to a function.
 */
public final class StreamRecordJson {
  private StreamRecordJson() {}

  /**
   * Writes one record object.
   *
   * @param eventSourceArn the stream's ARN for Lambda's event, null for GetRecords
   */
  public static void write(JsonGenerator g, StreamRecord r, String region, String eventSourceArn)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("eventID", r.eventId());
    g.writeStringField("eventName", r.eventName());
    g.writeStringField("eventVersion", "1.1");
    g.writeStringField("eventSource", "aws:dynamodb");
    g.writeStringField("awsRegion", region);
    g.writeObjectFieldStart("dynamodb");
    long seconds = r.createdMillis() / 1000;
    if (eventSourceArn == null) {
      g.writeNumberField("ApproximateCreationDateTime", seconds);
    } else {
      // Lambda's event carries the time as a floating-point number of seconds (1693997155.0),
      // which a Python function reads as a float.
      g.writeNumberField("ApproximateCreationDateTime", java.math.BigDecimal.valueOf(seconds).setScale(1));
    }
    g.writeFieldName("Keys");
    AttributeValueJson.writeItem(g, r.keys());
    if (r.newImage() != null) {
      g.writeFieldName("NewImage");
      AttributeValueJson.writeItem(g, r.newImage());
    }
    if (r.oldImage() != null) {
      g.writeFieldName("OldImage");
      AttributeValueJson.writeItem(g, r.oldImage());
    }
    g.writeStringField("SequenceNumber", r.sequenceNumber());
    g.writeNumberField("SizeBytes", r.sizeBytes());
    g.writeStringField("StreamViewType", r.viewType());
    g.writeEndObject();
    if (r.serviceDeletion()) {
      // The Streams API names the members as its model does; Lambda's event in camel case.
      boolean lambda = eventSourceArn != null;
      g.writeObjectFieldStart("userIdentity");
      g.writeStringField(lambda ? "type" : "Type", "Service");
      g.writeStringField(lambda ? "principalId" : "PrincipalId", "dynamodb.amazonaws.com");
      g.writeEndObject();
    }
    if (eventSourceArn != null) {
      g.writeStringField("eventSourceARN", eventSourceArn);
    }
    g.writeEndObject();
  }
}
