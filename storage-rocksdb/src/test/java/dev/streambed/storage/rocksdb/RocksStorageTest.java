package dev.streambed.storage.rocksdb;

import dev.streambed.storage.Storage;
import dev.streambed.storage.tck.StorageContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/** The storage contract, run against RocksDB in a fresh directory. */
class RocksStorageTest extends StorageContract {
  @Override
  protected Storage newStorage() {
    try {
      return RocksStorage.open(Files.createTempDirectory("streambed-rocks"), RocksStorage.Durability.INTERVAL,
          Duration.ofMillis(100));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
