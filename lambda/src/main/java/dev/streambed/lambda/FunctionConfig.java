package dev.streambed.lambda;

import java.util.List;
import java.util.Map;

/**
 * A function version's configuration as stored: {@code $LATEST}, or a published version (its
 * number as text). The code itself is stored once per content, by its SHA-256.
 */
public record FunctionConfig(
    String version,
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

  /** The function's unqualified ARN. */
  public String arn() {
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
  }

  /** The ARN with this version as qualifier, as published versions show it. */
  public String versionArn() {
    return arn() + ":" + version;
  }

  public boolean isLatest() {
    return "$LATEST".equals(version);
  }

  public FunctionConfig withTags(Map<String, String> newTags) {
    return new FunctionConfig(version, account, region, name, runtime, handler, role, description,
        timeout, memorySize, environment, architectures, codeSha256, codeSize, lastModifiedMillis,
        revisionId, Map.copyOf(newTags), ephemeralStorage);
  }

  /** This configuration as a published version. */
  public FunctionConfig asVersion(String number, String description, long now, String revision) {
    return new FunctionConfig(number, account, region, name, runtime, handler, role, description,
        timeout, memorySize, environment, architectures, codeSha256, codeSize, now, revision, tags,
        ephemeralStorage);
  }

  public String logGroup() {
    return "/aws/lambda/" + name;
  }
}
