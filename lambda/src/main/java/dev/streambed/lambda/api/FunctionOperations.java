package dev.streambed.lambda.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RestRequest;
import dev.streambed.kernel.protocol.RestResponse;
import dev.streambed.lambda.FunctionConfig;
import dev.streambed.lambda.FunctionRef;
import dev.streambed.lambda.Functions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The function operations: create, read, list, update, delete, and the account's settings. */
final class FunctionOperations {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int STATUS_CREATED = 201;

  private final Functions functions;

  FunctionOperations(Functions functions) {
    this.functions = functions;
  }

  RestResponse create(RestRequest r, RequestContext c) throws IOException {
    JsonNode in = body(r);
    JsonNode code = JsonMembers.object(in, "Code");
    byte[] zip = null;
    if (code != null) {
      String zipFile = JsonMembers.string(code, "ZipFile");
      if (zipFile != null) {
        zip = base64(zipFile);
      } else if (JsonMembers.string(code, "S3Bucket") != null || JsonMembers.string(code, "ImageUri") != null) {
        throw new AwsException(dev.streambed.lambda.LambdaError.INVALID_PARAMETER_VALUE,
            "Streambed takes function code as a ZipFile; S3 and image sources are not served.");
      }
    }
    FunctionConfig f = functions.create(c.accountId(), c.region(), new Functions.CreateRequest(
        JsonMembers.string(in, "FunctionName"), JsonMembers.string(in, "Runtime"),
        JsonMembers.string(in, "Handler"), JsonMembers.string(in, "Role"),
        JsonMembers.string(in, "Description"), integer(in, "Timeout"), integer(in, "MemorySize"),
        variables(in), JsonMembers.strings(in, "Architectures"), zip, JsonMembers.stringMap(in, "Tags"),
        JsonMembers.string(in, "PackageType"), FunctionSettingsJson.logging(in, null),
        FunctionSettingsJson.deadLetterTarget(in), Boolean.TRUE.equals(JsonMembers.bool(in, "Publish"))));
    return json(STATUS_CREATED, g -> FunctionJson.write(g, f, FunctionJson.Moment.CREATED, f.arn()));
  }

