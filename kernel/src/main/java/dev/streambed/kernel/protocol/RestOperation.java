package dev.streambed.kernel.protocol;

import java.io.IOException;

/**
 * One operation of a REST service. Errors are thrown as
 * {@link dev.streambed.kernel.error.AwsException}; the service's error writer renders them.
 */
@FunctionalInterface
public interface RestOperation {
  RestResponse handle(RestRequest request, RequestContext context) throws IOException;
}
