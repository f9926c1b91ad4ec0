package dev.streambed.iam;

import dev.streambed.iam.policy.AuthorizationRequest;
import dev.streambed.iam.policy.Decision;
import dev.streambed.iam.policy.PolicyDocument;
import dev.streambed.iam.policy.PolicyEvaluator;
import dev.streambed.iam.policy.PolicyEvaluator.Caller;
import dev.streambed.storage.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * IAM as other services see it: roles, users and policies, and the one question every service
 * asks, "may this principal do ACTION on RESOURCE with this context?"
 */
public final class Iam {
  private final Clock clock;
  private final Policies policies;
  private final Roles roles;
  private final Users users;
  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  /** Parsed documents by their text: pollers ask the same question several times a second. */
  private final Map<String, PolicyDocument> parsed = new java.util.concurrent.ConcurrentHashMap<>();

  public Iam(Storage storage, Clock clock, RandomGenerator random) {
    this.clock = clock;
    IamStore store = new IamStore(storage);
    Ids ids = new Ids(random);
    this.policies = new Policies(store, clock, ids, AwsManagedPolicies.load());
    this.roles = new Roles(store, clock, ids, policies);
    this.users = new Users(store, clock, ids, policies);
  }

  public Roles roles() {
    return roles;
  }

  public Users users() {
    return users;
  }

  public Policies policies() {
    return policies;
  }

  public PolicyEvaluator evaluator() {
    return evaluator;
  }

  /**
   * Evaluates the identity policies of a principal (a role, a session of an assumed role, a
   * user, or an account's root) for one request. The global condition keys IAM supplies
   * (aws:PrincipalArn, aws:PrincipalAccount, aws:username, aws:userid, aws:CurrentTime,
   * aws:EpochTime) are added unless the request sets them; a caller adds request-specific
   * ones such as aws:SourceArn or aws:SecureTransport. A root principal is allowed everything;
   * an unknown principal nothing.
   */
  public Decision authorize(String principalArn, AuthorizationRequest request) {
    Principal p = principal(principalArn);
    if (p == null) {
      return Decision.IMPLICIT_DENY;
    }
    if (p.root()) {
      return Decision.ALLOW;
    }
    Map<String, List<String>> keys = new LinkedHashMap<>(timeKeys());
    keys.put("aws:PrincipalArn", List.of(p.principalArn()));
    keys.put("aws:PrincipalAccount", List.of(p.accountId()));
    keys.put("aws:PrincipalType", List.of(p.type()));
    keys.put("aws:userid", List.of(p.userId()));
    if (p.userName() != null) {
      keys.put("aws:username", List.of(p.userName()));
    }
    return evaluator.evaluate(p.policies(), request.withDefaults(keys));
  }

  /** Whether the principal may do {@code action} on {@code resource}, with no extra context. */
  public boolean isAllowed(String principalArn, String action, String resource) {
    return authorize(principalArn, AuthorizationRequest.of(action, resource)).allowed();
  }

  /**
   * The trust check: may {@code caller} assume {@code role} (its AssumeRolePolicyDocument,
   * action {@code sts:AssumeRole})? For a service such as {@code lambda.amazonaws.com}, use
   * {@link Caller#service}.
   */
  public Decision trust(Role role, Caller caller, AuthorizationRequest request) {
    PolicyDocument trust = PolicyDocument.parse(role.assumeRolePolicyDocument(), PolicyDocument.Kind.TRUST);
    return evaluator.evaluateResourcePolicy(trust, caller, request);
  }

  /**
   * Whether an AWS service (e.g. {@code lambda.amazonaws.com}) may assume the role on behalf of
   * one of its resources. As AWS does when a service assumes a role in your account, the request
   * carries the confused-deputy keys {@code aws:SourceAccount} (the resource's account) and
   * {@code aws:SourceArn} (the resource, e.g. the function), and {@code aws:PrincipalServiceName}
   * and {@code aws:PrincipalIsAWSService}, so a trust policy can require them.
   */
  public boolean serviceMayAssume(Role role, String servicePrincipal, String sourceAccount, String sourceArn) {
    AuthorizationRequest request = AuthorizationRequest.of("sts:AssumeRole", role.arn())
        .with("aws:PrincipalServiceName", servicePrincipal)
        .with("aws:PrincipalIsAWSService", "true");
    if (sourceAccount != null) {
      request = request.with("aws:SourceAccount", sourceAccount);
    }
    if (sourceArn != null) {
      request = request.with("aws:SourceArn", sourceArn);
    }
    return trust(role, Caller.service(servicePrincipal), request.withDefaults(timeKeys())).allowed();
  }

