package dev.streambed.console.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.console.Services;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.iam.ManagedPolicy;
import dev.streambed.iam.Role;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A role: its trust policy, the managed policies attached to it and its inline policies;
 * attaching managed policies found by name and detaching them (AttachRolePolicy and
 * DetachRolePolicy, with IAM's checks and errors).
 */
public final class RolePage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Services services;
  private final Layout layout;

  public RolePage(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  public WebResponse show(Exchange x) {
    return show(x, services.iam().roles().get(x.account(), x.path("role")), null);
  }

  private WebResponse show(Exchange x, Role role, AwsException error) {
    Layout.Page page = new Layout.Page(role.roleName()).section("/roles").error(error)
        .crumbs(new Layout.Crumb("Roles", Layout.url("roles")));
    return layout.render(x, page, h -> {
      h.tag("dl", "class", "facts");
      h.el("dt", "ARN").el("dd", role.arn());
      h.el("dt", "Path").el("dd", role.path());
      h.el("dt", "Trusted entities").el("dd", trusted(role));
      h.el("dt", "Maximum session duration").el("dd", role.maxSessionDuration() + " s");
      h.end();
      h.el("h2", "Permissions policies");
      h.tag("div", "class", "actions")
          .link(Layout.url("roles", role.roleName(), "attach"), "Attach policies", "class", "button primary").end();
      // As the IAM console's Permissions tab: the policies narrowed by a search of their names.
      String q = query(x);
      h.tag("form", "method", "get", "action", Layout.url("roles", role.roleName()), "role", "search", "class", "row");
      Forms.input(h, "Search attached policies", "search", "q", q, null);
      h.tag("div", "class", "field").el("button", "Search", "type", "submit").end();
      h.end();
      policyList(h, services, x, role, q);
      h.el("h2", "Trust policy");
      h.el("pre", pretty(role.assumeRolePolicyDocument()), "class", "code");
    });
  }

  /** The role's attached and inline policies, each with what it allows; managed ones can be detached. */
  public static void policyList(Html h, Services services, Exchange x, Role role) {
    policyList(h, services, x, role, "");
  }

  /** The role's policies whose names contain {@code q} (any case). */
  private static void policyList(Html h, Services services, Exchange x, Role role, String q) {
    if (role.attachedPolicyArns().isEmpty() && role.inlinePolicies().isEmpty()) {
      h.el("p", "The role has no policies: it may do nothing.", "class", "empty");
      return;
    }
    List<String> attached = new ArrayList<>();
    for (String arn : role.attachedPolicyArns()) {
      if (matches(arn.substring(arn.lastIndexOf('/') + 1), q)) {
        attached.add(arn);
      }
    }
    List<Map.Entry<String, String>> inlines = role.inlinePolicies().entrySet().stream()
        .filter(e -> matches(e.getKey(), q)).toList();
    if (attached.isEmpty() && inlines.isEmpty()) {
      h.el("p", "No policy of the role matches the search.", "class", "empty");
      return;
    }
    h.tag("div", "class", "table-wrap").tag("table", "class", "policies").tag("thead").tag("tr");
    for (String c : List.of("Policy name", "Type", "Allows", "")) {
      h.el("th", c, "scope", "col");
    }
    h.end().end().tag("tbody");
    for (String arn : attached) {
      ManagedPolicy p = services.iam().policies().find(x.account(), arn);
      String name = p == null ? arn : p.policyName();
      h.tag("tr", "data-policy", name);
      h.tag("td").link(Layout.url("policies") + "?arn=" + Layout.encode(arn), name).end();
      h.el("td", p != null && p.awsManaged() ? "AWS managed" : "Customer managed");
      h.el("td", p == null ? "" : actions(p.defaultVersion().document()));
      h.tag("td");
      Forms.open(h, x, Layout.url("roles", role.roleName(), "detach"), "class", "inline");
      h.tag("input", "type", "hidden", "name", "policyArn", "value", arn);
      h.tag("input", "type", "hidden", "name", "q", "value", q);
      h.el("button", "Detach", "type", "submit", "aria-label", "Detach " + name);
      h.end();
      h.end();
      h.end();
    }
    for (Map.Entry<String, String> inline : inlines) {
      h.tag("tr", "data-policy", inline.getKey());
      h.tag("td").tag("details").el("summary", inline.getKey()).el("pre", pretty(inline.getValue()), "class", "code").end().end();
      h.el("td", "Customer inline");
      h.el("td", actions(inline.getValue()));
      h.el("td", "");
      h.end();
    }
    h.end().end().end();
  }

  public WebResponse attachForm(Exchange x) {
    return attachForm(x, services.iam().roles().get(x.account(), x.path("role")), null);
  }

  private WebResponse attachForm(Exchange x, Role role, AwsException error) {
    String q = query(x);
    List<ManagedPolicy> found = new ArrayList<>();
    for (ManagedPolicy p : services.iam().policies().list(x.account(), "All", false, null)) {
      if (matches(p.policyName(), q) && !role.attachedPolicyArns().contains(p.arn())) {
        found.add(p);
      }
    }
    Layout.Page page = new Layout.Page("Attach policies to " + role.roleName()).section("/roles").error(error)
        .crumbs(new Layout.Crumb("Roles", Layout.url("roles")), new Layout.Crumb(role.roleName(), Layout.url("roles", role.roleName())));
    return layout.render(x, page, h -> {
      h.tag("form", "method", "get", "action", Layout.url("roles", role.roleName(), "attach"), "role", "search", "class", "row");
      Forms.input(h, "Search policies by name", "search", "q", q, null, "placeholder", "e.g. DynamoDB");
      h.tag("div", "class", "field").el("button", "Search", "type", "submit").end();
      h.end();
      Forms.open(h, x, Layout.url("roles", role.roleName(), "attach"), "class", "panel");
      h.tag("input", "type", "hidden", "name", "q", "value", q);
      h.tag("fieldset", "class", "field");
      h.el("legend", "Policies (" + found.size() + ")");
      if (found.isEmpty()) {
        h.el("p", "No policy that is not attached yet matches the search.", "class", "empty");
      }
      for (ManagedPolicy p : found) {
        String id = "p-" + p.policyName();
        h.tag("div", "class", "choice");
        h.tag("input", "type", "checkbox", "name", "policyArn", "value", p.arn(), "id", id, "aria-describedby", id + "-d");
        h.tag("label", "for", id).el("strong", p.policyName()).text(p.awsManaged() ? " (AWS managed)" : " (customer managed)").end();
        h.end();
        h.el("p", p.description() == null ? "" : p.description(), "class", "hint", "id", id + "-d");
      }
      h.end();
      Forms.submit(h, "Attach policies");
      h.end();
    });
  }

  public WebResponse attach(Exchange x) {
    Role role = services.iam().roles().get(x.account(), x.path("role"));
    List<String> arns = x.params("policyArn");
    List<String> names = new ArrayList<>();
    try {
      if (arns.isEmpty()) {
        throw AwsException.validation("Choose at least one policy to attach.");
      }
      for (String arn : arns) {
        services.iam().roles().attach(x.account(), role.roleName(), arn);
        names.add(arn.substring(arn.lastIndexOf('/') + 1));
      }
    } catch (AwsException e) {
      return attachForm(x, services.iam().roles().get(x.account(), role.roleName()), e);
    }
    x.flash("Attached " + String.join(", ", names) + " to " + role.roleName() + ".");
    return Layout.redirect(Layout.url("roles", role.roleName()));
  }

  public WebResponse detach(Exchange x) {
    Role role = services.iam().roles().get(x.account(), x.path("role"));
    String arn = x.param("policyArn");
    try {
      services.iam().roles().detach(x.account(), role.roleName(), arn);
    } catch (AwsException e) {
      return show(x, role, e);
    }
    x.flash("Detached " + arn.substring(arn.lastIndexOf('/') + 1) + " from " + role.roleName() + ".");
    String q = query(x);
    return Layout.redirect(Layout.url("roles", role.roleName()) + (q.isEmpty() ? "" : "?q=" + Layout.encode(q)));
  }

  public WebResponse policy(Exchange x) {
    String arn = x.param("arn");
    ManagedPolicy p = services.iam().policies().get(x.account(), arn);
    return layout.render(x, new Layout.Page(p.policyName()).section("/roles")
        .crumbs(new Layout.Crumb("Roles", Layout.url("roles"))), h -> {
          h.tag("dl", "class", "facts");
          h.el("dt", "ARN").el("dd", p.arn());
          h.el("dt", "Type").el("dd", p.awsManaged() ? "AWS managed" : "Customer managed");
          h.el("dt", "Description").el("dd", p.description() == null ? "-" : p.description());
          h.el("dt", "Default version").el("dd", p.defaultVersionId());
          h.end();
          h.el("h2", "Policy document");
          h.el("pre", pretty(p.defaultVersion().document()), "class", "code");
        });
  }

  private static String query(Exchange x) {
    return x.param("q") == null ? "" : x.param("q").strip();
  }

  private static boolean matches(String name, String q) {
    return name.toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT));
  }

  /** Who may assume the role, from its trust policy's principals. */
  static String trusted(Role r) {
    TreeSet<String> who = new TreeSet<>();
    try {
      JsonNode doc = JSON.readTree(plain(r.assumeRolePolicyDocument()));
      for (JsonNode s : statements(doc)) {
        JsonNode p = s.path("Principal");
        if (p.isTextual()) {
          who.add(p.textValue());
        }
        p.fields().forEachRemaining(e -> {
          if (e.getValue().isArray()) {
            e.getValue().forEach(v -> who.add(v.asText()));
          } else {
            who.add(e.getValue().asText());
          }
        });
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      return "";
    }
    return String.join(", ", who);
  }

  /** The actions a policy document allows, in short: "logs:CreateLogGroup, logs:PutLogEvents". */
  static String actions(String document) {
    TreeSet<String> actions = new TreeSet<>();
    try {
      for (JsonNode s : statements(JSON.readTree(plain(document)))) {
        if (!"Allow".equals(s.path("Effect").asText())) {
          continue;
        }
        JsonNode a = s.path("Action");
        if (a.isArray()) {
          a.forEach(v -> actions.add(v.asText()));
        } else if (a.isTextual()) {
          actions.add(a.textValue());
        }
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      return "";
    }
    List<String> all = new ArrayList<>(actions);
    if (all.size() <= 8) {
      return String.join(", ", all);
    }
    return String.join(", ", all.subList(0, 8)) + " and " + (all.size() - 8) + " more";
  }

  /** A policy document as JSON text: IAM keeps it as sent, which may be URL-encoded. */
  private static String plain(String document) {
    return document.regionMatches(true, 0, "%7B", 0, 3) ? URLDecoder.decode(document, StandardCharsets.UTF_8) : document;
  }

  private static List<JsonNode> statements(JsonNode doc) {
    JsonNode s = doc.path("Statement");
    List<JsonNode> out = new ArrayList<>();
    if (s.isArray()) {
      s.forEach(out::add);
    } else if (s.isObject()) {
      out.add(s);
    }
    return out;
  }

  private static String pretty(String document) {
    try {
      return JSON.readTree(plain(document)).toPrettyString();
    } catch (java.io.IOException | IllegalArgumentException e) {
      return document;
    }
  }
}
