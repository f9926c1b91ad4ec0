package dev.streambed.kernel.error;

/**
 * An error of a service that moved from AWS's Query protocol to JSON and kept its old error codes
 * (the {@code awsQueryCompatible} trait, as SQS has). The JSON body names the error's shape in
 * {@code __type} ({@link #code()}, e.g. {@code QueueDoesNotExist}); the header
 * {@code x-amzn-query-error: <queryCode>;Sender} carries the code clients of the Query API knew
 * ({@code AWS.SimpleQueueService.NonExistentQueue}), which the SDKs report as the error code.
 */
public interface QueryCompatibleErrorCode extends ErrorCode {
  /** The error's code in the Query API, sent in {@code x-amzn-query-error}. */
  String queryCode();
}
