package dev.streambed.lambda.runtime;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A Java function run inside Streambed's JVM: the fast mode, for tests that call their functions
 * many times. The environment is a worker thread and a {@link FunctionClassLoader} of its own; the
 * worker loads the handler (the init phase) and then runs one invocation at a time, as the
 * runtime's single thread does on AWS. What the function's threads print and log is routed to
 * its invocation ({@link ThreadOutput}).
 *
 * <p>Limits of sharing a JVM: the function sees the JVM's environment variables and system
 * properties, not its configuration's; {@code System.exit} ends Streambed; and a handler past
 * its timeout is interrupted and its environment dropped, but a thread that ignores interrupts
 * cannot be stopped.
 */
final class InProcessEnvironment implements Environment, ThreadOutput.Target {
  private final RuntimeSpec spec;
  /** Times the lines, as CloudWatch Logs reads them. */
  private final java.time.Clock clock;
  private final String logStream;
  private final FunctionClassLoader loader;
  private final Thread worker;
  private final LinkedBlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
  private final long startedNanos = System.nanoTime();
  private volatile long initDoneNanos;
  private volatile boolean dead;
  private final List<Outcome.Line> initLines = new ArrayList<>();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private Invocation current;
  private final LambdaLogger logger = new LambdaLogger() {
    @Override
    public void log(String message) {
      InProcessEnvironment.this.log(message);
    }

    @Override
    public void log(byte[] message) {
      InProcessEnvironment.this.log(new String(message, StandardCharsets.UTF_8));
    }

    // As AWS's runtime writes a level in text format: "[INFO] message".
    @Override
    public void log(String message, LogLevel level) {
      log(level == LogLevel.UNDEFINED ? message : "[" + level + "] " + message);
    }
  };

  InProcessEnvironment(RuntimeSpec spec, String logStream, java.time.Clock clock) {
    this.spec = spec;
    this.clock = clock;
    this.logStream = logStream;
    this.loader = new FunctionClassLoader(spec.code());
    this.worker = new Thread(this::run, "lambda-in-process-" + spec.functionName());
    worker.setDaemon(true);
    worker.setContextClassLoader(loader);
  }

  void start() {
    ThreadOutput.install();
    worker.start();
  }

  @Override
  public String logStream() {
    return logStream;
  }

  @Override
  public boolean alive() {
    return !dead && worker.isAlive();
  }

  @Override
  public double initDurationMs() {
    return initDoneNanos == 0 ? 0 : (initDoneNanos - startedNanos) / 1_000_000.0;
  }

  @Override
  public Invocation invoke(String requestId, byte[] payload, long deadlineMillis, String functionArn,
      String clientContext) {
    Invocation p = new Invocation(requestId, payload, deadlineMillis, functionArn, clientContext);
    synchronized (this) {
      if (dead) {
        p.fail(exitError(requestId));
        p.done.complete(p);
        return p;
      }
      current = p;
      p.lines.addAll(initLines);
      initLines.clear();
    }
    queue.add(p);
    return p;
  }

  private void run() {
    ThreadOutput.bind(this);
    JavaHandler handler = null;
    JavaFault initFault = null;
    try {
      handler = JavaHandler.load(spec.handler(), loader);
    } catch (JavaFault f) {
      log(f.logMessage());
      initFault = f;
    } catch (Throwable t) {
      // Loading runs the handler class's static initializers: any failure there, Errors included
      // (ExceptionInInitializerError, NoClassDefFoundError), is the function's init error, as on AWS.
      initFault = JavaFault.init(t);
      log(initFault.logMessage());
    }
    initDoneNanos = System.nanoTime();
    while (!dead) {
      Invocation p;
      try {
        p = queue.take();
      } catch (InterruptedException e) {
        break;
      }
      synchronized (this) {
        p.delivered = true;
        p.deliveredNanos = System.nanoTime();
        p.taken.complete(null);
        p.initLineCount = p.lines.size();
      }
      if (initFault != null) {
        // As AWS's runtime: the init error answers the invocation, and the environment ends.
        finish(p, initFault.payload(), true);
        dead = true;
        break;
      }
      byte[] response;
      boolean error = false;
      try {
        response = handler.call(p.payload, new FunctionContext(spec, logStream, p,
            ProcessEnvironment.traceId(), logger));
      } catch (JavaFault f) {
        response = f.payload();
        error = true;
        log(f.logMessage());
      }
      // AWS's runtime clears an interrupt the handler left behind.
      Thread.interrupted();
      finish(p, response, error);
    }
    closeLoader();
  }

  private void finish(Invocation p, byte[] response, boolean error) {
    synchronized (this) {
      flushPartial();
      p.answered = true;
      p.response = response;
      p.error = error;
      if (current == p) {
        current = null;
      }
    }
    p.done.complete(p);
  }

  @Override
  public void kill() {
    dead = true;
    worker.interrupt();
    if (!worker.isAlive()) {
      closeLoader();
    }
  }

  private void closeLoader() {
    try {
      loader.close();
    } catch (IOException e) {
      // The jars stay open until collected.
    }
  }

  /** Streambed's own peak resident size: the function's share of it cannot be told apart. */
  @Override
  public long maxMemoryMb() {
    return ProcessEnvironment.ownPeakResidentMb();
  }

  @Override
  public boolean open() {
    return !dead;
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        line(partial.toString(StandardCharsets.UTF_8));
        partial.reset();
      } else {
        partial.write(b[i]);
      }
    }
  }

  @Override
  public synchronized void log(String message) {
    flushPartial();
    String text = message == null ? "null" : message;
    line(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
  }

  private void flushPartial() {
    if (partial.size() > 0) {
      line(partial.toString(StandardCharsets.UTF_8));
      partial.reset();
    }
  }

  private void line(String text) {
    Outcome.Line l = new Outcome.Line(clock.millis(), text.endsWith("\r")
        ? text.substring(0, text.length() - 1) : text);
    if (current != null) {
      current.lines.add(l);
    } else {
      initLines.add(l);
    }
  }

  private static byte[] exitError(String requestId) {
    return ("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: " + requestId
        + " Error: Runtime exited without providing a reason\"}").getBytes(StandardCharsets.UTF_8);
  }
}
