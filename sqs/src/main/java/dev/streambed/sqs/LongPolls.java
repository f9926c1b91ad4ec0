package dev.streambed.sqs;

import dev.streambed.kernel.time.ObservableClock;
import dev.streambed.sqs.message.Messages;
import dev.streambed.sqs.queue.QueueRef;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receivers waiting in a long poll (ReceiveMessage with WaitTimeSeconds). A waiter looks again
 * when a message may have become receivable: at once when one is sent or made visible, when the
 * next hidden message's moment comes, and when its wait ends. Moments are read from the clock; a
 * clock moved by hand (tests) wakes every waiter to look again. Nothing polls: between those
 * moments a waiter holds no thread. One daemon thread, owned here, runs the looks and stops on
 * {@link #close}.
 */
public final class LongPolls implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LongPolls.class);

  /** One look at a queue for a waiter: receive what is there, and tell when more may be. */
  public interface Poll {
    List<Messages.Received> receive();

    /** When the next hidden message becomes visible, or -1. */
    long nextVisibleAt();
  }

  private final Clock clock;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "streambed-sqs-long-polls");
    t.setDaemon(true);
    return t;
  });
  private final Map<QueueRef, Set<Waiter>> waiting = new ConcurrentHashMap<>();
  private final AutoCloseable clockListener;

  public LongPolls(Clock clock) {
    this.clock = clock;
    this.clockListener = clock instanceof ObservableClock observable ? observable.onMove(this::lookAll) : null;
  }

  /**
   * Waits until {@code poll} receives messages or the clock reaches {@code deadline}; the
   * future completes with what was received (empty when the wait ended). The first look happens
   * on the caller's thread, after the waiter is registered, so no send is missed.
   */
  public CompletableFuture<List<Messages.Received>> await(QueueRef queue, long deadline, Poll poll) {
    Waiter w = new Waiter(queue, deadline, poll);
    waiting.compute(queue, (q, set) -> {
      Set<Waiter> s = set == null ? ConcurrentHashMap.newKeySet() : set;
      s.add(w);
      return s;
    });
    // Dependents of a future run last-registered first, so the answer to the receiver would go
    // out before a forget registered here; a waiter is forgotten before its future completes.
    w.future.whenComplete((r, e) -> w.forget());
    w.look();
    return w.future;
  }

  /** Messages of the queue may be receivable: its waiters look. */
  public void wake(QueueRef queue) {
    Set<Waiter> set = waiting.get(queue);
    if (set != null) {
      set.forEach(w -> submit(w::look));
    }
  }

  /** How many receivers wait on the queue now. */
  public int waiting(QueueRef queue) {
    Set<Waiter> set = waiting.get(queue);
    return set == null ? 0 : set.size();
  }

  private void lookAll() {
    waiting.values().forEach(set -> set.forEach(w -> submit(w::look)));
  }

  private void submit(Runnable r) {
    try {
      thread.execute(r);
    } catch (RejectedExecutionException closed) {
      // Closing: the waiters are cancelled.
    }
  }

  @Override
  public void close() {
    if (clockListener != null) {
      try {
        clockListener.close();
      } catch (Exception e) {
        LOG.debug("clock listener did not close", e);
      }
    }
    thread.shutdownNow();
    waiting.values().forEach(set -> set.forEach(w -> w.future.cancel(false)));
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Waiter {
    final QueueRef queue;
    final long deadline;
    final Poll poll;
    final CompletableFuture<List<Messages.Received>> future = new CompletableFuture<>();
    private ScheduledFuture<?> next;

    Waiter(QueueRef queue, long deadline, Poll poll) {
      this.queue = queue;
      this.deadline = deadline;
      this.poll = poll;
    }

    synchronized void look() {
      if (future.isDone()) {
        return;
      }
      try {
        // The moment is read before the look: a clock that moves during the look (which may make
        // a message visible) wakes this waiter again, rather than ending its wait on an empty
        // look taken before the move.
        long now = clock.millis();
        List<Messages.Received> got = poll.receive();
        if (!got.isEmpty() || now >= deadline) {
          forget();
          future.complete(got);
          return;
        }
        long visible = poll.nextVisibleAt();
        long due = visible < 0 ? deadline : Math.min(deadline, visible);
        if (next != null) {
          next.cancel(false);
        }
        // A clock that stands still (moved only by hand) brings this look back after the real
        // delay; it finds the moment not yet come and waits again.
        next = thread.schedule(this::look, Math.max(1, due - now), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        forget();
        future.cancel(false);
      } catch (RuntimeException e) {
        forget();
        future.completeExceptionally(e);
      }
    }

    synchronized void forget() {
      if (next != null) {
        next.cancel(false);
      }
      waiting.computeIfPresent(queue, (q, set) -> {
        set.remove(this);
        return set.isEmpty() ? null : set;
      });
    }
  }
}
