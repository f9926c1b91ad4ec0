package dev.streambed.iam.api;

import dev.streambed.iam.IamError;
import dev.streambed.iam.ManagedPolicy;
import dev.streambed.iam.Role;
import dev.streambed.iam.Tag;
import dev.streambed.iam.User;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.QueryRequest;
import dev.streambed.kernel.protocol.XmlWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The XML shapes IAM answers with, and the request pieces every operation reads. */
final class Wire {
  private Wire() {}

  /** IAM's timestamps: ISO 8601 in UTC, to the second. */
  static String date(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Policy documents travel URL-encoded inside the XML (RFC 3986: a space is %20), and
   * the SDKs decode them; the text is the caller's, unchanged.
   */
  static String document(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static List<Tag> tags(QueryRequest request) {
    List<Tag> tags = new ArrayList<>();
    for (Map<String, String> t : request.structures("Tags", "Key", "Value")) {
      if (!t.containsKey("Key")) {
        throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value null at "
            + "'tags.member.key' failed to satisfy constraint: Member must not be null");
      }
      tags.add(new Tag(t.get("Key"), t.getOrDefault("Value", "")));
    }
    return tags;
  }

  static void tags(XmlWriter out, List<Tag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    out.start("Tags");
    tagMembers(out, tags);
    out.end();
  }

  /** List{Role,User,Policy}Tags: a page of the tags in their order, with IsTruncated and Marker. */
  static void tagPage(XmlWriter out, List<Tag> tags, QueryRequest in) {
    Page<Tag> page = page(tags, Tag::key, in);
    out.start("Tags");
    tagMembers(out, page.items());
    out.end();
    pageEnd(out, page);
  }

  static void tagMembers(XmlWriter out, List<Tag> tags) {
    for (Tag t : tags) {
      out.start("member").element("Key", t.key()).element("Value", t.value()).end();
    }
  }

  /**
   * Which optional members a role carries (recorded AWS answers): CreateRole answers neither its
   * description nor MaxSessionDuration; UpdateRoleDescription the description but not
   * MaxSessionDuration or RoleLastUsed; GetRole everything; ListRoles no tags nor RoleLastUsed.
   */
  enum RoleShape { CREATED, DESCRIBED, FULL, LISTED }

  static void role(XmlWriter out, String element, Role r, RoleShape shape) {
    out.start(element)
        .element("Path", r.path())
        .element("RoleName", r.roleName())
        .element("RoleId", r.roleId())
        .element("Arn", r.arn())
        .element("CreateDate", date(r.createDate()))
        .element("AssumeRolePolicyDocument", document(r.assumeRolePolicyDocument()));
    if (shape != RoleShape.CREATED) {
      out.element("Description", r.description());
    }
    if (shape == RoleShape.FULL || shape == RoleShape.LISTED) {
      out.element("MaxSessionDuration", r.maxSessionDuration());
    }
    if (shape != RoleShape.LISTED) {
      tags(out, r.tags());
    }
    if (shape == RoleShape.FULL) {
      out.empty("RoleLastUsed");
    }
    out.end();
  }

  static void user(XmlWriter out, String element, User u, boolean withTags) {
    out.start(element)
        .element("Path", u.path())
        .element("UserName", u.userName())
        .element("UserId", u.userId())
        .element("Arn", u.arn())
        .element("CreateDate", date(u.createDate()));
    if (withTags) {
      tags(out, u.tags());
    }
    out.end();
  }

  /**
   * Which optional members a policy carries (recorded AWS answers): CreatePolicy answers its tags
   * but not its description; GetPolicy both, Tags even when empty; ListPolicies neither.
   */
  enum PolicyShape { CREATED, FULL, LISTED }

  static void policy(XmlWriter out, String element, ManagedPolicy p, int attachments, PolicyShape shape) {
    out.start(element)
        .element("PolicyName", p.policyName())
        .element("PolicyId", p.policyId())
        .element("Arn", p.arn())
        .element("Path", p.path())
        .element("DefaultVersionId", p.defaultVersionId())
        .element("AttachmentCount", attachments)
        .element("PermissionsBoundaryUsageCount", 0)
        .element("IsAttachable", true);
    if (shape == PolicyShape.FULL) {
      out.element("Description", p.description());
    }
    out.element("CreateDate", date(p.createDate()))
        .element("UpdateDate", date(p.updateDate()));
    if (shape == PolicyShape.FULL) {
      out.start("Tags");
      tagMembers(out, p.tags());
      out.end();
    } else if (shape == PolicyShape.CREATED) {
      tags(out, p.tags());
    }
    out.end();
  }

  /** One page of a listing, as IAM's Marker/MaxItems pagination returns it. */
  record Page<T>(List<T> items, boolean truncated, String marker) {}

  /**
   * Pages a listing. The marker is opaque to clients; it is the name of the next item, so that a
   * page stays right while other entities come and go.
   */
  static <T> Page<T> page(List<T> all, Function<T, String> name, QueryRequest request) {
    Integer max = request.integer("MaxItems");
    if (max != null && (max < 1 || max > 1000)) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '" + max
          + "' at 'maxItems' failed to satisfy constraint: Member must have value "
          + (max < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
    }
    int limit = max == null ? 100 : max;
    String marker = request.string("Marker");
    int start = 0;
    if (marker != null) {
      start = -1;
      for (int i = 0; i < all.size() && start < 0; i++) {
        if (name.apply(all.get(i)).equals(marker)) {
          start = i;
        }
      }
      // The item the marker named is gone: continue after where it was in name order.
      for (int i = 0; i < all.size() && start < 0; i++) {
        if (name.apply(all.get(i)).compareToIgnoreCase(marker) >= 0) {
          start = i;
        }
      }
      if (start < 0) {
        start = all.size();
      }
    }
    int end = Math.min(all.size(), start + limit);
    boolean truncated = end < all.size();
    return new Page<>(all.subList(start, end), truncated, truncated ? name.apply(all.get(end)) : null);
  }

  static void pageEnd(XmlWriter out, Page<?> page) {
    out.element("IsTruncated", page.truncated());
    out.element("Marker", page.marker());
  }
}
