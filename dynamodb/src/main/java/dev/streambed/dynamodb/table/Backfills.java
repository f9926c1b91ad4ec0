package dev.streambed.dynamodb.table;

import dev.streambed.dynamodb.item.IndexEntries;
import dev.streambed.dynamodb.item.ItemKeys;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemCodec;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfills the global secondary indexes UpdateTable adds: in the background, as on AWS, where
 * the index is CREATING with Backfilling true until every item already in the table has its
 * entry, and then ACTIVE. Writes made meanwhile maintain the index themselves (it is part of the
 * table's definition from the start), so the backfill only has to cover what was there before.
 *
 * <p>Each entry is written in a batch that also rewrites its item, guarded by the version read:
 * a concurrent write of the item then either came first (the backfill reads it again) or fails
 * and retries with the index in view. An index deleted while it backfills stops its job before
 * its entries are removed. The executor is the owner's; {@link #close} stops every job.
 */
public final class Backfills implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Backfills.class);
  private static final int CHUNK = 500;

  private final Storage storage;
  private final TableCatalog catalog;
  private final Executor executor;
  private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public Backfills(Storage storage, TableCatalog catalog, Executor executor) {
    this.storage = storage;
    this.catalog = catalog;
    this.executor = executor;
  }

  /** One index being backfilled; its lock is held while it writes a chunk. */
  private final class Job implements Runnable {
    private final TableRef ref;
    private final String tableId;
    private final SecondaryIndex index;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean cancelled;

    Job(TableRef ref, String tableId, SecondaryIndex index) {
      this.ref = ref;
      this.tableId = tableId;
      this.index = index;
    }

    @Override
    public void run() {
      try {
        Table table = catalog.find(ref);
        if (table == null || !table.id().equals(tableId)) {
          return;
        }
        byte[] prefix = ItemKeys.tablePrefix(table);
        byte[] end = Keys.prefixEnd(prefix);
        byte[] from = prefix;
        while (true) {
          List<Entry> chunk;
          writing.lock();
          try {
            if (cancelled || closed) {
              return;
            }
            chunk = storage.range(from, end, false, CHUNK);
            for (Entry e : chunk) {
              backfill(table, e);
            }
          } finally {
            writing.unlock();
          }
          if (chunk.size() < CHUNK) {
            break;
          }
          from = Keys.successor(chunk.get(chunk.size() - 1).key());
        }
        catalog.update(ref, t -> {
          SecondaryIndex current = t.id().equals(tableId) ? t.index(index.name()) : null;
          if (!index.sameIndex(current)) {
            return t;
          }
          List<SecondaryIndex> indexes = new java.util.ArrayList<>(t.indexes());
          indexes.set(indexes.indexOf(current), current.withBackfill(SecondaryIndex.Backfill.DONE));
          return t.withIndexes(indexes);
        });
      } catch (RuntimeException e) {
        LOG.warn("backfill of index {} of table {} failed; the index stays CREATING", index.name(), ref.name(), e);
      } finally {
        jobs.remove(key(tableId, index.name()), this);
      }
    }

    private void backfill(Table table, Entry entry) {
      Entry current = entry;
      while (current != null) {
        Map<String, AttributeValue> item = ItemCodec.decode(current.value());
        byte[] indexKey = IndexEntries.entryKey(table, index, item);
        if (indexKey == null || !IndexEntries.fits(index, item)) {
          return;
        }
        try {
          storage.commit(new Batch().expectVersion(current.key(), current.version())
              .put(current.key(), current.value())
              .put(indexKey, ItemCodec.encode(IndexEntries.project(table, index, item))));
          return;
        } catch (VersionConflictException changed) {
          current = storage.get(current.key());
        }
      }
    }

    void cancel() {
      cancelled = true;
      writing.lock();
      writing.unlock();
    }
  }

  /** Starts backfilling {@code index}, already part of the table's stored definition. */
  public void start(Table table, SecondaryIndex index) {
    Job job = new Job(new TableRef(table.account(), table.region(), table.name()), table.id(), index);
    jobs.put(key(table.id(), index.name()), job);
    executor.execute(job);
  }

  /** Stops the backfill of an index (if any); once this returns, it writes nothing more. */
  public void cancel(Table table, String indexName) {
    Job job = jobs.remove(key(table.id(), indexName));
    if (job != null) {
      job.cancel();
    }
  }

  /** Stops every backfill of a table being deleted. */
  public void cancelAll(Table table) {
    for (SecondaryIndex index : table.indexes()) {
      cancel(table, index.name());
    }
  }

  /** Resumes the backfills a previous run left unfinished (their indexes are still BACKFILLING). */
  public void resume() {
    for (Table table : catalog.all()) {
      for (SecondaryIndex index : table.indexes()) {
        if (index.backfill() == SecondaryIndex.Backfill.BACKFILLING) {
          start(table, index);
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Job job : jobs.values()) {
      job.cancel();
    }
  }

  private static String key(String tableId, String indexName) {
    return tableId + "/" + indexName;
  }
}
