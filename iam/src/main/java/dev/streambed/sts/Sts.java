package dev.streambed.sts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.iam.AccessKey;
import dev.streambed.iam.Iam;
import dev.streambed.iam.IamError;
import dev.streambed.iam.Ids;
import dev.streambed.iam.Role;
import dev.streambed.iam.User;
import dev.streambed.iam.policy.AuthorizationRequest;
import dev.streambed.iam.policy.Decision;
import dev.streambed.iam.policy.PolicyEvaluator.Caller;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * STS: who a signature belongs to, and temporary credentials (AssumeRole, GetSessionToken),
 * kept under the key prefix 0x21 so that a request signed with them maps back to the role
 * session or user they were issued to.
 */
public final class Sts {
  private static final byte PREFIX = 0x21;
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Storage storage;
  private final Clock clock;
  private final Iam iam;
  private final Ids ids;

  public Sts(Storage storage, Clock clock, Iam iam, RandomGenerator random) {
    this.storage = storage;
    this.clock = clock;
    this.iam = iam;
    this.ids = new Ids(random);
  }

  /**
   * The identity behind an access key id: an IAM user's key gives that user; temporary
   * credentials give the session they were issued to; any other key (or none) is the root of
   * {@code defaultAccountId}, which is how an emulator that accepts any credentials must see it.
   * Expired temporary credentials are refused with ExpiredToken, as every AWS service refuses
   * them.
   */
  public Identity identityOf(String accessKeyId, String defaultAccountId) {
    Credentials temporary = credentials(accessKeyId);
    if (temporary != null) {
      if (clock.millis() >= temporary.expiration()) {
        throw new AwsException(IamError.EXPIRED_TOKEN, "The security token included in the request is expired");
      }
      return temporary.identity();
    }
    AccessKey key = iam.users().findAccessKey(accessKeyId);
    if (key != null) {
      User user = iam.users().find(userArn(key));
      if (user != null) {
        return new Identity(key.accountId(), user.arn(), user.userId());
      }
    }
    return new Identity(defaultAccountId, "arn:aws:iam::" + defaultAccountId + ":root", defaultAccountId);
  }

  /** The principal ARN policies are evaluated for: an assumed-role session's role, a user, or root. */
  public String principalArnOf(String accessKeyId, String defaultAccountId) {
    return identityOf(accessKeyId, defaultAccountId).arn();
  }

  private String userArn(AccessKey key) {
    try {
      return iam.users().get(key.accountId(), key.userName()).arn();
    } catch (AwsException gone) {
      return null;
    }
  }

  /**
   * The secret access key of a known access key id: an IAM user's active key or unexpired
   * temporary credentials; null for any other. This is what a signature check verifies with.
   */
  public String secretKeyOf(String accessKeyId) {
    Credentials temporary = credentials(accessKeyId);
    if (temporary != null) {
      return clock.millis() < temporary.expiration() ? temporary.secretAccessKey() : null;
    }
    AccessKey key = iam.users().findAccessKey(accessKeyId);
    return key != null && "Active".equals(key.status()) ? key.secretAccessKey() : null;
  }

  /** The temporary credentials with this access key id, or null. */
  public Credentials credentials(String accessKeyId) {
    if (accessKeyId == null) {
      return null;
    }
    Entry e = storage.get(key(accessKeyId));
    if (e == null) {
      return null;
    }
    try {
      return JSON.readValue(e.value(), Credentials.class);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  public Credentials assumeRole(Identity caller, String roleArn, String sessionName,
      Integer durationSeconds) {
    if (roleArn.length() < 20) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
          + roleArn + "' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20");
    }
    // An ARN needs six parts, with a partition, a service and a resource (recorded AWS answers,
    // March 2026: "arn:a:::something/test-role is invalid").
    String[] parts = roleArn.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
      throw new AwsException(IamError.VALIDATION_ERROR, roleArn + " is invalid");
    }
    if (sessionName.length() < 2 || sessionName.length() > 64 || !SESSION_NAME.matcher(sessionName).matches()) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
          + sessionName + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
    Role role = iam.roles().find(roleArn);
    if (role == null || !mayAssume(caller, role)) {
      throw new AwsException(IamError.ACCESS_DENIED, "User: " + caller.arn()
          + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }
    int duration = durationSeconds == null ? 3600 : durationSeconds;
    if (duration < 900) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
          + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
    }
    if (duration > role.maxSessionDuration()) {
      throw new AwsException(IamError.VALIDATION_ERROR,
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    return issue(role.accountId(), "arn:aws:sts::" + role.accountId() + ":assumed-role/"
        + role.roleName() + "/" + sessionName, role.roleId() + ":" + sessionName, duration);
  }

  /**
   * A trust policy that names the caller itself suffices; one that names only the caller's
   * account also needs the caller's own policies to allow sts:AssumeRole, as in AWS.
   */
  private boolean mayAssume(Identity caller, Role role) {
    AuthorizationRequest request = AuthorizationRequest.of("sts:AssumeRole", role.arn())
        .with("aws:PrincipalArn", caller.arn())
        .with("aws:PrincipalAccount", caller.accountId());
    if (iam.trust(role, Caller.aws(caller.arn(), null), request) == Decision.ALLOW) {
      return true;
    }
    if (iam.trust(role, Caller.aws(caller.arn(), caller.accountId()), request) != Decision.ALLOW) {
      return false;
    }
    return caller.root() || iam.authorize(caller.arn(), request).allowed();
  }

  public Credentials sessionToken(Identity caller, String callerAccessKeyId, Integer durationSeconds) {
    if (credentials(callerAccessKeyId) != null) {
      throw new AwsException(IamError.ACCESS_DENIED, "Cannot call GetSessionToken with session credentials");
    }
    int duration = durationSeconds == null ? 43200 : durationSeconds;
    if (duration < 900 || duration > 129600) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
          + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must have value "
          + (duration < 900 ? "greater than or equal to 900" : "less than or equal to 129600"));
    }
    return issue(caller.accountId(), caller.arn(), caller.userId(), duration);
  }

  /**
   * Credentials for a role assumed by an AWS service on its own behalf, such as Lambda for a
   * function's execution role. The caller has already checked that the role trusts the service.
   */
  public Credentials assumeRoleForService(Role role, String sessionName, int durationSeconds) {
    return issue(role.accountId(), Iam.sessionArn(role.arn(), sessionName), role.roleId() + ":" + sessionName,
        durationSeconds);
  }

  private Credentials issue(String accountId, String arn, String userId, int durationSeconds) {
    Credentials c = new Credentials(ids.accessKeyId("ASIA"), ids.secret(), ids.sessionToken(),
        clock.millis() / 1000 * 1000 + durationSeconds * 1000L, accountId, arn, userId);
    try {
      storage.commit(new Batch().expectVersion(key(c.accessKeyId()), Storage.ABSENT)
          .put(key(c.accessKeyId()), JSON.writeValueAsBytes(c)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return c;
  }

  private static byte[] key(String accessKeyId) {
    byte[] id = accessKeyId.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[id.length + 2];
    key[0] = PREFIX;
    key[1] = 's';
    System.arraycopy(id, 0, key, 2, id.length);
    return key;
  }
}
