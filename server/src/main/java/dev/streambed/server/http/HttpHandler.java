package dev.streambed.server.http;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.kernel.protocol.RequestContext;
import io.netty.buffer.ByteBuf;
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
import java.util.Map;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request to its protocol: AWS JSON services by the {@code X-Amz-Target} header.
 * Every response carries {@code x-amzn-RequestId} and {@code x-amz-crc32}, which the SDKs check.
 */
@ChannelHandler.Sharable
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);

  private final Map<String, JsonService> jsonServices;
  private final JsonService fallback;
  private final String defaultRegion;
  private final String accountId;

  HttpHandler(Map<String, JsonService> jsonServices, JsonService fallback, String defaultRegion,
      String accountId) {
    this.jsonServices = jsonServices;
    this.fallback = fallback;
    this.defaultRegion = defaultRegion;
    this.accountId = accountId;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String requestId = RequestIds.next();
    HttpHeaders headers = request.headers();
    if (!request.decoderResult().isSuccess()) {
      send(ctx, request, requestId, JsonProtocol.error(anyService(),
          new AwsException(CommonError.SERIALIZATION, null), ctx.alloc()), false);
      return;
    }
    SigV4 signature = SigV4.parse(headers.get(HttpHeaderNames.AUTHORIZATION));
    String region = signature != null && !signature.region().isEmpty() ? signature.region() : defaultRegion;
    RequestContext context = new RequestContext(requestId, region, accountId,
        signature == null ? null : signature.accessKeyId(), headers.get(HttpHeaderNames.HOST));

    String target = headers.get("X-Amz-Target");
    JsonProtocol.Response response;
    if (target != null && request.method() == HttpMethod.POST) {
      int dot = target.indexOf('.');
      JsonService service = jsonServices.get(dot < 0 ? target : target.substring(0, dot));
      if (service == null) {
        response = JsonProtocol.error(anyService(),
            new AwsException(CommonError.UNKNOWN_OPERATION, null), ctx.alloc());
      } else {
        response = JsonProtocol.handle(service, dot < 0 ? null : target.substring(dot + 1),
            request.content(), context, ctx.alloc());
      }
    } else if (request.method() == HttpMethod.GET && "/".equals(request.uri())) {
      // DynamoDB answers a plain GET of its root with a health line; load balancers use it.
      response = new JsonProtocol.Response(200, "text/plain",
          ctx.alloc().buffer().writeBytes("healthy: streambed".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } else {
      response = JsonProtocol.error(anyService(),
          new AwsException(CommonError.UNKNOWN_OPERATION, null), ctx.alloc());
    }
    send(ctx, request, requestId, response, HttpUtil.isKeepAlive(request));
  }

  /** The service whose content type answers requests that name no service (the first wired). */
  private JsonService anyService() {
    return fallback;
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request, String requestId,
      JsonProtocol.Response response, boolean keepAlive) {
    ByteBuf body = response.body();
    CRC32 crc = new CRC32();
    crc.update(body.nioBuffer());
    FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(response.status()), body);
    HttpHeaders h = http.headers();
    h.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    h.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    h.set("x-amzn-RequestId", requestId);
    h.set("x-amz-crc32", Long.toString(crc.getValue()));
    if (keepAlive) {
      if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
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
