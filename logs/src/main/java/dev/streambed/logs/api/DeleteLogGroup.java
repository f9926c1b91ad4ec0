package dev.streambed.logs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.logs.group.LogGroups;
import java.io.IOException;

/** DeleteLogGroup: the group, its streams and its events. */
final class DeleteLogGroup implements JsonOperation {
  private final LogGroups groups;

  DeleteLogGroup(LogGroups groups) {
    this.groups = groups;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    groups.delete(Wire.group(in, context));
    Descriptions.empty(out);
  }
}
