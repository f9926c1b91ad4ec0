package dev.streambed.kernel.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * One operation of a JSON-protocol service (awsJson1_0 or awsJson1_1). It reads its typed
 * request from the decoded body, calls the service, and writes the result object. Errors are
 * thrown as {@link dev.streambed.kernel.error.AwsException}; the front door renders them.
 */
@FunctionalInterface
public interface JsonOperation {
  void handle(JsonNode request, RequestContext context, JsonGenerator out) throws IOException;
}
