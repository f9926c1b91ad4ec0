package dev.streambed.lambda;

import java.util.List;
import java.util.Map;

/**
 * A function's $LATEST configuration as stored. The code itself is stored once per content, by
 * its SHA-256.
 */
public record FunctionConfig(
    String account,
    String region,
    String name,
    String runtime,
    String handler,
    String role,
    String description,
    int timeout,
    int memorySize,
    Map<String, String> environment,
    List<String> architectures,
    String codeSha256,
    long codeSize,
    long lastModifiedMillis,
    String revisionId,
    Map<String, String> tags,
    int ephemeralStorage) {

  public String arn() {
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
  }

  public String logGroup() {
    return "/aws/lambda/" + name;
  }
}
