package dev.streambed.lambda.esm;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.time.Timers;
import dev.streambed.lambda.Functions;
import dev.streambed.lambda.Invocations;
import dev.streambed.storage.Storage;
import dev.streambed.streams.Streams;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the event source mappings: a {@link MappingRunner} per enabled mapping, started when a
 * mapping is created or enabled, replaced when it is updated, stopped when it is disabled or
 * deleted, and all stopped on {@link #close}.
 *
 * <p>A replaced runner is stopped and waited for before its successor starts, so two runners
 * never share a shard; the successor resumes from the stored checkpoints. The work itself is
 * split by concern: {@link ShardProcessor} reads, filters and checkpoints a shard,
 * {@link Lane} cuts batches, {@link BatchSender} invokes with AWS's retry rules,
 * {@link Checkpoints} stores positions and {@link FailureDestinations} receives what is given up.
 */
public final class Pollers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pollers.class);

  private final EventSourceMappings mappings;
  private final Context ctx;
  private final Map<String, MappingRunner> runners = new ConcurrentHashMap<>();
  private boolean closed;

  public Pollers(EventSourceMappings mappings, Functions functions, Invocations invocations, Streams streams,
      Storage storage, Clock clock, FailureDestinations destinations) {
    this.mappings = mappings;
    this.ctx = new Context(mappings, functions, invocations, streams, new Checkpoints(storage), clock,
        Timers.of(clock), destinations, this::someoneIdle);
    mappings.onChange(this::changed);
    for (MappingConfig m : mappings.all()) {
      changed(m.uuid());
    }
  }

  /**
   * Starts, replaces or stops the runner of a mapping after it was created, updated or
   * deleted. Runs in the caller's thread, so the change has taken effect when it returns.
   */
  private synchronized void changed(String uuid) {
    if (closed) {
      return;
    }
    MappingRunner old = runners.remove(uuid);
    if (old != null) {
      stop(old);
    }
    MappingConfig m;
    try {
      m = mappings.get(uuid);
    } catch (AwsException gone) {
      ctx.checkpoints().deleteAll(uuid);
      return;
    }
    if (m.enabled()) {
      MappingRunner r = new MappingRunner(m, ctx);
      runners.put(uuid, r);
      r.start();
    }
  }

  private static void stop(MappingRunner r) {
    try {
      r.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while a mapping's poller stopped");
    }
  }

  /** Whether every mapping has handled every record written so far (for tests and the embedded API). */
  public boolean quiescent() {
    for (MappingRunner r : runners.values()) {
      if (!r.caughtUp()) {
        return false;
      }
    }
    return true;
  }

  private final Object quiet = new Object();
  private long idleEvents;

  private void someoneIdle() {
    synchronized (quiet) {
      idleEvents++;
      quiet.notifyAll();
    }
  }

  /**
   * Waits until {@link #quiescent}, woken whenever a shard's processor runs out of work; false
   * if the timeout passed first. Records held back by a batching or tumbling window keep the
   * pollers busy until the clock passes the window.
   */
  public boolean awaitQuiescent(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen;
      synchronized (quiet) {
        seen = idleEvents;
      }
      if (quiescent()) {
        return true;
      }
      synchronized (quiet) {
        while (idleEvents == seen) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(quiet, left);
        }
      }
    }
  }

  @Override
  public void close() {
    List<MappingRunner> all;
    synchronized (this) {
      closed = true;
      all = List.copyOf(runners.values());
      runners.clear();
    }
    all.forEach(Pollers::stop);
    ctx.timers().close();
  }
}
