package dev.streambed.dynamodb.item;

import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeType;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.KeyEncoding;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Storage keys of items and the validation of key attributes, with AWS's messages. An item is
 * stored under {@code 0x02, table id (16 bytes), encoded partition key, encoded sort key}, so the
 * items of one partition are one contiguous, sort-key-ordered range.
 */
public final class ItemKeys {
  public static final byte PREFIX = 0x02;
  private static final int MAX_HASH_KEY_BYTES = 2048;
  private static final int MAX_RANGE_KEY_BYTES = 1024;
  private static final String INVALID = "One or more parameter values were invalid: ";

  private ItemKeys() {}

  /** Table prefixes by table id, so the hot path does not parse a UUID per request. */
  private static final ConcurrentHashMap<String, byte[]> PREFIXES = new ConcurrentHashMap<>();

  /** The prefix of every item of a table. The array is shared: callers must not change it. */
  public static byte[] tablePrefix(Table table) {
    return PREFIXES.computeIfAbsent(table.id(), id -> {
      UUID uuid = UUID.fromString(id);
      return ByteBuffer.allocate(17).put(PREFIX)
          .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    });
  }

  /** The prefix of every item of one partition. */
  public static byte[] partitionPrefix(Table table, AttributeValue hash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(48);
    out.writeBytes(tablePrefix(table));
    KeyEncoding.encode(hash, out);
    return out.toByteArray();
  }

  public static byte[] storageKey(Table table, Map<String, AttributeValue> key) {
    KeySchema ks = table.keySchema();
    ByteArrayOutputStream out = new ByteArrayOutputStream(48);
    out.writeBytes(tablePrefix(table));
    KeyEncoding.encode(key.get(ks.hashName()), out);
    if (ks.hasRange()) {
      KeyEncoding.encode(key.get(ks.rangeName()), out);
    }
    return out.toByteArray();
  }

  /**
   * Validates a {@code Key} parameter (GetItem, UpdateItem, DeleteItem): exactly the key
   * attributes, of their declared types, not empty.
   */
  public static Map<String, AttributeValue> validateKey(Table table, Map<String, AttributeValue> key) {
    KeySchema ks = table.keySchema();
    int expected = ks.hasRange() ? 2 : 1;
    if (key == null || key.size() != expected
        || !matches(key.get(ks.hashName()), ks.hashType())
        || (ks.hasRange() && !matches(key.get(ks.rangeName()), ks.rangeType()))) {
      throw AwsException.validation("The provided key element does not match the schema");
    }
    checkKeyValue(ks.hashName(), key.get(ks.hashName()), true);
    if (ks.hasRange()) {
      checkKeyValue(ks.rangeName(), key.get(ks.rangeName()), false);
    }
    return key;
  }

  /** Validates the key attributes of a whole item (PutItem) and returns its key. */
  public static Map<String, AttributeValue> keyOfItem(Table table, Map<String, AttributeValue> item) {
    KeySchema ks = table.keySchema();
    Map<String, AttributeValue> key = new LinkedHashMap<>(4);
    keyAttribute(item, ks.hashName(), ks.hashType(), true, key);
    if (ks.hasRange()) {
      keyAttribute(item, ks.rangeName(), ks.rangeType(), false, key);
    }
    return key;
  }

  /** The key part of an item that is known to be valid. */
  public static Map<String, AttributeValue> keyOf(Table table, Map<String, AttributeValue> item) {
    KeySchema ks = table.keySchema();
    Map<String, AttributeValue> key = new LinkedHashMap<>(4);
    key.put(ks.hashName(), item.get(ks.hashName()));
    if (ks.hasRange()) {
      key.put(ks.rangeName(), item.get(ks.rangeName()));
    }
    return key;
  }

  private static void keyAttribute(Map<String, AttributeValue> item, String name, AttributeType type,
      boolean hash, Map<String, AttributeValue> key) {
    AttributeValue v = item.get(name);
    if (v == null) {
      throw AwsException.validation(INVALID + "Missing the key " + name + " in the item");
    }
    if (v.type() != type) {
      throw AwsException.validation(INVALID + "Type mismatch for key " + name + " expected: "
          + type + " actual: " + v.type());
    }
    checkKeyValue(name, v, hash);
    key.put(name, v);
  }

  private static boolean matches(AttributeValue v, AttributeType type) {
    return v != null && v.type() == type;
  }

  private static void checkKeyValue(String name, AttributeValue v, boolean hash) {
    long size;
    if (v instanceof AttributeValue.S s) {
      if (s.value().isEmpty()) {
        throw emptyKey(name, "string");
      }
      size = dev.streambed.kernel.value.ItemSize.utf8Length(s.value());
    } else if (v instanceof AttributeValue.B b) {
      if (b.value().length() == 0) {
        throw emptyKey(name, "binary");
      }
      size = b.value().length();
    } else {
      return;
    }
    if (hash && size > MAX_HASH_KEY_BYTES) {
      throw AwsException.validation(INVALID
          + "Size of hashkey has exceeded the maximum size limit of2048 bytes");
    }
    if (!hash && size > MAX_RANGE_KEY_BYTES) {
      throw AwsException.validation(INVALID
          + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
    }
  }

  private static AwsException emptyKey(String name, String kind) {
    return AwsException.validation("One or more parameter values are not valid. The AttributeValue "
        + "for a key attribute cannot contain an empty " + kind + " value. Key: " + name);
  }
}
