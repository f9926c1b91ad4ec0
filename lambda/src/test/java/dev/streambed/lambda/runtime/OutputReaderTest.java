package dev.streambed.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a runtime's output is cut into log lines: text lines, telemetry frames and end marks. */
class OutputReaderTest {
  private static List<String> read(byte[] output) throws IOException {
    List<String> seen = new ArrayList<>();
    OutputReader.read(new ByteArrayInputStream(output), java.time.Clock.systemUTC(), new OutputReader.Sink() {
      @Override
      public void line(long timestampMillis, String message) {
        seen.add(timestampMillis + "|" + message);
      }

      @Override
      public void mark(String requestId) {
        seen.add("mark " + requestId);
      }
    });
    return seen;
  }

  /** A frame as AWS's Java runtime client writes one: type, length, time in microseconds, message. */
  private static byte[] frame(long micros, String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(16 + text.length).putInt(0xa55a0003).putInt(text.length).putLong(micros).put(text).array();
  }

  @Test
  void framesAreOneLineEachAndKeepTheirTime() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("printed\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(frame(1_700_000_000_123_456L, "two\nlines\n"));
    out.writeBytes("unfinished".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(frame(1_700_000_000_200_000L, "after"));
    out.writeBytes("\n\nlast\r\n".getBytes(StandardCharsets.UTF_8));
    List<String> lines = read(out.toByteArray());
    assertThat(lines.get(0)).endsWith("|printed");
    assertThat(lines.get(1)).isEqualTo("1700000000123|two\nlines");
    assertThat(lines.get(2)).endsWith("|unfinished");
    assertThat(lines.get(3)).isEqualTo("1700000000200|after");
    // Empty lines printed after a frame are no events: Lambda writes none for an empty line.
    assertThat(lines.get(4)).endsWith("|last");
    assertThat(lines).hasSize(5);
  }

  @Test
  void aMarkEndsTheLineItInterrupts() throws IOException {
    List<String> lines = read(("begun" + OutputReader.MARK + "req-1\nnext\n" + OutputReader.MARK + "req-2\n")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).endsWith("|begun");
    assertThat(lines.get(1)).isEqualTo("mark req-1");
    assertThat(lines.get(2)).endsWith("|next");
    assertThat(lines.get(3)).isEqualTo("mark req-2");
  }

  @Test
  void aByteLikeTheFrameMagicInTextIsText() throws IOException {
    byte[] text = {'a', (byte) 0xa5, 'b', '\n'};
    assertThat(read(text)).hasSize(1).first().asString().endsWith("|a\ufffdb");
  }
}
