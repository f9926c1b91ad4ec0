package dev.streambed.bench.http;

import dev.streambed.bench.load.Latencies;
import dev.streambed.bench.load.RunResult;
import dev.streambed.bench.proc.CpuMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Replays pre-built requests over keep-alive connections from a single thread with one selector.
 * Each connection has exactly one request outstanding (no pipelining): the next is written as
 * soon as the previous response is complete. One thread and no per-request allocation keep the
 * generator's own CPU small, so the server is what limits throughput.
 */
public final class RawHttpLoad {
  /** The request to send as the {@code sequence}-th of a run. */
  @FunctionalInterface
  public interface RequestSource {
    byte[] request(long sequence);
  }

  private static final long SELECT_MILLIS = 5;

  private final InetSocketAddress address;
  private final int connections;

  public RawHttpLoad(InetSocketAddress address, int connections) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1");
    }
    this.address = address;
    this.connections = connections;
  }

  /** Runs an unrecorded warm-up, then measures for {@code duration}. */
  public RunResult runFor(
      String name, RequestSource source, Duration warmup, Duration duration, CpuMeter cpu) {
    return run(name, source, warmup.toNanos(), 0, duration.toNanos(), cpu);
  }

  /** Sends exactly {@code count} requests, all measured. */
  public RunResult runCount(String name, RequestSource source, long count, CpuMeter cpu) {
    return run(name, source, 0, count, 0, cpu);
  }

  private RunResult run(
      String name, RequestSource source, long warmupNanos, long count, long durationNanos,
      CpuMeter cpu) {
    try (Selector selector = Selector.open()) {
      Run run = new Run(selector, source, count);
      long warmEnd = System.nanoTime() + warmupNanos;
      if (warmupNanos == 0) {
        run.startMeasuring(cpu, durationNanos);
      }
      for (int i = 0; i < connections && run.mayIssue(); i++) {
        run.issue(new Connection(open(selector)));
      }
      while (run.active > 0) {
        long now = System.nanoTime();
        if (run.measureStart < 0 && now >= warmEnd) {
          run.startMeasuring(cpu, durationNanos);
        }
        if (now >= run.end) {
          break;
        }
        selector.select(SELECT_MILLIS);
        for (SelectionKey key : selector.selectedKeys()) {
          run.ready(key);
        }
        selector.selectedKeys().clear();
      }
      long stop = count > 0 ? run.lastCompletion : run.end;
      CpuMeter.CpuUsage usage = cpu.stop();
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
      if (run.firstError != null) {
        System.err.println(name + ": first error: " + run.firstError);
      }
      return new RunResult(
          name, run.ops, run.errors, Math.max(0, stop - run.measureStart), run.latencies, usage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SocketChannel open(Selector selector) throws IOException {
    SocketChannel ch = SocketChannel.open();
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    ch.connect(address);
    ch.configureBlocking(false);
    return ch;
  }

  private static final class Connection {
    SocketChannel channel;
    final HttpResponseReader reader = new HttpResponseReader();
    ByteBuffer out;
    long sentAt;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }
  }

  /** The mutable state of one run, touched only by the run's thread. */
  private final class Run {
    final Selector selector;
    final RequestSource source;
    final long count;
    final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    final Histogram latencies = Latencies.newHistogram();
    long end = Long.MAX_VALUE;
    long measureStart = -1;
    long lastCompletion;
    long issued;
    long ops;
    long errors;
    int active;
    String firstError;

    Run(Selector selector, RequestSource source, long count) {
      this.selector = selector;
      this.source = source;
      this.count = count;
    }

    /** From now on, responses count; a timed run ends {@code durationNanos} later. */
    void startMeasuring(CpuMeter cpu, long durationNanos) {
      cpu.start();
      measureStart = System.nanoTime();
      end = count > 0 ? Long.MAX_VALUE : measureStart + durationNanos;
    }

    boolean mayIssue() {
      return count == 0 || issued < count;
    }

    void issue(Connection c) throws IOException {
      c.out = ByteBuffer.wrap(source.request(issued++));
      c.reader.reset();
      c.sentAt = System.nanoTime();
      c.channel.write(c.out);
      int interest = c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
      SelectionKey key = c.channel.keyFor(selector);
      if (key == null) {
        c.channel.register(selector, interest, c);
        active++;
      } else {
        key.interestOps(interest);
      }
    }

    void ready(SelectionKey key) throws IOException {
      Connection c = (Connection) key.attachment();
      if (key.isWritable()) {
        c.channel.write(c.out);
        if (!c.out.hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ);
        }
        return;
      }
      in.clear();
      int n = c.channel.read(in);
      if (n < 0) {
        failed(c, "connection closed by server before the response was complete");
        reconnect(key, c);
        return;
      }
      in.flip();
      if (!c.reader.feed(in)) {
        return;
      }
      long now = System.nanoTime();
      if (in.hasRemaining()) {
        failed(c, "bytes after the response, though only one request was outstanding");
      } else if (c.reader.status() != 200) {
        failed(c, "HTTP " + c.reader.status() + " " + c.reader.body());
      } else if (measured(c)) {
        Latencies.record(latencies, now - c.sentAt);
        ops++;
        lastCompletion = now;
      }
      if (c.reader.closesConnection() || in.hasRemaining()) {
        reconnect(key, c);
      } else {
        next(key, c);
      }
    }

    private boolean measured(Connection c) {
      return measureStart >= 0 && c.sentAt >= measureStart;
    }

    private void failed(Connection c, String why) {
      if (firstError == null) {
        firstError = why;
      }
      if (measured(c)) {
        errors++;
        lastCompletion = System.nanoTime();
      }
    }

    private void reconnect(SelectionKey key, Connection c) throws IOException {
      key.cancel();
      c.channel.close();
      active--;
      if (mayIssue()) {
        c.channel = open(selector);
        issue(c);
      }
    }

    private void next(SelectionKey key, Connection c) throws IOException {
      if (mayIssue()) {
        issue(c);
      } else {
        key.cancel();
        c.channel.close();
        active--;
      }
    }
  }
}
