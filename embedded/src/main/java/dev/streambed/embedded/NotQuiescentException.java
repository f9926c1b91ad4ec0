package dev.streambed.embedded;

/**
 * Thrown by {@link Streambed#awaitQuiescent} when a stream trigger still had records to process
 * when the time was up; the message names each such trigger, its function and stream, and where
 * it stands in each shard.
 */
public final class NotQuiescentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NotQuiescentException(String message) {
    super(message);
  }
}
