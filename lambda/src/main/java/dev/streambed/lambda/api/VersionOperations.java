package dev.streambed.lambda.api;

import static dev.streambed.lambda.api.FunctionOperations.body;
import static dev.streambed.lambda.api.FunctionOperations.json;
import static dev.streambed.lambda.api.FunctionOperations.ref;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RestRequest;
import dev.streambed.kernel.protocol.RestResponse;
import dev.streambed.lambda.Alias;
import dev.streambed.lambda.Aliases;
import dev.streambed.lambda.FunctionConfig;
import dev.streambed.lambda.FunctionRef;
import dev.streambed.lambda.Functions;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Versions, aliases, reserved concurrency and tags of functions. */
final class VersionOperations {
  private static final String RESOURCE_PATTERN = "arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|"
      + "(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|"
      + "layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-"
      + "[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)";
  private static final Pattern RESOURCE = Pattern.compile(RESOURCE_PATTERN);

  private final Functions functions;
  private final Aliases aliases;
  private final dev.streambed.lambda.esm.EventSourceMappings mappings;

  VersionOperations(Functions functions, Aliases aliases, dev.streambed.lambda.esm.EventSourceMappings mappings) {
    this.functions = functions;
    this.aliases = aliases;
    this.mappings = mappings;
  }

  // ---------------------------------------------------------------- versions

  RestResponse publish(RestRequest r, RequestContext c) throws IOException {
    JsonNode in = body(r);
    FunctionConfig v = functions.publish(ref(r, c), JsonMembers.string(in, "CodeSha256"),
        JsonMembers.string(in, "Description"), JsonMembers.string(in, "RevisionId"));
    return json(201, g -> FunctionJson.write(g, v, FunctionJson.Moment.SETTLED));
  }

