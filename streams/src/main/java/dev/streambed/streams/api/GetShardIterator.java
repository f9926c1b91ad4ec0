package dev.streambed.streams.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.streams.Streams;
import java.io.IOException;

/** GetShardIterator: where in a shard a reader starts, as an opaque iterator. */
final class GetShardIterator implements JsonOperation {
  private final Streams streams;

  GetShardIterator(Streams streams) {
    this.streams = streams;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator g) throws IOException {
    String arn = JsonMembers.string(in, "StreamArn");
    String shardId = JsonMembers.string(in, "ShardId");
    String typeName = JsonMembers.string(in, "ShardIteratorType");
    String sequence = JsonMembers.string(in, "SequenceNumber");
    if (arn == null) {
      throw AwsException.validation("Invalid StreamArn");
    }
    if (shardId == null) {
      throw AwsException.validation("Invalid ShardId");
    }
    Streams.IteratorType type;
    try {
      type = typeName == null ? null : Streams.IteratorType.valueOf(typeName);
    } catch (IllegalArgumentException e) {
      type = null;
    }
    if (type == null) {
      throw AwsException.validation("Invalid ShardIteratorType.");
    }
    Constraints.length("sequenceNumber", sequence, 21, 40);
    boolean wantsNumber = type == Streams.IteratorType.AT_SEQUENCE_NUMBER
        || type == Streams.IteratorType.AFTER_SEQUENCE_NUMBER;
    if (wantsNumber && sequence == null) {
      throw AwsException.validation("One or more parameter values were invalid: Invalid SequenceNumber");
    }
    if (!wantsNumber && sequence != null) {
      throw AwsException.validation("One or more parameter values were invalid: SequenceNumber "
          + "should not be passed for this iterator type");
    }
    if (wantsNumber && dev.streambed.streams.Sequences.parse(sequence) < 0) {
      throw AwsException.validation("One or more parameter values were invalid: Invalid SequenceNumber");
    }
    long after = streams.position(arn, shardId, type, sequence);
    g.writeStartObject();
    g.writeStringField("ShardIterator", streams.iterator(arn, shardId, after));
    g.writeEndObject();
  }
}
