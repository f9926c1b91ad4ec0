package dev.streambed.lambda.api;

import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RestRequest;
import dev.streambed.kernel.protocol.RestResponse;
import dev.streambed.lambda.Invocations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invoke: the payload in and out as raw bytes, the invocation type and log type in headers, and
 * Lambda's response headers (X-Amz-Function-Error, X-Amz-Log-Result, X-Amz-Executed-Version).
 */
final class InvokeOperation {
  private final Invocations invocations;

  InvokeOperation(Invocations invocations) {
    this.invocations = invocations;
  }

  RestResponse invoke(RestRequest r, RequestContext c) {
    Invocations.Result result = invocations.invoke(FunctionOperations.ref(r, c),
        r.header("X-Amz-Invocation-Type"), r.header("X-Amz-Log-Type"), r.body(), r.header("X-Amz-Client-Context"),
        c.requestId());
    Map<String, String> headers = new LinkedHashMap<>();
    if (result.executedVersion() != null) {
      headers.put("X-Amz-Executed-Version", result.executedVersion());
    }
    if (result.functionError()) {
      headers.put("X-Amz-Function-Error", "Unhandled");
    }
    if (result.logTail() != null) {
      headers.put("X-Amz-Log-Result", result.logTail());
    }
    return new RestResponse(result.status(), Map.copyOf(headers), "application/json", result.payload());
  }
}
