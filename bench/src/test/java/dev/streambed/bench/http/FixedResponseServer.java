package dev.streambed.bench.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server for tests: answers every request with one fixed response, on as many
 * keep-alive connections as clients open, and remembers the request bodies it received.
 */
final class FixedResponseServer implements AutoCloseable {
  private final ServerSocket socket;
  private final byte[] response;
  private final boolean closeAfterResponse;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  FixedResponseServer(int status, String body, boolean chunked, boolean closeAfterResponse)
      throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.closeAfterResponse = closeAfterResponse;
    this.response = render(status, body, chunked, closeAfterResponse);
    Thread acceptor = new Thread(this::accept, "test-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static FixedResponseServer ok(String body) throws IOException {
    return new FixedResponseServer(200, body, false, false);
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
  }

  List<String> bodies() {
    return bodies;
  }

  int connections() {
    return connections.get();
  }

  private static byte[] render(int status, String body, boolean chunked, boolean close) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\n")
        .append("Content-Type: application/x-amz-json-1.0\r\n");
    if (close) {
      head.append("Connection: close\r\n");
    }
    String payload;
    if (chunked) {
      head.append("Transfer-Encoding: chunked\r\n\r\n");
      int half = body.length() / 2;
      payload = chunk(body.substring(0, half)) + chunk(body.substring(half)) + "0\r\n\r\n";
    } else {
      head.append("Content-Length: ").append(b.length).append("\r\n\r\n");
      payload = body;
    }
    return (head + payload).getBytes(StandardCharsets.UTF_8);
  }

  private static String chunk(String s) {
    if (s.isEmpty()) {
      return "";
    }
    int n = s.getBytes(StandardCharsets.UTF_8).length;
    return Integer.toHexString(n) + "\r\n" + s + "\r\n";
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "test-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream()) {
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        int length = contentLength(head);
        bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        out.write(response);
        out.flush();
        if (closeAfterResponse) {
          return;
        }
      }
    } catch (IOException gone) {
      // The client closed the connection.
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      head.write(c);
      boolean next = c == (matched % 2 == 0 ? '\r' : '\n');
      matched = next ? matched + 1 : c == '\r' ? 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
