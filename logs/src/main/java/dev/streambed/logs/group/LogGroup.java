package dev.streambed.logs.group;

import java.util.SortedMap;

/**
 * A stored log group.
 *
 * @param id drawn at creation; the group's streams and events are keyed by it
 * @param retentionInDays null when events never expire
 */
public record LogGroup(
    GroupRef ref,
    long id,
    long creationTime,
    Integer retentionInDays,
    String kmsKeyId,
    String logGroupClass,
    SortedMap<String, String> tags) {

  /** The oldest timestamp still retained at {@code now}, or Long.MIN_VALUE. */
  public long retainedFrom(long now) {
    return retentionInDays == null ? Long.MIN_VALUE : now - retentionInDays * 86_400_000L;
  }

  LogGroup withRetention(Integer days) {
    return new LogGroup(ref, id, creationTime, days, kmsKeyId, logGroupClass, tags);
  }

  LogGroup withTags(SortedMap<String, String> newTags) {
    return new LogGroup(ref, id, creationTime, retentionInDays, kmsKeyId, logGroupClass, newTags);
  }
}
