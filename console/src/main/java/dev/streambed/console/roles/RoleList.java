package dev.streambed.console.roles;

import dev.streambed.console.Services;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Layout;
import dev.streambed.iam.Role;
import dev.streambed.kernel.protocol.WebResponse;
import java.time.Instant;
import java.util.List;

/** The account's IAM roles. */
public final class RoleList {
  private final Services services;
  private final Layout layout;

  public RoleList(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  public WebResponse list(Exchange x) {
    List<Role> roles = services.iam().roles().list(x.account(), null);
    return layout.render(x, new Layout.Page("Roles").section("/roles"), h -> {
      if (roles.isEmpty()) {
        h.el("p", "No roles yet. Creating a function can create its execution role.", "class", "empty");
        return;
      }
      h.tag("div", "class", "table-wrap").tag("table").tag("thead").tag("tr");
      for (String c : List.of("Role name", "Path", "Trusted entities", "Policies", "Created")) {
        h.el("th", c, "scope", "col");
      }
      h.end().end().tag("tbody");
      for (Role r : roles) {
        h.tag("tr").tag("td").link(Layout.url("roles", r.roleName()), r.roleName()).end()
            .el("td", r.path()).el("td", RolePage.trusted(r))
            .el("td", Integer.toString(r.attachedPolicyArns().size() + r.inlinePolicies().size()))
            .el("td", Instant.ofEpochMilli(r.createDate()).toString()).end();
      }
      h.end().end().end();
    });
  }
}