  /**
   * The ARN of a session of a role ({@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}),
   * as a service that assumed it calls other services with: Lambda names its sessions after
   * the function.
   */
  public static String sessionArn(String roleArn, String sessionName) {
    String[] parts = roleArn.split(":", 6);
    String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
    return "arn:aws:sts::" + parts[4] + ":assumed-role/" + name + "/" + sessionName;
  }

  private Map<String, List<String>> timeKeys() {
    long second = Math.floorDiv(clock.millis(), 1000L);
    TimeKeys last = this.timeKeys;
    if (last == null || last.second != second) {
      // The keys change once a second: formatted once per second, not per authorization.
      Instant now = Instant.ofEpochSecond(second);
      last = new TimeKeys(second, Map.of("aws:CurrentTime", List.of(now.toString()),
          "aws:EpochTime", List.of(Long.toString(second))));
      this.timeKeys = last;
    }
    return last.keys;
  }

  private record TimeKeys(long second, Map<String, List<String>> keys) {}

  /** The time keys of the last second an authorization ran in. */
  private volatile TimeKeys timeKeys;

  /** Who a principal ARN is, for policy evaluation. */
  record Principal(String principalArn, String accountId, String type, String userId,
      String userName, boolean root, List<PolicyDocument> policies) {}

  private Principal principal(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 6);
    if (parts.length != 6) {
      return null;
    }
    String account = parts[4];
    String resource = parts[5];
    if (parts[2].equals("iam") && resource.equals("root")) {
      return new Principal(arn, account, "Account", account, null, true, List.of());
    }
    if (parts[2].equals("sts") && resource.startsWith("assumed-role/")) {
      String[] names = resource.split("/");
      if (names.length < 3) {
        return null;
      }
      Role role = findRoleByName(account, names[1]);
      return role == null ? null : new Principal(role.arn(), account, "AssumedRole",
          role.roleId() + ":" + names[2], null, false, documents(account, role.attachedPolicyArns(), role.inlinePolicies()));
    }
    if (parts[2].equals("iam") && resource.startsWith("role/")) {
      Role role = roles.find(arn);
      return role == null ? null : new Principal(role.arn(), account, "Role", role.roleId(), null,
          false, documents(account, role.attachedPolicyArns(), role.inlinePolicies()));
    }
    if (parts[2].equals("iam") && resource.startsWith("user/")) {
      User user = users.find(arn);
      return user == null ? null : new Principal(user.arn(), account, "User", user.userId(),
          user.userName(), false, documents(account, user.attachedPolicyArns(), user.inlinePolicies()));
    }
    return null;
  }

  private Role findRoleByName(String account, String name) {
    try {
      return roles.get(account, name);
    } catch (dev.streambed.kernel.error.AwsException missing) {
      return null;
    }
  }

  private List<PolicyDocument> documents(String account, List<String> attached, Map<String, String> inline) {
    List<PolicyDocument> out = new ArrayList<>();
    for (String arn : attached) {
      ManagedPolicy p = policies.find(account, arn);
      if (p != null) {
        out.add(identityPolicy(p.defaultVersion().document()));
      }
    }
    for (String document : inline.values()) {
      out.add(identityPolicy(document));
    }
    return out;
  }

  private PolicyDocument identityPolicy(String text) {
    PolicyDocument d = parsed.get(text);
    if (d == null) {
      d = PolicyDocument.parse(text, PolicyDocument.Kind.IDENTITY);
      if (parsed.size() > 10_000) {
        parsed.clear();
      }
      parsed.put(text, d);
    }
    return d;
  }
}
