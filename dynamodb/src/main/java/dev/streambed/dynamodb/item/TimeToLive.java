package dev.streambed.dynamodb.item;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemCodec;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time to live: which attribute of a table holds each item's expiry (epoch seconds), and the
 * sweep that deletes expired items through the one write path. As on AWS, an expired item stays
 * readable until the sweep deletes it, and an expiry more than five years in the past is
 * ignored. Settings are stored under {@code 0x04 tableId}.
 */
public final class TimeToLive {
  private static final byte PREFIX = 0x04;
  private static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;
  private static final int CHUNK = 500;

  private final Storage storage;
  private final TableCatalog catalog;
  private final WritePath writes;
  private final Clock clock;
  private final ConcurrentHashMap<String, String> attributes = new ConcurrentHashMap<>();

  public TimeToLive(Storage storage, TableCatalog catalog, WritePath writes, Clock clock) {
    this.storage = storage;
    this.catalog = catalog;
    this.writes = writes;
    this.clock = clock;
    for (Entry e : storage.range(new byte[] {PREFIX}, new byte[] {PREFIX + 1}, false, Integer.MAX_VALUE)) {
      attributes.put(new String(e.key(), 1, e.key().length - 1, UTF_8), new String(e.value(), UTF_8));
    }
  }

  /** The TTL attribute of a table, or null when TTL is disabled. */
  public String attribute(Table table) {
    return attributes.get(table.id());
  }

  /** Enables (with an attribute name) or disables TTL, refusing a change to the same state as AWS does. */
  public void update(Table table, boolean enabled, String attributeName) {
    byte[] key = key(table);
    String current = attributes.get(table.id());
    if (enabled) {
      if (current != null) {
        throw AwsException.validation("TimeToLive is already enabled");
      }
      storage.commit(new Batch().put(key, attributeName.getBytes(UTF_8)));
      attributes.put(table.id(), attributeName);
    } else {
      if (current == null) {
        throw AwsException.validation("TimeToLive is already disabled");
      }
      if (!current.equals(attributeName)) {
        throw AwsException.validation("TimeToLive attribute name does not match the current one: " + current);
      }
      storage.commit(new Batch().delete(key));
      attributes.remove(table.id());
    }
  }

  /** Deletes every expired item of every table with TTL enabled; returns how many. */
  public int sweep() {
    int deleted = 0;
    long now = clock.millis() / 1000;
    for (Table table : catalog.all()) {
      String attribute = attributes.get(table.id());
      if (attribute != null) {
        deleted += sweep(table, attribute, now);
      }
    }
    return deleted;
  }

  private int sweep(Table table, String attribute, long nowSeconds) {
    int deleted = 0;
    byte[] from = ItemKeys.tablePrefix(table);
    byte[] end = Keys.prefixEnd(from);
    while (true) {
      List<Entry> chunk = storage.range(from, end, false, CHUNK);
      for (Entry e : chunk) {
        Map<String, AttributeValue> item = ItemCodec.decode(e.value());
        if (expired(item, attribute, nowSeconds)) {
          // Checked again on the item the write path reads: it may have changed meanwhile.
          WritePath.Outcome outcome = writes.write(table, ItemKeys.keyOf(table, item),
              old -> old != null && expired(old, attribute, nowSeconds) ? null : old,
              WritePath.Origin.TIME_TO_LIVE);
          if (outcome.changed()) {
            deleted++;
          }
        }
      }
      if (chunk.size() < CHUNK) {
        return deleted;
      }
      from = Keys.successor(chunk.get(chunk.size() - 1).key());
    }
  }

  static boolean expired(Map<String, AttributeValue> item, String attribute, long nowSeconds) {
    if (!(item.get(attribute) instanceof AttributeValue.N n)) {
      return false;
    }
    BigDecimal at = n.value();
    return at.compareTo(BigDecimal.valueOf(nowSeconds)) < 0
        && at.compareTo(BigDecimal.valueOf(nowSeconds - FIVE_YEARS_SECONDS)) > 0;
  }

  private static byte[] key(Table table) {
    return Keys.concat(new byte[] {PREFIX}, table.id().getBytes(UTF_8));
  }
}
