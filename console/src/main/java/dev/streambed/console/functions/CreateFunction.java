package dev.streambed.console.functions;

import dev.streambed.console.Services;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.iam.Role;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.lambda.Blueprints;
import dev.streambed.lambda.Functions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creating a function from scratch (a starter for the runtime) or from a blueprint, with a new
 * execution role that has Lambda's basic permissions, or an existing role: what the Lambda
 * console's "Create function" does, through IAM's and Lambda's Java APIs.
 */
public final class CreateFunction {
  static final String TRUST_LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  /** The runtimes offered from scratch, each with the blueprint that is its starter code. */
  private static final List<String[]> STARTERS = List.of(new String[] {"python3.12", "hello-world-python3"},
      new String[] {"python3.13", "hello-world-python3"}, new String[] {"nodejs20.x", "hello-world-nodejs"},
      new String[] {"nodejs22.x", "hello-world-nodejs"}, new String[] {"java21", "hello-world-java"},
      new String[] {"java17", "hello-world-java"}, new String[] {"provided.al2023", "hello-world-provided"});
  private final SecureRandom random = new SecureRandom();
  private final Services services;
  private final Layout layout;

  public CreateFunction(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  public WebResponse form(Exchange x) {
    return form(x, null);
  }

  private WebResponse form(Exchange x, AwsException error) {
    boolean blueprint = "blueprint".equals(x.param("mode"));
    String q = x.param("q") == null ? "" : x.param("q").strip();
    List<Blueprints.Blueprint> found = new ArrayList<>();
    for (Blueprints.Blueprint b : Blueprints.ALL) {
      String text = (b.name() + " " + b.description() + " " + b.runtime()).toLowerCase(Locale.ROOT);
      if (text.contains(q.toLowerCase(Locale.ROOT))) {
        found.add(b);
      }
    }
    Layout.Page page = new Layout.Page("Create function").section("/functions").error(error)
        .crumbs(new Layout.Crumb("Functions", Layout.url("functions")));
    return layout.render(x, page, h -> {
      h.tag("nav", "class", "tabs", "aria-label", "How to start").tag("ul");
      h.tag("li").link(Layout.url("functions", "create") + "?mode=scratch", "Author from scratch",
          "aria-current", blueprint ? null : "page").end();
      h.tag("li").link(Layout.url("functions", "create") + "?mode=blueprint", "Use a blueprint",
          "aria-current", blueprint ? "page" : null).end();
      h.end().end();
      if (blueprint) {
        h.tag("form", "method", "get", "action", Layout.url("functions", "create"), "role", "search", "class", "row");
        h.tag("input", "type", "hidden", "name", "mode", "value", "blueprint");
        Forms.input(h, "Search blueprints", "search", "q", q, null, "placeholder", "e.g. dynamodb");
        h.tag("div", "class", "field").el("button", "Search", "type", "submit").end();
        h.end();
      }
      Forms.open(h, x, Layout.url("functions", "create"), "class", "panel");
      h.tag("input", "type", "hidden", "name", "mode", "value", blueprint ? "blueprint" : "scratch");
      h.tag("input", "type", "hidden", "name", "q", "value", q);
      if (blueprint) {
        blueprints(h, x, found);
      }
      h.el("h2", "Basic information");
      Forms.text(h, "Function name", "name", x.param("name"),
          "Up to 64 letters, digits, hyphens (-) and underscores (_).", "required", Html.BARE, "autocomplete", "off");
      if (!blueprint) {
        List<Forms.Option> runtimes = STARTERS.stream().map(s -> Forms.Option.of(s[0])).toList();
        Forms.select(h, "Runtime", "runtime", runtimes, x.param("runtime") == null ? "python3.12" : x.param("runtime"));
      }
      role(h, x);
      Forms.submit(h, "Create function");
      h.end();
    });
  }

  private static void blueprints(Html h, Exchange x, List<Blueprints.Blueprint> found) {
    h.tag("fieldset", "class", "field");
    h.el("legend", "Blueprints (" + found.size() + ")");
    if (found.isEmpty()) {
      h.el("p", "No blueprint matches the search.", "class", "empty");
    }
    String chosen = x.param("blueprint");
    for (Blueprints.Blueprint b : found) {
      String id = "bp-" + b.name();
      h.tag("div", "class", "choice");
      h.tag("input", "type", "radio", "name", "blueprint", "id", id, "value", b.name(),
          "checked", Html.when(b.name().equals(chosen) || found.size() == 1), "aria-describedby", id + "-d");
      h.tag("label", "for", id).el("strong", b.name()).text(" (" + b.runtime() + ")").end();
      h.end();
      h.el("p", b.description(), "class", "hint", "id", id + "-d");
    }
    h.end();
  }

  private void role(Html h, Exchange x) {
    h.el("h2", "Permissions");
    String choice = x.param("role") == null ? "new" : x.param("role");
    Forms.radios(h, "Execution role", "role", List.of(
        new Forms.Option("new", "Create a new role with basic Lambda permissions"),
        new Forms.Option("existing", "Use an existing role")), choice);
    List<Forms.Option> roles = new ArrayList<>();
    for (Role r : services.iam().roles().list(x.account(), null)) {
      roles.add(new Forms.Option(r.roleName(), r.roleName()));
    }
    if (roles.isEmpty()) {
      h.el("p", "There are no roles yet.", "class", "hint");
    } else {
      Forms.select(h, "Existing role", "existingRole", roles, x.param("existingRole"));
    }
  }

  public WebResponse create(Exchange x) {
    String name = x.value("name");
    boolean fromBlueprint = "blueprint".equals(x.param("mode"));
    String createdRole = null;
    try {
      Functions.validateName(name);
      Blueprints.Blueprint b;
      String runtime;
      if (fromBlueprint) {
        b = x.value("blueprint") == null ? null : Blueprints.find(x.value("blueprint"));
        if (b == null) {
          throw AwsException.validation("Choose a blueprint.");
        }
        runtime = b.runtime();
      } else {
        runtime = x.value("runtime") == null ? "python3.12" : x.value("runtime");
        String starter = STARTERS.stream().filter(s -> s[0].equals(runtime)).map(s -> s[1]).findFirst()
            .orElseThrow(() -> AwsException.validation("Choose one of the runtimes offered."));
        b = Blueprints.find(starter);
      }
      String roleArn;
      if ("existing".equals(x.param("role"))) {
        String existing = x.value("existingRole");
        if (existing == null) {
          throw AwsException.validation("Choose an existing role.");
        }
        roleArn = services.iam().roles().get(x.account(), existing).arn();
      } else {
        String newRole = newRoleName(name);
        // The new role's name is drawn here, so what making it needs is authorized here.
        String newArn = "arn:aws:iam::" + x.account() + ":role/service-role/" + newRole;
        for (String action : List.of("iam:CreateRole", "iam:AttachRolePolicy", "iam:PassRole")) {
          x.authorize(action, newArn);
        }
        createdRole = newRole;
        Role role = services.iam().roles().create(x.account(), createdRole, "/service-role/", TRUST_LAMBDA,
            null, null, List.of());
        services.iam().roles().attach(x.account(), createdRole, BASIC);
        roleArn = role.arn();
      }
      services.functions().create(x.account(), x.region(), new Functions.CreateRequest(name, runtime, b.handler(),
          roleArn, null, null, null, null, null, Blueprints.zip(b), null, null, null, null, false));
    } catch (AwsException e) {
      if (createdRole != null) {
        discard(x, createdRole);
      }
      return form(x, e);
    }
    x.flash("Function " + name + " was created" + (createdRole == null ? "." : ", with the role " + createdRole + "."));
    return Layout.redirect(Layout.url("functions", name));
  }

  /** As the Lambda console names the role it creates: the function's name, "-role-", 8 random characters. */
  private String newRoleName(String function) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    String head = function.length() > 50 ? function.substring(0, 50) : function;
    return head + "-role-" + suffix;
  }

  /** The role made for a function that could not be created goes again. */
  private void discard(Exchange x, String role) {
    try {
      services.iam().roles().detach(x.account(), role, BASIC);
      services.iam().roles().delete(x.account(), role);
    } catch (AwsException gone) {
      // Nothing left to undo.
    }
  }
}
