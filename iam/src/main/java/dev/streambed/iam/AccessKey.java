package dev.streambed.iam;

/** A user's long-term access key. The secret is kept so that signatures can be verified. */
public record AccessKey(
    String accessKeyId,
    String secretAccessKey,
    String accountId,
    String userName,
    String status,
    long createDate) {}
