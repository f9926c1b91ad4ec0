package dev.streambed.iam.api;

import dev.streambed.iam.Iam;
import dev.streambed.iam.IamError;
import dev.streambed.iam.ManagedPolicy;
import dev.streambed.iam.Policies;
import dev.streambed.iam.Role;
import dev.streambed.iam.User;
import dev.streambed.iam.api.Wire.Page;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.QueryOperation;
import dev.streambed.kernel.protocol.XmlWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Managed policies and their versions, and the entities they are attached to. */
final class PolicyOperations {
  private PolicyOperations() {}

  static void register(Iam iam, Map<String, QueryOperation> ops) {
    Policies policies = iam.policies();
    ops.put("CreatePolicy", (in, ctx, out) -> {
      ManagedPolicy p = policies.create(ctx.accountId(), in.required("PolicyName"),
          in.string("Path"), in.required("PolicyDocument"), in.string("Description"), Wire.tags(in));
      Wire.policy(out, "Policy", p, 0, Wire.PolicyShape.CREATED);
    });
    ops.put("GetPolicy", (in, ctx, out) -> {
      ManagedPolicy p = policies.get(ctx.accountId(), in.required("PolicyArn"));
      Wire.policy(out, "Policy", p, policies.attachmentCount(ctx.accountId(), p.arn()), Wire.PolicyShape.FULL);
    });
    ops.put("DeletePolicy", (in, ctx, out) -> policies.delete(ctx.accountId(), in.required("PolicyArn")));
    ops.put("ListPolicies", (in, ctx, out) -> {
      String scope = in.string("Scope", "All");
      if (!Set.of("All", "AWS", "Local").contains(scope)) {
        throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '" + scope
            + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
      }
      List<ManagedPolicy> all = policies.list(ctx.accountId(), scope, in.bool("OnlyAttached", false),
          in.string("PathPrefix"));
      Page<ManagedPolicy> page = Wire.page(all, ManagedPolicy::policyName, in);
      out.start("Policies");
      for (ManagedPolicy p : page.items()) {
        Wire.policy(out, "member", p, policies.attachmentCount(ctx.accountId(), p.arn()), Wire.PolicyShape.LISTED);
      }
      out.end();
      Wire.pageEnd(out, page);
    });
    ops.put("CreatePolicyVersion", (in, ctx, out) -> {
      ManagedPolicy.Version v = policies.createVersion(ctx.accountId(), in.required("PolicyArn"),
          in.required("PolicyDocument"), in.bool("SetAsDefault", false));
      ManagedPolicy p = policies.get(ctx.accountId(), in.required("PolicyArn"));
      version(out, p, v, false);
    });
    ops.put("GetPolicyVersion", (in, ctx, out) -> {
      String arn = in.required("PolicyArn");
      ManagedPolicy.Version v = policies.getVersion(ctx.accountId(), arn, in.required("VersionId"));
      version(out, policies.get(ctx.accountId(), arn), v, true);
    });
    ops.put("ListPolicyVersions", (in, ctx, out) -> {
      ManagedPolicy p = policies.get(ctx.accountId(), in.required("PolicyArn"));
      Page<ManagedPolicy.Version> page = Wire.page(p.versions(), v -> v.versionId(), in);
      out.start("Versions");
      for (ManagedPolicy.Version v : page.items()) {
        out.start("member")
            .element("VersionId", v.versionId())
            .element("IsDefaultVersion", v.versionId().equals(p.defaultVersionId()))
            .element("CreateDate", Wire.date(v.createDate()))
            .end();
      }
      out.end();
      Wire.pageEnd(out, page);
    });
    ops.put("DeletePolicyVersion", (in, ctx, out) ->
        policies.deleteVersion(ctx.accountId(), in.required("PolicyArn"), in.required("VersionId")));
    ops.put("SetDefaultPolicyVersion", (in, ctx, out) ->
        policies.setDefaultVersion(ctx.accountId(), in.required("PolicyArn"), in.required("VersionId")));
    ops.put("TagPolicy", (in, ctx, out) -> policies.tag(ctx.accountId(), in.required("PolicyArn"), Wire.tags(in)));
    ops.put("UntagPolicy", (in, ctx, out) ->
        policies.untag(ctx.accountId(), in.required("PolicyArn"), in.list("TagKeys")));
    // AWS lists a policy's tags shortest key first, then by key ("a", "b", "z", "abc"; "A" before
    // "a"), whatever their order when tagged (recorded AWS answers, February 2026).
    ops.put("ListPolicyTags", (in, ctx, out) -> Wire.tagPage(out,
        policies.get(ctx.accountId(), in.required("PolicyArn")).tags().stream()
            .sorted(java.util.Comparator.comparingInt((dev.streambed.iam.Tag t) -> t.key().length())
                .thenComparing(dev.streambed.iam.Tag::key))
            .toList(), in));
    ops.put("ListEntitiesForPolicy", (in, ctx, out) -> {
      Policies.Entities e = policies.entitiesFor(ctx.accountId(), in.required("PolicyArn"));
      String filter = in.string("EntityFilter");
      out.start("PolicyGroups").end();
      out.start("PolicyUsers");
      if (filter == null || filter.equals("User")) {
        for (User u : e.users()) {
          out.start("member").element("UserName", u.userName()).element("UserId", u.userId()).end();
        }
      }
      out.end();
      out.start("PolicyRoles");
      if (filter == null || filter.equals("Role")) {
        for (Role r : e.roles()) {
          out.start("member").element("RoleName", r.roleName()).element("RoleId", r.roleId()).end();
        }
      }
      out.end();
      out.element("IsTruncated", false);
    });
  }

  private static void version(XmlWriter out, ManagedPolicy p, ManagedPolicy.Version v, boolean document) {
    out.start("PolicyVersion");
    if (document) {
      out.element("Document", Wire.document(v.document()));
    }
    out.element("VersionId", v.versionId())
        .element("IsDefaultVersion", v.versionId().equals(p.defaultVersionId()))
        .element("CreateDate", Wire.date(v.createDate()))
        .end();
  }
}
