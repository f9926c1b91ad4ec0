package dev.streambed.logs.stream;

/**
 * A stored log stream.
 *
 * @param firstEventTimestamp null until the stream has an event, as are the two after it
 * @param nextSequence the sequence the stream's next event gets; it orders events of equal
 *     timestamp by arrival and makes the upload sequence token
 */
public record LogStream(
    String name,
    long creationTime,
    Long firstEventTimestamp,
    Long lastEventTimestamp,
    Long lastIngestionTime,
    long nextSequence) {

  public boolean hasEvents() {
    return firstEventTimestamp != null;
  }

  /**
   * The upload sequence token, a 56-digit decimal as AWS's. PutLogEvents no longer checks
   * tokens (AWS stopped requiring them in January 2023), but still returns one.
   */
  public String uploadSequenceToken() {
    return sequenceToken(nextSequence);
  }

  public static String sequenceToken(long sequence) {
    String digits = Long.toString(sequence);
    return "49" + "0".repeat(54 - digits.length()) + digits;
  }

  public LogStream appended(long firstTs, long lastTs, long ingestionTime, int count) {
    return new LogStream(name, creationTime,
        firstEventTimestamp == null ? firstTs : Math.min(firstEventTimestamp, firstTs),
        lastEventTimestamp == null ? lastTs : Math.max(lastEventTimestamp, lastTs),
        ingestionTime, nextSequence + count);
  }
}