  RestResponse listVersions(RestRequest r, RequestContext c) throws IOException {
    Pages.Page<FunctionConfig> page = Pages.page(functions.versions(ref(r, c)), FunctionConfig::version,
        r.query("Marker"), r.query("MaxItems"), 50);
    return json(200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("Versions");
      for (FunctionConfig f : page.items()) {
        FunctionJson.write(g, f, FunctionJson.Moment.LISTED, f.versionArn());
      }
      g.writeEndArray();
      if (page.nextMarker() != null) {
        g.writeStringField("NextMarker", page.nextMarker());
      }
      g.writeEndObject();
    });
  }

  // ---------------------------------------------------------------- aliases

  RestResponse createAlias(RestRequest r, RequestContext c) throws IOException {
    JsonNode in = body(r);
    Alias a = aliases.create(ref(r, c), JsonMembers.string(in, "Name"), JsonMembers.string(in, "FunctionVersion"),
        JsonMembers.string(in, "Description"), weights(in));
    return json(201, g -> write(g, a));
  }

  RestResponse getAlias(RestRequest r, RequestContext c) throws IOException {
    Alias a = aliases.get(ref(r, c), r.pathParameter("Name"));
    return json(200, g -> write(g, a));
  }

  RestResponse listAliases(RestRequest r, RequestContext c) throws IOException {
    Pages.Page<Alias> page = Pages.page(aliases.list(ref(r, c), r.query("FunctionVersion")), Alias::name,
        r.query("Marker"), r.query("MaxItems"), 50);
    return json(200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("Aliases");
      for (Alias a : page.items()) {
        write(g, a);
      }
      g.writeEndArray();
      if (page.nextMarker() != null) {
        g.writeStringField("NextMarker", page.nextMarker());
      }
      g.writeEndObject();
    });
  }

  RestResponse updateAlias(RestRequest r, RequestContext c) throws IOException {
    JsonNode in = body(r);
    Alias a = aliases.update(ref(r, c), r.pathParameter("Name"), JsonMembers.string(in, "FunctionVersion"),
        JsonMembers.string(in, "Description"), weights(in), JsonMembers.string(in, "RevisionId"));
    return json(200, g -> write(g, a));
  }

  RestResponse deleteAlias(RestRequest r, RequestContext c) {
    aliases.delete(ref(r, c), r.pathParameter("Name"));
    return RestResponse.empty(204);
  }

  private static Map<String, Double> weights(JsonNode in) {
    JsonNode routing = JsonMembers.object(in, "RoutingConfig");
    if (routing == null) {
      return null;
    }
    JsonNode w = JsonMembers.object(routing, "AdditionalVersionWeights");
    Map<String, Double> out = new LinkedHashMap<>();
    if (w != null) {
      Iterator<Map.Entry<String, JsonNode>> fields = w.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        out.put(e.getKey(), e.getValue().isNumber() ? e.getValue().doubleValue() : null);
      }
    }
    return out;
  }

  private static void write(JsonGenerator g, Alias a) throws IOException {
    g.writeStartObject();
    g.writeStringField("AliasArn", a.arn());
    g.writeStringField("Name", a.name());
    g.writeStringField("FunctionVersion", a.functionVersion());
    g.writeStringField("Description", a.description());
    if (a.weights() != null) {
      g.writeObjectFieldStart("RoutingConfig");
      g.writeObjectFieldStart("AdditionalVersionWeights");
      for (Map.Entry<String, Double> w : a.weights().entrySet()) {
        g.writeNumberField(w.getKey(), w.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeStringField("RevisionId", a.revisionId());
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- concurrency

  RestResponse putConcurrency(RestRequest r, RequestContext c) throws IOException {
    JsonNode in = body(r);
    Long reserved = JsonMembers.number(in, "ReservedConcurrentExecutions");
    if (reserved == null) {
      throw AwsException.validation("1 validation error detected: Value null at "
          + "'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null");
    }
    int set = functions.reserveConcurrency(ref(r, c), (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, reserved)));
    return json(200, g -> {
      g.writeStartObject();
      g.writeNumberField("ReservedConcurrentExecutions", set);
      g.writeEndObject();
    });
  }

  RestResponse getConcurrency(RestRequest r, RequestContext c) throws IOException {
    Integer reserved = functions.reservedConcurrency(ref(r, c));
    return json(200, g -> {
      g.writeStartObject();
      if (reserved != null) {
        g.writeNumberField("ReservedConcurrentExecutions", reserved);
      }
      g.writeEndObject();
    });
  }

  RestResponse deleteConcurrency(RestRequest r, RequestContext c) {
    functions.releaseConcurrency(ref(r, c));
    return RestResponse.empty(204);
  }

  // ---------------------------------------------------------------- tags

  RestResponse tag(RestRequest r, RequestContext c) throws IOException {
    functions.tag(resource(r, c), JsonMembers.stringMap(body(r), "Tags"));
    return RestResponse.empty(204);
  }

  RestResponse listTags(RestRequest r, RequestContext c) throws IOException {
    Map<String, String> tags = functions.tags(resource(r, c));
    return json(200, g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("Tags");
      for (Map.Entry<String, String> t : tags.entrySet()) {
        g.writeStringField(t.getKey(), t.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  RestResponse untag(RestRequest r, RequestContext c) {
    List<String> keys = r.query().get("tagKeys");
    functions.untag(resource(r, c), keys);
    return RestResponse.empty(204);
  }

  /** The function a tagging request's resource ARN names. */
  private FunctionRef resource(RestRequest r, RequestContext c) {
    String arn = r.pathParameter("ARN");
    if (!RESOURCE.matcher(arn).matches()) {
      throw AwsException.validation("1 validation error detected: Value '" + arn + "' at 'resource' "
          + "failed to satisfy constraint: Member must satisfy regular expression pattern: " + RESOURCE_PATTERN);
    }
    if (arn.contains(":capacity-provider:")) {
      // Streambed has no capacity providers, so none can be found.
      throw new AwsException(dev.streambed.lambda.LambdaError.RESOURCE_NOT_FOUND, "Capacity provider not found: " + arn);
    }
    if (arn.contains(":event-source-mapping:")) {
      try {
        mappings.get(arn.substring(arn.lastIndexOf(':') + 1));
      } catch (AwsException missing) {
        throw new AwsException(dev.streambed.lambda.LambdaError.RESOURCE_NOT_FOUND,
            "Event source mapping not found: " + arn);
      }
    }
    if (!arn.contains(":function:")) {
      throw new AwsException(dev.streambed.lambda.LambdaError.INVALID_PARAMETER_VALUE,
          "Streambed tags functions only.");
    }
    return FunctionRef.parse(arn, c.accountId(), c.region());
  }
}
