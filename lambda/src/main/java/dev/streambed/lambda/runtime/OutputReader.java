package dev.streambed.lambda.runtime;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Splits what a runtime process writes into log lines, as Lambda does: text is one line per
 * newline; a frame of AWS's telemetry log protocol (magic {@code a5 5a 00 flags}, length, time in
 * microseconds, message; big-endian, written by AWS's Java runtime interface client for each
 * {@code LambdaLogger.log} call) is one line however many newlines it holds; and an end mark
 * ({@link #MARK} and a request id) says an invocation's output is complete.
 */
final class OutputReader {
  /** Ends an invocation's output: written by Streambed's bootstraps, or by Streambed itself. */
  static final String MARK = "\u0000streambed-done ";
  private static final int MAX_FRAME = 1024 * 1024;
  private static final Clock MACHINE = Clock.systemUTC();

  /** Where the lines go. */
  interface Sink {
    void line(long timestampMillis, String message);

    void mark(String requestId);
  }

  private OutputReader() {}

  /**
   * Reads to the end of the stream. Lines are timed by {@code clock} as they are read; a frame
   * keeps the runtime's own time unless the clock is not the machine's (a test's, moved by hand),
   * whose time the runtime cannot know.
   */
  static void read(InputStream raw, Clock clock, Sink sink) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == 0xa5) {
        in.mark(2);
        if (in.read() == 0x5a && in.read() == 0x00) {
          if (line.size() > 0) {
            emit(line, sink, clock);
          }
          frame(in, sink, clock);
          continue;
        }
        in.reset();
      }
      if (b == '\n') {
        emit(line, sink, clock);
      } else {
        line.write(b);
      }
    }
    if (line.size() > 0) {
      emit(line, sink, clock);
    }
  }

  private static void frame(DataInputStream in, Sink sink, Clock clock) throws IOException {
    in.readUnsignedByte(); // flags: level, format, timestamp present
    int length = in.readInt();
    long micros = in.readLong();
    if (length < 0 || length > MAX_FRAME) {
      throw new EOFException("a log frame of " + length + " bytes");
    }
    byte[] message = new byte[length];
    in.readFully(message);
    String text = new String(message, StandardCharsets.UTF_8);
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    sink.line(MACHINE.equals(clock) ? micros / 1000 : clock.millis(), text);
  }

  private static void emit(ByteArrayOutputStream line, Sink sink, Clock clock) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    int mark = text.indexOf(MARK);
    if (mark < 0) {
      // Lambda writes no event for an empty line (recorded in test_lambda_runtimes' test_multi_line_prints).
      if (!text.isEmpty()) {
        sink.line(clock.millis(), text);
      }
      return;
    }
    // A line the function left unfinished ends where the mark begins.
    if (mark > 0) {
      sink.line(clock.millis(), text.substring(0, mark));
    }
    sink.mark(text.substring(mark + MARK.length()));
  }
}
