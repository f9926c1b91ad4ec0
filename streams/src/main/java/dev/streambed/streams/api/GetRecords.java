package dev.streambed.streams.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.streams.StreamRecord;
import dev.streambed.streams.StreamRecordJson;
import dev.streambed.streams.Streams;
import java.io.IOException;

/**
 * GetRecords: up to Limit (1,000) records or 1 MB from an iterator's position, and the iterator
 * to go on with; none once a closed shard has been read to its end.
 */
final class GetRecords implements JsonOperation {
  private final Streams streams;

  GetRecords(Streams streams) {
    this.streams = streams;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator g) throws IOException {
    String iterator = JsonMembers.string(in, "ShardIterator");
    Long limit = JsonMembers.number(in, "Limit");
    Streams.Position p = streams.decode(iterator);
    Constraints.minimum("limit", limit, 1);
    if (limit != null && limit > 1000) {
      throw AwsException.validation("One or more parameter values were invalid: Limit should be "
          + "less than or equal to 1000");
    }
    Streams.Page page = streams.read(p, limit == null ? 1000 : limit.intValue());
    String region = regionOf(p.streamArn());
    g.writeStartObject();
    g.writeArrayFieldStart("Records");
    for (StreamRecord r : page.records()) {
      StreamRecordJson.write(g, r, region, null);
    }
    g.writeEndArray();
    if (!page.ended()) {
      g.writeStringField("NextShardIterator", streams.iterator(p.streamArn(), p.shardId(), page.after()));
    }
    g.writeEndObject();
  }

  /** The region field of an ARN: arn:aws:dynamodb:REGION:... */
  private static String regionOf(String arn) {
    String[] parts = arn.split(":", 5);
    return parts.length > 3 ? parts[3] : "";
  }
}
