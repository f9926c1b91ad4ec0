package dev.streambed.sts;

import java.time.Instant;

/** Temporary credentials, remembered so that requests signed with them map back to their identity. */
public record Credentials(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    long expiration,
    String accountId,
    String arn,
    String userId) {

  public Instant expires() {
    return Instant.ofEpochMilli(expiration);
  }

  public Identity identity() {
    return new Identity(accountId, arn, userId);
  }
}
