package dev.streambed.dynamodb.item;

import dev.streambed.dynamodb.table.SecondaryIndex;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemSize;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a write costs each secondary index, by AWS's rules for index writes: nothing when the item
 * is in the index neither before nor after, or its entry is unchanged; one write of the entry's
 * size (rounded up to 1 KB) to put, delete or rewrite it in place; and two (a delete and a put)
 * when the item's index key changed. The entry's size is that of the projected item, not the
 * table item.
 */
final class IndexWrites {
  private IndexWrites() {}

  static Consumed cost(Table table, Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem,
      double tableUnits) {
    if (table.indexes().isEmpty()) {
      return Consumed.onTable(tableUnits);
    }
    Map<String, Double> global = new LinkedHashMap<>();
    Map<String, Double> local = new LinkedHashMap<>();
    for (SecondaryIndex index : table.indexes()) {
      double units = cost(table, index, oldItem, newItem);
      if (units > 0) {
        (index.global() ? global : local).put(index.name(), units);
      }
    }
    return new Consumed(tableUnits, global, local);
  }

  private static double cost(Table table, SecondaryIndex index, Map<String, AttributeValue> oldItem,
      Map<String, AttributeValue> newItem) {
    byte[] oldKey = oldItem == null ? null : IndexEntries.entryKey(table, index, oldItem);
    byte[] newKey = newItem == null ? null : IndexEntries.entryKey(table, index, newItem);
    Map<String, AttributeValue> oldEntry = oldKey == null ? null : IndexEntries.project(table, index, oldItem);
    Map<String, AttributeValue> newEntry = newKey == null ? null : IndexEntries.project(table, index, newItem);
    if (oldEntry == null && newEntry == null) {
      return 0;
    }
    if (oldEntry == null) {
      return Capacity.write(0, ItemSize.of(newEntry));
    }
    if (newEntry == null) {
      return Capacity.write(ItemSize.of(oldEntry), 0);
    }
    if (!Arrays.equals(oldKey, newKey)) {
      return Capacity.write(ItemSize.of(oldEntry), 0) + Capacity.write(0, ItemSize.of(newEntry));
    }
    return oldEntry.equals(newEntry) ? 0 : Capacity.write(ItemSize.of(oldEntry), ItemSize.of(newEntry));
  }
}