  RestResponse get(RestRequest r, RequestContext c) throws IOException {
    FunctionRef ref = ref(r, c);
    Functions.Resolved resolved = functions.resolve(ref);
    functions.settle(ref);
    FunctionConfig f = resolved.config();
    String location = "http://" + (c.host() == null ? "127.0.0.1:4566" : c.host())
        + "/_streambed/lambda/code/" + java.net.URLEncoder.encode(f.codeSha256(), StandardCharsets.UTF_8);
    return json(200, g -> {
      g.writeStartObject();
      g.writeFieldName("Configuration");
      FunctionJson.write(g, f, FunctionJson.Moment.SETTLED, resolved.functionArn());
      g.writeObjectFieldStart("Code");
      g.writeStringField("RepositoryType", "S3");
      g.writeStringField("Location", location);
      g.writeEndObject();
      Integer reserved = functions.reservedConcurrency(ref.unqualified());
      if (reserved != null) {
        g.writeObjectFieldStart("Concurrency");
        g.writeNumberField("ReservedConcurrentExecutions", reserved);
        g.writeEndObject();
      }
      if (!f.tags().isEmpty()) {
        g.writeObjectFieldStart("Tags");
        for (Map.Entry<String, String> t : f.tags().entrySet()) {
          g.writeStringField(t.getKey(), t.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  RestResponse getConfiguration(RestRequest r, RequestContext c) throws IOException {
    FunctionRef ref = ref(r, c);
    Functions.Resolved resolved = functions.resolve(ref);
    functions.settle(ref);
    return json(200, g -> FunctionJson.write(g, resolved.config(), FunctionJson.Moment.SETTLED,
        resolved.functionArn()));
  }

  /** ListFunctions: $LATEST of each function, or with FunctionVersion ALL every version too. */
  RestResponse list(RestRequest r, RequestContext c) throws IOException {
    String version = r.query("FunctionVersion");
    if (version != null && !version.equals("ALL")) {
      throw AwsException.validation("1 validation error detected: Value '" + version + "' at 'functionVersion' "
          + "failed to satisfy constraint: Member must satisfy enum value set: [ALL]");
    }
    boolean all = version != null;
    List<FunctionConfig> listed = new java.util.ArrayList<>();
    for (FunctionConfig f : functions.list(c.accountId(), c.region())) {
      if (all) {
        try {
          listed.addAll(functions.versions(new FunctionRef(f.account(), f.region(), f.name(), null)));
        } catch (AwsException deletedMeanwhile) {
          // a function deleted while the list was read is not listed
        }
      } else {
        listed.add(f);
      }
    }
    Pages.Page<FunctionConfig> page = Pages.page(listed, f -> f.name() + ":" + f.version(),
        r.query("Marker"), r.query("MaxItems"), 50);
    return json(200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("Functions");
      for (FunctionConfig f : page.items()) {
        FunctionJson.write(g, f, FunctionJson.Moment.LISTED, all ? f.versionArn() : f.arn());
      }
      g.writeEndArray();
      if (page.nextMarker() != null) {
        g.writeStringField("NextMarker", page.nextMarker());
      }
      g.writeEndObject();
    });
  }

  RestResponse updateCode(RestRequest r, RequestContext c) throws IOException {
    JsonNode in = body(r);
    String zipFile = JsonMembers.string(in, "ZipFile");
    if (zipFile == null) {
      throw new AwsException(dev.streambed.lambda.LambdaError.INVALID_PARAMETER_VALUE,
          "Please provide a source for function code.");
    }
    FunctionRef ref = ref(r, c);
    FunctionConfig f = functions.updateCode(ref, base64(zipFile), JsonMembers.string(in, "RevisionId"),
        JsonMembers.strings(in, "Architectures"));
    if (Boolean.TRUE.equals(JsonMembers.bool(in, "Publish"))) {
      // Published with the update: AWS answers the new version, as just created.
      FunctionConfig v = functions.publish(ref.unqualified(), null, null, null);
      return json(200, g -> FunctionJson.write(g, v, FunctionJson.Moment.CREATED, v.versionArn()));
    }
    return json(200, g -> FunctionJson.write(g, f, FunctionJson.Moment.UPDATED));
  }

  RestResponse updateConfiguration(RestRequest r, RequestContext c) throws IOException {
    JsonNode in = body(r);
    FunctionRef ref = ref(r, c);
    FunctionConfig current = functions.get(ref.unqualified());
    FunctionConfig f = functions.updateConfiguration(ref, new Functions.ConfigurationUpdate(
        JsonMembers.string(in, "Runtime"), JsonMembers.string(in, "Handler"), JsonMembers.string(in, "Role"),
        JsonMembers.string(in, "Description"), integer(in, "Timeout"), integer(in, "MemorySize"),
        variables(in), JsonMembers.string(in, "RevisionId"),
        FunctionSettingsJson.logging(in, current.loggingConfig()), FunctionSettingsJson.deadLetterTarget(in)));
    return json(200, g -> FunctionJson.write(g, f, FunctionJson.Moment.UPDATED));
  }

  RestResponse delete(RestRequest r, RequestContext c) {
    functions.delete(ref(r, c));
    return RestResponse.empty(204);
  }

  RestResponse accountSettings(RestRequest r, RequestContext c) throws IOException {
    long[] usage = functions.usage(c.accountId(), c.region());
    int unreserved = functions.unreservedConcurrency(c.accountId(), c.region());
    return json(200, g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("AccountLimit");
      g.writeNumberField("TotalCodeSize", 80_530_636_800L);
      g.writeNumberField("CodeSizeUnzipped", Functions.MAX_UNZIPPED);
      g.writeNumberField("CodeSizeZipped", Functions.MAX_ZIPPED);
      g.writeNumberField("ConcurrentExecutions", Functions.ACCOUNT_CONCURRENCY);
      g.writeNumberField("UnreservedConcurrentExecutions", unreserved);
      g.writeEndObject();
      g.writeObjectFieldStart("AccountUsage");
      g.writeNumberField("TotalCodeSize", usage[0]);
      g.writeNumberField("FunctionCount", usage[1]);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  /** The zip behind GetFunction's Code.Location. */
  RestResponse download(RestRequest r, RequestContext c) {
    byte[] zip = functions.code(r.pathParameter("CodeSha256"));
    if (zip == null) {
      throw new AwsException(dev.streambed.lambda.LambdaError.RESOURCE_NOT_FOUND,
          "The resource you requested does not exist.");
    }
    return new RestResponse(200, Map.of(), "application/zip", zip);
  }

  // ---------------------------------------------------------------- helpers

  /** The function a request's path and Qualifier name, checked as Lambda checks them. */
  static FunctionRef ref(RestRequest r, RequestContext c) {
    return FunctionRef.named(r.pathParameter("FunctionName"), r.query("Qualifier"), c.accountId(), c.region());
  }

  /** The Environment's Variables, or null when the request has no Environment. */
  private static Map<String, String> variables(JsonNode in) {
    JsonNode env = JsonMembers.object(in, "Environment");
    if (env == null) {
      return null;
    }
    Map<String, String> variables = JsonMembers.stringMap(env, "Variables");
    return variables == null ? Map.of() : variables;
  }

  static JsonNode body(RestRequest r) {
    if (r.body().length == 0) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode node = MAPPER.readTree(r.body());
      if (node == null || !node.isObject()) {
        throw new AwsException(CommonError.SERIALIZATION, null);
      }
      return node;
    } catch (IOException e) {
      throw new AwsException(CommonError.SERIALIZATION, null);
    }
  }

  private static byte[] base64(String text) {
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new AwsException(CommonError.SERIALIZATION, "Base64 encoded value is malformed");
    }
  }

  static Integer integer(JsonNode in, String member) {
    Long v = JsonMembers.number(in, member);
    return v == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static RestResponse json(int status, Body body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = LambdaApi.JSON.createGenerator(out)) {
      body.write(g);
    }
    return RestResponse.json(status, out.toByteArray());
  }
}
