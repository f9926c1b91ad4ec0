package dev.streambed.lambda.api;

import static dev.streambed.lambda.api.FunctionOperations.body;
import static dev.streambed.lambda.api.FunctionOperations.json;
import static dev.streambed.lambda.api.FunctionOperations.ref;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RestRequest;
import dev.streambed.kernel.protocol.RestResponse;
import dev.streambed.lambda.Policies;
import java.io.IOException;
import java.util.Map;

/** AddPermission, GetPolicy and RemovePermission: the statement and the policy as JSON text. */
final class PolicyOperations {
  private final Policies policies;

  PolicyOperations(Policies policies) {
    this.policies = policies;
  }

  RestResponse add(RestRequest r, RequestContext c) throws IOException {
    JsonNode in = body(r);
    String statement = policies.add(ref(r, c), new Policies.Permission(JsonMembers.string(in, "StatementId"),
        JsonMembers.string(in, "Action"), JsonMembers.string(in, "Principal"), JsonMembers.string(in, "SourceArn"),
        JsonMembers.string(in, "SourceAccount"), JsonMembers.string(in, "EventSourceToken"),
        JsonMembers.string(in, "PrincipalOrgID"), JsonMembers.string(in, "FunctionUrlAuthType"),
        JsonMembers.string(in, "RevisionId")));
    return json(201, g -> {
      g.writeStartObject();
      g.writeStringField("Statement", statement);
      g.writeEndObject();
    });
  }

  RestResponse get(RestRequest r, RequestContext c) throws IOException {
    Map.Entry<String, String> policy = policies.get(ref(r, c));
    return json(200, g -> {
      g.writeStartObject();
      g.writeStringField("Policy", policy.getKey());
      g.writeStringField("RevisionId", policy.getValue());
      g.writeEndObject();
    });
  }

  RestResponse remove(RestRequest r, RequestContext c) {
    policies.remove(ref(r, c), r.pathParameter("StatementId"), r.query("RevisionId"));
    return RestResponse.empty(204);
  }
}
