package dev.streambed.kernel.protocol;

/**
 * What a service may know of the request that reached it: who signed it and where. The region
 * and account come from the request's SigV4 credential scope, or from the configured defaults.
 */
public record RequestContext(
    String requestId, String region, String accountId, String accessKeyId, String host) {}
