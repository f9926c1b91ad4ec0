package dev.streambed.logs;

import dev.streambed.logs.event.StoredEvent;
import dev.streambed.logs.group.GroupRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Tells whoever waits for a log group that events arrived: listeners are called on the writer's
 * thread after the events are stored, and waiters blocked in {@link #await} wake at once. Nothing
 * polls or sleeps.
 */
public final class LogWatch {
  private final Map<GroupRef, Signal> signals = new ConcurrentHashMap<>();
  private final List<java.util.function.BiConsumer<GroupRef, List<StoredEvent>>> everywhere = new CopyOnWriteArrayList<>();

  private static final class Signal {
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final List<Consumer<List<StoredEvent>>> listeners = new CopyOnWriteArrayList<>();
    long version;
  }

  /** How many appends the group has seen since this process started. */
  public long version(GroupRef group) {
    Signal s = signal(group);
    s.lock.lock();
    try {
      return s.version;
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * Blocks until the group's version passes {@code seen} or the timeout ends, and returns the
   * version then.
   */
  public long await(GroupRef group, long seen, Duration timeout) throws InterruptedException {
    Signal s = signal(group);
    long nanos = timeout.toNanos();
    s.lock.lock();
    try {
      while (s.version <= seen && nanos > 0) {
        nanos = s.changed.awaitNanos(nanos);
      }
      return s.version;
    } finally {
      s.lock.unlock();
    }
  }

  /** Calls {@code listener} with every batch of events stored in the group until closed. */
  public AutoCloseable subscribe(GroupRef group, Consumer<List<StoredEvent>> listener) {
    Signal s = signal(group);
    s.listeners.add(listener);
    return () -> s.listeners.remove(listener);
  }

  /** Calls {@code listener} with every batch of events stored in any group, until closed. */
  public AutoCloseable subscribeAll(java.util.function.BiConsumer<GroupRef, List<StoredEvent>> listener) {
    everywhere.add(listener);
    return () -> everywhere.remove(listener);
  }

  /** Records that {@code events} were stored in the group, and tells those who wait. */
  public void publish(GroupRef group, List<StoredEvent> events) {
    Signal s = signal(group);
    s.lock.lock();
    try {
      s.version++;
      s.changed.signalAll();
    } finally {
      s.lock.unlock();
    }
    for (Consumer<List<StoredEvent>> l : s.listeners) {
      l.accept(events);
    }
    for (java.util.function.BiConsumer<GroupRef, List<StoredEvent>> l : everywhere) {
      l.accept(group, events);
    }
  }

  private Signal signal(GroupRef group) {
    return signals.computeIfAbsent(group, g -> new Signal());
  }
}
