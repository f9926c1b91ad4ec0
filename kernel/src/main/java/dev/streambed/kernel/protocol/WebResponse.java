package dev.streambed.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a {@link WebSite} answers: a whole body, or (when {@code events} is not null) a stream of
 * server-sent events that stays open until either side closes it.
 */
public record WebResponse(int status, String contentType, Map<String, String> headers, byte[] body,
    EventStream events) {

  public static WebResponse of(int status, String contentType, Map<String, String> headers, byte[] body) {
    return new WebResponse(status, contentType, headers, body, null);
  }

  public static WebResponse text(int status, String text) {
    return of(status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
  }

  /** A {@code text/event-stream} answer; {@code events} is opened once the headers are sent. */
  public static WebResponse events(Map<String, String> headers, EventStream events) {
    return new WebResponse(200, "text/event-stream; charset=utf-8", headers, new byte[0], events);
  }

  /** The source of a stream of server-sent events. */
  @FunctionalInterface
  public interface EventStream {
    /** Called once the response headers are on their way; the sink may be used from any thread. */
    void open(EventSink sink);
  }

  /** Where a stream's events go. */
  public interface EventSink {
    /**
     * Sends one frame of the event-stream format ({@code "event: x\ndata: y\n\n"}). Returns false
     * when the stream is closed, or was closed because the client could not keep up.
     */
    boolean send(String frame);

    /** Runs {@code action} once the stream is closed, by either side. */
    void onClose(Runnable action);

    /** Ends the stream. */
    void close();
  }
}
