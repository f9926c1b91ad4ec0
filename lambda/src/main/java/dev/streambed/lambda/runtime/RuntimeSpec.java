package dev.streambed.lambda.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an execution environment runs: one function version's code, runtime, handler and
 * configuration, the credentials of its role, and where Streambed is.
 *
 * @param poolKey environments are shared by invocations with the same key (a version of the
 *     code and configuration); a new key gets new environments
 * @param code the function's unpacked code directory (LAMBDA_TASK_ROOT)
 * @param environment the function's own environment variables
 * @param endpointUrl Streambed's endpoint, given to the function as AWS_ENDPOINT_URL
 */
public record RuntimeSpec(
    String poolKey,
    String functionName,
    String version,
    String runtime,
    String handler,
    Path code,
    int memoryMb,
    int timeoutSeconds,
    Map<String, String> environment,
    String region,
    String logGroup,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    String endpointUrl,
    int maxConcurrency) {}
