package dev.streambed.lambda;

import java.util.List;
import java.util.Map;

/**
 * A function version's configuration as stored: {@code $LATEST}, or a published version (its
 * number as text). The code itself is stored once per content, by its SHA-256.
 *
 * @param environment the Environment's Variables, or null when the function was given none
 *     (Lambda then shows no Environment at all)
 * @param logging LoggingConfig, or null for Lambda's default (Text, to /aws/lambda/NAME)
 * @param deadLetterTarget DeadLetterConfig's TargetArn, or null
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
    int ephemeralStorage,
    Logging logging,
    String deadLetterTarget) {

  /**
   * LoggingConfig: the format of the function's log lines, the levels JSON logs keep, and the
   * group they go to; null levels and group mean Lambda's defaults.
   */
  public record Logging(String logFormat, String applicationLogLevel, String systemLogLevel, String logGroup) {
    public static final Logging DEFAULT = new Logging("Text", null, null, null);
  }

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

  /** The environment variables the function runs with (none when it was given no Environment). */
  public Map<String, String> variables() {
    return environment == null ? Map.of() : environment;
  }

  public Logging loggingConfig() {
    return logging == null ? Logging.DEFAULT : logging;
  }

  public FunctionConfig withTags(Map<String, String> newTags) {
    Builder b = toBuilder();
    b.tags = Map.copyOf(newTags);
    return b.build();
  }

  /** This configuration as a published version. */
  public FunctionConfig asVersion(String number, String newDescription, long now, String revision) {
    Builder b = toBuilder();
    b.version = number;
    b.description = newDescription;
    b.lastModifiedMillis = now;
    b.revisionId = revision;
    return b.build();
  }

  /** The log group the function's lines go to: its LoggingConfig's, else /aws/lambda/NAME. */
  public String logGroup() {
    Logging l = loggingConfig();
    return l.logGroup() == null ? "/aws/lambda/" + name : l.logGroup();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy to change: set the fields that change, then {@link #build()}. */
  public static final class Builder {
    public String version;
    public String account;
    public String region;
    public String name;
    public String runtime;
    public String handler;
    public String role;
    public String description;
    public int timeout;
    public int memorySize;
    public Map<String, String> environment;
    public List<String> architectures;
    public String codeSha256;
    public long codeSize;
    public long lastModifiedMillis;
    public String revisionId;
    public Map<String, String> tags;
    public int ephemeralStorage;
    public Logging logging;
    public String deadLetterTarget;

    private Builder(FunctionConfig f) {
      version = f.version;
      account = f.account;
      region = f.region;
      name = f.name;
      runtime = f.runtime;
      handler = f.handler;
      role = f.role;
      description = f.description;
      timeout = f.timeout;
      memorySize = f.memorySize;
      environment = f.environment;
      architectures = f.architectures;
      codeSha256 = f.codeSha256;
      codeSize = f.codeSize;
      lastModifiedMillis = f.lastModifiedMillis;
      revisionId = f.revisionId;
      tags = f.tags;
      ephemeralStorage = f.ephemeralStorage;
      logging = f.logging;
      deadLetterTarget = f.deadLetterTarget;
    }

    public FunctionConfig build() {
      return new FunctionConfig(version, account, region, name, runtime, handler, role, description, timeout,
          memorySize, environment, architectures, codeSha256, codeSize, lastModifiedMillis, revisionId, tags,
          ephemeralStorage, logging, deadLetterTarget);
    }
  }
}
