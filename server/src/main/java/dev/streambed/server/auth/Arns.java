package dev.streambed.server.auth;

import dev.streambed.kernel.protocol.RequestContext;

/** The ARNs of the resources a request names, in the caller's region and account. */
final class Arns {
  private Arns() {}

  /** A table by its name, or the ARN DynamoDB also accepts as TableName. */
  static String table(RequestContext c, String name) {
    return name.startsWith("arn:") ? name : "arn:aws:dynamodb:" + c.region() + ":" + c.accountId() + ":table/" + name;
  }

  static String logGroup(RequestContext c, String name) {
    return "arn:aws:logs:" + c.region() + ":" + c.accountId() + ":log-group:" + name;
  }

  static String queue(RequestContext c, String account, String name) {
    return "arn:aws:sqs:" + c.region() + ":" + account + ":" + name;
  }

  static String function(RequestContext c, String name) {
    return "arn:aws:lambda:" + c.region() + ":" + c.accountId() + ":function:" + name;
  }
}
