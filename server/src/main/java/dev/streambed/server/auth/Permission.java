package dev.streambed.server.auth;

import java.util.Map;

/**
 * An IAM action and the resource ARN it is asked for, as AWS authorizes one API call, with the
 * request's own condition keys (iam:PassedToService for iam:PassRole).
 */
public record Permission(String action, String resource, Map<String, String> context) {
  public Permission(String action, String resource) {
    this(action, resource, Map.of());
  }

  /** An action AWS authorizes on no particular resource. */
  static Permission anywhere(String action) {
    return new Permission(action, "*");
  }
}
