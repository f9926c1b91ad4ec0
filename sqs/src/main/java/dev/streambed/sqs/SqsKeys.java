package dev.streambed.sqs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The key layout of SQS in the store, under the leading byte 0x50:
 *
 * <pre>
 * 0x50 0x01 account 0x00 region 0x00 queueName   -> a queue (JSON), or the mark of one deleted
 * 0x50 0x02 queueId(8) sequence(8)               -> a message (binary MessageCodec)
 * 0x50 0x03 queueId(8) visibleAt(8) sequence(8)  -> the message's place in the visibility index
 * 0x50 0x04 queueId(8) deduplicationId           -> a FIFO queue's deduplication record
 * </pre>
 *
 * A queue id is drawn when the queue is created and again when it is purged, so the messages of
 * an earlier queue of the same name, or sent before a purge, are never seen again. Messages sort
 * by sequence, which is send order, so the oldest come first for retention. The index sorts by the
 * moment a message is next visible: a receive is one range read of what is visible now, and its
 * first entry past now tells when the next message will be.
 */
public final class SqsKeys {
  private static final byte ROOT = 0x50;
  private static final byte QUEUE = 0x01;
  private static final byte MESSAGE = 0x02;
  private static final byte VISIBILITY = 0x03;
  private static final byte DEDUPLICATION = 0x04;

  private SqsKeys() {}

  public static byte[] allQueues() {
    return new byte[] {ROOT, QUEUE};
  }

  public static byte[] queuesPrefix(String account, String region) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ROOT);
    out.write(QUEUE);
    out.writeBytes(utf8(account));
    out.write(0);
    out.writeBytes(utf8(region));
    out.write(0);
    return out.toByteArray();
  }

  public static byte[] queue(String account, String region, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(queuesPrefix(account, region));
    out.writeBytes(utf8(name));
    return out.toByteArray();
  }

  /** Account, region and name of a queue key. */
  public static String[] queueKeyParts(byte[] key) {
    int a = indexOfZero(key, 2);
    int r = indexOfZero(key, a + 1);
    return new String[] {
        new String(key, 2, a - 2, StandardCharsets.UTF_8),
        new String(key, a + 1, r - a - 1, StandardCharsets.UTF_8),
        new String(key, r + 1, key.length - r - 1, StandardCharsets.UTF_8)};
  }

  public static byte[] messages(long queueId) {
    return withId(MESSAGE, queueId, 0);
  }

  public static byte[] message(long queueId, long sequence) {
    byte[] key = withId(MESSAGE, queueId, 8);
    putLong(key, 10, sequence);
    return key;
  }

  public static long sequenceOfMessage(byte[] key) {
    return getLong(key, 10);
  }

  public static byte[] visibility(long queueId) {
    return withId(VISIBILITY, queueId, 0);
  }

  /** The index entry of a message visible from {@code visibleAt} (epoch millis, not negative). */
  public static byte[] visibility(long queueId, long visibleAt, long sequence) {
    byte[] key = withId(VISIBILITY, queueId, 16);
    putLong(key, 10, visibleAt);
    putLong(key, 18, sequence);
    return key;
  }

  /** The smallest index key of messages visible after {@code millis}. */
  public static byte[] visibleAfter(long queueId, long millis) {
    byte[] key = withId(VISIBILITY, queueId, 8);
    putLong(key, 10, millis + 1);
    return key;
  }

  public static long visibleAtOf(byte[] indexKey) {
    return getLong(indexKey, 10);
  }

  public static long sequenceOfIndex(byte[] indexKey) {
    return getLong(indexKey, 18);
  }

  public static byte[] deduplications(long queueId) {
    return withId(DEDUPLICATION, queueId, 0);
  }

  public static byte[] deduplication(long queueId, String deduplicationId) {
    byte[] id = utf8(deduplicationId);
    byte[] key = withId(DEDUPLICATION, queueId, id.length);
    System.arraycopy(id, 0, key, 10, id.length);
    return key;
  }

  private static byte[] withId(byte kind, long queueId, int extra) {
    byte[] key = new byte[10 + extra];
    key[0] = ROOT;
    key[1] = kind;
    putLong(key, 2, queueId);
    return key;
  }

  private static int indexOfZero(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a queue key");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Big-endian with the sign bit flipped, so that byte order is numeric order. */
  private static void putLong(byte[] b, int at, long v) {
    v ^= Long.MIN_VALUE;
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v ^ Long.MIN_VALUE;
  }
}
