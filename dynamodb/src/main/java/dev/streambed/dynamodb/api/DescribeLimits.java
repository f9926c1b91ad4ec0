package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import java.io.IOException;

/** DescribeLimits: AWS's default account and table quotas. */
final class DescribeLimits implements JsonOperation {
  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeNumberField("AccountMaxReadCapacityUnits", 80000);
    out.writeNumberField("AccountMaxWriteCapacityUnits", 80000);
    out.writeNumberField("TableMaxReadCapacityUnits", 40000);
    out.writeNumberField("TableMaxWriteCapacityUnits", 40000);
    out.writeEndObject();
  }
}
