package dev.streambed.lambda;

/**
 * An Event invocation waiting in Lambda's asynchronous queue.
 *
 * @param configRef the qualifier whose EventInvokeConfig applies ($LATEST when unqualified)
 * @param functionArn the qualified ARN destination records name
 * @param requestId the Invoke's request id, which every attempt runs under, as on AWS
 * @param queuedAt when Invoke accepted it (epoch milliseconds of the clock), for
 *     MaximumEventAgeInSeconds
 */
record AsyncEvent(Functions.Resolved resolved, FunctionRef configRef, String functionArn, byte[] event,
    String requestId, long queuedAt) {}
