package dev.streambed.kernel.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand, so that TTL, retention and retries are tested without sleeping. */
public final class MutableClock extends Clock implements ObservableClock {
  private final AtomicLong millis;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

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
    for (Runnable l : listeners) {
      l.run();
    }
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
