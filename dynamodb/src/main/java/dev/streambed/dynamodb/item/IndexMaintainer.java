package dev.streambed.dynamodb.item;

import dev.streambed.dynamodb.table.SecondaryIndex;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemCodec;
import dev.streambed.storage.Batch;
import java.util.Arrays;
import java.util.Map;

/**
 * Keeps every secondary index in step with its table, inside the item's own batch. It reads the
 * table's current definition, not the one the write started with: an index added or deleted by
 * UpdateTable meanwhile is maintained, or left alone, from the first batch after the change.
 */
public final class IndexMaintainer implements WritePath.Contributor {
  private final java.util.function.UnaryOperator<Table> current;

  /** {@code current} gives a table's latest definition (the one it is given when there is none newer). */
  public IndexMaintainer(java.util.function.UnaryOperator<Table> current) {
    this.current = current;
  }

  @Override
  public Runnable contribute(WritePath.Change change, Batch batch) {
    Table table = current.apply(change.table());
    if (table.indexes().isEmpty()) {
      return null;
    }
    Map<String, AttributeValue> oldItem = change.oldItem();
    Map<String, AttributeValue> newItem = change.newItem();
    if (newItem != null) {
      IndexEntries.validate(table, newItem);
    }
    for (SecondaryIndex index : table.indexes()) {
      byte[] oldKey = oldItem == null ? null : IndexEntries.entryKey(table, index, oldItem);
      byte[] newKey = newItem == null ? null : IndexEntries.entryKey(table, index, newItem);
      if (oldKey != null && (newKey == null || !Arrays.equals(oldKey, newKey))) {
        batch.delete(oldKey);
      }
      if (newKey != null) {
        batch.put(newKey, ItemCodec.encode(IndexEntries.project(table, index, newItem)));
      }
    }
    return null;
  }
}
