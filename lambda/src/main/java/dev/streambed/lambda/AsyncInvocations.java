package dev.streambed.lambda;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.time.Timers;
import dev.streambed.lambda.QueuedEvents.Answer;
import dev.streambed.lambda.QueuedEvents.Queued;
import dev.streambed.lambda.QueuedEvents.Send;
import dev.streambed.lambda.runtime.Outcome;
import dev.streambed.storage.Storage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's asynchronous queue: the attempts at an Event invocation and where its outcome goes.
 * A function error is retried (MaximumRetryAttempts of the EventInvokeConfig, 2 unless set) after
 * the retry delay and then twice that (AWS waits a minute, then two), while the event is younger
 * than MaximumEventAgeInSeconds (six hours unless set); a throttled attempt waits a second and
 * tries again without counting. The outcome goes to the destinations the config names and a
 * discarded event to the function's dead-letter queue. Retries wait for the injected clock, so a
 * test that moves the clock sees them at once.
 *
 * <p>The queue is kept in the store ({@link QueuedEvents}), as AWS keeps the events it accepted:
 * an event is stored before Invoke answers 202 and rewritten with its attempt count each time it
 * waits for a retry, and what a finished event leaves to send is stored in place of the event
 * before it is sent. {@link #resume} carries on with what a previous run left, so after a stop or
 * a crash each event runs again from its last stored state (an attempt cut off by the stop runs
 * again, as AWS may run an event more than once) and a finished one never runs again.
 */
final class AsyncInvocations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
  private static final int DEFAULT_RETRIES = 2;
  private static final int DEFAULT_MAX_AGE_SECONDS = 21_600;
  private static final long THROTTLE_WAIT_MILLIS = 1000;

  private final Invocations invocations;
  private final Functions functions;
  private final QueuedEvents store;
  private final Clock clock;
  private final Duration retryDelay;
  private final Deliveries deliveries;
  private final Timers timers;
  private final ScheduledExecutorService queue = Executors.newScheduledThreadPool(4, r -> {
    Thread t = new Thread(r, "lambda-async-invoke");
    t.setDaemon(true);
    return t;
  });
  /** Set first on close: what an attempt cut off by the stop answers is not the function's. */
  private volatile boolean closed;
  private final Object idle = new Object();
  /** Tasks scheduled and not yet done (attempts, throttle waits, sends); guarded by {@link #idle}. */
  private int active;
  /** What a previous run left, read before any new event can be stored; taken by {@link #resume}. */
  private List<Queued> leftOver;

  AsyncInvocations(Invocations invocations, Functions functions, Storage storage, Clock clock, Duration retryDelay,
      Deliveries deliveries) {
    this.invocations = invocations;
    this.functions = functions;
    this.store = new QueuedEvents(storage);
    this.clock = clock;
    this.retryDelay = retryDelay;
    this.deliveries = deliveries;
    this.timers = Timers.of(clock);
    this.leftOver = store.all();
  }

  /** Accepts an event: stored before Invoke answers, then attempted at once. */
  void enqueue(AsyncEvent e) {
    Queued q = Queued.accepted(e);
    store.put(q);
    later(() -> attempt(q), 0);
  }

  /**
   * Carries on with every event the store held when this queue was made (events accepted since
   * are running already): a finished one's sends are made, the others are attempted when their
   * retry is due (at once if it is past).
   */
  synchronized void resume() {
    List<Queued> previous = leftOver;
    leftOver = List.of();
    for (Queued q : previous) {
      if (q.sends() != null) {
        later(() -> send(q), 0);
      } else {
        retryAt(q);
      }
    }
  }

  /**
   * Waits until no attempt runs or is due: every event left waits for its retry on the clock.
   * False if the timeout passed first.
   */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (active > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
      return true;
    }
  }

  private void busy(int delta) {
    synchronized (idle) {
      active += delta;
      if (active == 0) {
        idle.notifyAll();
      }
    }
  }

  /** Runs a task on the queue's threads after {@code delayMillis} of real time (a throttle's back-off). */
  private void later(Runnable task, long delayMillis) {
    busy(1);
    try {
      queue.schedule(() -> {
        try {
          task.run();
        } catch (RuntimeException x) {
          if (!closed) {
            LOG.warn("asynchronous invocation failed", x);
          }
        } finally {
          busy(-1);
        }
      }, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // Streambed is stopping: the event stays stored for the next start.
      busy(-1);
    }
  }

  /** The next attempt, once the clock reads the event's due time. */
  private void retryAt(Queued q) {
    timers.at(q.dueAtMillis()).thenRun(() -> later(() -> attempt(q), 0));
  }

  /** One attempt at an event; {@code q.attempts()} is how often the function ran for it before. */
  private void attempt(Queued q) {
    if (closed) {
      return;
    }
    AsyncEvent e = q.event();
    FunctionConfig f = e.resolved().config();
    EventInvokeConfigs.EventInvokeConfig settings = functions.eventInvokeConfigs().find(e.configRef());
    int maxRetries = settings == null || settings.maximumRetryAttempts() == null ? DEFAULT_RETRIES
        : settings.maximumRetryAttempts();
    long maxAgeMillis = 1000L * (settings == null || settings.maximumEventAgeInSeconds() == null
        ? DEFAULT_MAX_AGE_SECONDS : settings.maximumEventAgeInSeconds());
    if (clock.millis() - e.queuedAt() >= maxAgeMillis) {
      // Lambda discards an event older than its maximum age without running it again: one that
      // waited out a stop of Streambed longer than that, or whose config was changed meanwhile.
      discard(q, settings, "EventAgeExceeded", q.attempts(), q.last(), 200, null);
      return;
    }
    Integer reserved = functions.reservedConcurrency(new FunctionRef(f.account(), f.region(), f.name(), null));
    if (reserved != null && reserved == 0) {
      // Nothing may run it: Lambda gives up at once (recorded in test_lambda's test_reserved_concurrency).
      discard(q, settings, "ZeroReservedConcurrency", q.attempts(), null, 429, "Rate Exceeded.");
      return;
    }
    Outcome o;
    try {
      o = invocations.run(e.resolved(), e.event(), e.requestId(), null);
    } catch (AwsException x) {
      if (closed) {
        return;
      }
      if (x.errorCode() == LambdaError.TOO_MANY_REQUESTS) {
        if (clock.millis() + THROTTLE_WAIT_MILLIS - e.queuedAt() >= maxAgeMillis) {
          discard(q, settings, "EventAgeExceeded", q.attempts(), q.last(), 429, x.getMessage());
        } else {
          later(() -> attempt(q), THROTTLE_WAIT_MILLIS);
        }
        return;
      }
      // The function cannot run at all (its role cannot be assumed, say): no retry can help.
      LOG.warn("asynchronous invocation of {} failed: {}", e.resolved().functionArn(), x.getMessage());
      discard(q, settings, "RetriesExhausted", q.attempts(), null, x.errorCode().status(), x.getMessage());
      return;
    } catch (RuntimeException x) {
      if (closed) {
        return;
      }
      LOG.warn("asynchronous invocation of {} failed", e.resolved().functionArn(), x);
      discard(q, settings, "RetriesExhausted", q.attempts(), null, 500, x.getMessage());
      return;
    }
    if (closed) {
      // The stop ended the attempt: the event keeps its stored state and runs again on the next start.
      return;
    }
    Answer answer = new Answer(o.payload(), o.functionError());
    int made = q.attempts() + 1;
    if (!o.functionError()) {
      List<Send> sends = new ArrayList<>();
      if (settings != null && settings.onSuccess() != null) {
        destination(sends, e, settings.onSuccess(), DestinationRecord.of(e, "Success", made, answer, clock.millis()));
      }
      finish(q, sends);
      return;
    }
    if (made > maxRetries) {
      discard(q, settings, "RetriesExhausted", made, answer, 200, null);
      return;
    }
    long delay = retryDelay.toMillis() << (made - 1);
    // Lambda does not wait for a retry the event would be too old for (recorded in
    // test_lambda_destinations' test_maxeventage: the record comes before the age is reached).
    if (clock.millis() + delay - e.queuedAt() >= maxAgeMillis) {
      discard(q, settings, "EventAgeExceeded", made, answer, 200, null);
      return;
    }
    Queued next = q.retriedAt(made, clock.millis() + delay, answer);
    store.put(next);
    retryAt(next);
  }

  /** An event Lambda gives up on: to the OnFailure destination, and to the dead-letter queue. */
  private void discard(Queued q, EventInvokeConfigs.EventInvokeConfig settings, String condition, int attempts,
      Answer last, int errorCode, String errorMessage) {
    AsyncEvent e = q.event();
    List<Send> sends = new ArrayList<>();
    if (settings != null && settings.onFailure() != null) {
      destination(sends, e, settings.onFailure(), DestinationRecord.of(e, condition, attempts, last, clock.millis()));
    }
    String dlq = e.resolved().config().deadLetterTarget();
    if (dlq != null && !dlq.contains(":sqs:")) {
      LOG.warn("{}: dead-letter target {} is not a queue; only SQS queues are served", e.resolved().functionArn(), dlq);
    } else if (dlq != null) {
      // The event as it came, with what went wrong (recorded in test_lambda_destinations' test_dead_letter_queue).
      Map<String, Deliveries.Attribute> attributes = new LinkedHashMap<>();
      attributes.put("RequestID", new Deliveries.Attribute("String", e.requestId()));
      attributes.put("ErrorCode", new Deliveries.Attribute("Number", Integer.toString(errorCode)));
      String message = errorMessage != null ? errorMessage
          : last == null ? null : DestinationRecord.errorMessage(last.payload());
      if (message != null) {
        attributes.put("ErrorMessage", new Deliveries.Attribute("String", message));
      }
      sends.add(new Send(dlq, new String(e.event(), StandardCharsets.UTF_8), attributes));
    }
    finish(q, sends);
  }

  /** A destination record to send, if its destination is one Streambed serves (a queue, a function). */
  private static void destination(List<Send> sends, AsyncEvent e, String destination, byte[] record) {
    if (destination.contains(":sqs:") || destination.contains(":lambda:")) {
      sends.add(new Send(destination, new String(record, StandardCharsets.UTF_8), Map.of()));
    } else {
      LOG.warn("{}: destination {} is not served: only SQS queues and Lambda functions receive records",
          e.resolved().functionArn(), destination);
    }
  }

  /**
   * A finished event: forgotten at once when it leaves nothing to send, else stored with its
   * sends in its place (so it never runs again) and then sent.
   */
  private void finish(Queued q, List<Send> sends) {
    if (sends.isEmpty()) {
      store.delete(q);
      return;
    }
    Queued done = q.finished(sends);
    store.put(done);
    send(done);
  }

  /** Makes a finished event's sends, then forgets it; a stop in between sends them again on the next start. */
  private void send(Queued done) {
    FunctionConfig f = done.event().resolved().config();
    for (Send s : done.sends()) {
      try {
        if (s.target().contains(":sqs:")) {
          deliveries.sendToQueue(s.target(), s.body(), s.attributes(), traceHeader());
        } else {
          invocations.invoke(FunctionRef.parse(s.target(), f.account(), f.region()), "Event", null,
              s.body().getBytes(StandardCharsets.UTF_8), null);
        }
      } catch (RuntimeException x) {
        LOG.warn("{}: could not send to {}: {}", f.arn(), s.target(), x.getMessage());
      }
    }
    if (!closed) {
      store.delete(done);
    }
  }

  /** An X-Ray trace header, which Lambda gives the messages it sends (AWSTraceHeader). */
  private String traceHeader() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("Root=1-%08x-%024x;Parent=%016x;Sampled=0", clock.millis() / 1000,
        new BigInteger(96, r), r.nextLong() & Long.MAX_VALUE);
  }

  @Override
  public void close() {
    closed = true;
    timers.close();
    queue.shutdownNow();
  }
}
