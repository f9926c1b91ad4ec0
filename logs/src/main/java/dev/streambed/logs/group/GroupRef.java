package dev.streambed.logs.group;

/** A log group as its account, region and name identify it. */
public record GroupRef(String accountId, String region, String name) {

  /** {@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME}, the form tagging APIs take. */
  public String arn() {
    return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + name;
  }

  /** The log group ARN as DescribeLogGroups' {@code arn} shows it, ending in {@code :*}. */
  public String wildcardArn() {
    return arn() + ":*";
  }

  public String streamArn(String stream) {
    return arn() + ":log-stream:" + stream;
  }

  /**
   * The group a log group ARN names ({@code arn:aws:logs:R:A:log-group:NAME}, optionally
   * followed by {@code :*}), or null when the text is no log group ARN.
   */
  public static GroupRef fromArn(String arn) {
    String[] parts = arn.split(":", 7);
    if (parts.length < 7 || !parts[0].equals("arn") || !parts[2].equals("logs")
        || !parts[5].equals("log-group")) {
      return null;
    }
    String name = parts[6].endsWith(":*") ? parts[6].substring(0, parts[6].length() - 2) : parts[6];
    if (name.isEmpty() || name.contains(":")) {
      return null;
    }
    return new GroupRef(parts[4], parts[3], name);
  }
}
