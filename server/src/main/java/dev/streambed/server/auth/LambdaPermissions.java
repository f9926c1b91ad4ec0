package dev.streambed.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RestRequest;
import dev.streambed.lambda.FunctionRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The actions and resources AWS authorizes Lambda's operations with, by route: the function's ARN
 * (qualified when the request names a version or alias) for the function's own operations, the
 * mapping's ARN for an event source mapping's, "*" for the listings and CreateEventSourceMapping,
 * and iam:PassRole on the role a CreateFunction or UpdateFunctionConfiguration hands to Lambda. A
 * route this table does not know needs {@code lambda:*}.
 */
final class LambdaPermissions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, String> ACTIONS = Map.ofEntries(
      Map.entry("POST /2015-03-31/functions", "CreateFunction"),
      Map.entry("POST /2015-03-31/functions/", "CreateFunction"),
      Map.entry("GET /2015-03-31/functions/", "ListFunctions"),
      Map.entry("GET /2015-03-31/functions", "ListFunctions"),
      Map.entry("GET /2015-03-31/functions/{FunctionName}", "GetFunction"),
      Map.entry("DELETE /2015-03-31/functions/{FunctionName}", "DeleteFunction"),
      Map.entry("GET /2015-03-31/functions/{FunctionName}/configuration", "GetFunctionConfiguration"),
      Map.entry("PUT /2015-03-31/functions/{FunctionName}/configuration", "UpdateFunctionConfiguration"),
      Map.entry("PUT /2015-03-31/functions/{FunctionName}/code", "UpdateFunctionCode"),
      Map.entry("GET /2016-08-19/account-settings/", "GetAccountSettings"),
      Map.entry("GET /2016-08-19/account-settings", "GetAccountSettings"),
      Map.entry("POST /2015-03-31/functions/{FunctionName}/invocations", "InvokeFunction"),
      Map.entry("POST /2015-03-31/functions/{FunctionName}/versions", "PublishVersion"),
      Map.entry("GET /2015-03-31/functions/{FunctionName}/versions", "ListVersionsByFunction"),
      Map.entry("POST /2015-03-31/functions/{FunctionName}/aliases", "CreateAlias"),
      Map.entry("GET /2015-03-31/functions/{FunctionName}/aliases", "ListAliases"),
      Map.entry("GET /2015-03-31/functions/{FunctionName}/aliases/{Name}", "GetAlias"),
      Map.entry("PUT /2015-03-31/functions/{FunctionName}/aliases/{Name}", "UpdateAlias"),
      Map.entry("DELETE /2015-03-31/functions/{FunctionName}/aliases/{Name}", "DeleteAlias"),
      Map.entry("PUT /2017-10-31/functions/{FunctionName}/concurrency", "PutFunctionConcurrency"),
      Map.entry("GET /2019-09-30/functions/{FunctionName}/concurrency", "GetFunctionConcurrency"),
      Map.entry("DELETE /2017-10-31/functions/{FunctionName}/concurrency", "DeleteFunctionConcurrency"),
      Map.entry("POST /2017-03-31/tags/{ARN}", "TagResource"),
      Map.entry("GET /2017-03-31/tags/{ARN}", "ListTags"),
      Map.entry("DELETE /2017-03-31/tags/{ARN}", "UntagResource"),
      Map.entry("POST /2015-03-31/event-source-mappings/", "CreateEventSourceMapping"),
      Map.entry("POST /2015-03-31/event-source-mappings", "CreateEventSourceMapping"),
      Map.entry("GET /2015-03-31/event-source-mappings/", "ListEventSourceMappings"),
      Map.entry("GET /2015-03-31/event-source-mappings", "ListEventSourceMappings"),
      Map.entry("GET /2015-03-31/event-source-mappings/{UUID}", "GetEventSourceMapping"),
      Map.entry("PUT /2015-03-31/event-source-mappings/{UUID}", "UpdateEventSourceMapping"),
      Map.entry("DELETE /2015-03-31/event-source-mappings/{UUID}", "DeleteEventSourceMapping"));

  private LambdaPermissions() {}

  static List<Permission> of(String route, RestRequest r, RequestContext c) {
    if (route.startsWith("GET /_streambed/")) {
      // GetFunction's Code.Location: a link handed out by an authorized GetFunction, as AWS's
      // presigned one is.
      return List.of();
    }
    String operation = ACTIONS.get(route);
    if (operation == null) {
      return List.of(Permission.anywhere("lambda:*"));
    }
    String action = "lambda:" + operation;
    List<Permission> out = new ArrayList<>(2);
    switch (operation) {
      case "ListFunctions", "GetAccountSettings", "CreateEventSourceMapping", "ListEventSourceMappings" ->
          out.add(Permission.anywhere(action));
      case "CreateFunction" -> {
        JsonNode body = body(r);
        out.add(new Permission(action, Arns.function(c, body.path("FunctionName").asText(""))));
        passRole(out, body);
      }
      case "TagResource", "ListTags", "UntagResource" -> out.add(new Permission(action, r.pathParameter("ARN")));
      case "GetEventSourceMapping", "UpdateEventSourceMapping", "DeleteEventSourceMapping" ->
          out.add(new Permission(action, "arn:aws:lambda:" + c.region() + ":" + c.accountId()
              + ":event-source-mapping:" + r.pathParameter("UUID")));
      default -> {
        FunctionRef ref = FunctionRef.parse(r.pathParameter("FunctionName"), c.accountId(), c.region());
        String qualifier = ref.qualifier() != null ? ref.qualifier() : r.query("Qualifier");
        String arn = new FunctionRef(ref.account(), ref.region(), ref.name(), null).arn();
        out.add(new Permission(action, qualifier == null ? arn : arn + ":" + qualifier));
        if (operation.equals("UpdateFunctionConfiguration")) {
          passRole(out, body(r));
        }
      }
    }
    return out;
  }

  /** Handing a role to Lambda is iam:PassRole on it, as AWS checks at CreateFunction. */
  private static void passRole(List<Permission> out, JsonNode body) {
    if (body.hasNonNull("Role")) {
      out.add(new Permission("iam:PassRole", body.get("Role").asText(),
          Map.of("iam:PassedToService", "lambda.amazonaws.com")));
    }
  }

  private static JsonNode body(RestRequest r) {
    try {
      JsonNode node = r.body() == null || r.body().length == 0 ? null : JSON.readTree(r.body());
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }
}
