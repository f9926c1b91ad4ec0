package dev.streambed.lambda.runtime;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One execution environment: a process running a function's runtime, and the Runtime API
 * endpoint it talks to (a loopback port of its own, so every request is known to be this
 * environment's). It runs one invocation at a time.
 *
 * <p>An invocation is handed to the runtime when it asks for the next event, and finishes when
 * the runtime posts the response or error and, for Streambed's own bootstraps, has also written
 * its end mark to the output, so every line the function printed is counted in its invocation.
 */
final class Environment {
  static final String MARK = "\u0000streambed-done ";
  private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

  final String logStream;
  final RuntimeSpec spec;
  private final boolean marksItsOutput;
  private Channel server;
  private Process process;
  private final long startedNanos = System.nanoTime();
  private volatile long initDoneNanos;
  private volatile boolean dead;
  /** The output of the init phase, until the first invocation takes it. */
  private final List<Outcome.Line> initLines = new ArrayList<>();
  private Pending current;
  private ChannelHandlerContext waitingNext;
  private byte[] initError;
  long lastUsedMillis = System.currentTimeMillis();

  /** An invocation in this environment. */
  static final class Pending {
    final String requestId;
    final byte[] payload;
    final long deadlineMillis;
    final String functionArn;
    final String clientContext;
    final List<Outcome.Line> lines = new ArrayList<>();
    final CompletableFuture<Pending> done = new CompletableFuture<>();
    boolean delivered;
    /** How many lines came before the runtime took the event: the init phase's output. */
    int initLineCount;
    boolean answered;
    boolean marked;
    byte[] response;
    boolean error;

    Pending(String requestId, byte[] payload, long deadlineMillis, String functionArn, String clientContext) {
      this.requestId = requestId;
      this.payload = payload;
      this.deadlineMillis = deadlineMillis;
      this.functionArn = functionArn;
      this.clientContext = clientContext;
    }
  }

  Environment(RuntimeSpec spec, String logStream, boolean marksItsOutput) {
    this.spec = spec;
    this.logStream = logStream;
    this.marksItsOutput = marksItsOutput;
  }

  /** Binds the Runtime API endpoint and starts the runtime's process. */
  void start(EventLoopGroup group, List<String> command, Map<String, String> variables) throws IOException {
    try {
      server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(7 * 1024 * 1024),
                  new Api());
            }
          })
          .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding the Runtime API", e);
    }
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    ProcessBuilder pb = new ProcessBuilder(command).directory(spec.code().toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    pb.environment().putAll(variables);
    pb.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + port);
    pb.environment().put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
    try {
      process = pb.start();
    } catch (IOException e) {
      server.close();
      throw e;
    }
    Thread reader = new Thread(this::readOutput, "lambda-output-" + spec.functionName());
    reader.setDaemon(true);
    reader.start();
    process.onExit().thenRun(this::exited);
  }

  boolean alive() {
    return !dead && process != null && process.isAlive();
  }

  boolean cold() {
    return initDoneNanos == 0;
  }

  /** When the runtime finished its init and asked for its first invocation (System.nanoTime), or 0. */
  long initDoneNanos() {
    return initDoneNanos;
  }

  double initDurationMs() {
    return initDoneNanos == 0 ? 0 : (initDoneNanos - startedNanos) / 1_000_000.0;
  }

  /** Hands an invocation to the runtime (now if it is waiting for one, else at its next request). */
  Pending invoke(String requestId, byte[] payload, long deadlineMillis, String functionArn, String clientContext) {
    Pending p = new Pending(requestId, payload, deadlineMillis, functionArn, clientContext);
    ChannelHandlerContext next;
    synchronized (this) {
      if (dead) {
        p.error = true;
        p.response = exitError();
        p.done.complete(p);
        return p;
      }
      current = p;
      p.lines.addAll(initLines);
      initLines.clear();
      next = waitingNext;
      waitingNext = null;
      if (next != null) {
        p.delivered = true;
        p.initLineCount = p.lines.size();
      }
    }
    if (next != null) {
      deliver(next, p);
    }
    return p;
  }

  /** Ends the invocation in progress (after a timeout, say) and stops the environment. */
  void kill() {
    dead = true;
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Peak resident memory of the process in MB (VmHWM), or 0 when unknown. */
  long maxMemoryMb() {
    if (process == null) {
      return 0;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return Math.max(1, Math.round(kb / 1024.0));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process is gone or /proc is not there: no number to report.
    }
    return 0;
  }

  private void deliver(ChannelHandlerContext ctx, Pending p) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(p.payload));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, p.payload.length);
    r.headers().set("Lambda-Runtime-Aws-Request-Id", p.requestId);
    r.headers().set("Lambda-Runtime-Deadline-Ms", Long.toString(p.deadlineMillis));
    r.headers().set("Lambda-Runtime-Invoked-Function-Arn", p.functionArn);
    r.headers().set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
        + "-" + HexFormat.of().formatHex(randomBytes(12)) + ";Parent=" + HexFormat.of().formatHex(randomBytes(8))
        + ";Sampled=0");
    if (p.clientContext != null) {
      r.headers().set("Lambda-Runtime-Client-Context", p.clientContext);
    }
    ctx.writeAndFlush(r);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        long now = System.currentTimeMillis();
        Pending finished = null;
        synchronized (this) {
          if (line.startsWith(MARK)) {
            if (current != null && line.substring(MARK.length()).equals(current.requestId)) {
              current.marked = true;
              if (current.answered) {
                finished = current;
                current = null;
              }
            }
          } else if (current != null) {
            current.lines.add(new Outcome.Line(now, line));
          } else {
            initLines.add(new Outcome.Line(now, line));
          }
        }
        if (finished != null) {
          finished.done.complete(finished);
        }
      }
    } catch (IOException e) {
      // The process ended; exited() reports it.
    }
  }

  private void exited() {
    Pending failed;
    synchronized (this) {
      dead = true;
      failed = current;
      current = null;
      if (failed != null) {
        failed.error = true;
        failed.response = initError != null ? initError : exitError();
      }
    }
    if (server != null) {
      server.close();
    }
    if (failed != null) {
      failed.done.complete(failed);
    }
  }

  private byte[] exitError() {
    int status = process == null || process.isAlive() ? -1 : process.exitValue();
    String reason = status > 0 ? "Runtime exited with error: exit status " + status
        : "Runtime exited without providing a reason";
    String id = current == null ? "" : current.requestId;
    return ("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: " + id + " Error: "
        + reason + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /** The Runtime API, as this environment's process sees it. */
  private final class Api extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String path = request.uri();
      int q = path.indexOf('?');
      if (q >= 0) {
        path = path.substring(0, q);
      }
      String prefix = "/2018-06-01/runtime/";
      if (!path.startsWith(prefix)) {
        reply(ctx, HttpResponseStatus.NOT_FOUND, "{\"errorMessage\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String rest = path.substring(prefix.length());
      if (request.method() == HttpMethod.GET && rest.equals("invocation/next")) {
        next(ctx);
      } else if (request.method() == HttpMethod.POST && rest.equals("init/error")) {
        synchronized (Environment.this) {
          initError = ByteBufUtil.getBytes(request.content());
        }
        reply(ctx, HttpResponseStatus.ACCEPTED, ACCEPTED);
      } else if (request.method() == HttpMethod.POST && rest.startsWith("invocation/")
          && (rest.endsWith("/response") || rest.endsWith("/error"))) {
        boolean error = rest.endsWith("/error");
        String id = rest.substring("invocation/".length(), rest.lastIndexOf('/'));
        answer(id, ByteBufUtil.getBytes(request.content()), error);
        reply(ctx, HttpResponseStatus.ACCEPTED, ACCEPTED);
      } else {
        reply(ctx, HttpResponseStatus.NOT_FOUND, "{\"errorMessage\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
      }
    }

    private void next(ChannelHandlerContext ctx) {
      Pending p;
      synchronized (Environment.this) {
        if (initDoneNanos == 0) {
          initDoneNanos = System.nanoTime();
        }
        p = current;
        if (p == null || p.delivered) {
          waitingNext = ctx;
          return;
        }
        p.delivered = true;
        p.initLineCount = p.lines.size();
      }
      deliver(ctx, p);
    }

    private void answer(String requestId, byte[] body, boolean error) {
      Pending finished = null;
      synchronized (Environment.this) {
        Pending p = current;
        if (p == null || !p.requestId.equals(requestId) || p.answered) {
          return;
        }
        p.answered = true;
        p.response = body;
        p.error = error;
        if (p.marked || !marksItsOutput) {
          finished = p;
          current = null;
        }
      }
      if (finished != null) {
        finished.done.complete(finished);
      }
    }

    private void reply(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body) {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }
  }
}
