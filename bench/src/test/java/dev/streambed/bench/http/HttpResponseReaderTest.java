package dev.streambed.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {
  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Feeds one byte at a time, as the worst possible network would deliver it. */
  private static boolean feedByteByByte(HttpResponseReader reader, String response) {
    byte[] all = response.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < all.length; i++) {
      boolean done = reader.feed(ByteBuffer.wrap(all, i, 1));
      if (done) {
        return i == all.length - 1;
      }
    }
    return false;
  }

  @Test
  void readsAContentLengthResponseDeliveredByteByByte() {
    HttpResponseReader reader = new HttpResponseReader();
    String response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Amzn-RequestId: x\r\n\r\n{\"a\"}";

    assertThat(feedByteByByte(reader, response)).isTrue();
    assertThat(reader.status()).isEqualTo(200);
    assertThat(reader.body()).isEmpty();
    assertThat(reader.closesConnection()).isFalse();
  }

  @Test
  void readsAChunkedResponseAndKeepsTheBodyOfAnError() {
    HttpResponseReader reader = new HttpResponseReader();
    String response = "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n"
        + "6\r\n{\"__ty\r\n4;ext=1\r\npe\":\r\n3\r\n\"x\"\r\n1\r\n}\r\n0\r\n\r\n";

    assertThat(feedByteByByte(reader, response)).isTrue();
    assertThat(reader.status()).isEqualTo(400);
    assertThat(reader.body()).isEqualTo("{\"__type\":\"x\"}");
    assertThat(reader.closesConnection()).isTrue();
  }

  @Test
  void stopsAtTheEndOfOneResponseAndReadsTheNextAfterReset() {
    HttpResponseReader reader = new HttpResponseReader(100);
    ByteBuffer in = bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
        + "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");

    assertThat(reader.feed(in)).isTrue();
    assertThat(reader.body()).isEqualTo("{}");
    assertThat(in.hasRemaining()).isTrue();

    reader.reset();
    assertThat(reader.feed(in)).isTrue();
    assertThat(reader.body()).isEmpty();
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void isNotDoneWhileTheBodyIsIncomplete() {
    HttpResponseReader reader = new HttpResponseReader();

    assertThat(reader.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345"))).isFalse();
    assertThat(reader.feed(bytes("67890"))).isTrue();
  }
}
