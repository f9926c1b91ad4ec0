package dev.streambed.server.auth;

import dev.streambed.iam.Iam;
import dev.streambed.iam.Role;
import dev.streambed.iam.User;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.QueryRequest;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.sts.Identity;
import dev.streambed.sts.Sts;
import java.util.List;

/**
 * The actions and resources AWS authorizes IAM's and STS's operations with. IAM's are
 * {@code iam:Action} on the role, user or policy the request names (with its path, as the
 * entity's ARN has it), the listings on {@code arn:aws:iam::ACCOUNT:role/} (user/, policy/), and
 * a user's own keys and policies when UserName is left out. STS's need no permission of the
 * caller's: GetCallerIdentity and GetSessionToken never do, and AssumeRole's check (the role's
 * trust, and the caller's own policy where the trust names the account) is STS's own.
 */
final class QueryPermissions {
  private final Iam iam;
  private final Sts sts;

  QueryPermissions(Iam iam, Sts sts) {
    this.iam = iam;
    this.sts = sts;
  }

  List<Permission> of(String signingName, String action, QueryRequest r, RequestContext c) {
    if (!signingName.equals("iam")) {
      return List.of();
    }
    String iamAction = "iam:" + action;
    String account = c.accountId();
    String root = "arn:aws:iam::" + account + ":";
    String path = normalizedPath(r.string("Path", "/"));
    if (r.string("RoleName") != null) {
      Role role = findRole(account, r.string("RoleName"));
      return List.of(new Permission(iamAction, role != null ? role.arn() : root + "role" + path + r.string("RoleName")));
    }
    if (r.string("UserName") != null) {
      User user = findUser(account, r.string("UserName"));
      return List.of(new Permission(iamAction, user != null ? user.arn() : root + "user" + path + r.string("UserName")));
    }
    if (r.string("PolicyArn") != null) {
      return List.of(new Permission(iamAction, r.string("PolicyArn")));
    }
    return switch (action) {
      case "CreatePolicy" -> List.of(new Permission(iamAction, root + "policy" + path + r.string("PolicyName", "")));
      case "ListRoles" -> List.of(new Permission(iamAction, root + "role" + normalizedPath(r.string("PathPrefix", "/"))));
      case "ListUsers" -> List.of(new Permission(iamAction, root + "user" + normalizedPath(r.string("PathPrefix", "/"))));
      case "ListPolicies" -> List.of(new Permission(iamAction, root + "policy" + normalizedPath(r.string("PathPrefix", "/"))));
      default -> {
        // Operations on the caller's own user (CreateAccessKey, ListAccessKeys... without UserName).
        Identity caller = sts.identityOf(c.accessKeyId(), account);
        yield List.of(new Permission(iamAction, caller.arn().contains(":user/") ? caller.arn() : "*"));
      }
    };
  }

  private static String normalizedPath(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return p.endsWith("/") ? p : p + "/";
  }

  private Role findRole(String account, String name) {
    try {
      return iam.roles().get(account, name);
    } catch (AwsException missing) {
      return null;
    }
  }

  private User findUser(String account, String name) {
    try {
      return iam.users().get(account, name);
    } catch (AwsException missing) {
      return null;
    }
  }
}
