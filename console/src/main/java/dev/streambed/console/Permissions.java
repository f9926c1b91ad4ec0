package dev.streambed.console;

import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Router.Need;
import dev.streambed.console.web.Router.Permission;
import dev.streambed.kernel.error.AwsException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IAM actions and resource ARNs the console's pages need: those of the API calls each page
 * stands for, as the API authorizes them under {@code --iam enforce} (docs/security.md): a table
 * is {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME}, a function
 * {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}, a mapping
 * {@code ...:event-source-mapping:UUID}, a role its ARN with its path, a log group
 * {@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME} and its streams {@code ...:log-stream:NAME}.
 */
final class Permissions {
  private final Services services;

  Permissions(Services services) {
    this.services = services;
  }

  static Need dynamodb(String action) {
    return x -> List.of(new Permission("dynamodb:" + action, table(x, x.path("table"))));
  }

  /** A table named by the form (Create table), not the path. */
  static Need dynamodbForm(String action, String field) {
    return x -> List.of(new Permission("dynamodb:" + action, table(x, x.value(field) == null ? "" : x.value(field))));
  }

  static Need lambda(String action) {
    return x -> List.of(new Permission("lambda:" + action, function(x, x.path("function"))));
  }

  static Need mapping(String action) {
    return Need.of("lambda:" + action, x -> "arn:aws:lambda:" + x.region() + ":" + x.account()
        + ":event-source-mapping:" + x.path("uuid"));
  }

  Need role(String action) {
    return Need.of(action, x -> role(x, x.path("role")));
  }

  static Need logGroup(String action, String field) {
    return Need.of("logs:" + action, x -> group(x, x.param(field)));
  }

  /** A Scan or a Query of the table, as the Items tab's form chose. */
  static Need read() {
    return x -> List.of(new Permission("query".equals(x.param("mode")) ? "dynamodb:Query" : "dynamodb:Scan",
        table(x, x.path("table"))));
  }

  /**
   * Create function: CreateFunction, and iam:PassRole on an existing role (as the API checks).
   * A new role's name is drawn as it is created, so its CreateRole, AttachRolePolicy and PassRole
   * are authorized then ({@code CreateFunction}).
   */
  Need createFunction() {
    return x -> {
      String name = x.value("name") == null ? "" : x.value("name");
      List<Permission> needed = new ArrayList<>();
      needed.add(new Permission("lambda:CreateFunction", function(x, name)));
      if ("existing".equals(x.param("role")) && x.value("existingRole") != null) {
        needed.add(new Permission("iam:PassRole", role(x, x.value("existingRole"))));
      }
      return needed;
    };
  }

  /** A log group's page: its streams, and FilterLogEvents when it searches them. */
  static Need groupPage() {
    return x -> List.of(new Permission(x.value("filter") == null ? "logs:DescribeLogStreams" : "logs:FilterLogEvents",
        group(x, x.param("name"))));
  }

  /** A log stream's events, or FilterLogEvents of the group when they are filtered. */
  static Need streamPage() {
    return x -> x.value("filter") == null
        ? List.of(new Permission("logs:GetLogEvents", group(x, x.param("group")) + ":log-stream:" + nonNull(x.param("name"))))
        : List.of(new Permission("logs:FilterLogEvents", group(x, x.param("group"))));
  }

  private static String table(Exchange x, String name) {
    return "arn:aws:dynamodb:" + x.region() + ":" + x.account() + ":table/" + nonNull(name);
  }

  private static String function(Exchange x, String name) {
    return "arn:aws:lambda:" + x.region() + ":" + x.account() + ":function:" + nonNull(name);
  }

  private static String group(Exchange x, String name) {
    return "arn:aws:logs:" + x.region() + ":" + x.account() + ":log-group:" + nonNull(name);
  }

  /** A role's ARN carries its path; a role that does not exist is named as if it had none. */
  private String role(Exchange x, String name) {
    try {
      return services.iam().roles().get(x.account(), name).arn();
    } catch (AwsException missing) {
      return "arn:aws:iam::" + x.account() + ":role/" + nonNull(name);
    }
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
