package dev.streambed.server.auth;

/**
 * A request whose signature verified: the key that signed it, its credential scope, and who the
 * key belongs to ({@code arn:aws:iam::ACCOUNT:root}, a user's ARN, or an assumed-role session's).
 */
public record Verified(String accessKeyId, String date, String region, String service, String callerArn) {}
