package dev.streambed.lambda.esm;

import dev.streambed.kernel.time.Timers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The stop of a poller: a flag its loops check, and a future its waits include. */
final class Stop {
  private volatile boolean stopped;
  private final CompletableFuture<Void> future = new CompletableFuture<>();

  void stop() {
    stopped = true;
    future.complete(null);
  }

  boolean running() {
    return !stopped;
  }

  CompletableFuture<Void> future() {
    return future;
  }

  /** Waits until the clock reads {@code millis}; false if stopped first. */
  boolean sleepUntil(Timers timers, long millis) throws InterruptedException {
    CompletableFuture<Void> due = timers.at(millis);
    try {
      CompletableFuture.anyOf(due, future).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      due.cancel(false);
    }
    return running();
  }
}
