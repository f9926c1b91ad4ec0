package dev.streambed.logs.stream;

import java.nio.ByteBuffer;

/** A log stream's stored form: creation time, the three event times (-1 for none), next sequence. */
final class StreamCodec {
  private StreamCodec() {}

  static byte[] encode(LogStream s) {
    return ByteBuffer.allocate(40)
        .putLong(s.creationTime())
        .putLong(orNone(s.firstEventTimestamp()))
        .putLong(orNone(s.lastEventTimestamp()))
        .putLong(orNone(s.lastIngestionTime()))
        .putLong(s.nextSequence())
        .array();
  }

  static LogStream decode(String name, byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long created = b.getLong();
    long first = b.getLong();
    long last = b.getLong();
    long ingested = b.getLong();
    return new LogStream(name, created, some(first), some(last), some(ingested), b.getLong());
  }

  private static long orNone(Long v) {
    return v == null ? Long.MIN_VALUE : v;
  }

  private static Long some(long v) {
    return v == Long.MIN_VALUE ? null : v;
  }
}
