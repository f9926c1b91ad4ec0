package dev.streambed.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code streambed} command line, run as a process of its own from this build's classes, as
 * the launcher runs the jar: {@code java dev.streambed.server.Main ARGS}.
 */
final class StreambedCommand {
  /** How a run ended and what it printed. */
  record Result(int exitCode, String stdout, String stderr) {}

  private StreambedCommand() {}

  /** The shell words that start the command, to stand for {@code ./streambed} in scripts. */
  static String shellPrefix() {
    return "'" + java() + "' -cp '" + System.getProperty("java.class.path") + "' dev.streambed.server.Main";
  }

  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
        "dev.streambed.server.Main"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
    p.getOutputStream().close();
    // Drain stderr beside stdout so neither pipe fills and stalls the process.
    byte[][] err = new byte[1][];
    Thread errReader = new Thread(() -> {
      try {
        err[0] = p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        err[0] = e.toString().getBytes(StandardCharsets.UTF_8);
      }
    });
    errReader.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("streambed " + String.join(" ", args) + " did not finish");
    }
    errReader.join();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err[0], StandardCharsets.UTF_8));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
