package dev.streambed.logs.event;

/**
 * What PutLogEvents answers: the next sequence token and, when some events were not stored, the
 * indexes AWS reports in {@code rejectedLogEventsInfo} (null when none).
 */
public record PutResult(
    String nextSequenceToken,
    Integer tooNewLogEventStartIndex,
    Integer tooOldLogEventEndIndex,
    Integer expiredLogEventEndIndex) {

  public boolean anyRejected() {
    return tooNewLogEventStartIndex != null || tooOldLogEventEndIndex != null
        || expiredLogEventEndIndex != null;
  }
}
