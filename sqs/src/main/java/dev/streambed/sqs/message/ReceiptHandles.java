package dev.streambed.sqs.message;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Receipt handles: which message of which queue, and which receive of it. A handle is base64 of
 * a format byte, the queue id, the message's sequence and the receive's random token, so a
 * handle from an earlier receive of the same message is recognised as stale.
 */
final class ReceiptHandles {
  private static final byte FORMAT = 1;
  private static final int LENGTH = 25;

  /** A decoded receipt handle. */
  record Handle(long queueId, long sequence, long token) {}

  private ReceiptHandles() {}

  static String encode(long queueId, long sequence, long token) {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(FORMAT).putLong(queueId).putLong(sequence).putLong(token);
    return Base64.getEncoder().encodeToString(b.array());
  }

  /** The handle, or null when the string is not one SQS issued. */
  static Handle decode(String handle) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(handle);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (bytes.length != LENGTH || bytes[0] != FORMAT) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
    long queueId = b.getLong();
    long sequence = b.getLong();
    long token = b.getLong();
    return token == 0 ? null : new Handle(queueId, sequence, token);
  }
}
