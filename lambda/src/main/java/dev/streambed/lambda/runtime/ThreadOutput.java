package dev.streambed.lambda.runtime;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * Routes what in-process functions print to their invocations. {@code System.out} and
 * {@code System.err} are one per JVM, so once an in-process function exists they become streams
 * that send the bytes written by a function's threads (its worker, and the threads those create,
 * which inherit it) to that function's environment, and everything else on to where it went
 * before. {@code LambdaRuntime.getLogger()} is routed the same way.
 */
final class ThreadOutput {
  /** Where a function's threads write: its environment. */
  interface Target {
    /** Whether the target still takes output; a stopped one lets it through. */
    boolean open();

    void write(byte[] b, int off, int len);

    /** One {@code LambdaLogger} message: one log event, as AWS's runtime frames it. */
    void log(String message);
  }

  private static final InheritableThreadLocal<Target> TARGET = new InheritableThreadLocal<>();
  private static boolean installed;

  private ThreadOutput() {}

  /** Installs the routing streams, once. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    System.setOut(new PrintStream(new Router(System.out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Router(System.err), true, StandardCharsets.UTF_8));
    LambdaLogger fallback = LambdaRuntime.getLogger();
    LambdaLogger routed = new LambdaLogger() {
      @Override
      public void log(String message) {
        Target t = current();
        if (t != null) {
          t.log(message);
        } else {
          fallback.log(message);
        }
      }

      @Override
      public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
      }
    };
    try {
      // AWS's runtime client sets this field the same way: it has no setter.
      Field f = LambdaRuntime.class.getDeclaredField("logger");
      f.setAccessible(true);
      f.set(null, routed);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // LambdaRuntime.getLogger() keeps printing to System.out, which is routed anyway.
    }
    installed = true;
  }

  /** The calling thread, and the threads it creates, write to {@code target} from now on. */
  static void bind(Target target) {
    TARGET.set(target);
  }

  static Target current() {
    Target t = TARGET.get();
    return t != null && t.open() ? t : null;
  }

  private static final class Router extends OutputStream {
    private final PrintStream next;

    Router(PrintStream next) {
      this.next = next;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      Target t = current();
      if (t != null) {
        t.write(b, off, len);
      } else {
        next.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      next.flush();
    }
  }
}
