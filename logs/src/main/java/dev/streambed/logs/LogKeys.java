package dev.streambed.logs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The key layout of CloudWatch Logs in the store, under the leading byte 0x10:
 *
 * <pre>
 * 0x10 0x01 account 0x00 region 0x00 groupName          -> a log group
 * 0x10 0x02 groupId(8) streamName                       -> a log stream
 * 0x10 0x03 groupId(8) escaped(streamName) ts(8) seq(8) -> an event
 * </pre>
 *
 * A group id is drawn when the group is created, so a group created again after a delete never
 * sees the old group's streams. Events of a stream sort by timestamp, then by arrival, so every
 * read of a stream is one range read.
 */
public final class LogKeys {
  private static final byte ROOT = 0x10;
  private static final byte GROUP = 0x01;
  private static final byte STREAM = 0x02;
  private static final byte EVENT = 0x03;

  private LogKeys() {}

  /** The prefix of every log group of every account and region. */
  public static byte[] allGroups() {
    return new byte[] {ROOT, GROUP};
  }

  /** Account, region and name of a group key. */
  public static String[] groupKeyParts(byte[] key) {
    int a = indexOfZero(key, 2);
    int r = indexOfZero(key, a + 1);
    return new String[] {
        new String(key, 2, a - 2, StandardCharsets.UTF_8),
        new String(key, a + 1, r - a - 1, StandardCharsets.UTF_8),
        new String(key, r + 1, key.length - r - 1, StandardCharsets.UTF_8)};
  }

  private static int indexOfZero(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a log group key");
  }

  public static byte[] groupsPrefix(String account, String region) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ROOT);
    out.write(GROUP);
    out.writeBytes(utf8(account));
    out.write(0);
    out.writeBytes(utf8(region));
    out.write(0);
    return out.toByteArray();
  }

  public static byte[] group(String account, String region, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(groupsPrefix(account, region));
    out.writeBytes(utf8(name));
    return out.toByteArray();
  }

  public static byte[] streamsPrefix(long groupId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ROOT);
    out.write(STREAM);
    writeLong(out, groupId);
    return out.toByteArray();
  }

  public static byte[] stream(long groupId, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(streamsPrefix(groupId));
    out.writeBytes(utf8(name));
    return out.toByteArray();
  }

  public static byte[] eventsOfGroup(long groupId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ROOT);
    out.write(EVENT);
    writeLong(out, groupId);
    return out.toByteArray();
  }

  /** The prefix of a stream's events. The name is escaped (0x00 -> 0x00 0xFF) and ended by 0x00 0x01. */
  public static byte[] events(long groupId, String stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(eventsOfGroup(groupId));
    for (byte b : utf8(stream)) {
      out.write(b);
      if (b == 0) {
        out.write(0xFF);
      }
    }
    out.write(0);
    out.write(1);
    return out.toByteArray();
  }

  public static byte[] event(byte[] streamPrefix, long timestamp, long sequence) {
    byte[] key = new byte[streamPrefix.length + 16];
    System.arraycopy(streamPrefix, 0, key, 0, streamPrefix.length);
    putLong(key, streamPrefix.length, timestamp ^ Long.MIN_VALUE);
    putLong(key, streamPrefix.length + 8, sequence ^ Long.MIN_VALUE);
    return key;
  }

  public static long timestampOf(byte[] eventKey) {
    return getLong(eventKey, eventKey.length - 16) ^ Long.MIN_VALUE;
  }

  public static long sequenceOf(byte[] eventKey) {
    return getLong(eventKey, eventKey.length - 8) ^ Long.MIN_VALUE;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    byte[] b = new byte[8];
    putLong(b, 0, v);
    out.writeBytes(b);
  }

  static void putLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }
}
