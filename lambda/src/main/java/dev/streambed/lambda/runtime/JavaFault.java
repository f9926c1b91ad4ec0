package dev.streambed.lambda.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A failed Java invocation, reported as AWS's Java runtime reports it: the error payload
 * {@code {"errorMessage", "errorType", "stackTrace": [...]}} (a fault of the function's setup, such
 * as a missing class, has no stack trace), and one log event {@code MESSAGE: TYPE} followed by
 * the printed stack trace. Frames of Streambed's own invoker are cut from the trace, as AWS's
 * runtime cuts its own.
 */
final class JavaFault extends Exception {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String OWN_FRAMES = JavaFault.class.getPackageName() + ".";

  final String errorMessage;
  final String errorType;
  final Throwable thrown;
  /** A fault of the init phase: the environment cannot serve and is stopped after it. */
  final boolean fatal;
  /** Only a handler's own exception has its stack trace in the payload. */
  private final boolean traced;

  private JavaFault(String errorMessage, String errorType, Throwable thrown, boolean fatal, boolean traced) {
    super(errorMessage, null, false, false);
    this.errorMessage = errorMessage;
    this.errorType = errorType;
    this.thrown = thrown;
    this.fatal = fatal;
    this.traced = traced;
  }

  /** What the handler threw. */
  static JavaFault thrown(Throwable t) {
    trim(t, Collections.newSetFromMap(new IdentityHashMap<>()));
    return new JavaFault(message(t), t.getClass().getName(), t, false, true);
  }

  /** A fault of the function's setup, with the exception behind it (or none). */
  static JavaFault setup(String message, Throwable cause, boolean fatal) {
    if (cause != null) {
      trim(cause, Collections.newSetFromMap(new IdentityHashMap<>()));
    }
    return new JavaFault(message, cause == null ? null : cause.getClass().getName(), cause, fatal, false);
  }

  /** The handler's exception itself ended the init phase (a constructor that threw). */
  static JavaFault init(Throwable t) {
    trim(t, Collections.newSetFromMap(new IdentityHashMap<>()));
    return new JavaFault(message(t), t.getClass().getName(), t, true, false);
  }

  private static String message(Throwable t) {
    return t.getLocalizedMessage() == null ? t.getClass().getName() : t.getLocalizedMessage();
  }

  private static void trim(Throwable t, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    StackTraceElement[] trace = t.getStackTrace();
    for (int i = 0; i < trace.length; i++) {
      if (trace[i].getClassName().startsWith(OWN_FRAMES)) {
        t.setStackTrace(java.util.Arrays.copyOf(trace, i));
        break;
      }
    }
    trim(t.getCause(), seen);
    for (Throwable s : t.getSuppressed()) {
      trim(s, seen);
    }
  }

  /** The error payload the invocation answers with. */
  byte[] payload() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("errorMessage", errorMessage);
      if (errorType != null) {
        g.writeStringField("errorType", errorType);
      }
      if (traced) {
        g.writeArrayFieldStart("stackTrace");
        for (StackTraceElement e : thrown.getStackTrace()) {
          g.writeString(e.toString());
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The log event the runtime writes for it. */
  String logMessage() {
    if (thrown == null) {
      return errorMessage;
    }
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    return errorMessage + ": " + errorType + "\n" + trace;
  }
}
