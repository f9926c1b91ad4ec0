package dev.streambed.storage;

/** A batch's version check failed: some key changed since it was read. Nothing was written. */
public final class VersionConflictException extends RuntimeException {
  public VersionConflictException(String message) {
    super(message, null, false, false);
  }
}
