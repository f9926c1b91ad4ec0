package dev.streambed.server;

import dev.streambed.server.http.Limits;

/**
 * Who may call, what they may do, and what the front door bounds.
 *
 * @param strictAuth verify every request's SigV4 signature ({@code --auth strict}); otherwise
 *     any credentials are accepted, as a local tool should
 * @param rootAccessKey the bootstrap key pair of the account's root (allowed everything), with
 *     which the first IAM users and roles are made; required with strict authentication
 * @param rootSecretKey its secret
 * @param enforceIam authorize every call with IAM's policy evaluator for the caller
 *     ({@code --iam enforce})
 * @param limits the bounds of connections, headers, bodies and times
 */
public record SecurityConfig(boolean strictAuth, String rootAccessKey, String rootSecretKey, boolean enforceIam,
    Limits limits) {
  public SecurityConfig {
    if (strictAuth && (rootAccessKey == null || rootAccessKey.isEmpty() || rootSecretKey == null
        || rootSecretKey.isEmpty())) {
      throw new IllegalArgumentException("--auth strict needs the root key pair: --root-access-key and "
          + "--root-secret-key (or STREAMBED_ROOT_ACCESS_KEY and STREAMBED_ROOT_SECRET_KEY)");
    }
  }

  /** Any credentials, no authorization, the default bounds. */
  public static SecurityConfig open(int maxBodyBytes) {
    return new SecurityConfig(false, null, null, false, Limits.defaults(maxBodyBytes));
  }

  /** Strict authentication with this root key pair, IAM as it was. */
  public SecurityConfig withStrictAuth(String accessKey, String secretKey) {
    return new SecurityConfig(true, accessKey, secretKey, enforceIam, limits);
  }

  public SecurityConfig withIamEnforced(boolean enforced) {
    return new SecurityConfig(strictAuth, rootAccessKey, rootSecretKey, enforced, limits);
  }

  public SecurityConfig withLimits(Limits newLimits) {
    return new SecurityConfig(strictAuth, rootAccessKey, rootSecretKey, enforceIam, newLimits);
  }
}
