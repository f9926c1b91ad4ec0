package dev.streambed.dynamodb.item;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.dynamodb.table.SecondaryIndex;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.KeyEncoding;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Secondary index entries: where they are stored and what they hold. An entry lives under
 * {@code 0x03, table id, index name, 0x00, index partition key, index sort key, table key}, so
 * that an index Query is a range read just as a table Query is, and every item has at most one
 * entry per index. An item without the index's key attributes has none (a sparse index).
 */
public final class IndexEntries {
  public static final byte PREFIX = 0x03;

  private IndexEntries() {}

  public static byte[] indexPrefix(Table table, SecondaryIndex index) {
    byte[] tablePrefix = ItemKeys.tablePrefix(table);
    byte[] name = index.name().getBytes(UTF_8);
    byte[] out = new byte[tablePrefix.length + name.length + 1];
    System.arraycopy(tablePrefix, 0, out, 0, tablePrefix.length);
    out[0] = PREFIX;
    System.arraycopy(name, 0, out, tablePrefix.length, name.length);
    return out;
  }

  public static byte[] partitionPrefix(Table table, SecondaryIndex index, AttributeValue hash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.writeBytes(indexPrefix(table, index));
    KeyEncoding.encode(hash, out);
    return out.toByteArray();
  }

  /** The entry key of {@code item} in the index, or null when the item is not in it. */
  public static byte[] entryKey(Table table, SecondaryIndex index, Map<String, AttributeValue> item) {
    KeySchema ks = index.keySchema();
    AttributeValue hash = item.get(ks.hashName());
    AttributeValue range = ks.hasRange() ? item.get(ks.rangeName()) : null;
    if (hash == null || (ks.hasRange() && range == null)) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    out.writeBytes(indexPrefix(table, index));
    KeyEncoding.encode(hash, out);
    if (range != null) {
      KeyEncoding.encode(range, out);
    }
    KeySchema tks = table.keySchema();
    KeyEncoding.encode(item.get(tks.hashName()), out);
    if (tks.hasRange()) {
      KeyEncoding.encode(item.get(tks.rangeName()), out);
    }
    return out.toByteArray();
  }

  /** What the index stores of an item: its keys and the projected attributes. */
  public static Map<String, AttributeValue> project(Table table, SecondaryIndex index,
      Map<String, AttributeValue> item) {
    if (index.projectsAll()) {
      return item;
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>(ItemKeys.keyOf(table, item));
    out.putAll(keyOf(index, item));
    for (String name : index.nonKeyAttributes()) {
      AttributeValue v = item.get(name);
      if (v != null) {
        out.put(name, v);
      }
    }
    return out;
  }

  /** The index key attributes of an item in the index. */
  public static Map<String, AttributeValue> keyOf(SecondaryIndex index, Map<String, AttributeValue> item) {
    KeySchema ks = index.keySchema();
    Map<String, AttributeValue> out = new LinkedHashMap<>(4);
    out.put(ks.hashName(), item.get(ks.hashName()));
    if (ks.hasRange()) {
      out.put(ks.rangeName(), item.get(ks.rangeName()));
    }
    return out;
  }

  /**
   * Refuses an item whose index key attributes have the wrong type or are empty, with AWS's
   * messages; such an item is not written at all.
   */
  public static void validate(Table table, Map<String, AttributeValue> item) {
    for (SecondaryIndex index : table.indexes()) {
      KeySchema ks = index.keySchema();
      check(index, ks.hashName(), ks.hashType(), item.get(ks.hashName()));
      if (ks.hasRange()) {
        check(index, ks.rangeName(), ks.rangeType(), item.get(ks.rangeName()));
      }
    }
  }

  /** Whether an item's index key attributes have the index's types (a backfill skips others). */
  public static boolean fits(SecondaryIndex index, Map<String, AttributeValue> item) {
    try {
      KeySchema ks = index.keySchema();
      check(index, ks.hashName(), ks.hashType(), item.get(ks.hashName()));
      if (ks.hasRange()) {
        check(index, ks.rangeName(), ks.rangeType(), item.get(ks.rangeName()));
      }
      return true;
    } catch (AwsException refused) {
      return false;
    }
  }

  private static void check(SecondaryIndex index, String name,
      dev.streambed.kernel.value.AttributeType type, AttributeValue value) {
    if (value == null) {
      return;
    }
    if (value.type() != type) {
      throw AwsException.validation("One or more parameter values were invalid: Type mismatch for "
          + "Index Key " + name + " Expected: " + type + " Actual: " + value.type() + " IndexName: "
          + index.name());
    }
    boolean empty = (value instanceof AttributeValue.S s && s.value().isEmpty())
        || (value instanceof AttributeValue.B b && b.value().length() == 0);
    if (empty) {
      throw AwsException.validation("One or more parameter values are not valid. A value specified "
          + "for a secondary index key is not supported. The AttributeValue for a key attribute "
          + "cannot contain an empty " + (value instanceof AttributeValue.S ? "string" : "binary")
          + " value. IndexName: " + index.name() + ", IndexKey: " + name);
    }
  }
}
