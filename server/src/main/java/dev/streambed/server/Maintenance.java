package dev.streambed.server;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of periodic housekeeping: one daemon thread that wakes once a minute (never busy
 * when there is nothing to do), runs each task, logs its failures, and stops on {@link #close}.
 */
final class Maintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "streambed-maintenance");
    t.setDaemon(true);
    return t;
  });

  /** Runs {@code task} every {@code period}; a failure is logged and the task runs again next time. */
  void every(java.time.Duration period, String name, Runnable task) {
    long millis = Math.max(1, period.toMillis());
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed; it runs again in {}", name, period, e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} every {@code periodSeconds}; a failure is logged and the task runs again next time. */
  void every(long periodSeconds, String name, Runnable task) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed; it runs again in {} s", name, periodSeconds, e);
      }
    }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
