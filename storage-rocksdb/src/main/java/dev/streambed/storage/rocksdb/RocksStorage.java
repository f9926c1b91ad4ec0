package dev.streambed.storage.rocksdb;

import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.KeyStripes;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The persistent backend: one RocksDB database in a directory. A {@link Batch} is one RocksDB
 * write batch, so an item, its index entries and its stream record reach the write-ahead log
 * together or not at all.
 *
 * <p>Every write is in the write-ahead log (written to the file, so in the operating system's
 * hands) before {@link #commit} returns: a killed process loses nothing it acknowledged. With
 * {@link Durability#INTERVAL} the log is also synced to the disk on an interval, bounding what a
 * power loss can take; with {@link Durability#ALWAYS} every commit is synced before it returns.
 *
 * <p>Values are stored behind an 8-byte version. Versions grow across restarts: each open takes a
 * new block of 2^32 versions, recorded (synced) before the first write, so a version read before a
 * restart never matches a different value after it. Batches lock the stripes of their keys, as
 * the memory backend does, so version checks and writes of one batch are atomic with respect to
 * every other batch; reads take no lock of their own.
 *
 * <p>Every read and write holds the store open (shared) and {@link #close} waits for those under
 * way: RocksDB's native calls on a closed database crash the whole JVM, so a thread its owner
 * left running past the close (a function's invocation ending as Streambed stops) gets an
 * {@link IllegalStateException} instead.
 *
 * <p>The directory holds a format version; a directory of another format, one that is not a
 * Streambed data directory, or one another process has open is refused with a clear message.
 */
public final class RocksStorage implements Storage {
  /** The layout of keys and values this class writes. Change it when they change incompatibly. */
  public static final int FORMAT = 1;

  /** When the write-ahead log is synced to the disk. */
  public enum Durability {
    /** On an interval: a killed process loses nothing; a power loss at most the interval. */
    INTERVAL,
    /** Before every commit returns: nothing acknowledged is lost even to a power loss. */
    ALWAYS
  }

  private static final int STRIPES = 1024;
  private static final int VERSION_BYTES = 8;
  private static final long BLOCK = 1L << 32;
  private static final byte[] META_FORMAT = bytes("format");
  private static final byte[] META_VERSION_BLOCK = bytes("version-block");
  private static final String META_FAMILY = "streambed-meta";

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions familyOptions;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final RocksDB db;
  private final ColumnFamilyHandle data;
  private final ColumnFamilyHandle meta;
  private final WriteOptions writeOptions;
  private final WriteOptions syncedWrites;
  private final KeyStripes stripes = new KeyStripes(STRIPES);
  private final AtomicLong versions;
  private final Object blockLock = new Object();
  private volatile long blockEnd;
  private final AtomicBoolean unsynced = new AtomicBoolean();
  private final ScheduledExecutorService syncer;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Read-held by every operation, write-held from the close on (never released). */
  private final StampedLock open = new StampedLock();

  private RocksStorage(Path dir, Durability durability, Duration syncInterval) {
    this.dir = dir;
    refuseForeign(dir);
    dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
        .setKeepLogFileNum(4).setMaxTotalWalSize(256L << 20);
    // Point reads are most of the traffic: a Bloom filter spares them the files without the key.
    familyOptions = new ColumnFamilyOptions().setTableFormatConfig(
        new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false)));
    List<ColumnFamilyDescriptor> families = List.of(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions),
        new ColumnFamilyDescriptor(bytes(META_FAMILY), familyOptions));
    try {
      Files.createDirectories(dir);
      db = RocksDB.open(dbOptions, dir.toString(), families, handles);
    } catch (RocksDBException e) {
      closeOpenOptions();
      throw openFailure(dir, e);
    } catch (java.io.IOException e) {
      closeOpenOptions();
      throw new StorageOpenException("Cannot create the data directory " + dir + ": " + e.getMessage(), e);
    }
    data = handles.get(0);
    meta = handles.get(1);
    writeOptions = new WriteOptions().setSync(durability == Durability.ALWAYS);
    syncedWrites = new WriteOptions().setSync(true);
    try {
      checkFormat();
      long block = nextBlock();
      versions = new AtomicLong(block * BLOCK);
    } catch (RuntimeException e) {
      closeDb();
      throw e;
    }
    if (durability == Durability.INTERVAL) {
      syncer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rocksdb-wal-sync");
        t.setDaemon(true);
        return t;
      });
      long millis = Math.max(1, syncInterval.toMillis());
      syncer.scheduleWithFixedDelay(this::syncIfWritten, millis, millis, TimeUnit.MILLISECONDS);
    } else {
      syncer = null;
    }
  }

  /** Opens (creating when missing) the database in {@code dir}. */
  public static RocksStorage open(Path dir, Durability durability, Duration syncInterval) {
    return new RocksStorage(dir, durability, syncInterval);
  }

  public Path directory() {
    return dir;
  }

  // ---------------------------------------------------------------- the SPI

  @Override
  public Entry get(byte[] key) {
    long stamp = enter();
    byte[] stored;
    try {
      stored = db.get(data, key);
    } catch (RocksDBException e) {
      throw failure("read", e);
    } finally {
      open.unlockRead(stamp);
    }
    return stored == null ? null : entry(key, stored);
  }

  /** Holds the store open for one operation; refuses once it is closed (or closing). */
  private long enter() {
    long stamp = open.tryReadLock();
    if (stamp == 0) {
      throw new IllegalStateException("the store in " + dir + " is closed");
    }
    return stamp;
  }

  @Override
  public List<Entry> range(byte[] from, byte[] to, boolean reverse, int limit) {
    List<Entry> out = new ArrayList<>(Math.min(limit, 64));
    if (limit <= 0 || (to != null && Arrays.compareUnsigned(from, to) >= 0)) {
      return out;
    }
    long stamp = enter();
    try (Slice lower = new Slice(from);
        Slice upper = to == null ? null : new Slice(to);
        ReadOptions options = new ReadOptions()) {
      options.setIterateLowerBound(lower);
      if (upper != null) {
        options.setIterateUpperBound(upper);
      }
      try (RocksIterator it = db.newIterator(data, options)) {
        if (reverse) {
          it.seekToLast();
        } else {
          it.seek(from);
        }
        while (it.isValid() && out.size() < limit) {
          out.add(entry(it.key(), it.value()));
          if (reverse) {
            it.prev();
          } else {
            it.next();
          }
        }
        it.status();
      }
    } catch (RocksDBException e) {
      throw failure("range read", e);
    } finally {
      open.unlockRead(stamp);
    }
    return out;
  }

  @Override
  public void commit(Batch batch) {
    long stamp = enter();
    try (KeyStripes.Held held = stripes.lock(batch)) {
      for (Batch.Check check : batch.checks()) {
        Entry current = get(check.key());
        long version = current == null ? ABSENT : current.version();
        if (version != check.version()) {
          throw new VersionConflictException("version of key changed: expected " + check.version()
              + ", found " + version);
        }
      }
      if (batch.writes().isEmpty()) {
        return;
      }
      try (WriteBatch wb = new WriteBatch()) {
        for (Batch.Write w : batch.writes()) {
          if (w.value() == null) {
            wb.delete(data, w.key());
          } else {
            wb.put(data, w.key(), stored(nextVersion(), w.value()));
          }
        }
        db.write(writeOptions, wb);
        unsynced.set(true);
      } catch (RocksDBException e) {
        throw failure("write", e);
      }
    } finally {
      open.unlockRead(stamp);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (syncer != null) {
      syncer.shutdownNow();
      try {
        syncer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Waits for the operations under way; later ones are refused.
    open.writeLock();
    try {
      db.flushWal(true);
    } catch (RocksDBException e) {
      // Closing syncs the log anyway; a failure here leaves what the close itself does.
    }
    closeDb();
  }

  // ---------------------------------------------------------------- versions and values

  private long nextVersion() {
    long v = versions.incrementAndGet();
    if (v >= blockEnd) {
      synchronized (blockLock) {
        while (v >= blockEnd) {
          // Record the next block before handing out any of its versions.
          long block = nextBlock();
          versions.set(Math.max(versions.get(), block * BLOCK));
          v = versions.incrementAndGet();
        }
      }
    }
    return v;
  }

  /** Takes the next block of versions, recorded and synced, and returns its number. */
  private long nextBlock() {
    try {
      byte[] stored = db.get(meta, META_VERSION_BLOCK);
      long block = stored == null ? 1 : ByteBuffer.wrap(stored).getLong() + 1;
      db.put(meta, syncedWrites, META_VERSION_BLOCK, ByteBuffer.allocate(8).putLong(block).array());
      blockEnd = (block + 1) * BLOCK;
      return block;
    } catch (RocksDBException e) {
      throw failure("version block write", e);
    }
  }

  private static byte[] stored(long version, byte[] value) {
    byte[] out = new byte[VERSION_BYTES + value.length];
    ByteBuffer.wrap(out).putLong(version);
    System.arraycopy(value, 0, out, VERSION_BYTES, value.length);
    return out;
  }

  private static Entry entry(byte[] key, byte[] stored) {
    long version = ByteBuffer.wrap(stored).getLong();
    return new Entry(key, Arrays.copyOfRange(stored, VERSION_BYTES, stored.length), version);
  }

  // ---------------------------------------------------------------- format and opening

  private void checkFormat() {
    try {
      byte[] format = db.get(meta, META_FORMAT);
      if (format == null) {
        if (hasData()) {
          throw new StorageOpenException(dir + " holds a RocksDB database that Streambed did not write; "
              + "give --data-dir an empty or new directory.");
        }
        db.put(meta, syncedWrites, META_FORMAT, bytes(Integer.toString(FORMAT)));
      } else if (!Integer.toString(FORMAT).equals(new String(format, StandardCharsets.UTF_8))) {
        throw new StorageOpenException(dir + " was written in Streambed's storage format "
            + new String(format, StandardCharsets.UTF_8) + "; this Streambed reads format " + FORMAT
            + " only. Use the Streambed that wrote it, or export the data with it and import it here.");
      }
    } catch (RocksDBException e) {
      throw failure("format check", e);
    }
  }

  /** Writes another format number, as a Streambed of another format would have; for tests. */
  void rewriteFormatForTest(String format) {
    try {
      db.put(meta, syncedWrites, META_FORMAT, bytes(format));
    } catch (RocksDBException e) {
      throw failure("format write", e);
    }
  }

  private boolean hasData() {
    try (RocksIterator it = db.newIterator(data)) {
      it.seekToFirst();
      return it.isValid();
    }
  }

  /** A directory with files but no RocksDB database in it is somebody else's: leave it alone. */
  private static void refuseForeign(Path dir) {
    if (!Files.isDirectory(dir) || Files.exists(dir.resolve("CURRENT"))) {
      return;
    }
    try (var files = Files.list(dir)) {
      if (files.findAny().isPresent()) {
        throw new StorageOpenException(dir + " is not empty and holds no Streambed data; "
            + "give --data-dir an empty or new directory.");
      }
    } catch (java.io.IOException e) {
      throw new StorageOpenException("Cannot read the data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static StorageOpenException openFailure(Path dir, RocksDBException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("lock") || message.contains("LOCK")) {
      return new StorageOpenException(dir + " is in use by another Streambed process (its lock file "
          + dir.resolve("LOCK") + " is held); stop that process or choose another --data-dir.", e);
    }
    return new StorageOpenException("Cannot open the data directory " + dir + ": " + message, e);
  }

  private void syncIfWritten() {
    if (unsynced.getAndSet(false)) {
      try {
        db.flushWal(true);
      } catch (RocksDBException e) {
        unsynced.set(true);
      }
    }
  }

  private static IllegalStateException failure(String what, RocksDBException e) {
    return new IllegalStateException("RocksDB " + what + " failed: " + e.getMessage(), e);
  }

  private void closeDb() {
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    db.close();
    writeOptions.close();
    syncedWrites.close();
    closeOpenOptions();
  }

  private void closeOpenOptions() {
    familyOptions.close();
    dbOptions.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
