package dev.streambed.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/** Sends one pre-built request on a fresh connection and waits for its response. */
public final class BlockingExchange {
  private static final int KEPT_BODY = 64 * 1024;

  private BlockingExchange() {}

  /** The status and (up to 64 KiB of) body of a response. */
  public record Response(int status, String body) {}

  public static Response send(InetSocketAddress address, byte[] request, int timeoutMillis)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(address, timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      HttpResponseReader reader = new HttpResponseReader(KEPT_BODY);
      byte[] buf = new byte[16 * 1024];
      while (true) {
        int n = in.read(buf);
        if (n < 0) {
          throw new IOException("connection closed before the response was complete");
        }
        if (reader.feed(ByteBuffer.wrap(buf, 0, n))) {
          return new Response(reader.status(), reader.body());
        }
      }
    }
  }
}
