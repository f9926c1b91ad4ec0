package dev.streambed.dynamodb.item;

/**
 * DynamoDB's capacity arithmetic. A write costs one unit per started KB of the larger of the old
 * and the new item; a strongly consistent read one unit per started 4 KB, an eventually
 * consistent read half of that.
 */
public final class Capacity {
  private Capacity() {}

  public static double write(long oldSize, long newSize) {
    long size = Math.max(oldSize, newSize);
    return Math.max(1, (size + 1023) / 1024);
  }

  public static double read(long size, boolean consistent) {
    double units = Math.max(1, (size + 4095) / 4096);
    return consistent ? units : units / 2;
  }
}
