package dev.streambed.server;

import dev.streambed.storage.rocksdb.RocksStorage;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where Streambed keeps its state: in memory (no directory), or in a RocksDB database in a
 * directory, with its write-ahead log synced on an interval or on every write.
 *
 * @param dataDir the data directory, or null to keep everything in memory
 * @param fsync when the write-ahead log is synced to the disk
 * @param fsyncInterval how often, with {@link RocksStorage.Durability#INTERVAL}
 */
public record StorageConfig(Path dataDir, RocksStorage.Durability fsync, Duration fsyncInterval) {
  public static final StorageConfig MEMORY = new StorageConfig(null, RocksStorage.Durability.INTERVAL,
      Duration.ofMillis(100));

  public static StorageConfig in(Path dataDir) {
    return new StorageConfig(dataDir, RocksStorage.Durability.INTERVAL, Duration.ofMillis(100));
  }

  public boolean persistent() {
    return dataDir != null;
  }
}
