package dev.streambed.server.http;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.protocol.JsonService;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounds a connection lives within: how many connections at once, how long one may sit idle,
 * and how long a request may take to arrive (against clients that send a byte now and then to
 * hold a connection open).
 */
final class ConnectionGuards {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuards.class);
  private static final AttributeKey<ScheduledFuture<?>> DEADLINE = AttributeKey.valueOf("streambed.deadline");
  /** S3's words for the same refusal; no JSON service documents its own. */
  static final String TIMED_OUT = "Your socket connection to the server was not read from or written to within "
      + "the timeout period. Idle connections will be closed.";

  private final Limits limits;
  private final JsonService errors;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter counter = new Counter();

  ConnectionGuards(Limits limits, JsonService errors) {
    this.limits = limits;
    this.errors = errors;
  }

  /** Counts connections; one past the limit is closed at once. */
  ChannelHandler counter() {
    return counter;
  }

  /** Before the HTTP codec: the first bytes of a request start its deadline; idleness closes. */
  ChannelHandler beforeCodec() {
    return new BeforeCodec();
  }

  /** After the HTTP codec: a request read to its end stops its deadline. */
  ChannelHandler afterCodec() {
    return new AfterCodec();
  }

  int open() {
    return open.get();
  }

  @ChannelHandler.Sharable
  private final class Counter extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      if (open.incrementAndGet() > limits.maxConnections()) {
        LOG.warn("{} connections open, the limit; closing a new one", limits.maxConnections());
        ctx.close();
        return;
      }
      super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      open.decrementAndGet();
      super.channelInactive(ctx);
    }
  }

  private final class BeforeCodec extends ChannelDuplexHandler {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof ByteBuf bytes && bytes.isReadable() && ctx.channel().attr(DEADLINE).get() == null) {
        ctx.channel().attr(DEADLINE).set(ctx.executor().schedule(() -> timedOut(ctx),
            limits.requestTimeout().toNanos(), TimeUnit.NANOSECONDS));
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      // A connection waiting for a deferred answer (a long poll) is busy, not idle.
      if (evt instanceof IdleStateEvent && ctx.channel().attr(HttpHandler.BEHIND).get() == null
          && ctx.channel().attr(DEADLINE).get() == null) {
        ctx.close();
        return;
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      cancel(ctx);
      super.channelInactive(ctx);
    }
  }

  private final class AfterCodec extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof LastHttpContent
          || (msg instanceof HttpObject o && !o.decoderResult().isSuccess())) {
        cancel(ctx);
      }
      super.channelRead(ctx, msg);
    }
  }

  private static void cancel(ChannelHandlerContext ctx) {
    ScheduledFuture<?> deadline = ctx.channel().attr(DEADLINE).getAndSet(null);
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  /** The request did not arrive whole in time: 408 RequestTimeoutException, and the connection closes. */
  private void timedOut(ChannelHandlerContext ctx) {
    ctx.channel().attr(DEADLINE).set(null);
    if (!ctx.channel().isActive()) {
      return;
    }
    JsonProtocol.Response r = JsonProtocol.error(errors, new AwsException(CommonError.REQUEST_TIMEOUT, TIMED_OUT),
        ctx.alloc());
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.REQUEST_TIMEOUT, r.body());
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().readableBytes());
    response.headers().set(HttpHeaderNames.CONNECTION, "close");
    response.headers().set("x-amzn-RequestId", RequestIds.next());
    // From the tail of the pipeline, so that the HTTP encoder (after this handler) writes it.
    ctx.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
