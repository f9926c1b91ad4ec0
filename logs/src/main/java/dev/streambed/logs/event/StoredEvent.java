package dev.streambed.logs.event;

/**
 * An event as it was stored.
 *
 * @param sequence orders events of equal timestamp in a stream by arrival
 */
public record StoredEvent(String streamName, long timestamp, long sequence, long ingestionTime, String message) {

  /**
   * A 56-digit decimal id, as AWS's event ids are: timestamp, a hash of the stream name, and the
   * sequence, so ids are unique in a group and sort by time.
   */
  public String eventId() {
    return pad(Long.toString(timestamp), 20)
        + pad(Long.toString(Integer.toUnsignedLong(streamName.hashCode())), 16)
        + pad(Long.toString(sequence), 20);
  }

  private static String pad(String digits, int width) {
    return digits.length() >= width ? digits.substring(digits.length() - width)
        : "0".repeat(width - digits.length()) + digits;
  }
}
