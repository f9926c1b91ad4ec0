package dev.streambed.dynamodb.item;

import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemCodec;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import dev.streambed.kernel.error.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one write path of every item change. It reads the old item, lets the mutation decide the
 * new one (evaluating conditions against what it read), and writes the item together with
 * everything derived from it in one atomic storage batch guarded by the version it read. When
 * another writer got there first the batch fails and the whole step runs again on the new item,
 * so two conditional writes racing on one key can never both succeed, and no lock is held.
 *
 * <p>A write that changes nothing commits nothing: DynamoDB writes no stream record for an
 * unchanged item, and there is nothing else to store.
 */
public final class WritePath {
  /** Decides the new item from the old one (either may be null: absent). */
  @FunctionalInterface
  public interface Mutation {
    Map<String, AttributeValue> apply(Map<String, AttributeValue> oldItem);
  }

  /** Who asked for a write: a client, or time to live deleting an expired item. */
  public enum Origin { CLIENT, TIME_TO_LIVE }

  /** One real change of one item (either side may be null: absent). */
  public record Change(Table table, Map<String, AttributeValue> oldItem,
      Map<String, AttributeValue> newItem, Origin origin) {}

  /**
   * Adds what is derived from an item change (index entries, the stream record) to the batch
   * that writes the item. Called only for real changes, once per attempt to commit.
   */
  @FunctionalInterface
  public interface Contributor {
    /**
     * Adds to the batch, and returns what must run once the batch has committed or failed (a
     * stream record's sequence number is then settled), or null.
     */
    Runnable contribute(Change change, Batch batch);
  }

  /** What a write did. {@code changed} is false when the new item equals the old one. */
  public record Outcome(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem,
      boolean changed) {}

  private final Storage storage;
  private final List<Contributor> contributors = new CopyOnWriteArrayList<>();
  private final List<java.util.function.Consumer<Change>> committed = new CopyOnWriteArrayList<>();

  public WritePath(Storage storage) {
    this.storage = storage;
  }

  public void addContributor(Contributor contributor) {
    contributors.add(contributor);
  }

  /**
   * Calls {@code listener} with each change once its batch has committed, on the writer's
   * thread, for views that show items as they change (the console). It must return quickly.
   */
  public void onCommitted(java.util.function.Consumer<Change> listener) {
    committed.add(listener);
  }

  private void committed(Change change) {
    for (java.util.function.Consumer<Change> l : committed) {
      l.accept(change);
    }
  }

  public Outcome write(Table table, Map<String, AttributeValue> key, Mutation mutation) {
    return write(table, key, mutation, Origin.CLIENT);
  }

  /** A write on behalf of {@code origin}; time to live's deletions are marked in the stream. */
  public Outcome write(Table table, Map<String, AttributeValue> key, Mutation mutation, Origin origin) {
    byte[] storageKey = ItemKeys.storageKey(table, key);
    while (true) {
      Entry entry = storage.get(storageKey);
      Map<String, AttributeValue> oldItem = entry == null ? null : ItemCodec.decode(entry.value());
      Map<String, AttributeValue> newItem = mutation.apply(oldItem);
      if (newItem == null ? oldItem == null : newItem.equals(oldItem)) {
        return new Outcome(oldItem, newItem, false);
      }
      Batch batch = new Batch().expectVersion(storageKey, entry == null ? Storage.ABSENT : entry.version());
      if (newItem == null) {
        batch.delete(storageKey);
      } else {
        batch.put(storageKey, ItemCodec.encode(newItem));
      }
      List<Runnable> settle = new ArrayList<>(2);
      Change change = new Change(table, oldItem, newItem, origin);
      try {
        contribute(change, batch, settle);
        storage.commit(batch);
      } catch (VersionConflictException raced) {
        Thread.onSpinWait();
        continue;
      } finally {
        settle(settle);
      }
      committed(change);
      return new Outcome(oldItem, newItem, true);
    }
  }

  /** One write of an all-or-nothing group. */
  public record Write(Table table, Map<String, AttributeValue> key, Mutation mutation) {}

  /**
   * Some mutations of an all-or-nothing group refused to apply; nothing was written.
   * {@code reasons} has one entry per write, null where that write had nothing against it.
   */
  public static final class Cancelled extends RuntimeException {
    private final transient List<AwsException> reasons;

