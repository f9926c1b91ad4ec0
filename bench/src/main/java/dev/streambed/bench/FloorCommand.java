package dev.streambed.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A server that does no work: it answers every request with the same small JSON body, so that
 * {@code http --skip-setup --server-pid} against it measures what serving a request costs on this
 * machine before any DynamoDB work, the floor under any server's CPU per operation.
 */
@Command(
    name = "floor",
    mixinStandardHelpOptions = true,
    description = "Serve a fixed 200 response to every request on Netty's epoll transport, to "
        + "measure the cost of a request itself (run `http --skip-setup --server-pid` against it).")
final class FloorCommand implements Callable<Integer> {
  /** What the server does with a request before answering it. */
  enum Kind {
    /** Netty's HTTP codec and aggregator, the request read whole as a FullHttpRequest. */
    HTTP,
    /** No HTTP parsing: one response for each request's end found in the bytes read. */
    BYTES
  }

  @Option(names = "--port", defaultValue = "0", description = "port to listen on (0: a free one)")
  int port;

  @Option(names = "--kind", defaultValue = "http", description = "http or bytes (default ${DEFAULT-VALUE})")
  Kind kind;

  @Option(names = "--threads", defaultValue = "0", description = "event loops (0: Netty's default)")
  int threads;

  /** About a GetItem's answer of a 200-byte item. */
  private static final byte[] BODY = ("{\"Item\":{\"pk\":{\"S\":\"get-1\"},\"sk\":{\"S\":\"sk\"},\"data\":{\"S\":\""
      + "x".repeat(180) + "\"}}}").getBytes(StandardCharsets.UTF_8);

  @Override
  public Integer call() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
    try {
      ChannelHandler answer = kind == Kind.HTTP ? new HttpAnswer() : null;
      Channel bound = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              if (kind == Kind.HTTP) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), answer);
              } else {
                ch.pipeline().addLast(new BytesAnswer());
              }
            }
          }).bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
      System.out.println("Floor (" + kind.name().toLowerCase() + ") ready on http://127.0.0.1:"
          + ((InetSocketAddress) bound.localAddress()).getPort() + " pid " + ProcessHandle.current().pid());
      bound.closeFuture().sync();
      return 0;
    } finally {
      group.shutdownGracefully();
    }
  }

  @ChannelHandler.Sharable
  private static final class HttpAnswer extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
          Unpooled.wrappedBuffer(BODY));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0");
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
      ctx.writeAndFlush(response);
    }
  }

  /**
   * Finds each request's end (its head's blank line, then Content-Length bytes) with a byte-wise
   * state machine and answers it with pre-built bytes: what a request costs with no HTTP library.
   */
  private static final class BytesAnswer extends ChannelInboundHandlerAdapter {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
        + "Content-Length: " + BODY.length + "\r\n\r\n" + new String(BODY, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
    private static final byte[] NAME = "content-length:".getBytes(StandardCharsets.US_ASCII);
    /** Position in the current head line: how much of NAME it matched, or -1 once it cannot. */
    private int matched;
    /** Whether the last bytes were CR LF (a line's end), and CR LF CR. */
    private int ending;
    private boolean inLength;
    private long length;
    private long bodyLeft = -1;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      int answers = 0;
      try {
        while (in.isReadable()) {
          if (bodyLeft > 0) {
            int n = (int) Math.min(bodyLeft, in.readableBytes());
            in.skipBytes(n);
            bodyLeft -= n;
          } else if (head(in.readByte())) {
            bodyLeft = length;
            length = 0;
          }
          if (bodyLeft == 0) {
            answers++;
            bodyLeft = -1;
          }
        }
      } finally {
        in.release();
      }
      if (answers > 0) {
        ByteBuf out = ctx.alloc().buffer(RESPONSE.length * answers);
        for (int i = 0; i < answers; i++) {
          out.writeBytes(RESPONSE);
        }
        ctx.writeAndFlush(out);
      }
    }

    /** Takes one byte of a request's head; true at its end. */
    private boolean head(byte b) {
      if (b == '\r') {
        ending = ending == 2 ? 3 : 1;
        inLength = false;
        return false;
      }
      if (b == '\n') {
        boolean end = ending == 3;
        ending = 2;
        matched = 0;
        return end;
      }
      ending = 0;
      if (inLength) {
        if (b >= '0' && b <= '9') {
          length = length * 10 + (b - '0');
        }
      } else if (matched >= 0 && matched < NAME.length) {
        matched = (b | 0x20) == NAME[matched] || b == NAME[matched] ? matched + 1 : -1;
        inLength = matched == NAME.length;
      }
      return false;
    }
  }
}
