package dev.streambed.dynamodb.item;

import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.KeyEncoding;
import dev.streambed.storage.Batch;
import dev.streambed.streams.Streams;
import java.util.Map;

/**
 * Writes the stream record of every real item change into the item's own batch, when the table
 * has a stream. This is the only place stream records are made.
 */
public final class StreamRecorder implements WritePath.Contributor {
  private final Streams streams;

  public StreamRecorder(Streams streams) {
    this.streams = streams;
  }

  @Override
  public Runnable contribute(WritePath.Change change, Batch batch) {
    Table table = change.table();
    if (!table.stream().enabled()) {
      return null;
    }
    Map<String, AttributeValue> item = change.newItem() != null ? change.newItem() : change.oldItem();
    Map<String, AttributeValue> keys = ItemKeys.keyOf(table, item);
    byte[] partitionKey = KeyEncoding.encode(keys.get(table.keySchema().hashName()));
    return streams.append(table.latestStreamArn(), partitionKey, keys, change.oldItem(),
        change.newItem(), change.origin() == WritePath.Origin.TIME_TO_LIVE, batch);
  }
}
