package dev.streambed.server.http;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.kernel.protocol.QueryService;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RequestUuids;
import dev.streambed.kernel.protocol.RestService;
import dev.streambed.server.auth.AuthFailure;
import dev.streambed.server.auth.Wire;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.kernel.protocol.WebSite;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request to its protocol: AWS JSON services by the {@code X-Amz-Target} header,
 * Query services (form-encoded {@code Action=...}) by the SigV4 signing name or the action.
 * Every response carries {@code x-amzn-RequestId} and {@code x-amz-crc32}, which the SDKs check.
 */
@ChannelHandler.Sharable
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);

  /** Response headers are set by this class only, from constants and numbers. */
  private static final io.netty.handler.codec.http.HttpHeadersFactory UNVALIDATED =
      io.netty.handler.codec.http.DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  /** Requests that arrived while an earlier one on the connection waits for its deferred answer. */
  static final AttributeKey<Deque<FullHttpRequest>> BEHIND = AttributeKey.valueOf("streambed.behind");

  private final int maxBodyBytes;
  /** Replaced whole when the services behind the door are (a reset); each request reads it once. */
  private volatile Routes routes;
  private final String defaultRegion;
  private final String accountId;
  /** Replaced with the routes on a reset: the keys it checks are those of the services behind the door. */
  private volatile Authentication authentication;
  private final int maxPipelined;
  /** Runs the operations that may wait (see {@link dev.streambed.kernel.protocol.RestRoute#waits}). */
  private final java.util.concurrent.Executor waiting;

  HttpHandler(int maxBodyBytes, Routes routes, String defaultRegion, String accountId,
      Authentication authentication, int maxPipelined, java.util.concurrent.Executor waiting) {
    this.authentication = authentication;
    this.maxPipelined = maxPipelined;
    this.maxBodyBytes = maxBodyBytes;
    this.routes = routes;
    this.defaultRegion = defaultRegion;
    this.accountId = accountId;
    this.waiting = waiting;
  }

  /** Serves these services from the next request on; requests already inside finish where they are. */
  void serve(Routes next, Authentication admitting) {
    authentication = admitting;
    routes = next;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    Deque<FullHttpRequest> behind = ctx.channel().attr(BEHIND).get();
    if (behind != null) {
      behind.add(request.retain());
      if (behind.size() >= maxPipelined) {
        // A client far ahead of its answers is not read until they are sent: memory stays bounded.
        ctx.channel().config().setAutoRead(false);
      }
      return;
    }
    // The signature covers the body as sent, so it is checked before the body is inflated.
    Authentication.Admission admission = authentication.admit(request);
    String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
    if (encoding == null || encoding.equalsIgnoreCase("identity")) {
      handle(ctx, request, admission);
      return;
    }
    ByteBuf inflated;
    try {
      inflated = Inflation.inflate(encoding, request.content(), maxBodyBytes, ctx.alloc());
    } catch (Inflation.TooLarge e) {
      send(ctx, request, RequestIds.next(), JsonProtocol.error(anyService(),
          new AwsException(CommonError.REQUEST_TOO_LARGE, "Request entity too large"), ctx.alloc()), false);
      return;
    } catch (java.io.IOException | IllegalArgumentException e) {
      send(ctx, request, RequestIds.next(), JsonProtocol.error(anyService(),
          new AwsException(CommonError.SERIALIZATION, null), ctx.alloc()), HttpUtil.isKeepAlive(request));
      return;
    }
    FullHttpRequest plain = request.replace(inflated);
    plain.headers().remove(HttpHeaderNames.CONTENT_ENCODING);
    try {
      handle(ctx, plain, admission);
    } finally {
      plain.release();
    }
  }

  private void handle(ChannelHandlerContext ctx, FullHttpRequest request, Authentication.Admission admission) {
    HttpHeaders headers = request.headers();
    Routes routes = this.routes;
    WebSite site = routes.sites().isEmpty() || !request.decoderResult().isSuccess()
        || !authentication.maySiteTake(request) ? null : WebRoute.site(routes.sites(), request.uri());
    if (site != null) {
      handleWeb(ctx, request, site);
      return;
    }
    // A path a REST service owns is that service's, whatever the content type claims: Java's
    // HttpURLConnection labels every POST form-encoded when the client names no type.
    RestProtocol.Routed rest = !routes.rest().isEmpty() && !headers.contains(AwsHeaders.TARGET)
        ? RestProtocol.route(routes.rest(), request) : null;
    String form = rest == null ? queryForm(routes, request) : null;
    // Query and REST services (IAM, STS, Lambda) use UUIDs as request ids; DynamoDB its own.
    String requestId = form != null || rest != null ? RequestUuids.next() : RequestIds.next();
    if (!request.decoderResult().isSuccess()) {
      send(ctx, request, requestId, JsonProtocol.error(anyService(),
          new AwsException(CommonError.SERIALIZATION, null), ctx.alloc()), false);
      return;
    }
    SigV4 signature = admission.signature();
    String region = signature != null && !signature.region().isEmpty() ? signature.region() : defaultRegion;
    RequestContext context = new RequestContext(requestId, region, accountId,
        signature == null ? null : signature.accessKeyId(), headers.get(HttpHeaderNames.HOST));

    String target = headers.get(AwsHeaders.TARGET);
    JsonProtocol.Response response;
    if (rest != null) {
      AuthFailure refused = refusal(admission, rest.service().name());
      if (refused != null) {
        response = RestProtocol.error(rest.service(), Wire.REST.refusal(refused), ctx.alloc());
      } else if (RestProtocol.waits(rest)) {
        sendLater(ctx, request, requestId, offload(rest, RestProtocol.read(rest, request), context, ctx));
        return;
      } else {
        response = RestProtocol.handle(rest, request, context, ctx.alloc());
      }
    } else if (form != null) {
      Map<String, String> params = QueryProtocol.decode(form);
      QueryService service = queryService(routes, params, signature);
      AuthFailure refused = refusal(admission, service.signingName());
      response = refused != null
          ? QueryProtocol.error(service, Wire.QUERY.refusal(refused), requestId, ctx.alloc())
          : QueryProtocol.handle(service, params, context, ctx.alloc());
    } else if (target != null && request.method() == HttpMethod.POST) {
      int dot = target.indexOf('.');
      JsonService service = routes.json().get(dot < 0 ? target : target.substring(0, dot));
      String operation = dot < 0 ? null : target.substring(dot + 1);
      AuthFailure refused = refusal(admission, service == null ? null : service.signingName());
      if (refused != null) {
        JsonService answering = service == null ? anyService() : service;
        send(ctx, request, requestId, JsonProtocol.error(answering,
            Wire.json(answering.signingName()).refusal(refused), ctx.alloc()), HttpUtil.isKeepAlive(request));
        return;
      }
      JsonProtocol.Pending later = service == null ? null
          : JsonProtocol.begin(service, operation, request.content(), context, ctx.alloc());
      if (later != null) {
        sendLater(ctx, request, requestId, later);
        return;
      }
      if (service == null) {
        response = JsonProtocol.error(anyService(),
            new AwsException(CommonError.UNKNOWN_OPERATION, null), ctx.alloc());
      } else {
        response = JsonProtocol.handle(service, operation, request.content(), context, ctx.alloc());
      }
    } else if (request.method() == HttpMethod.GET && "/".equals(request.uri())) {
      // DynamoDB answers a plain GET of its root with a health line; load balancers use it.
      response = new JsonProtocol.Response(200, "text/plain",
          ctx.alloc().buffer().writeBytes("healthy: streambed".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } else if (admission.refused() != null) {
      response = JsonProtocol.error(anyService(), Wire.JSON.refusal(admission.refused()), ctx.alloc());
    } else {
      response = JsonProtocol.error(anyService(),
          new AwsException(CommonError.UNKNOWN_OPERATION, null), ctx.alloc());
    }
    send(ctx, request, requestId, response, HttpUtil.isKeepAlive(request));
  }

  /**
   * Why the request is refused before it reaches its operation: its signature did not verify, or
   * (strict authentication) it was signed for another service than {@code signingName}.
   */
  private AuthFailure refusal(Authentication.Admission admission, String signingName) {
    if (admission.refused() != null) {
      return admission.refused();
    }
    return signingName == null ? null : authentication.wrongService(admission.signature(), signingName);
  }

  /**
   * The form of a Query-protocol request: the body of a form-encoded POST, or the query string
   * of a GET that names an {@code Action}; null for any other request.
   */
  private static String queryForm(Routes routes, FullHttpRequest request) {
    if (routes.query().isEmpty() || request.headers().contains(AwsHeaders.TARGET)) {
      return null;
    }
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (request.method() == HttpMethod.POST && contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return request.content().toString(java.nio.charset.StandardCharsets.UTF_8);
    }
    int q = request.uri().indexOf('?');
    if (request.method() == HttpMethod.GET && q >= 0 && request.uri().indexOf("Action=", q) > 0) {
      return request.uri().substring(q + 1);
    }
    return null;
  }

  /** The Query service a request is for: by its signing name, else by its Action, else the first. */
  private static QueryService queryService(Routes routes, Map<String, String> params, SigV4 signature) {
    QueryService service = null;
    if (signature != null) {
      for (QueryService s : routes.query()) {
        if (s.signingName().equals(signature.service())) {
          service = s;
        }
      }
    }
    if (service == null) {
      service = QueryProtocol.ownerOf(routes.query(), params == null ? null : params.get("Action"));
    }
    return service == null ? routes.query().get(0) : service;
  }

  /**
   * Runs an operation that may wait on a thread of its own, so that the connection's network
   * thread goes on serving its other connections meanwhile: a function invoked synchronously
   * may itself call this endpoint, over a connection that thread serves. Cancelling the answer
   * (the client left) does not stop the operation; its late answer is released.
   */
  private JsonProtocol.Pending offload(RestProtocol.Routed rest, dev.streambed.kernel.protocol.RestRequest r,
      RequestContext context, ChannelHandlerContext ctx) {
    CompletableFuture<JsonProtocol.Response> answer = new CompletableFuture<>();
    try {
      waiting.execute(() -> {
        JsonProtocol.Response response = RestProtocol.run(rest, r, context, ctx.alloc());
        if (!answer.complete(response)) {
          response.body().release();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      answer.complete(JsonProtocol.error(anyService(),
          new AwsException(CommonError.INTERNAL_SERVER_ERROR, "Internal server error"), ctx.alloc()));
    }
    return new JsonProtocol.Pending(answer, answer);
  }

  /** The service whose content type answers requests that name no service (the first wired). */
  private JsonService anyService() {
    return routes.fallback();
  }

  /**
   * Answers when a deferred operation (a long poll) finishes, on the connection's own thread.
   * Requests that arrive on the connection meanwhile wait behind it, so answers keep the order
   * of their requests; the connection is still read, so a client that disconnects is noticed at
   * once and cancels the operation.
   */
  private void sendLater(ChannelHandlerContext ctx, FullHttpRequest request, String requestId,
      JsonProtocol.Pending later) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
    Channel channel = ctx.channel();
    Deque<FullHttpRequest> behind = new ArrayDeque<>();
    channel.attr(BEHIND).set(behind);
    ChannelFutureListener closed = f -> {
      later.operation().cancel(false);
      release(behind);
    };
    channel.closeFuture().addListener(closed);
    later.response().whenComplete((response, failure) -> ctx.executor().execute(() -> {
      channel.closeFuture().removeListener(closed);
      channel.attr(BEHIND).compareAndSet(behind, null);
      if (response == null || !channel.isActive()) {
        if (response != null) {
          response.body().release();
        }
        release(behind);
        return;
      }
      send(ctx, http10, requestId, response, keepAlive);
      if (keepAlive) {
        handleBehind(ctx, behind);
      } else {
        release(behind);
      }
      if (channel.attr(BEHIND).get() == null) {
        channel.config().setAutoRead(true);
      }
    }));
  }

  /**
   * Hands a request to a web site (the console) and writes its answer when it is ready, off the
   * connection's thread, keeping the order of answers as {@link #sendLater} does. An event
   * stream keeps the connection to itself until it ends.
   */
  private void handleWeb(ChannelHandlerContext ctx, FullHttpRequest request, WebSite site) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    Channel channel = ctx.channel();
    Deque<FullHttpRequest> behind = new ArrayDeque<>();
    channel.attr(BEHIND).set(behind);
    ChannelFutureListener closed = f -> release(behind);
    channel.closeFuture().addListener(closed);
    java.util.concurrent.CompletionStage<WebResponse> stage;
    try {
      stage = site.handle(WebRoute.request(request));
    } catch (RuntimeException e) {
      stage = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((response, failure) -> ctx.executor().execute(() -> {
      if (!channel.isActive()) {
        release(behind);
        return;
      }
      WebResponse r = response;
      if (r == null) {
        LOG.error("{} {} failed", request.method(), site.prefix(), failure);
        r = WebResponse.text(500, "Internal server error");
      }
      if (r.events() != null) {
        WebRoute.stream(channel, r);
        return;
      }
      channel.closeFuture().removeListener(closed);
      channel.attr(BEHIND).compareAndSet(behind, null);
      WebRoute.write(channel, r, keepAlive);
      if (keepAlive) {
        handleBehind(ctx, behind);
      } else {
        release(behind);
      }
    }));
  }

  /** Handles the requests that waited; should one be deferred in turn, the rest wait behind it. */
  private void handleBehind(ChannelHandlerContext ctx, Deque<FullHttpRequest> behind) {
    FullHttpRequest next;
    while ((next = behind.poll()) != null) {
      try {
        channelRead0(ctx, next);
      } finally {
        next.release();
      }
      Deque<FullHttpRequest> now = ctx.channel().attr(BEHIND).get();
      if (now != null) {
        now.addAll(behind);
        behind.clear();
        return;
      }
    }
  }

  private static void release(Deque<FullHttpRequest> requests) {
    FullHttpRequest r;
    while ((r = requests.poll()) != null) {
      r.release();
    }
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request, String requestId,
      JsonProtocol.Response response, boolean keepAlive) {
    send(ctx, request.protocolVersion().equals(HttpVersion.HTTP_1_0), requestId, response, keepAlive);
  }

  private static void send(ChannelHandlerContext ctx, boolean http10, String requestId,
      JsonProtocol.Response response, boolean keepAlive) {
    ByteBuf body = response.body();
    CRC32 crc = new CRC32();
    crc.update(body.nioBuffer());
    FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(response.status()), body, UNVALIDATED, UNVALIDATED);
    HttpHeaders h = http.headers();
    h.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    h.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    h.set(AwsHeaders.REQUEST_ID, requestId);
    for (Map.Entry<String, String> extra : response.headers().entrySet()) {
      h.set(extra.getKey(), extra.getValue());
    }
    h.set(AwsHeaders.CRC32, Long.toString(crc.getValue()));
    if (keepAlive) {
      if (http10) {
        h.set(HttpHeaderNames.CONNECTION, "keep-alive");
      }
      ctx.writeAndFlush(http, ctx.voidPromise());
    } else {
      h.set(HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection error, closing", cause);
    ctx.close();
  }
}
