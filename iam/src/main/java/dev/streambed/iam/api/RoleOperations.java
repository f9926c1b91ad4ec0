package dev.streambed.iam.api;

import dev.streambed.iam.Iam;
import dev.streambed.iam.ManagedPolicy;
import dev.streambed.iam.Role;
import dev.streambed.iam.api.Wire.Page;
import dev.streambed.iam.api.Wire.RoleShape;
import dev.streambed.kernel.protocol.QueryOperation;
import dev.streambed.kernel.protocol.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CreateRole, GetRole, ListRoles, UpdateRole, UpdateAssumeRolePolicy, DeleteRole, role tags and role policies. */
final class RoleOperations {
  private RoleOperations() {}

  static void register(Iam iam, Map<String, QueryOperation> ops) {
    ops.put("CreateRole", (in, ctx, out) -> {
      Role r = iam.roles().create(ctx.accountId(), in.required("RoleName"), in.string("Path"),
          in.required("AssumeRolePolicyDocument"), in.string("Description"),
          in.integer("MaxSessionDuration"), Wire.tags(in));
      Wire.role(out, "Role", r, RoleShape.CREATED);
    });
    ops.put("GetRole", (in, ctx, out) ->
        Wire.role(out, "Role", iam.roles().get(ctx.accountId(), in.required("RoleName")), RoleShape.FULL));
    ops.put("ListRoles", (in, ctx, out) -> {
      Page<Role> page = Wire.page(iam.roles().list(ctx.accountId(), in.string("PathPrefix")),
          Role::roleName, in);
      out.start("Roles");
      for (Role r : page.items()) {
        Wire.role(out, "member", r, RoleShape.LISTED);
      }
      out.end();
      Wire.pageEnd(out, page);
    });
    ops.put("UpdateRole", (in, ctx, out) ->
        iam.roles().update(ctx.accountId(), in.required("RoleName"), in.string("Description"),
            in.integer("MaxSessionDuration")));
    ops.put("UpdateRoleDescription", (in, ctx, out) -> {
      Role r = iam.roles().update(ctx.accountId(), in.required("RoleName"),
          in.required("Description"), null);
      Wire.role(out, "Role", r, RoleShape.DESCRIBED);
    });
    ops.put("UpdateAssumeRolePolicy", (in, ctx, out) ->
        iam.roles().updateAssumeRolePolicy(ctx.accountId(), in.required("RoleName"),
            in.required("PolicyDocument")));
    ops.put("DeleteRole", (in, ctx, out) -> iam.roles().delete(ctx.accountId(), in.required("RoleName")));
    ops.put("TagRole", (in, ctx, out) ->
        iam.roles().tag(ctx.accountId(), in.required("RoleName"), Wire.tags(in)));
    ops.put("UntagRole", (in, ctx, out) ->
        iam.roles().untag(ctx.accountId(), in.required("RoleName"), in.list("TagKeys")));
    ops.put("ListRoleTags", (in, ctx, out) -> {
      Role r = iam.roles().get(ctx.accountId(), in.required("RoleName"));
      Wire.tagPage(out, r.tags(), in);
    });

    ops.put("AttachRolePolicy", (in, ctx, out) ->
        iam.roles().attach(ctx.accountId(), in.required("RoleName"), in.required("PolicyArn")));
    ops.put("DetachRolePolicy", (in, ctx, out) ->
        iam.roles().detach(ctx.accountId(), in.required("RoleName"), in.required("PolicyArn")));
    ops.put("ListAttachedRolePolicies", (in, ctx, out) -> {
      Role r = iam.roles().get(ctx.accountId(), in.required("RoleName"));
      attached(iam, ctx.accountId(), r.attachedPolicyArns(), in, out);
    });
    ops.put("PutRolePolicy", (in, ctx, out) ->
        iam.roles().putInline(ctx.accountId(), in.required("RoleName"), in.required("PolicyName"),
            in.required("PolicyDocument")));
    ops.put("GetRolePolicy", (in, ctx, out) -> {
      String role = in.required("RoleName");
      String name = in.required("PolicyName");
      String document = iam.roles().getInline(ctx.accountId(), role, name);
      out.element("RoleName", iam.roles().get(ctx.accountId(), role).roleName())
          .element("PolicyName", name)
          .element("PolicyDocument", Wire.document(document));
    });
    ops.put("ListRolePolicies", (in, ctx, out) -> {
      Role r = iam.roles().get(ctx.accountId(), in.required("RoleName"));
      names(new ArrayList<>(r.inlinePolicies().keySet()), in, out);
    });
    ops.put("DeleteRolePolicy", (in, ctx, out) ->
        iam.roles().deleteInline(ctx.accountId(), in.required("RoleName"), in.required("PolicyName")));
  }

  /** ListAttached{Role,User}Policies: name and ARN of each, filtered by the policy's path. */
  static void attached(Iam iam, String accountId, List<String> arns,
      dev.streambed.kernel.protocol.QueryRequest in, XmlWriter out) {
    String prefix = in.string("PathPrefix");
    List<ManagedPolicy> policies = new ArrayList<>();
    for (String arn : arns) {
      ManagedPolicy p = iam.policies().find(accountId, arn);
      if (p != null && (prefix == null || p.path().startsWith(prefix))) {
        policies.add(p);
      }
    }
    Page<ManagedPolicy> page = Wire.page(policies, ManagedPolicy::arn, in);
    out.start("AttachedPolicies");
    for (ManagedPolicy p : page.items()) {
      out.start("member").element("PolicyName", p.policyName()).element("PolicyArn", p.arn()).end();
    }
    out.end();
    Wire.pageEnd(out, page);
  }

  /** List{Role,User}Policies: the inline policy names, sorted. */
  static void names(List<String> names, dev.streambed.kernel.protocol.QueryRequest in, XmlWriter out) {
    Page<String> page = Wire.page(names, n -> n, in);
    out.start("PolicyNames");
    page.items().forEach(n -> out.element("member", n));
    out.end();
    Wire.pageEnd(out, page);
  }
}
