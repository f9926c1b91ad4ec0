package dev.streambed.console.functions;

import dev.streambed.console.Services;
import dev.streambed.console.Topics;
import dev.streambed.console.roles.RolePage;
import dev.streambed.console.triggers.TriggerTable;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.iam.Role;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.lambda.FunctionConfig;
import dev.streambed.lambda.FunctionRef;
import dev.streambed.lambda.esm.MappingConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A function's page: its code (shown, and for script runtimes edited and deployed with
 * UpdateFunctionCode), its configuration with the execution role's permissions, and its
 * triggers. Testing is {@link TestTab}.
 */
public final class FunctionPage {
  private final Services services;
  private final Layout layout;

  public FunctionPage(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  /**
   * The function the page shows. Reading it ends an update in progress, as GetFunction does (a
   * page shows the function as it is once the update is done, and may update it again).
   */
  FunctionConfig function(Exchange x) {
    FunctionRef ref = new FunctionRef(x.account(), x.region(), x.path("function"), null);
    services.functions().settle(ref);
    return services.functions().get(ref);
  }

  public WebResponse code(Exchange x) {
    return code(x, function(x), null, null);
  }

  private WebResponse code(Exchange x, FunctionConfig f, String draft, AwsException error) {
    Map<String, byte[]> files = CodeFiles.read(services.functions().code(f.codeSha256()));
    String file = x.param("file") != null && files.containsKey(x.param("file")) ? x.param("file")
        : CodeFiles.handlerFile(files, f.handler());
    boolean editable = CodeFiles.editable(f.runtime());
    return layout.render(x, FunctionTabs.page(f.name()).error(error), h -> {
      FunctionTabs.render(h, f.name(), "");
      summary(h, f);
      h.el("h2", "Code source");
      h.tag("nav", "aria-label", "Files").tag("ul", "class", "files");
      for (String name : files.keySet()) {
        h.tag("li").link(Layout.url("functions", f.name()) + "?file=" + Layout.encode(name), name,
            "aria-current", name.equals(file) ? "page" : null).end();
      }
      h.end().end();
      if (file == null) {
        h.el("p", "The package is empty.", "class", "empty");
        return;
      }
      String text = CodeFiles.text(files.get(file));
      if (text == null) {
        h.el("p", file + " is binary (" + files.get(file).length + " bytes) and is not shown.", "class", "hint");
      } else if (editable) {
        Forms.open(h, x, Layout.url("functions", f.name(), "code"));
        h.tag("input", "type", "hidden", "name", "file", "value", file);
        Forms.textarea(h, file, "content", draft != null ? draft : text, Math.min(40, Math.max(12,
            (int) text.lines().count() + 2)), "class", "code");
        Forms.submit(h, "Deploy");
        h.end();
      } else {
        h.el("p", "The " + f.runtime() + " runtime runs compiled code: deploy a new package with "
            + "aws lambda update-function-code.", "class", "hint");
        h.el("pre", text, "class", "code");
      }
    });
  }

  public WebResponse deploy(Exchange x) {
    FunctionConfig f = function(x);
    String file = x.param("file");
    String content = x.param("content") == null ? "" : x.param("content").replace("\r\n", "\n");
    try {
      if (!CodeFiles.editable(f.runtime())) {
        throw AwsException.validation("The console edits the code of script runtimes only.");
      }
      Map<String, byte[]> files = CodeFiles.read(services.functions().code(f.codeSha256()));
      byte[] zip = CodeFiles.replace(files, file, content);
      services.functions().updateCode(new FunctionRef(x.account(), x.region(), f.name(), null), zip, null, null);
    } catch (AwsException e) {
      return code(x, f, content, e);
    }
    x.flash("Deployed " + file + " to " + f.name() + ".");
    return Layout.redirect(Layout.url("functions", f.name()) + "?file=" + Layout.encode(file));
  }

  private static void summary(Html h, FunctionConfig f) {
    h.tag("dl", "class", "facts");
    fact(h, "Runtime", f.runtime());
    fact(h, "Handler", f.handler());
    fact(h, "Function ARN", f.arn());
    fact(h, "Last modified", Instant.ofEpochMilli(f.lastModifiedMillis()).toString());
    h.end();
  }

  public WebResponse configuration(Exchange x) {
    FunctionConfig f = function(x);
    return layout.render(x, FunctionTabs.page(f.name()), h -> {
      FunctionTabs.render(h, f.name(), "configuration");
      subnav(h, f, "general");
      h.el("h2", "General configuration");
      h.tag("dl", "class", "facts");
      fact(h, "Description", f.description().isEmpty() ? "-" : f.description());
      fact(h, "Memory", f.memorySize() + " MB");
      fact(h, "Ephemeral storage", f.ephemeralStorage() + " MB");
      fact(h, "Timeout", f.timeout() + " s");
      fact(h, "Architectures", String.join(", ", f.architectures()));
      fact(h, "Code size", f.codeSize() + " bytes");
      fact(h, "Code SHA-256", f.codeSha256());
      h.end();
      h.el("h3", "Environment variables");
      // A function created without an Environment has none (null), as GetFunction shows it.
      if (f.environment() == null || f.environment().isEmpty()) {
        h.el("p", "None.", "class", "empty");
      } else {
        h.tag("dl", "class", "facts");
        f.environment().forEach((k, v) -> fact(h, k, v));
        h.end();
      }
    });
  }

  public WebResponse permissions(Exchange x) {
    FunctionConfig f = function(x);
    Role role = services.iam().roles().find(f.role());
    return layout.render(x, FunctionTabs.page(f.name()), h -> {
      FunctionTabs.render(h, f.name(), "configuration");
      subnav(h, f, "permissions");
      h.el("h2", "Execution role");
      h.tag("dl", "class", "facts");
      h.el("dt", "Role name");
      h.tag("dd");
      if (role == null) {
        h.text(f.role() + " (the role no longer exists)");
      } else {
        h.link(Layout.url("roles", role.roleName()), role.roleName());
      }
      h.end();
      fact(h, "Role ARN", f.role());
      h.end();
      if (role != null) {
        h.el("h3", "Policies of the role");
        RolePage.policyList(h, services, x, role);
      }
    });
  }

  private static void subnav(Html h, FunctionConfig f, String current) {
    h.tag("nav", "aria-label", "Configuration", "class", "subnav").tag("ul");
    h.tag("li").link(Layout.url("functions", f.name(), "configuration"), "General configuration",
        "aria-current", current.equals("general") ? "page" : null).end();
    h.tag("li").link(Layout.url("functions", f.name(), "configuration", "permissions"), "Permissions",
        "aria-current", current.equals("permissions") ? "page" : null).end();
    h.end().end();
  }

  public WebResponse triggers(Exchange x) {
    FunctionConfig f = function(x);
    List<MappingConfig> mappings = services.mappings().list(x.account(), x.region(), null, null).stream()
        .filter(m -> TriggerTable.functionName(m).equals(f.name())).toList();
    return layout.render(x, FunctionTabs.page(f.name()).live(Topics.TRIGGERS), h -> {
      FunctionTabs.render(h, f.name(), "triggers");
      h.tag("div", "class", "actions")
          .link(Layout.url("triggers", "create") + "?function=" + Layout.encode(f.name()), "Add trigger", "class", "button primary")
          .end();
      h.tag("div", "data-live", "triggers");
      TriggerTable.render(h, x, mappings, false, Layout.url("functions", f.name(), "triggers"));
      h.end();
      h.el("h2", "Delete function");
      Forms.open(h, x, Layout.url("functions", f.name(), "delete"), "class", "inline");
      Forms.checkbox(h, "Yes, delete " + f.name(), "confirm", false);
      h.el("button", "Delete function", "type", "submit", "class", "danger");
      h.end();
    });
  }

  public WebResponse delete(Exchange x) {
    FunctionConfig f = function(x);
    if (x.param("confirm") == null) {
      x.flash("Tick the box to confirm that the function is to be deleted.");
      return Layout.redirect(Layout.url("functions", f.name(), "triggers"));
    }
    services.functions().delete(new FunctionRef(x.account(), x.region(), f.name(), null));
    x.flash("Function " + f.name() + " was deleted.");
    return Layout.redirect(Layout.url("functions"));
  }

  static void fact(Html h, String name, String value) {
    h.el("dt", name).el("dd", value);
  }
}
