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
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * An execution environment that is a process running a function's runtime, and the Runtime API
 * endpoint it talks to (a loopback port of its own, so every request is known to be this
 * environment's). It runs one invocation at a time.
 *
 * <p>An invocation is handed to the runtime when it asks for the next event, and finishes when
 * the runtime posted the response or error and its output up to then has been read, so that every
 * line the function printed is counted in its invocation. How that last point is known depends
 * on the runtime ({@link Marks}).
 */
final class ProcessEnvironment implements Environment {
  private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
  /** The largest response Lambda takes from a function (6 MB and 100 bytes, as its refusal says). */
  static final int MAX_RESPONSE = 6_291_556;
  /** What the Runtime API reads whole: more than a response may be, so the refusal can be answered. */
  private static final int MAX_RUNTIME_BODY = 32 * 1024 * 1024;
  private static final byte[] TOO_LARGE = ("{\"errorMessage\":\"Response payload size exceeded maximum allowed payload "
      + "size (" + MAX_RESPONSE + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}")
      .getBytes(StandardCharsets.UTF_8);
  /** How long an answered invocation waits for its end mark before it ends without it. */
  private static final long MARK_GRACE_MILLIS = 2000;

  /** How the end of an invocation's output is known. */
  enum Marks {
    /** Streambed's own bootstraps print the end mark after each answer. */
    BOOTSTRAP,
    /**
     * A runtime that cannot print it (AWS's Java runtime interface client, a custom bootstrap):
     * when the runtime, having answered, asks for its next event, Streambed writes the end mark
     * into the process's own output pipe (through {@code /proc/PID/fd/1}). Everything the runtime
     * wrote before that request (the handler's lines, and the error report the interface client
     * logs after posting an error) is in the pipe ahead of the mark, since a pipe keeps the order
     * of its writes; so the reader meets the mark exactly after the invocation's last line. This is
     * also where Lambda ends an invocation: when the runtime asks for the next one.
     */
    SERVER,
    /** Neither: the invocation ends when it is answered (where {@code /proc} is missing). */
    NONE
  }

  private final String logStream;
  final RuntimeSpec spec;
  private final Marks marks;
  private Channel server;
  private EventLoopGroup group;
  private Process process;
  private boolean canMark;
  /** The write end of the process's stdout, opened when first needed (see {@link #markPipe()}). */
  private OutputStream markPipe;
  private final long startedNanos = System.nanoTime();
  private volatile long initDoneNanos;
  private volatile boolean dead;
  /** The output of the init phase, until the first invocation takes it. */
  private final List<Outcome.Line> initLines = new ArrayList<>();
  private Invocation current;
  private ChannelHandlerContext waitingNext;
  private byte[] initError;
  private boolean exited;
  private boolean outputEnded;
  /** Times the lines, as CloudWatch Logs reads them. */
  private final java.time.Clock clock;

  ProcessEnvironment(RuntimeSpec spec, String logStream, Marks marks, java.time.Clock clock) {
    this.spec = spec;
    this.clock = clock;
    this.logStream = logStream;
    this.marks = marks;
  }

  @Override
  public String logStream() {
    return logStream;
  }

  /** Binds the Runtime API endpoint and starts the runtime's process. */
  void start(EventLoopGroup group, List<String> command, Map<String, String> variables) throws IOException {
    this.group = group;
    try {
      server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              // AWS's Java client sends the X-Ray cause of an error in a header of up to 1 MB.
              ch.pipeline().addLast(new HttpServerCodec(4096, 2 * 1024 * 1024, 8192),
                  new HttpObjectAggregator(MAX_RUNTIME_BODY), new Api());
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
    // Without /proc an invocation ends when it is answered (see Marks.NONE).
    synchronized (this) {
      canMark = marks == Marks.SERVER && Files.isDirectory(Path.of("/proc", Long.toString(process.pid()), "fd"));
    }
    Thread reader = new Thread(this::readOutput, "lambda-output-" + spec.functionName());
    reader.setDaemon(true);
    reader.start();
    process.onExit().thenRun(this::exited);
  }

  @Override
  public boolean alive() {
    return !dead && process != null && process.isAlive();
  }

  @Override
  public double initDurationMs() {
    return initDoneNanos == 0 ? 0 : (initDoneNanos - startedNanos) / 1_000_000.0;
  }

  private boolean awaitsMark() {
    return marks == Marks.BOOTSTRAP || canMark;
  }

  /**
   * The process's stdout, opened through {@code /proc} once the runtime has talked to the Runtime
   * API: only then is its descriptor 1 surely our pipe (a process just spawned may still hold its
   * parent's). Null when it is not a pipe (the runtime redirected it): then the invocation ends
   * after {@link #MARK_GRACE_MILLIS}. Called with the lock held.
   */
  private OutputStream markPipe() {
    if (markPipe == null && canMark) {
      canMark = false;
      Path fd = Path.of("/proc", Long.toString(process.pid()), "fd", "1");
      try {
        if (Files.readSymbolicLink(fd).toString().startsWith("pipe:")) {
          markPipe = new FileOutputStream(fd.toFile());
          canMark = true;
        }
      } catch (IOException | UnsupportedOperationException e) {
        // The process is gone, or /proc cannot tell: no mark.
      }
    }
    return markPipe;
  }

  @Override
  public Invocation invoke(String requestId, byte[] payload, long deadlineMillis, String functionArn,
      String clientContext) {
    Invocation p = new Invocation(requestId, payload, deadlineMillis, functionArn, clientContext);
    ChannelHandlerContext next;
    synchronized (this) {
      if (dead) {
        p.fail(exitError(requestId));
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
        p.deliveredNanos = System.nanoTime();
        p.taken.complete(null);
        p.initLineCount = p.lines.size();
      }
    }
    if (next != null) {
      deliver(next, p);
    }
    return p;
  }

  @Override
  public void kill() {
    dead = true;
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    if (server != null) {
      server.close();
    }
    closeMarkPipe();
  }

  private synchronized void closeMarkPipe() {
    canMark = false;
    if (markPipe != null) {
      try {
        markPipe.close();
      } catch (IOException e) {
        // Closing our end of a pipe whose process is gone.
      }
      markPipe = null;
    }
  }

  /** Peak resident memory of the process in MB (VmHWM), or 0 when unknown. */
  @Override
  public long maxMemoryMb() {
    return process == null ? 0 : peakResidentMb(process.pid());
  }

  /** Streambed's own peak resident size and when it was read: see {@link #ownPeakResidentMb}. */
  private record Peak(long readNanos, long mb) {}

  private static volatile Peak ownPeak;

  /**
   * Streambed's own peak resident size in MB, for functions run in its JVM. Reading /proc costs
   * more than a warm in-process invocation, so the value is read again only once a second; a
   * peak only grows, so the number reported is at most a second behind.
   */
  static long ownPeakResidentMb() {
    long now = System.nanoTime();
    Peak last = ownPeak;
    if (last != null && now - last.readNanos() < 1_000_000_000L) {
      return last.mb();
    }
    long mb = peakResidentMb(ProcessHandle.current().pid());
    ownPeak = new Peak(now, mb);
    return mb;
  }

  static long peakResidentMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
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

  private void deliver(ChannelHandlerContext ctx, Invocation p) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(p.payload));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, p.payload.length);
    r.headers().set("Lambda-Runtime-Aws-Request-Id", p.requestId);
    r.headers().set("Lambda-Runtime-Deadline-Ms", Long.toString(p.deadlineMillis));
    r.headers().set("Lambda-Runtime-Invoked-Function-Arn", p.functionArn);
    r.headers().set("Lambda-Runtime-Trace-Id", traceId());
    if (p.clientContext != null) {
      // Invoke takes the client context in base64; runtimes get its JSON.
      try {
        r.headers().set("Lambda-Runtime-Client-Context",
            new String(java.util.Base64.getDecoder().decode(p.clientContext), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // no client context a runtime could read
      }
    }
    ctx.writeAndFlush(r);
  }

  /** An X-Ray trace header as Lambda passes it: {@code Root=1-TIME-24HEX;Parent=16HEX;Sampled=0}. */
  static String traceId() {
    return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
        + HexFormat.of().formatHex(randomBytes(12)) + ";Parent=" + HexFormat.of().formatHex(randomBytes(8))
        + ";Sampled=0";
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  private void readOutput() {
    try {
      OutputReader.read(process.getInputStream(), clock, new OutputReader.Sink() {
        @Override
        public void line(long timestamp, String message) {
          synchronized (ProcessEnvironment.this) {
            if (current != null) {
              current.lines.add(new Outcome.Line(timestamp, message));
            } else {
              initLines.add(new Outcome.Line(timestamp, message));
            }
          }
        }

        @Override
        public void mark(String requestId) {
          Invocation finished = null;
          synchronized (ProcessEnvironment.this) {
            if (current != null && requestId.equals(current.requestId)) {
              current.marked = true;
              if (current.answered) {
                finished = current;
                current = null;
              }
            }
          }
          if (finished != null) {
            finished.done.complete(finished);
          }
        }
      });
    } catch (IOException e) {
      // The process ended; exited() reports it.
    }
    synchronized (this) {
      outputEnded = true;
    }
    finishIfGone();
  }

  private void exited() {
    synchronized (this) {
      dead = true;
      exited = true;
    }
    if (server != null) {
      server.close();
    }
    closeMarkPipe();
    // The output normally ends with the process; a child that keeps the pipe open must not hold
    // the invocation until its timeout.
    try {
      group.schedule(() -> {
        synchronized (this) {
          outputEnded = true;
        }
        finishIfGone();
      }, MARK_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // Streambed is closing: nobody waits for the output any more.
    }
    finishIfGone();
  }

  /** Once the process exited and its output is read, ends the invocation it left. */
  private void finishIfGone() {
    Invocation failed;
    synchronized (this) {
      if (!exited || !outputEnded || current == null) {
        return;
      }
      failed = current;
      current = null;
      failed.fail(initError != null && !failed.delivered ? initError : exitError(failed.requestId));
    }
    failed.done.complete(failed);
  }

  private byte[] exitError(String requestId) {
    int status = process == null || process.isAlive() ? -1 : process.exitValue();
    String reason = status > 0 ? "Runtime exited with error: exit status " + status
        : "Runtime exited without providing a reason";
    return ("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: " + requestId + " Error: "
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
        synchronized (ProcessEnvironment.this) {
          initError = ByteBufUtil.getBytes(request.content());
        }
        reply(ctx, HttpResponseStatus.ACCEPTED, ACCEPTED);
      } else if (request.method() == HttpMethod.POST && rest.startsWith("invocation/")
          && (rest.endsWith("/response") || rest.endsWith("/error"))) {
        boolean error = rest.endsWith("/error");
        String id = rest.substring("invocation/".length(), rest.lastIndexOf('/'));
        if (!error && request.content().readableBytes() > MAX_RESPONSE) {
          // Lambda refuses the response and fails the invocation, and the runtime goes on.
          answer(ctx, id, TOO_LARGE, true);
          reply(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ("{\"errorMessage\":\"Exceeded maximum allowed "
              + "payload size (" + MAX_RESPONSE + " bytes).\",\"errorType\":\"RequestEntityTooLarge\"}")
              .getBytes(StandardCharsets.UTF_8));
          return;
        }
        answer(ctx, id, ByteBufUtil.getBytes(request.content()), error);
        reply(ctx, HttpResponseStatus.ACCEPTED, ACCEPTED);
      } else {
        reply(ctx, HttpResponseStatus.NOT_FOUND, "{\"errorMessage\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
      }
    }

    private void next(ChannelHandlerContext ctx) {
      Invocation p;
      OutputStream pipe = null;
      String finishedId = null;
      boolean deliverNow = false;
      synchronized (ProcessEnvironment.this) {
        if (initDoneNanos == 0) {
          initDoneNanos = System.nanoTime();
        }
        p = current;
        if (p != null && p.answered && canMark) {
          pipe = markPipe();
          finishedId = p.requestId;
        }
        if (p == null || p.delivered) {
          waitingNext = ctx;
        } else {
          p.delivered = true;
          p.deliveredNanos = System.nanoTime();
          p.taken.complete(null);
          p.initLineCount = p.lines.size();
          deliverNow = true;
        }
      }
      if (pipe != null) {
        // Outside the lock: a full pipe waits for the reader, which takes the lock for each line.
        writeMark(pipe, finishedId);
      }
      if (deliverNow) {
        deliver(ctx, p);
      }
    }

    private void writeMark(OutputStream pipe, String requestId) {
      try {
        pipe.write((OutputReader.MARK + requestId + "\n").getBytes(StandardCharsets.UTF_8));
        pipe.flush();
      } catch (IOException e) {
        // The process is gone: exited() ends the invocation.
      }
    }

    private void answer(ChannelHandlerContext ctx, String requestId, byte[] body, boolean error) {
      Invocation finished = null;
      synchronized (ProcessEnvironment.this) {
        Invocation p = current;
        if (p == null || !p.requestId.equals(requestId) || p.answered) {
          return;
        }
        p.answered = true;
        p.response = body;
        p.error = error;
        if (p.marked || !awaitsMark()) {
          finished = p;
          current = null;
        }
      }
      if (finished != null) {
        finished.done.complete(finished);
        return;
      }
      // A runtime that answers but never asks for more, or whose mark is lost, ends here.
      ctx.executor().schedule(() -> endWithoutMark(requestId), MARK_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void endWithoutMark(String requestId) {
      Invocation finished = null;
      synchronized (ProcessEnvironment.this) {
        if (current != null && current.requestId.equals(requestId) && current.answered) {
          finished = current;
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
