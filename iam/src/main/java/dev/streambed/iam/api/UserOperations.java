package dev.streambed.iam.api;

import dev.streambed.iam.AccessKey;
import dev.streambed.iam.Iam;
import dev.streambed.iam.IamError;
import dev.streambed.iam.User;
import dev.streambed.iam.Users;
import dev.streambed.iam.api.Wire.Page;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.QueryOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.sts.Sts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Users, their access keys, and their attached and inline policies. */
final class UserOperations {
  private UserOperations() {}

  static void register(Iam iam, Sts sts, Map<String, QueryOperation> ops) {
    Users users = iam.users();
    ops.put("CreateUser", (in, ctx, out) ->
        Wire.user(out, "User", users.create(ctx.accountId(), in.required("UserName"),
            in.string("Path"), Wire.tags(in)), true));
    ops.put("GetUser", (in, ctx, out) -> {
      String name = in.string("UserName");
      if (name == null) {
        name = callerUserName(users, sts, ctx);
      }
      if (name == null) {
        // The account's root: IAM answers with the account as the user id and no name.
        out.start("User").element("UserId", ctx.accountId())
            .element("Arn", "arn:aws:iam::" + ctx.accountId() + ":root").end();
        return;
      }
      Wire.user(out, "User", users.get(ctx.accountId(), name), true);
    });
    ops.put("TagUser", (in, ctx, out) -> users.tag(ctx.accountId(), in.required("UserName"), Wire.tags(in)));
    ops.put("UntagUser", (in, ctx, out) -> users.untag(ctx.accountId(), in.required("UserName"), in.list("TagKeys")));
    ops.put("ListUserTags", (in, ctx, out) ->
        Wire.tagPage(out, users.get(ctx.accountId(), in.required("UserName")).tags(), in));
    ops.put("ListUsers", (in, ctx, out) -> {
      Page<User> page = Wire.page(users.list(ctx.accountId(), in.string("PathPrefix")), User::userName, in);
      out.start("Users");
      page.items().forEach(u -> Wire.user(out, "member", u, false));
      out.end();
      Wire.pageEnd(out, page);
    });
    ops.put("DeleteUser", (in, ctx, out) -> users.delete(ctx.accountId(), in.required("UserName")));

    ops.put("CreateAccessKey", (in, ctx, out) -> {
      String name = in.string("UserName");
      if (name == null) {
        name = callerUserName(users, sts, ctx);
      }
      AccessKey k = users.createAccessKey(ctx.accountId(), name == null ? in.required("UserName") : name);
      out.start("AccessKey")
          .element("UserName", k.userName())
          .element("AccessKeyId", k.accessKeyId())
          .element("Status", k.status())
          .element("SecretAccessKey", k.secretAccessKey())
          .element("CreateDate", Wire.date(k.createDate()))
          .end();
    });
    ops.put("ListAccessKeys", (in, ctx, out) -> {
      String name = in.string("UserName");
      if (name == null) {
        name = callerUserName(users, sts, ctx);
      }
      List<AccessKey> keys = users.accessKeys(ctx.accountId(), name == null ? in.required("UserName") : name);
      out.start("AccessKeyMetadata");
      for (AccessKey k : keys) {
        out.start("member")
            .element("UserName", k.userName())
            .element("AccessKeyId", k.accessKeyId())
            .element("Status", k.status())
            .element("CreateDate", Wire.date(k.createDate()))
            .end();
      }
      out.end();
      out.element("IsTruncated", false);
    });
    ops.put("DeleteAccessKey", (in, ctx, out) -> {
      String name = in.string("UserName");
      if (name == null) {
        name = callerUserName(users, sts, ctx);
      }
      users.deleteAccessKey(ctx.accountId(), name == null ? in.required("UserName") : name,
          in.required("AccessKeyId"));
    });

    ops.put("AttachUserPolicy", (in, ctx, out) ->
        users.attach(ctx.accountId(), in.required("UserName"), in.required("PolicyArn")));
    ops.put("DetachUserPolicy", (in, ctx, out) ->
        users.detach(ctx.accountId(), in.required("UserName"), in.required("PolicyArn")));
    ops.put("ListAttachedUserPolicies", (in, ctx, out) -> RoleOperations.attached(iam, ctx.accountId(),
        users.get(ctx.accountId(), in.required("UserName")).attachedPolicyArns(), in, out));
    ops.put("PutUserPolicy", (in, ctx, out) ->
        users.putInline(ctx.accountId(), in.required("UserName"), in.required("PolicyName"),
            in.required("PolicyDocument")));
    ops.put("GetUserPolicy", (in, ctx, out) -> {
      String user = in.required("UserName");
      String name = in.required("PolicyName");
      String document = users.getInline(ctx.accountId(), user, name);
      out.element("UserName", users.get(ctx.accountId(), user).userName())
          .element("PolicyName", name)
          .element("PolicyDocument", Wire.document(document));
    });
    ops.put("ListUserPolicies", (in, ctx, out) -> RoleOperations.names(
        new ArrayList<>(users.get(ctx.accountId(), in.required("UserName")).inlinePolicies().keySet()), in, out));
    ops.put("DeleteUserPolicy", (in, ctx, out) ->
        users.deleteInline(ctx.accountId(), in.required("UserName"), in.required("PolicyName")));
  }

  /** The user whose access key signed the request, or null (root or unknown keys). */
  /**
   * The user who signed the request, when UserName is left out; null for the account's root. A
   * role's session is no user: IAM refuses with its message (recorded AWS answer to
   * DeleteAccessKey, February 2026).
   */
  private static String callerUserName(Users users, Sts sts, RequestContext ctx) {
    String arn = sts.identityOf(ctx.accessKeyId(), ctx.accountId()).arn();
    if (arn.contains(":assumed-role/")) {
      throw new AwsException(IamError.VALIDATION_ERROR, "Must specify userName when calling with non-User credentials");
    }
    User user = arn.contains(":user/") ? users.find(arn) : null;
    return user == null ? null : user.userName();
  }
}
