package dev.streambed.dynamodb.table;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.dynamodb.DynamoDbError;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of every account and region: stored through the storage SPI and cached in memory,
 * so the hot path finds a table with one hash lookup. Definitions are stored as JSON under
 * {@code 0x01 account 0x00 region 0x00 name}.
 */
public final class TableCatalog {
  private static final byte PREFIX = 0x01;
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Storage storage;
  private final ConcurrentHashMap<TableRef, Table> cache = new ConcurrentHashMap<>();

  public TableCatalog(Storage storage) {
    this.storage = storage;
    for (Entry e : storage.range(new byte[] {PREFIX}, new byte[] {PREFIX + 1}, false, Integer.MAX_VALUE)) {
      Table t = read(e.value());
      cache.put(new TableRef(t.account(), t.region(), t.name()), t);
    }
  }

  /** Every table of every account and region. */
  public java.util.Collection<Table> all() {
    return java.util.List.copyOf(cache.values());
  }

  /** The table, or null when there is none. */
  public Table find(TableRef ref) {
    return cache.get(ref);
  }

  /** The table, or DynamoDB's ResourceNotFoundException for data-plane calls. */
  public Table require(TableRef ref) {
    Table t = cache.get(ref);
    if (t == null) {
      throw new AwsException(DynamoDbError.RESOURCE_NOT_FOUND, "Requested resource not found");
    }
    return t;
  }

  /** The table, or the ResourceNotFoundException control-plane calls give, naming the table. */
  public Table describe(TableRef ref) {
    Table t = cache.get(ref);
    if (t == null) {
      throw notFound(ref.name());
    }
    return t;
  }

  public static AwsException notFound(String name) {
    return new AwsException(DynamoDbError.RESOURCE_NOT_FOUND,
        "Requested resource not found: Table: " + name + " not found");
  }

  public void create(Table table) {
    TableRef ref = new TableRef(table.account(), table.region(), table.name());
    byte[] key = key(ref);
    synchronized (this) {
      // Control-plane calls are rare; one monitor keeps create/delete of one name simple.
      if (cache.containsKey(ref)) {
        throw new AwsException(DynamoDbError.RESOURCE_IN_USE, "Table already exists: " + table.name());
      }
      try {
        storage.commit(new Batch().expectVersion(key, Storage.ABSENT).put(key, write(table)));
      } catch (VersionConflictException e) {
        throw new AwsException(DynamoDbError.RESOURCE_IN_USE, "Table already exists: " + table.name());
      }
      cache.put(ref, table);
    }
  }

  /**
   * Stores a new definition of a table. A backfill that finished meanwhile is kept: a definition
   * read before it finished never moves an index back to BACKFILLING.
   */
  public void replace(Table table) {
    TableRef ref = new TableRef(table.account(), table.region(), table.name());
    synchronized (this) {
      Table current = cache.get(ref);
      if (current == null) {
        throw notFound(table.name());
      }
      Table merged = keepFinishedBackfills(current, table);
      storage.commit(new Batch().put(key(ref), write(merged)));
      cache.put(ref, merged);
    }
  }

  /** Replaces a table's definition by {@code change} of its current one, atomically; no-op when absent. */
  public void update(TableRef ref, java.util.function.UnaryOperator<Table> change) {
    synchronized (this) {
      Table current = cache.get(ref);
      if (current == null) {
        return;
      }
      Table changed = change.apply(current);
      if (changed != current) {
        storage.commit(new Batch().put(key(ref), write(changed)));
        cache.put(ref, changed);
      }
    }
  }

  private static Table keepFinishedBackfills(Table current, Table table) {
    if (!current.id().equals(table.id())) {
      return table;
    }
    List<SecondaryIndex> indexes = new ArrayList<>(table.indexes());
    boolean changed = false;
    for (int i = 0; i < indexes.size(); i++) {
      SecondaryIndex mine = indexes.get(i);
      SecondaryIndex theirs = current.index(mine.name());
      if (mine.backfill() == SecondaryIndex.Backfill.BACKFILLING && mine.sameIndex(theirs)
          && theirs.backfill() == SecondaryIndex.Backfill.DONE) {
        indexes.set(i, mine.withBackfill(SecondaryIndex.Backfill.DONE));
        changed = true;
      }
    }
    return changed ? table.withIndexes(indexes) : table;
  }

  public void remove(Table table) {
    TableRef ref = new TableRef(table.account(), table.region(), table.name());
    synchronized (this) {
      storage.commit(new Batch().delete(key(ref)));
      cache.remove(ref);
    }
  }

  /** Table names of one account and region, in the order ListTables returns them. */
  public List<String> names(String account, String region) {
    byte[] prefix = (account + "\0" + region + "\0").getBytes(UTF_8);
    byte[] from = Keys.concat(new byte[] {PREFIX}, prefix);
    List<String> names = new ArrayList<>();
    for (Entry e : storage.range(from, Keys.prefixEnd(from), false, Integer.MAX_VALUE)) {
      names.add(new String(e.key(), from.length, e.key().length - from.length, UTF_8));
    }
    return names;
  }

  private static byte[] key(TableRef ref) {
    byte[] name = (ref.account() + "\0" + ref.region() + "\0" + ref.name()).getBytes(UTF_8);
    return Keys.concat(new byte[] {PREFIX}, name);
  }

  private static byte[] write(Table table) {
    try {
      return JSON.writeValueAsBytes(table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Table read(byte[] bytes) {
    try {
      return JSON.readValue(bytes, Table.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
