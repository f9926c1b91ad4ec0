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

  /** A {@code streambed start} left running, until closed. */
  static final class Running implements AutoCloseable {
    private final Process process;
    private final java.net.URI endpoint;

    private Running(Process process, java.net.URI endpoint) {
      this.process = process;
      this.endpoint = endpoint;
    }

    java.net.URI endpoint() {
      return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Starts {@code streambed start ARGS} with these environment variables and returns once it
   * prints its endpoint (it reads its own output, a line at a time, until then).
   */
  static Running start(Path dir, java.util.Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
        "dev.streambed.server.Main", "start"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    java.io.BufferedReader out = new java.io.BufferedReader(
        new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      seen.append(line).append('\n');
      if (line.startsWith("Streambed ready on ")) {
        // Keep draining what it prints later, so its pipe never fills.
        Thread drain = new Thread(() -> {
          try {
            out.transferTo(java.io.Writer.nullWriter());
          } catch (IOException ended) {
            // The process is gone.
          }
        }, "streambed-output");
        drain.setDaemon(true);
        drain.start();
        return new Running(p, java.net.URI.create(line.substring("Streambed ready on ".length()).strip()));
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("streambed start did not start:\n" + seen);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
