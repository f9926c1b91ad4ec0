package dev.streambed.server.auth;

/** An IAM action and the resource ARN it is asked for, as AWS authorizes one API call. */
public record Permission(String action, String resource) {
  /** An action AWS authorizes on no particular resource. */
  static Permission anywhere(String action) {
    return new Permission(action, "*");
  }
}
