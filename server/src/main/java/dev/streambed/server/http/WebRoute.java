package dev.streambed.server.http;

import dev.streambed.kernel.protocol.WebRequest;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.kernel.protocol.WebSite;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The route to the {@link WebSite}s (the console): a request under a site's prefix becomes a
 * plain {@link WebRequest}, and its answer, a whole body or a stream of server-sent events, is
 * written back to the connection.
 */
final class WebRoute {
  private WebRoute() {}

  /** The site whose prefix the request's path is under, or null. */
  static WebSite site(List<WebSite> sites, String uri) {
    String path = null;
    for (WebSite s : sites) {
      String p = s.prefix();
      // Most requests are the AWS services' (path "/"): they are told apart without decoding.
      if (!uri.startsWith(p)) {
        continue;
      }
      if (path == null) {
        path = new QueryStringDecoder(uri).rawPath();
      }
      if (path.equals(p) || (path.startsWith(p) && path.length() > p.length() && path.charAt(p.length()) == '/')) {
        return s;
      }
    }
    return null;
  }

  static WebRequest request(FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    Map<String, String> headers = new HashMap<>();
    request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
    return new WebRequest(request.method().name(), uri.path(), uri.parameters(), headers,
        ByteBufUtil.getBytes(request.content()));
  }

  /** Writes a whole answer. */
  static void write(Channel channel, WebResponse response, boolean keepAlive) {
    FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
    HttpHeaders h = http.headers();
    headers(h, response);
    h.set(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
    if (keepAlive) {
      channel.writeAndFlush(http, channel.voidPromise());
    } else {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      channel.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Writes the headers of an event stream and opens it. The connection then carries nothing but
   * the stream's frames, as chunks, until the stream or the client ends it.
   */
  static void stream(Channel channel, WebResponse response) {
    HttpResponse http = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
    headers(http.headers(), response);
    http.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    http.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    channel.writeAndFlush(http);
    response.events().open(new ChannelSink(channel));
  }

  private static void headers(HttpHeaders h, WebResponse response) {
    h.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    for (Map.Entry<String, String> e : response.headers().entrySet()) {
      h.set(e.getKey(), e.getValue());
    }
  }

  /** An event stream on one connection; usable from any thread, as Netty's writes are. */
  private static final class ChannelSink implements WebResponse.EventSink {
    private final Channel channel;
    private final AtomicBoolean ended = new AtomicBoolean();

    ChannelSink(Channel channel) {
      this.channel = channel;
    }

    @Override
    public boolean send(String frame) {
      if (ended.get() || !channel.isActive()) {
        return false;
      }
      if (!channel.isWritable()) {
        // A reader that cannot keep up is cut off; an EventSource reconnects and reloads.
        close();
        return false;
      }
      channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8)),
          channel.voidPromise());
      return true;
    }

    @Override
    public void onClose(Runnable action) {
      channel.closeFuture().addListener(f -> action.run());
    }

    @Override
    public void close() {
      if (ended.compareAndSet(false, true) && channel.isActive()) {
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
      }
    }
  }
}
