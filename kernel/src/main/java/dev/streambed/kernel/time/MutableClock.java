package dev.streambed.kernel.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move by hand, so that TTL, retention and retries are tested without sleeping.
 * Whoever waits for a time of this clock ({@link #when}) is woken when the clock is moved to it,
 * never by the passing of real time; listeners ({@link #onMove}) hear of every move.
 */
public final class MutableClock extends Clock implements ObservableClock {
  private final AtomicLong millis;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  /** Waiters for a time not reached yet; guarded by itself. */
  private final List<Waiter> waiters = new ArrayList<>();

  private record Waiter(long at, CompletableFuture<Void> done) {}

  public MutableClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  public void advance(Duration by) {
    millis.addAndGet(by.toMillis());
    moved();
  }

  public void set(Instant instant) {
    millis.set(instant.toEpochMilli());
    moved();
  }

  @Override
  public AutoCloseable onMove(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void moved() {
    wakeDue();
    for (Runnable l : listeners) {
      l.run();
    }
  }

  /**
   * Completes once this clock reads {@code epochMillis} or later: at once if it already does.
   * Cancelling the future forgets the waiter.
   */
  public CompletableFuture<Void> when(long epochMillis) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Waiter w = new Waiter(epochMillis, done);
    synchronized (waiters) {
      waiters.add(w);
    }
    done.whenComplete((v, e) -> {
      synchronized (waiters) {
        waiters.remove(w);
      }
    });
    wakeDue();
    return done;
  }

  private void wakeDue() {
    List<CompletableFuture<Void>> due = new ArrayList<>();
    long now = millis.get();
    synchronized (waiters) {
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.at() <= now) {
          it.remove();
          due.add(w.done());
        }
      }
    }
    // Completed outside the lock: a waiter's continuation may wait again at once.
    due.forEach(f -> f.complete(null));
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a MutableClock is always UTC");
  }
}
