package dev.streambed.server.http;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RestRequest;
import dev.streambed.kernel.protocol.RestResponse;
import dev.streambed.kernel.protocol.RestService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's REST-JSON protocol: a request is routed by its method and path to an operation of the
 * service that owns the path; errors are written by the service's own error writer.
 */
final class RestProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(RestProtocol.class);

  private RestProtocol() {}

  /** A request matched to a service, and to one of its routes (null: no method for the path). */
  record Routed(RestService service, RestService.Match match, List<String> segments,
      QueryStringDecoder uri) {}

  /** The service and route of a request, or null when no REST service owns its path. */
  static Routed route(List<RestService> services, FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.rawPath();
    if (!path.startsWith("/") || path.equals("/")) {
      return null;
    }
    List<String> segments = new ArrayList<>();
    for (String raw : path.substring(1).split("/", -1)) {
      segments.add(QueryStringDecoder.decodeComponent(raw));
    }
    String method = request.method().name();
    for (RestService s : services) {
      RestService.Match m = s.route(method, segments);
      if (m != null) {
        return new Routed(s, m, segments, uri);
      }
    }
    for (RestService s : services) {
      if (s.owns(segments)) {
        return new Routed(s, null, segments, uri);
      }
    }
    return null;
  }

  /** Whether the routed operation may wait before it answers, and so must not hold a network thread. */
  static boolean waits(Routed routed) {
    return routed.match() != null && routed.match().route().waits();
  }

  static JsonProtocol.Response handle(Routed routed, FullHttpRequest request, RequestContext context,
      ByteBufAllocator alloc) {
    return run(routed, read(routed, request), context, alloc);
  }

  /**
   * The request as the operation reads it, copied out of the network buffer (so that it can be
   * run on another thread once the buffer is released); null when no route matched.
   */
  static RestRequest read(Routed routed, FullHttpRequest request) {
    if (routed.match() == null) {
      return null;
    }
    Map<String, String> headers = new HashMap<>();
    request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
    return new RestRequest(request.method().name(), routed.uri().path(),
        routed.match().pathParameters(), routed.uri().parameters(), headers,
        ByteBufUtil.getBytes(request.content()));
  }

  static JsonProtocol.Response run(Routed routed, RestRequest r, RequestContext context,
      ByteBufAllocator alloc) {
    RestService service = routed.service();
    RestResponse response;
    try {
      if (r == null) {
        throw new AwsException(CommonError.UNKNOWN_OPERATION, null);
      }
      response = routed.match().route().operation().handle(r, context);
    } catch (AwsException e) {
      response = service.errors().render(e);
    } catch (StackOverflowError | RuntimeException | java.io.IOException e) {
      LOG.error("{} {} {} failed", service.name(), r.method(), routed.uri().path(), e);
      response = service.errors().render(new AwsException(CommonError.INTERNAL_SERVER_ERROR,
          "Internal server error"));
    }
    return wire(response, alloc);
  }

  /** An error answered before the request reached its operation, in the service's own shape. */
  static JsonProtocol.Response error(RestService service, AwsException e, ByteBufAllocator alloc) {
    return wire(service.errors().render(e), alloc);
  }

  private static JsonProtocol.Response wire(RestResponse response, ByteBufAllocator alloc) {
    ByteBuf body = alloc.buffer(response.body().length);
    body.writeBytes(response.body());
    return new JsonProtocol.Response(response.status(), response.contentType(), body, response.headers());
  }
}
