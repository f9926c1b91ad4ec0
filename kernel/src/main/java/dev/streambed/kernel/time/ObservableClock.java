package dev.streambed.kernel.time;

/**
 * A clock that tells when it is moved other than by the passing of time, as {@link MutableClock}
 * is by tests. Whoever waits for a moment on the clock (a message's visibility, the end of a long
 * poll) listens, so that moving the clock wakes it at once instead of after the real delay.
 */
public interface ObservableClock {
  /** Calls {@code listener} after every move, until the returned handle is closed. */
  AutoCloseable onMove(Runnable listener);
}
