package dev.streambed.bench.compare;

import dev.streambed.bench.http.BlockingExchange;
import dev.streambed.bench.http.RawRequests;
import dev.streambed.bench.proc.ProcessTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test, run as a child process: started directly (no shell) so that its pid is the
 * server's, its output copied to a log file, and stopped with all its descendants on close.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern ENDPOINT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");
  private static final int TAIL_LINES = 20;

  private final String name;
  private final Process process;
  private final long startNanos;
  private final Path log;
  private final CompletableFuture<Integer> announcedPort = new CompletableFuture<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private final Thread shutdownHook = new Thread(this::close);
  private final Thread outputCopier = new Thread(this::copyOutput);
  private volatile int port = -1;

  private ServerProcess(String name, Process process, long startNanos, Path log) {
    this.name = name;
    this.process = process;
    this.startNanos = startNanos;
    this.log = log;
  }

  /**
   * Starts {@code command}; if it contains {@code {port}}, that is replaced by {@code port} and
   * the server is expected there, otherwise the port is read from the first
   * {@code http://127.0.0.1:PORT} the server prints.
   */
  public static ServerProcess start(String name, String command, int port, Path log) {
    List<String> args = CommandLineSplitter.split(command).stream()
        .map(a -> a.replace("{port}", Integer.toString(port)))
        .toList();
    ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
    long start = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + args, e);
    }
    ServerProcess server = new ServerProcess(name, process, start, log);
    if (command.contains("{port}")) {
      server.port = port;
    }
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    server.outputCopier.setName(name + "-output");
    server.outputCopier.setDaemon(true);
    server.outputCopier.start();
    return server;
  }

  public long pid() {
    return process.pid();
  }

  public ProcessTree tree() {
    return new ProcessTree(process.pid());
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  /**
   * Waits until the server answers a ListTables with 200.
   *
   * @return the time from starting the process until that answer
   */
  public Duration awaitReady(Duration timeout) {
    long deadline = startNanos + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        awaitOutputCopied();
        throw new IllegalStateException(name + " exited with " + process.exitValue()
            + " before it was ready; last output:\n" + tail());
      }
      if (port < 0 && announcedPort.isDone()) {
        port = announcedPort.join();
      }
      if (port > 0 && answersListTables()) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
      }
      pause();
    }
    throw new IllegalStateException(name + " not ready within " + timeout + "; last output:\n"
        + tail());
  }

  private boolean answersListTables() {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    byte[] request = new RawRequests("127.0.0.1:" + port).listTables();
    try {
      return BlockingExchange.send(address, request, 1000).status() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private void awaitOutputCopied() {
    try {
      outputCopier.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void copyOutput() {
    try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        remember(line);
        Matcher m = ENDPOINT.matcher(line);
        if (!announcedPort.isDone() && m.find()) {
          announcedPort.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      // The process went away; its log ends here.
    }
  }

  private synchronized void remember(String line) {
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
  }

  private synchronized String tail() {
    return String.join("\n", tail);
  }

  /** Stops the server and everything it started: politely, then by force after 10 s. */
  @Override
  public void close() {
    List<ProcessHandle> all = process.descendants().toList();
    process.destroy();
    all.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from the hook itself.
    }
  }
}
