package dev.streambed.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The embedded benchmark runs end to end (a few rounds) and reports every step it times. */
class EmbeddedCommandTest {
  @Test
  void aShortRunReportsEveryStep() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new BenchMain()).execute("embedded", "--rounds", "2", "--warmup-rounds", "0", "--items", "3");
    } finally {
      System.setOut(out);
    }
    String report = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(report).isZero();
    assertThat(report).contains("first start in this JVM", "start, to the first answer (raw HTTP)",
        "start, to the first answer (its SDK client)", "close", "reset, empty",
        "reset, with a table, 3 items, a trigger", "reset to a snapshot of that state");
  }
}
