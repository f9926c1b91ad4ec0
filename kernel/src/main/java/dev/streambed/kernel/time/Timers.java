package dev.streambed.kernel.time;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a time of the injected clock, so that batching windows, retry back-offs and
 * window ends follow the clock the services read: real time in production, a
 * {@link MutableClock} that tests move by hand. A wait is a future, so it combines with other
 * wake-ups (a write to a stream, a stop) without polling.
 *
 * <p>The owner closes it; for a real clock that stops its one scheduler thread.
 */
public abstract class Timers implements AutoCloseable {
  /** Timers for {@code clock}: driven by its moves if it is a {@link MutableClock}, else by real time. */
  public static Timers of(Clock clock) {
    return clock instanceof MutableClock mutable ? new Manual(mutable) : new Scheduled(clock);
  }

  /**
   * Completes once the clock reads {@code epochMillis} or later. Cancel it when no longer
   * waited for, so that nothing is kept for it.
   */
  public abstract CompletableFuture<Void> at(long epochMillis);

  @Override
  public abstract void close();

  private static final class Manual extends Timers {
    private final MutableClock clock;

    Manual(MutableClock clock) {
      this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> at(long epochMillis) {
      return clock.when(epochMillis);
    }

    @Override
    public void close() {
      // Nothing runs for a clock moved by hand.
    }
  }

  private static final class Scheduled extends Timers {
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "streambed-timers");
      t.setDaemon(true);
      return t;
    });

    Scheduled(Clock clock) {
      this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> at(long epochMillis) {
      long delay = epochMillis - clock.millis();
      if (delay <= 0) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> done = new CompletableFuture<>();
      ScheduledFuture<?> task;
      try {
        task = scheduler.schedule(() -> done.complete(null), delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        return done;
      }
      done.whenComplete((v, e) -> task.cancel(false));
      return done;
    }

    @Override
    public void close() {
      scheduler.shutdownNow();
    }
  }
}
