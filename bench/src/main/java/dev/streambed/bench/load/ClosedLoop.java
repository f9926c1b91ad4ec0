package dev.streambed.bench.load;

import dev.streambed.bench.proc.CpuMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs an operation on a fixed number of threads, each issuing its next call as soon as the last
 * returned (a closed loop), first for a warm-up that is not recorded, then for the measured phase,
 * bounded by an operation count or a duration.
 */
public final class ClosedLoop {
  /** One call against the server; throws if the call failed or returned a wrong answer. */
  @FunctionalInterface
  public interface Operation {
    void call(long sequence) throws Exception;
  }

  private final int threads;

  public ClosedLoop(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.threads = threads;
  }

  /**
   * @param count operations in the measured phase, or 0 to run for {@code duration} instead
   */
  public RunResult run(
      String name, Operation op, Duration warmup, long count, Duration duration, CpuMeter cpu) {
    AtomicLong sequence = new AtomicLong();
    if (!warmup.isZero()) {
      phase(op, sequence, 0, System.nanoTime() + warmup.toNanos());
    }
    cpu.start();
    long start = System.nanoTime();
    long deadline = count > 0 ? Long.MAX_VALUE : start + duration.toNanos();
    Phase measured = phase(op, sequence, count, deadline);
    long elapsed = System.nanoTime() - start;
    return new RunResult(
        name, measured.ops, measured.errors, elapsed, measured.latencies, cpu.stop());
  }

  private Phase phase(Operation op, AtomicLong sequence, long count, long deadline) {
    AtomicLong issued = new AtomicLong();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Worker w = new Worker(op, sequence, issued, count, deadline, firstError);
      w.thread.setName("load-" + i);
      workers.add(w);
      w.thread.start();
    }
    Phase total = new Phase();
    for (Worker w : workers) {
      try {
        w.thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      total.ops += w.ops;
      total.errors += w.errors;
      total.latencies.add(w.latencies);
    }
    Throwable error = firstError.get();
    if (error != null) {
      System.err.println("first error: " + error);
    }
    return total;
  }

  private static final class Phase {
    long ops;
    long errors;
    final Histogram latencies = Latencies.newHistogram();
  }

  private static final class Worker implements Runnable {
    final Thread thread = new Thread(this);
    final Histogram latencies = Latencies.newHistogram();
    final Operation op;
    final AtomicLong sequence;
    final AtomicLong issued;
    final long count;
    final long deadline;
    final AtomicReference<Throwable> firstError;
    long ops;
    long errors;

    Worker(Operation op, AtomicLong sequence, AtomicLong issued, long count, long deadline,
        AtomicReference<Throwable> firstError) {
      this.op = op;
      this.sequence = sequence;
      this.issued = issued;
      this.count = count;
      this.deadline = deadline;
      this.firstError = firstError;
    }

    @Override
    public void run() {
      while (true) {
        if (count > 0 ? issued.getAndIncrement() >= count : System.nanoTime() >= deadline) {
          return;
        }
        long seq = sequence.getAndIncrement();
        long t0 = System.nanoTime();
        try {
          op.call(seq);
          Latencies.record(latencies, System.nanoTime() - t0);
          ops++;
        } catch (Exception e) {
          errors++;
          firstError.compareAndSet(null, e);
        }
      }
    }
  }
}
