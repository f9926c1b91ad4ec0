package dev.streambed.server.http;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.ErrorCode;
import dev.streambed.kernel.error.QueryError;
import dev.streambed.kernel.protocol.QueryOperation;
import dev.streambed.kernel.protocol.QueryRequest;
import dev.streambed.kernel.protocol.QueryService;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.XmlWriter;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's Query protocol (IAM, STS): form-encoded {@code Action=...&Version=...} parameters in, an
 * {@code <ActionResponse>} document out, or an {@code <ErrorResponse>} with AWS's status.
 */
final class QueryProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(QueryProtocol.class);
  static final String CONTENT_TYPE = "text/xml";

  private QueryProtocol() {}

  /**
   * Decodes {@code a=1&b=2} (body or URI query) into its parameters, last value winning; null
   * when the form is not well encoded.
   */
  static Map<String, String> decode(String form) {
    Map<String, String> params = new LinkedHashMap<>();
    QueryStringDecoder decoder = new QueryStringDecoder(form, StandardCharsets.UTF_8, false, 10_000);
    try {
      for (Map.Entry<String, List<String>> e : decoder.parameters().entrySet()) {
        List<String> values = e.getValue();
        params.put(e.getKey(), values.isEmpty() ? "" : values.get(values.size() - 1));
      }
    } catch (IllegalArgumentException badEscape) {
      return null;
    }
    return params;
  }

  /** The service that owns {@code action}, for requests that carry no SigV4 scope. */
  static QueryService ownerOf(List<QueryService> services, String action) {
    for (QueryService s : services) {
      if (action != null && s.operations().containsKey(action)) {
        return s;
      }
    }
    return null;
  }

  static JsonProtocol.Response handle(QueryService service, Map<String, String> params,
      RequestContext context, ByteBufAllocator alloc) {
    if (params == null) {
      return error(service, new AwsException(QueryError.MALFORMED_QUERY_STRING,
          "The query string is malformed."), context.requestId(), alloc);
    }
    String action = params.get("Action");
    if (action == null) {
      return error(service, new AwsException(QueryError.MISSING_ACTION,
          "Missing Action"), context.requestId(), alloc);
    }
    QueryOperation operation = service.operations().get(action);
    String version = params.get("Version");
    if (operation == null || version != null && !version.equals(service.version())) {
      return error(service, new AwsException(QueryError.INVALID_ACTION, "Could not find operation "
          + action + " for version " + params.getOrDefault("Version", service.version())),
          context.requestId(), alloc);
    }
    XmlWriter xml = new XmlWriter();
    try {
      xml.start(action + "Response", service.xmlNamespace());
      xml.start(action + "Result");
      operation.handle(new QueryRequest(params), context, xml);
      xml.end();
      xml.start("ResponseMetadata").element("RequestId", context.requestId()).end();
      xml.end();
    } catch (AwsException e) {
      return error(service, e, context.requestId(), alloc);
    } catch (RuntimeException | StackOverflowError e) {
      LOG.error("{} {} failed", service.signingName(), action, e);
      return error(service, new AwsException(QueryError.INTERNAL_FAILURE,
          "An internal error occurred."), context.requestId(), alloc);
    }
    return response(200, xml, alloc);
  }

  static JsonProtocol.Response error(QueryService service, AwsException e, String requestId,
      ByteBufAllocator alloc) {
    ErrorCode code = e.errorCode();
    XmlWriter xml = new XmlWriter();
    xml.start("ErrorResponse", service.xmlNamespace())
        .start("Error")
        .element("Type", code.status() >= 500 ? "Receiver" : "Sender")
        .element("Code", code.code())
        .element("Message", e.getMessage())
        .end()
        .element("RequestId", requestId)
        .end();
    return response(code.status(), xml, alloc);
  }

  private static JsonProtocol.Response response(int status, XmlWriter xml, ByteBufAllocator alloc) {
    byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
    return new JsonProtocol.Response(status, CONTENT_TYPE, alloc.buffer(bytes.length).writeBytes(bytes));
  }
}
