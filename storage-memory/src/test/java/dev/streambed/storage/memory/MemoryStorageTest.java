package dev.streambed.storage.memory;

import dev.streambed.storage.Storage;
import dev.streambed.storage.tck.StorageContract;

class MemoryStorageTest extends StorageContract {
  @Override
  protected Storage newStorage() {
    return new MemoryStorage();
  }
}
