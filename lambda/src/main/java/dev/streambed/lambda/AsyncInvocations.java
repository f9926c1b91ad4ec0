package dev.streambed.lambda;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.time.Timers;
import dev.streambed.lambda.runtime.Outcome;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * test that moves the clock sees them at once. The queue lives in memory: events still waiting
 * when Streambed stops are lost.
 */
final class AsyncInvocations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
  private static final int DEFAULT_RETRIES = 2;
  private static final int DEFAULT_MAX_AGE_SECONDS = 21_600;
  private static final long THROTTLE_WAIT_MILLIS = 1000;

  private final Invocations invocations;
  private final Functions functions;
  private final Clock clock;
  private final Duration retryDelay;
  private final Deliveries deliveries;
  private final Timers timers;
  private final ScheduledExecutorService queue = Executors.newScheduledThreadPool(4, r -> {
    Thread t = new Thread(r, "lambda-async-invoke");
    t.setDaemon(true);
    return t;
  });

  AsyncInvocations(Invocations invocations, Functions functions, Clock clock, Duration retryDelay,
      Deliveries deliveries) {
    this.invocations = invocations;
    this.functions = functions;
    this.clock = clock;
    this.retryDelay = retryDelay;
    this.deliveries = deliveries;
    this.timers = Timers.of(clock);
  }

  void enqueue(AsyncEvent e) {
    later(e, 0, 0);
  }

  /** The next attempt, after {@code delayMillis} of real time (a throttle's back-off). */
  private void later(AsyncEvent e, int attempts, long delayMillis) {
    try {
      queue.schedule(() -> attempt(e, attempts), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // Streambed is stopping: the event is lost with the rest of the queue.
    }
  }

  /** A retry, once the clock reads {@code atMillis}. */
  private void retryAt(AsyncEvent e, int attempts, long atMillis) {
    timers.at(atMillis).thenRun(() -> later(e, attempts, 0));
  }

  /** One attempt; {@code attempts} is how often the function ran for the event before. */
  private void attempt(AsyncEvent e, int attempts) {
    FunctionConfig f = e.resolved().config();
    EventInvokeConfigs.EventInvokeConfig settings = functions.eventInvokeConfigs().find(e.configRef());
    int maxRetries = settings == null || settings.maximumRetryAttempts() == null ? DEFAULT_RETRIES
        : settings.maximumRetryAttempts();
    long maxAgeMillis = 1000L * (settings == null || settings.maximumEventAgeInSeconds() == null
        ? DEFAULT_MAX_AGE_SECONDS : settings.maximumEventAgeInSeconds());
    Integer reserved = functions.reservedConcurrency(new FunctionRef(f.account(), f.region(), f.name(), null));
    if (reserved != null && reserved == 0) {
      // Nothing may run it: Lambda gives up at once (recorded in test_lambda's test_reserved_concurrency).
      discard(e, settings, "ZeroReservedConcurrency", attempts, null, 429, "Rate Exceeded.");
      return;
    }
    Outcome o;
    try {
      o = invocations.run(e.resolved(), e.event(), e.requestId(), null);
    } catch (AwsException x) {
      if (x.errorCode() == LambdaError.TOO_MANY_REQUESTS) {
        if (clock.millis() + THROTTLE_WAIT_MILLIS - e.queuedAt() >= maxAgeMillis) {
          discard(e, settings, "EventAgeExceeded", attempts, null, 429, x.getMessage());
        } else {
          later(e, attempts, THROTTLE_WAIT_MILLIS);
        }
        return;
      }
      // The function cannot run at all (its role cannot be assumed, say): no retry can help.
      LOG.warn("asynchronous invocation of {} failed: {}", e.resolved().functionArn(), x.getMessage());
      discard(e, settings, "RetriesExhausted", attempts, null, x.errorCode().status(), x.getMessage());
      return;
    } catch (RuntimeException x) {
      LOG.warn("asynchronous invocation of {} failed", e.resolved().functionArn(), x);
      discard(e, settings, "RetriesExhausted", attempts, null, 500, x.getMessage());
      return;
    }
    int made = attempts + 1;
    if (!o.functionError()) {
      if (settings != null && settings.onSuccess() != null) {
        deliver(e, settings.onSuccess(), DestinationRecord.of(e, "Success", made, o, clock.millis()));
      }
      return;
    }
    if (made > maxRetries) {
      discard(e, settings, "RetriesExhausted", made, o, 200, null);
      return;
    }
    long delay = retryDelay.toMillis() << (made - 1);
    // Lambda does not wait for a retry the event would be too old for (recorded in
    // test_lambda_destinations' test_maxeventage: the record comes before the age is reached).
    if (clock.millis() + delay - e.queuedAt() >= maxAgeMillis) {
      discard(e, settings, "EventAgeExceeded", made, o, 200, null);
      return;
    }
    retryAt(e, made, clock.millis() + delay);
  }

  /** An event Lambda gives up on: to the OnFailure destination, and to the dead-letter queue. */
  private void discard(AsyncEvent e, EventInvokeConfigs.EventInvokeConfig settings, String condition, int attempts,
      Outcome o, int errorCode, String errorMessage) {
    if (settings != null && settings.onFailure() != null) {
      deliver(e, settings.onFailure(), DestinationRecord.of(e, condition, attempts, o, clock.millis()));
    }
    String dlq = e.resolved().config().deadLetterTarget();
    if (dlq == null) {
      return;
    }
    if (!dlq.contains(":sqs:")) {
      LOG.warn("{}: dead-letter target {} is not a queue; only SQS queues are served", e.resolved().functionArn(), dlq);
      return;
    }
    // The event as it came, with what went wrong (recorded in test_lambda_destinations' test_dead_letter_queue).
    Map<String, Deliveries.Attribute> attributes = new LinkedHashMap<>();
    attributes.put("RequestID", new Deliveries.Attribute("String", e.requestId()));
    attributes.put("ErrorCode", new Deliveries.Attribute("Number", Integer.toString(errorCode)));
    String message = errorMessage != null ? errorMessage : o == null ? null : DestinationRecord.errorMessage(o.payload());
    if (message != null) {
      attributes.put("ErrorMessage", new Deliveries.Attribute("String", message));
    }
    try {
      deliveries.sendToQueue(dlq, new String(e.event(), StandardCharsets.UTF_8), attributes, traceHeader());
    } catch (RuntimeException x) {
      LOG.warn("{}: could not send to the dead-letter queue {}: {}", e.resolved().functionArn(), dlq, x.getMessage());
    }
  }

  /** Sends a destination record to a queue or, asynchronously, to another function. */
  private void deliver(AsyncEvent e, String destination, byte[] record) {
    try {
      if (destination.contains(":sqs:")) {
        deliveries.sendToQueue(destination, new String(record, StandardCharsets.UTF_8), Map.of(), traceHeader());
      } else if (destination.contains(":lambda:")) {
        FunctionConfig f = e.resolved().config();
        invocations.invoke(FunctionRef.parse(destination, f.account(), f.region()), "Event", null, record, null);
      } else {
        LOG.warn("destination {} is not served: only SQS queues and Lambda functions receive records", destination);
      }
    } catch (RuntimeException x) {
      LOG.warn("could not send to the destination {}: {}", destination, x.getMessage());
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
    timers.close();
    queue.shutdownNow();
  }
}
