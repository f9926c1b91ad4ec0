package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import java.io.IOException;

/**
 * DescribeEndpoints names the address the client reached, so that an SDK with endpoint
 * discovery on keeps talking to this server rather than to AWS.
 */
final class DescribeEndpoints implements JsonOperation {
  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeArrayFieldStart("Endpoints");
    out.writeStartObject();
    out.writeStringField("Address", context.host() != null ? context.host()
        : "dynamodb." + context.region() + ".amazonaws.com");
    out.writeNumberField("CachePeriodInMinutes", 1440);
    out.writeEndObject();
    out.writeEndArray();
    out.writeEndObject();
  }
}