    Cancelled(List<AwsException> reasons) {
      super("cancelled", null, false, false);
      this.reasons = reasons;
    }

    public List<AwsException> reasons() {
      return reasons;
    }
  }

  /**
   * Applies every write or none, in one storage batch guarded by the versions of all the items
   * read, so a condition checked on one item still holds when another is written. Each mutation
   * is evaluated even after one refused, so that every refusal is reported.
   */
  public List<Outcome> writeAll(List<Write> writes) {
    int n = writes.size();
    while (true) {
      Batch batch = new Batch();
      List<Outcome> outcomes = new ArrayList<>(n);
      List<AwsException> reasons = new ArrayList<>(n);
      boolean refused = false;
      List<Change> derived = new ArrayList<>(n);
      for (Write w : writes) {
        byte[] storageKey = ItemKeys.storageKey(w.table(), w.key());
        Entry entry = storage.get(storageKey);
        Map<String, AttributeValue> oldItem = entry == null ? null : ItemCodec.decode(entry.value());
        batch.expectVersion(storageKey, entry == null ? Storage.ABSENT : entry.version());
        Map<String, AttributeValue> newItem;
        try {
          newItem = w.mutation().apply(oldItem);
          reasons.add(null);
        } catch (AwsException e) {
          reasons.add(e);
          refused = true;
          outcomes.add(null);
          continue;
        }
        boolean changed = newItem == null ? oldItem != null : !newItem.equals(oldItem);
        outcomes.add(new Outcome(oldItem, newItem, changed));
        if (changed) {
          if (newItem == null) {
            batch.delete(storageKey);
          } else {
            batch.put(storageKey, ItemCodec.encode(newItem));
          }
          Change change = new Change(w.table(), oldItem, newItem, Origin.CLIENT);
          derived.add(change);
        }
      }
      if (refused) {
        throw new Cancelled(reasons);
      }
      List<Runnable> settle = new ArrayList<>(derived.size());
      try {
        for (Change change : derived) {
          contribute(change, batch, settle);
        }
        storage.commit(batch);
      } catch (VersionConflictException raced) {
        Thread.onSpinWait();
        continue;
      } finally {
        settle(settle);
      }
      derived.forEach(this::committed);
      return outcomes;
    }
  }

  /**
   * Lets every contributor add to the batch, collecting what each needs run afterwards; the
   * caller runs those whether the batch commits, fails, or a contributor throws.
   */
  private void contribute(Change change, Batch batch, List<Runnable> settle) {
    for (Contributor c : contributors) {
      Runnable after = c.contribute(change, batch);
      if (after != null) {
        settle.add(after);
      }
    }
  }

  private static void settle(List<Runnable> settle) {
    settle.forEach(Runnable::run);
  }

  /** One item to read in {@link #readAll}. */
  public record Read(Table table, Map<String, AttributeValue> key) {}

  /**
   * Reads several items as they all were at one instant (TransactGetItems): each item is read,
   * then a batch of nothing but version checks confirms that none changed meanwhile. The
   * storage applies a batch atomically, so a transaction's writes are seen all or not at all;
   * when one slipped in between, the reads run again.
   */
  public List<Map<String, AttributeValue>> readAll(List<Read> reads) {
    while (true) {
      Batch checks = new Batch();
      List<Map<String, AttributeValue>> items = new ArrayList<>(reads.size());
      for (Read r : reads) {
        byte[] storageKey = ItemKeys.storageKey(r.table(), r.key());
        Entry entry = storage.get(storageKey);
        checks.expectVersion(storageKey, entry == null ? Storage.ABSENT : entry.version());
        items.add(entry == null ? null : ItemCodec.decode(entry.value()));
      }
      try {
        storage.commit(checks);
        return items;
      } catch (VersionConflictException changed) {
        Thread.onSpinWait();
      }
    }
  }

  /** Reads one item, or null. */
  public Map<String, AttributeValue> read(Table table, Map<String, AttributeValue> key) {
    Entry entry = storage.get(ItemKeys.storageKey(table, key));
    return entry == null ? null : ItemCodec.decode(entry.value());
  }
}
