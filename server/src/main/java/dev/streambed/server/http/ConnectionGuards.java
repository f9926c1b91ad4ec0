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
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounds a connection lives within: how many connections at once, how long one may sit idle,
 * and how long a request may take to arrive (against clients that send a byte now and then to
 * hold a connection open).
 *
 * <p>A connection keeps one timer, set for the earlier of its two deadlines and set again when it
 * fires early; reads and writes only note the time. Scheduling and cancelling a deadline for each
 * request, and an idle handler's listener on each write, cost a GetItem more than its item read.
 */
final class ConnectionGuards {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuards.class);
  /** S3's words for the same refusal; no JSON service documents its own. */
  static final String TIMED_OUT = "Your socket connection to the server was not read from or written to within "
      + "the timeout period. Idle connections will be closed.";

  private final Limits limits;
  private final JsonService errors;
  private final long idleNanos;
  private final long requestNanos;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionGuards(Limits limits, JsonService errors) {
    this.limits = limits;
    this.errors = errors;
    this.idleNanos = limits.idleTimeout().toNanos();
    this.requestNanos = limits.requestTimeout().toNanos();
  }

  /** One connection's guard: its {@link Guard#beforeCodec} and {@link Guard#afterCodec} handlers. */
  Guard guard() {
    return new Guard();
  }

  int open() {
    return open.get();
  }

  /** The state of one connection, seen from both sides of the HTTP codec. */
  final class Guard {
    /** When the connection last read or wrote. */
    private long lastActive = System.nanoTime();
    /** When the first byte of the request being received came; 0 between requests. */
    private long requestStarted;
    private ScheduledFuture<?> timer;
    private final BeforeCodec before = new BeforeCodec();
    private final AfterCodec after = new AfterCodec();

    /** Counts the connection, notes its reads and writes, and runs its timer. */
    ChannelHandler beforeCodec() {
      return before;
    }

    /** Ends the request deadline once a request was read to its end. */
    ChannelHandler afterCodec() {
      return after;
    }

    private void arm(ChannelHandlerContext ctx, long delayNanos) {
      timer = ctx.executor().schedule(() -> expire(ctx), Math.max(delayNanos, 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** The timer fired: close what is past a deadline, or wait for the next one. */
    private void expire(ChannelHandlerContext ctx) {
      timer = null;
      if (!ctx.channel().isActive()) {
        return;
      }
      long now = System.nanoTime();
      if (requestStarted != 0) {
        long left = requestStarted + requestNanos - now;
        if (left <= 0) {
          requestStarted = 0;
          timedOut(ctx);
          return;
        }
        arm(ctx, left);
        return;
      }
      long idleLeft = lastActive + idleNanos - now;
      // A connection waiting for a deferred answer (a long poll) is busy, not idle.
      if (idleLeft <= 0 && ctx.channel().attr(HttpHandler.BEHIND).get() == null) {
        ctx.close();
        return;
      }
      arm(ctx, idleLeft <= 0 ? idleNanos : idleLeft);
    }

    private final class BeforeCodec extends ChannelDuplexHandler {
      @Override
      public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > limits.maxConnections()) {
          LOG.warn("{} connections open, the limit; closing a new one", limits.maxConnections());
          ctx.close();
          return;
        }
        lastActive = System.nanoTime();
        arm(ctx, Math.min(idleNanos, requestNanos));
        super.channelActive(ctx);
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        long now = System.nanoTime();
        lastActive = now;
        if (requestStarted == 0 && msg instanceof ByteBuf bytes && bytes.isReadable()) {
          requestStarted = now;
          if (timer == null || timer.getDelay(TimeUnit.NANOSECONDS) > requestNanos) {
            // Only when the timer would fire after this request's deadline (an idle timeout
            // longer than the request timeout): otherwise it fires first and looks again.
            if (timer != null) {
              timer.cancel(false);
            }
            arm(ctx, requestNanos);
          }
        }
        super.channelRead(ctx, msg);
      }

      @Override
      public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise)
          throws Exception {
        lastActive = System.nanoTime();
        super.write(ctx, msg, promise);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        if (timer != null) {
          timer.cancel(false);
          timer = null;
        }
        super.channelInactive(ctx);
      }
    }

    private final class AfterCodec extends ChannelInboundHandlerAdapter {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof LastHttpContent
            || (msg instanceof HttpObject o && !o.decoderResult().isSuccess())) {
          requestStarted = 0;
        }
        super.channelRead(ctx, msg);
      }
    }
  }

  /** The request did not arrive whole in time: 408 RequestTimeoutException, and the connection closes. */
  private void timedOut(ChannelHandlerContext ctx) {
    JsonProtocol.Response r = JsonProtocol.error(errors, new AwsException(CommonError.REQUEST_TIMEOUT, TIMED_OUT),
        ctx.alloc());
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.REQUEST_TIMEOUT, r.body());
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().readableBytes());
    response.headers().set(HttpHeaderNames.CONNECTION, "close");
    response.headers().set(AwsHeaders.REQUEST_ID, RequestIds.next());
    // From the tail of the pipeline, so that the HTTP encoder (after this handler) writes it.
    ctx.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
