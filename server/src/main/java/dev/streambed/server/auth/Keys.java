package dev.streambed.server.auth;

import dev.streambed.iam.AccessKey;
import dev.streambed.iam.Iam;
import dev.streambed.iam.User;
import dev.streambed.sts.Credentials;
import dev.streambed.sts.Sts;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The keys a signature may be made with: the bootstrap key pair of the account's root, the access
 * keys of IAM users, and temporary credentials from STS (those AssumeRole hands out and those
 * Lambda gives a function's environment), each with the identity it stands for.
 */
public final class Keys {
  private final String rootAccessKey;
  private final String rootSecretKey;
  private final String accountId;
  private final Iam iam;
  private final Sts sts;
  private final Clock clock;

  /** A key's secret and the ARN of whom it belongs to. */
  public record Key(String secretAccessKey, String callerArn) {}

  public Keys(String rootAccessKey, String rootSecretKey, String accountId, Iam iam, Sts sts, Clock clock) {
    this.rootAccessKey = rootAccessKey;
    this.rootSecretKey = rootSecretKey;
    this.accountId = accountId;
    this.iam = iam;
    this.sts = sts;
    this.clock = clock;
  }

  /**
   * The key with this id, checked against the session token the request carries (null when it
   * carries none). Temporary credentials need their own token; long-term keys take none, as AWS
   * refuses a token that does not belong to the key.
   */
  public Key find(String accessKeyId, String sessionToken) {
    if (rootAccessKey != null && rootAccessKey.equals(accessKeyId)) {
      requireNoToken(sessionToken);
      return new Key(rootSecretKey, "arn:aws:iam::" + accountId + ":root");
    }
    Credentials temporary = sts.credentials(accessKeyId);
    if (temporary != null) {
      if (sessionToken == null || !MessageDigest.isEqual(sessionToken.getBytes(StandardCharsets.UTF_8),
          temporary.sessionToken().getBytes(StandardCharsets.UTF_8))) {
        throw new AuthFailure(AuthFailure.Kind.UNRECOGNIZED_CLIENT, AuthFailure.INVALID_TOKEN);
      }
      if (clock.millis() >= temporary.expiration()) {
        throw new AuthFailure(AuthFailure.Kind.EXPIRED_TOKEN, AuthFailure.EXPIRED);
      }
      return new Key(temporary.secretAccessKey(), temporary.arn());
    }
    AccessKey key = iam.users().findAccessKey(accessKeyId);
    if (key != null && "Active".equals(key.status())) {
      User user = findUser(key);
      if (user != null) {
        requireNoToken(sessionToken);
        return new Key(key.secretAccessKey(), user.arn());
      }
    }
    throw new AuthFailure(AuthFailure.Kind.UNRECOGNIZED_CLIENT, AuthFailure.INVALID_TOKEN);
  }

  /**
   * Checks a key pair as a whole, for a login that is not a signed request (the web console's):
   * the identity it stands for, or an {@link AuthFailure} as a signed request would get.
   */
  public String login(String accessKeyId, String secretAccessKey, String sessionToken) {
    Key key = find(accessKeyId, sessionToken);
    if (secretAccessKey == null || !MessageDigest.isEqual(secretAccessKey.getBytes(StandardCharsets.UTF_8),
        key.secretAccessKey().getBytes(StandardCharsets.UTF_8))) {
      throw new AuthFailure(AuthFailure.Kind.INVALID_SIGNATURE, AuthFailure.MISMATCH);
    }
    return key.callerArn();
  }

  private static void requireNoToken(String sessionToken) {
    if (sessionToken != null) {
      throw new AuthFailure(AuthFailure.Kind.UNRECOGNIZED_CLIENT, AuthFailure.INVALID_TOKEN);
    }
  }

  private User findUser(AccessKey key) {
    try {
      return iam.users().get(key.accountId(), key.userName());
    } catch (dev.streambed.kernel.error.AwsException gone) {
      return null;
    }
  }
}
