package dev.streambed.bench.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses one HTTP/1.1 response at a time from bytes as they arrive, with a Content-Length or a
 * chunked body. It keeps the status and, only when it is not 200, the start of the body, so that
 * a successful response costs no copying.
 */
public final class HttpResponseReader {
  private static final int MAX_HEAD = 64 * 1024;
  private static final int KEPT_ERROR_BODY = 512;

  private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, DONE }

  private final int keptSuccessBody;
  private State state = State.HEAD;
  private final StringBuilder line = new StringBuilder();
  private final StringBuilder keptBody = new StringBuilder();
  private int status;
  private long remaining;
  private boolean chunked;
  private boolean close;

  /** A reader that keeps no body of successful responses, as a load generator wants. */
  public HttpResponseReader() {
    this(0);
  }

  /** A reader that keeps up to {@code keptSuccessBody} bytes of a 200 response's body too. */
  public HttpResponseReader(int keptSuccessBody) {
    this.keptSuccessBody = keptSuccessBody;
  }

  /** Forgets the last response, ready for the next one on the same connection. */
  public void reset() {
    state = State.HEAD;
    line.setLength(0);
    keptBody.setLength(0);
    status = 0;
    remaining = 0;
    chunked = false;
    close = false;
  }

  /**
   * Consumes bytes from {@code in} up to the end of the current response.
   *
   * @return true once the response is complete; bytes after it stay in {@code in}
   */
  public boolean feed(ByteBuffer in) {
    while (in.hasRemaining() && state != State.DONE) {
      switch (state) {
        case HEAD, CHUNK_SIZE, CHUNK_END, TRAILER -> readLine(in);
        case BODY, CHUNK_DATA -> readBody(in);
        default -> throw new IllegalStateException(state.name());
      }
    }
    return state == State.DONE;
  }

  public int status() {
    return status;
  }

  /** Whether the server said it will close the connection after this response. */
  public boolean closesConnection() {
    return close;
  }

  /**
   * The start of the body: of any response that was not 200 (for error messages), and of a 200
   * response as far as this reader was asked to keep it.
   */
  public String body() {
    return keptBody.toString();
  }

  private void readLine(ByteBuffer in) {
    while (in.hasRemaining()) {
      char c = (char) (in.get() & 0xff);
      if (c == '\n') {
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r'
            ? line.length() - 1 : line.length();
        String text = line.substring(0, end);
        line.setLength(0);
        onLine(text);
        return;
      }
      line.append(c);
      if (line.length() > MAX_HEAD) {
        throw new IllegalStateException("response line longer than " + MAX_HEAD + " bytes");
      }
    }
  }

  private void onLine(String text) {
    switch (state) {
      case HEAD -> {
        if (status == 0) {
          status = parseStatus(text);
        } else if (!text.isEmpty()) {
          header(text);
        } else {
          state = chunked ? State.CHUNK_SIZE : remaining > 0 ? State.BODY : State.DONE;
        }
      }
      case CHUNK_SIZE -> {
        int semi = text.indexOf(';');
        remaining = Long.parseLong((semi < 0 ? text : text.substring(0, semi)).trim(), 16);
        state = remaining == 0 ? State.TRAILER : State.CHUNK_DATA;
      }
      case CHUNK_END -> state = State.CHUNK_SIZE;
      case TRAILER -> {
        if (text.isEmpty()) {
          state = State.DONE;
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void readBody(ByteBuffer in) {
    int n = (int) Math.min(remaining, in.remaining());
    int limit = status == 200 ? keptSuccessBody : KEPT_ERROR_BODY;
    if (keptBody.length() < limit) {
      int keep = Math.min(n, limit - keptBody.length());
      byte[] bytes = new byte[keep];
      in.duplicate().get(bytes);
      keptBody.append(new String(bytes, StandardCharsets.UTF_8));
    }
    in.position(in.position() + n);
    remaining -= n;
    if (remaining == 0) {
      state = state == State.BODY ? State.DONE : State.CHUNK_END;
    }
  }

  private static int parseStatus(String statusLine) {
    // HTTP/1.1 200 OK
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IllegalStateException("not an HTTP status line: " + statusLine);
    }
    return Integer.parseInt(parts[1]);
  }

  private void header(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      return;
    }
    String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    String value = text.substring(colon + 1).trim();
    switch (name) {
      case "content-length" -> remaining = Long.parseLong(value);
      case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
      case "connection" -> close = value.equalsIgnoreCase("close");
      default -> { }
    }
  }
}
