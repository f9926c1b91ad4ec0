package dev.streambed.server.auth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.iam.Iam;
import dev.streambed.iam.policy.AuthorizationRequest;
import dev.streambed.iam.policy.Decision;
import dev.streambed.kernel.protocol.DeferredJsonOperation;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.JsonResultWriter;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.kernel.protocol.QueryOperation;
import dev.streambed.kernel.protocol.QueryService;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RestRoute;
import dev.streambed.kernel.protocol.RestService;
import dev.streambed.sts.Identity;
import dev.streambed.sts.Sts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code --iam enforce}: every operation of every service is authorized, before it runs, with
 * IAM's policy evaluator for the caller (the account's root is allowed everything; an IAM user,
 * an assumed-role session, or a function's role session are evaluated with their policies) against
 * the actions and resource ARNs AWS authorizes that operation with (see {@link JsonPermissions},
 * {@link QueryPermissions}, {@link LambdaPermissions}). A denial is AWS's AccessDenied in the
 * protocol's shape. The services' operation tables are wrapped; the services know nothing of it.
 */
public final class Enforcement {
  private final Iam iam;
  private final Sts sts;

  public Enforcement(Iam iam, Sts sts) {
    this.iam = iam;
    this.sts = sts;
  }

  public JsonService wrap(JsonService service) {
    Wire wire = Wire.json(service.signingName());
    Map<String, JsonOperation> ops = new LinkedHashMap<>();
    for (Map.Entry<String, JsonOperation> e : service.operations().entrySet()) {
      String name = e.getKey();
      JsonOperation op = e.getValue();
      if (op instanceof DeferredJsonOperation deferred) {
        ops.put(name, new DeferredJsonOperation() {
          @Override
          public CompletionStage<JsonResultWriter> begin(JsonNode request, RequestContext context) {
            authorize(wire, context, JsonPermissions.of(service.targetPrefix(), name, request, context));
            return deferred.begin(request, context);
          }
        });
      } else {
        ops.put(name, (JsonNode request, RequestContext context, JsonGenerator out) -> {
          authorize(wire, context, JsonPermissions.of(service.targetPrefix(), name, request, context));
          op.handle(request, context, out);
        });
      }
    }
    return new JsonService(service.targetPrefix(), service.errorTypePrefix(), service.contentType(),
        service.signingName(), Map.copyOf(ops));
  }

  public QueryService wrap(QueryService service) {
    QueryPermissions table = new QueryPermissions(iam, sts);
    Map<String, QueryOperation> ops = new LinkedHashMap<>();
    for (Map.Entry<String, QueryOperation> e : service.operations().entrySet()) {
      String action = e.getKey();
      QueryOperation op = e.getValue();
      ops.put(action, (request, context, result) -> {
        authorize(Wire.QUERY, context, table.of(service.signingName(), action, request, context));
        op.handle(request, context, result);
      });
    }
    return new QueryService(service.signingName(), service.version(), service.xmlNamespace(), Map.copyOf(ops));
  }

  public RestService wrap(RestService service) {
    List<RestRoute> routes = new ArrayList<>();
    for (RestRoute route : service.routes()) {
      String key = route.method() + " " + route.template();
      routes.add(new RestRoute(route.method(), route.template(), (request, context) -> {
        authorize(Wire.REST, context, LambdaPermissions.of(key, request, context));
        return route.operation().handle(request, context);
      }));
    }
    return new RestService(service.name(), List.copyOf(routes), service.errors());
  }

  /** Throws AccessDenied, as the protocol words it, unless the caller may do every one of these. */
  void authorize(Wire wire, RequestContext context, List<Permission> needed) {
    if (needed.isEmpty()) {
      return;
    }
    Identity caller = sts.identityOf(context.accessKeyId(), context.accountId());
    authorize(wire, caller.arn(), caller.root(), context.region(), needed);
  }

  /**
   * The same check for a caller known by its ARN (a console login), in DynamoDB's shape: AWS's
   * AccessDeniedException unless {@code callerArn} may do {@code action} on {@code resource}.
   */
  public void authorize(String callerArn, String region, String action, String resource) {
    authorize(Wire.JSON, callerArn, callerArn.endsWith(":root"), region, List.of(new Permission(action, resource)));
  }

  private void authorize(Wire wire, String callerArn, boolean root, String region, List<Permission> needed) {
    if (root) {
      return;
    }
    for (Permission p : needed) {
      AuthorizationRequest request = AuthorizationRequest.of(p.action(), p.resource())
          .with("aws:RequestedRegion", region)
          .with("aws:SecureTransport", "false");
      for (Map.Entry<String, String> key : p.context().entrySet()) {
        request = request.with(key.getKey(), key.getValue());
      }
      Decision d = iam.authorize(callerArn, request);
      if (!d.allowed()) {
        throw wire.accessDenied(denial(callerArn, p, d, wire == Wire.SQS));
      }
    }
  }

  /**
   * AWS's wording, which says whether nothing allowed the action or a statement denied it. SQS
   * names the action in lower case ("sqs:sendmessage", for SendMessageBatch too), as its
   * AccessDenied messages read.
   */
  static String denial(String callerArn, Permission p, Decision d, boolean lowerCaseAction) {
    String action = lowerCaseAction ? p.action().toLowerCase(java.util.Locale.ROOT) : p.action();
    String head = "User: " + callerArn + " is not authorized to perform: " + action + " on resource: "
        + p.resource();
    return d == Decision.EXPLICIT_DENY ? head + " with an explicit deny in an identity-based policy"
        : head + " because no identity-based policy allows the " + action + " action";
  }
}
