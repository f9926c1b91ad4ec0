package dev.streambed.storage.rocksdb;

/** A data directory could not be opened: in use, of another format, or not Streambed's. */
public final class StorageOpenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageOpenException(String message) {
    super(message);
  }

  public StorageOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}
