package dev.streambed.iam.policy;

/** The outcome of evaluating policies: an explicit Deny wins over an Allow, which wins over nothing. */
public enum Decision {
  ALLOW, EXPLICIT_DENY, IMPLICIT_DENY;

  public boolean allowed() {
    return this == ALLOW;
  }
}
