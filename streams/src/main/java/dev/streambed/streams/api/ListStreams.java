package dev.streambed.streams.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.streams.StreamInfo;
import dev.streambed.streams.Streams;
import java.io.IOException;
import java.util.List;

/** ListStreams: the account's streams in the request's region, newest first, by pages. */
final class ListStreams implements JsonOperation {
  private final Streams streams;

  ListStreams(Streams streams) {
    this.streams = streams;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator g) throws IOException {
    String table = JsonMembers.string(in, "TableName");
    Long limit = JsonMembers.number(in, "Limit");
    String start = JsonMembers.string(in, "ExclusiveStartStreamArn");
    Constraints.minimum("limit", limit, 1);
    if (limit != null && limit > 100) {
      throw AwsException.validation("One or more parameter values were invalid: Limit cannot be "
          + "greater than the maximum: 100");
    }
    Constraints.length("tableName", table, 3, 255);
    int max = limit == null ? 100 : limit.intValue();
    List<StreamInfo> all = streams.list(context.accountId(), context.region(), table);
    int from = 0;
    if (start != null) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).arn().equals(start)) {
          from = i + 1;
          break;
        }
      }
    }
    List<StreamInfo> page = all.subList(Math.min(from, all.size()), Math.min(from + max, all.size()));
    g.writeStartObject();
    g.writeArrayFieldStart("Streams");
    for (StreamInfo s : page) {
      g.writeStartObject();
      g.writeStringField("StreamArn", s.arn());
      g.writeStringField("TableName", s.tableName());
      g.writeStringField("StreamLabel", s.label());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (from + max < all.size()) {
      g.writeStringField("LastEvaluatedStreamArn", page.get(page.size() - 1).arn());
    }
    g.writeEndObject();
  }
}
