package dev.streambed.server.http;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.kernel.protocol.QueryService;
import dev.streambed.kernel.protocol.RestService;
import dev.streambed.kernel.protocol.WebSite;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The one HTTP endpoint: HTTP/1.1 with keep-alive, gzip request bodies, and a body size limit
 * enforced before a body is buffered whole.
 */
public final class FrontDoor implements AutoCloseable {
  private final EventLoopGroup group;
  private final java.util.concurrent.ExecutorService waiting;
  private final Channel channel;
  private final HttpHandler handler;

  /** The address could not be bound: in use, or not this machine's. */
  public static final class CannotListen extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CannotListen(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private FrontDoor(EventLoopGroup group, Channel channel, HttpHandler handler,
      java.util.concurrent.ExecutorService waiting) {
    this.group = group;
    this.channel = channel;
    this.handler = handler;
    this.waiting = waiting;
  }

  /**
   * Threads for the operations that may wait (a synchronous invocation), one per operation
   * waiting, ended a minute after they were last used; what bounds them is the operations' own
   * limits (a function's concurrency).
   */
  private static java.util.concurrent.ExecutorService waitingThreads() {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 60,
        java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "streambed-waiting-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Binds and serves; {@code port} 0 picks a free port (see {@link #port()}). */
  public static FrontDoor start(String host, int port, List<JsonService> services, String region,
      String accountId, int maxBodyBytes) throws InterruptedException {
    return start(host, port, services, List.of(), region, accountId, maxBodyBytes);
  }

  /** Binds and serves JSON-protocol and Query-protocol services on one port. */
  public static FrontDoor start(String host, int port, List<JsonService> services,
      List<QueryService> queryServices, String region, String accountId, int maxBodyBytes)
      throws InterruptedException {
    return start(host, port, services, queryServices, List.of(), region, accountId, maxBodyBytes);
  }

  /** Binds and serves JSON-protocol, Query-protocol and REST-JSON services on one port. */
  public static FrontDoor start(String host, int port, List<JsonService> services,
      List<QueryService> queryServices, List<RestService> restServices, String region,
      String accountId, int maxBodyBytes) throws InterruptedException {
    return start(host, port, services, queryServices, restServices, List.of(), region, accountId, maxBodyBytes);
  }

  /** Binds and serves the AWS protocols' services and, under their own paths, web sites (the console). */
  public static FrontDoor start(String host, int port, List<JsonService> services,
      List<QueryService> queryServices, List<RestService> restServices, List<WebSite> sites,
      String region, String accountId, int maxBodyBytes) throws InterruptedException {
    return start(host, port, services, queryServices, restServices, sites, region, accountId,
        Authentication.OPEN, Limits.defaults(maxBodyBytes));
  }

  /**
   * Binds and serves the AWS protocols' services and web sites, checking signatures as
   * {@code authentication} says, within {@code limits}.
   */
  public static FrontDoor start(String host, int port, List<JsonService> services,
      List<QueryService> queryServices, List<RestService> restServices, List<WebSite> sites,
      String region, String accountId, Authentication authentication, Limits limits) throws InterruptedException {
    int maxBodyBytes = limits.maxBodyBytes();
    java.util.concurrent.ExecutorService waiting = waitingThreads();
    HttpHandler handler = new HttpHandler(maxBodyBytes, Routes.of(services, queryServices, restServices, sites),
        region, accountId, authentication, limits.maxPipelined(), waiting);
    JsonService errors = services.get(0);
    ConnectionGuards guards = new ConnectionGuards(limits, errors);
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    try {
      io.netty.channel.ChannelFuture bound = new ServerBootstrap()
          .group(group)
          .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ChannelPipeline p = ch.pipeline();
              ConnectionGuards.Guard guard = guards.guard();
              p.addLast(guard.beforeCodec());
              // Header names and values are only read, never echoed, so Netty's per-character
              // validation of every header buys nothing here.
              p.addLast(new HttpServerCodec(new HttpDecoderConfig()
                  .setMaxInitialLineLength(16384).setMaxHeaderSize(limits.maxHeaderBytes()).setMaxChunkSize(8192)
                  .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false))));
              p.addLast(guard.afterCodec());
              p.addLast(new HttpServerExpectContinueHandler());
              p.addLast(new LimitedAggregator(maxBodyBytes, errors));
              p.addLast(handler);
            }
          })
          .bind(new InetSocketAddress(host, port)).await();
      if (!bound.isSuccess()) {
        throw new CannotListen("Cannot listen on " + host + ":" + port + ": " + bound.cause().getMessage(),
            bound.cause());
      }
      return new FrontDoor(group, bound.channel(), handler, waiting);
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
      waiting.shutdownNow();
      throw e;
    }
  }

  /**
   * Serves these services instead of the ones given so far, from the next request on, admitting
   * requests as {@code authentication} says (its keys are those of the new services): the port
   * and the clients' connections stay. A request already being answered finishes with the old
   * ones. The error shape of requests that name no service is the first JSON service's, as at start.
   */
  public void serve(List<JsonService> services, List<QueryService> queryServices, List<RestService> restServices,
      List<WebSite> sites, Authentication authentication) {
    handler.serve(Routes.of(services, queryServices, restServices, sites), authentication);
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    waiting.shutdownNow();
  }

  /** Refuses an oversized body with an AWS-shaped 413 as soon as its size is known. */
  private static final class LimitedAggregator extends HttpObjectAggregator {
    private final JsonService errors;
    private final long dropLimit;
    /** A 413 was sent: the rest of that request is read and dropped, then the connection closed. */
    private boolean refused;
    private long dropped;

    LimitedAggregator(int maxContentLength, JsonService errors) {
      super(maxContentLength);
      this.errors = errors;
      this.dropLimit = 4L * maxContentLength;
    }

    /**
     * After a refusal, the body still on its way is read and dropped (not buffered) before the
     * connection closes, so that the client, still sending, receives the 413 instead of a reset.
     * A client that sends far past the limit is cut off.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (refused) {
        boolean last = msg instanceof io.netty.handler.codec.http.LastHttpContent;
        if (msg instanceof io.netty.handler.codec.http.HttpContent content) {
          dropped += content.content().readableBytes();
        }
        io.netty.util.ReferenceCountUtil.release(msg);
        if (last || dropped > dropLimit || !(msg instanceof io.netty.handler.codec.http.HttpContent)) {
          ctx.close();
        }
        return;
      }
      boolean last = msg instanceof io.netty.handler.codec.http.LastHttpContent;
      super.channelRead(ctx, msg);
      if (refused && last) {
        ctx.close();
      }
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      JsonProtocol.Response r = JsonProtocol.error(errors, new AwsException(
          CommonError.REQUEST_TOO_LARGE, "Request entity too large"), ctx.alloc());
      ByteBuf body = r.body();
      CRC32 crc = new CRC32();
      crc.update(body.nioBuffer());
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, body);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
      response.headers().set(HttpHeaderNames.CONNECTION, "close");
      response.headers().set(AwsHeaders.REQUEST_ID, RequestIds.next());
      response.headers().set(AwsHeaders.CRC32, Long.toString(crc.getValue()));
      refused = true;
      ctx.writeAndFlush(response);
    }
  }
}
