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
 * ignored. Settings are stored under {@code 0x04 tableId} as {@code millis 0x00 attribute} (the
 * attribute empty once disabled), so the time of the last change survives a restart.
 *
 * <p>AWS allows one change an hour: "Any additional UpdateTimeToLive calls for the same table
 * during this one hour duration result in a ValidationException" (API reference); the message is
 * the one hashicorp/terraform-provider-aws's acceptance tests quote from AWS. DescribeTimeToLive
 * answers ENABLED or DISABLED at once: AWS documents ENABLING and DISABLING, but its answers
 * settle within seconds, and a change here takes effect with the call itself.
 */
public final class TimeToLive {
  private static final byte PREFIX = 0x04;
  private static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;
  private static final int CHUNK = 500;

  private final Storage storage;
  private final TableCatalog catalog;
  private final WritePath writes;
  private final Clock clock;
  /** Fewer than this between two changes of one table's setting is refused, as on AWS. */
  static final long CHANGE_INTERVAL_MILLIS = 60 * 60 * 1000;

  /** A table's setting: its attribute (null once disabled) and when it last changed. */
  private record Setting(String attribute, long changedMillis) {}

  private final ConcurrentHashMap<String, Setting> settings = new ConcurrentHashMap<>();

  public TimeToLive(Storage storage, TableCatalog catalog, WritePath writes, Clock clock) {
    this.storage = storage;
    this.catalog = catalog;
    this.writes = writes;
    this.clock = clock;
    for (Entry e : storage.range(new byte[] {PREFIX}, new byte[] {PREFIX + 1}, false, Integer.MAX_VALUE)) {
      settings.put(new String(e.key(), 1, e.key().length - 1, UTF_8), decode(new String(e.value(), UTF_8)));
    }
  }

  private static Setting decode(String stored) {
    int nul = stored.indexOf('\0');
    String attribute = stored.substring(nul + 1);
    return new Setting(attribute.isEmpty() ? null : attribute, Long.parseLong(stored.substring(0, nul)));
  }

  /** The TTL attribute of a table, or null when TTL is disabled. */
  public String attribute(Table table) {
    Setting s = settings.get(table.id());
    return s == null ? null : s.attribute();
  }

  /**
   * Enables (with an attribute name) or disables TTL, refusing what AWS refuses: a change to the
   * state it is in, another attribute than the enabled one, and (after those) a second change
   * within the hour.
   */
  public synchronized void update(Table table, boolean enabled, String attributeName) {
    Setting current = settings.get(table.id());
    String attribute = current == null ? null : current.attribute();
    if (enabled && attribute != null) {
      throw AwsException.validation(attribute.equals(attributeName)
          ? "TimeToLive is already enabled" : "TimeToLive is active on a different AttributeName");
    }
    if (!enabled && attribute == null) {
      throw AwsException.validation("TimeToLive is already disabled");
    }
    if (!enabled && !attribute.equals(attributeName)) {
      throw AwsException.validation("TimeToLive is active on a different AttributeName");
    }
    long now = clock.millis();
    if (current != null && now - current.changedMillis() < CHANGE_INTERVAL_MILLIS) {
      throw AwsException.validation("Time to live has been modified multiple times within a fixed interval");
    }
    Setting changed = new Setting(enabled ? attributeName : null, now);
    storage.commit(new Batch().put(key(table),
        (now + "\0" + (enabled ? attributeName : "")).getBytes(UTF_8)));
    settings.put(table.id(), changed);
  }

  /** Deletes every expired item of every table with TTL enabled; returns how many. */
  public int sweep() {
    int deleted = 0;
    long now = clock.millis() / 1000;
    for (Table table : catalog.all()) {
      String attribute = attribute(table);
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
