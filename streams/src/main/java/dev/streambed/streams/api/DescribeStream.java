package dev.streambed.streams.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.streams.KeyElement;
import dev.streambed.streams.ShardInfo;
import dev.streambed.streams.StreamInfo;
import dev.streambed.streams.Streams;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * DescribeStream: the stream, and its shards by pages (Limit, ExclusiveStartShardId), or only
 * the children of one shard (ShardFilter CHILD_SHARDS).
 */
final class DescribeStream implements JsonOperation {
  private final Streams streams;

  DescribeStream(Streams streams) {
    this.streams = streams;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator g) throws IOException {
    String arn = JsonMembers.string(in, "StreamArn");
    Long limit = JsonMembers.number(in, "Limit");
    String start = JsonMembers.string(in, "ExclusiveStartShardId");
    JsonNode filter = JsonMembers.object(in, "ShardFilter");
    if (arn == null) {
      throw AwsException.validation("Invalid StreamArn");
    }
    Constraints.minimum("limit", limit, 1);
    if (limit != null && limit > 100) {
      throw AwsException.validation("One or more parameter values were invalid: Limit cannot be "
          + "greater than the maximum: 100");
    }
    Constraints.length("exclusiveStartShardId", start, 28, 65);
    String childrenOf = null;
    if (filter != null) {
      String type = JsonMembers.string(filter, "Type");
      childrenOf = JsonMembers.string(filter, "ShardId");
      if (!"CHILD_SHARDS".equals(type)) {
        throw AwsException.validation("1 validation error detected: Value '" + type + "' at "
            + "'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]");
      }
      if (childrenOf == null) {
        throw AwsException.validation("One or more parameter values were invalid: ShardFilter "
            + "ShardId must be specified for CHILD_SHARDS");
      }
    }
    StreamInfo s = streams.describe(arn);
    List<ShardInfo> shards = new ArrayList<>();
    boolean started = start == null;
    for (ShardInfo shard : s.shards()) {
      if (!started) {
        started = shard.shardId().equals(start);
        continue;
      }
      if (childrenOf == null || childrenOf.equals(shard.parentShardId())) {
        shards.add(shard);
      }
    }
    int max = limit == null ? 100 : limit.intValue();
    String lastEvaluated = null;
    if (shards.size() > max) {
      shards = shards.subList(0, max);
      lastEvaluated = shards.get(max - 1).shardId();
    }
    g.writeStartObject();
    g.writeObjectFieldStart("StreamDescription");
    g.writeStringField("StreamArn", s.arn());
    g.writeStringField("StreamLabel", s.label());
    g.writeStringField("StreamStatus", s.status());
    g.writeStringField("StreamViewType", s.viewType());
    g.writeFieldName("CreationRequestDateTime");
    g.writeNumber(BigDecimal.valueOf(s.createdMillis(), 3));
    g.writeStringField("TableName", s.tableName());
    g.writeArrayFieldStart("KeySchema");
    for (KeyElement k : s.keySchema()) {
      g.writeStartObject();
      g.writeStringField("AttributeName", k.attributeName());
      g.writeStringField("KeyType", k.keyType());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("Shards");
    for (ShardInfo shard : shards) {
      g.writeStartObject();
      g.writeStringField("ShardId", shard.shardId());
      g.writeObjectFieldStart("SequenceNumberRange");
      g.writeStringField("StartingSequenceNumber", shard.startingSequenceNumber());
      if (shard.endingSequenceNumber() != null) {
        g.writeStringField("EndingSequenceNumber", shard.endingSequenceNumber());
      }
      g.writeEndObject();
      if (shard.parentShardId() != null) {
        g.writeStringField("ParentShardId", shard.parentShardId());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    if (lastEvaluated != null) {
      g.writeStringField("LastEvaluatedShardId", lastEvaluated);
    }
    g.writeEndObject();
    g.writeEndObject();
  }
}
