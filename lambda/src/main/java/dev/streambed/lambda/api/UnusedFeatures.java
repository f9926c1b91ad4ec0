package dev.streambed.lambda.api;

import static dev.streambed.lambda.api.FunctionOperations.json;
import static dev.streambed.lambda.api.FunctionOperations.ref;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RestRequest;
import dev.streambed.kernel.protocol.RestResponse;
import dev.streambed.lambda.FunctionRef;
import dev.streambed.lambda.Functions;
import dev.streambed.lambda.LambdaError;
import java.io.IOException;

/**
 * Settings of features Streambed does not act on: reads of those its functions never have
 * (function URLs, code signing), answered as AWS answers them for a function without one, so
 * tools that read every setting of a function (Terraform, the console) work; and the recursion
 * setting, kept as given.
 */
final class UnusedFeatures {
  private final Functions functions;

  UnusedFeatures(Functions functions) {
    this.functions = functions;
  }

  /** GetFunctionUrlConfig: AWS answers the same for a missing function as for one without URL. */
  RestResponse getUrlConfig(RestRequest r, RequestContext c) {
    ref(r, c);
    throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "The resource you requested does not exist.");
  }

  RestResponse putRecursionConfig(RestRequest r, RequestContext c) throws IOException {
    String loop = functions.recursionConfigs().put(ref(r, c),
        dev.streambed.kernel.protocol.JsonMembers.string(FunctionOperations.body(r), "RecursiveLoop"));
    return recursion(loop);
  }

  RestResponse getRecursionConfig(RestRequest r, RequestContext c) throws IOException {
    return recursion(functions.recursionConfigs().get(ref(r, c)));
  }

  private static RestResponse recursion(String loop) throws IOException {
    return json(200, g -> {
      g.writeStartObject();
      g.writeStringField("RecursiveLoop", loop);
      g.writeEndObject();
    });
  }

  /** GetFunctionCodeSigningConfig of a function without one: an empty answer. */
  RestResponse getCodeSigningConfig(RestRequest r, RequestContext c) throws IOException {
    FunctionRef ref = ref(r, c);
    functions.get(ref.unqualified());
    return json(200, g -> {
      g.writeStartObject();
      g.writeEndObject();
    });
  }
}
