package dev.streambed.lambda;

import dev.streambed.iam.Iam;
import dev.streambed.iam.Role;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.lambda.runtime.Environments;
import dev.streambed.lambda.runtime.Outcome;
import dev.streambed.lambda.runtime.RuntimeSpec;
import dev.streambed.sts.Credentials;
import dev.streambed.storage.Storage;
import dev.streambed.sts.Sts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invoking functions: RequestResponse, Event (handed to Lambda's asynchronous queue,
 * {@link AsyncInvocations}) and DryRun, with Lambda's payload limits, throttling, the log tail,
 * and the lines every invocation writes to CloudWatch Logs when the role may.
 */
public final class Invocations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Invocations.class);
  public static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
  public static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
  private static final int TAIL_BYTES = 4096;

  private final Functions functions;
  private final Environments environments;
  private final InvocationLogs logs;
  private final Iam iam;
  private final Sts sts;
  private final Supplier<String> endpoint;
  private final int maxEnvironmentsPerFunction;
  private final Clock clock;
  private final AsyncInvocations async;
  private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();

  /**
   * @param endpoint Streambed's endpoint URL, given to functions as AWS_ENDPOINT_URL
   * @param maxEnvironmentsPerFunction how many environments one function version may run at
   *     once unless it reserves concurrency (AWS's account limit of 1000 is no use on a laptop)
   * @param retryDelay the wait before the first retry of a failed Event invocation (the second
   *     waits twice as long)
   * @param deliveries the queues destination records and dead letters are sent to
   * @param storage where the asynchronous queue keeps the events it accepted
   * @param clock the time events in the asynchronous queue age by
   */
  public Invocations(Functions functions, Environments environments, InvocationLogs logs, Iam iam, Sts sts,
      Supplier<String> endpoint, int maxEnvironmentsPerFunction, Duration retryDelay, Deliveries deliveries,
      Storage storage, Clock clock) {
    this.functions = functions;
    this.environments = environments;
    this.logs = logs;
    this.iam = iam;
    this.sts = sts;
    this.endpoint = endpoint;
    this.maxEnvironmentsPerFunction = maxEnvironmentsPerFunction;
    this.clock = clock;
    this.async = new AsyncInvocations(this, functions, storage, clock, retryDelay, deliveries);
  }

  /**
   * Carries on with the Event invocations a previous run over the same store accepted and did
   * not finish: each runs from where it stood (its attempts, its age). Called once, when
   * everything the functions may call is served.
   */
  public void resumeAsync() {
    async.resume();
  }

  /**
   * Waits until no Event invocation runs or is due: every one not finished waits for its retry
   * on the clock. False if the timeout passed first.
   */
  public boolean awaitAsyncIdle(Duration timeout) throws InterruptedException {
    return async.awaitIdle(timeout);
  }

  /** What Invoke answers: the status, the payload, and Lambda's response headers. */
  public record Result(int status, byte[] payload, boolean functionError, String logTail, String executedVersion) {}

  /** Invoke, with Lambda's invocation types and errors, under a request id of its own. */
  public Result invoke(FunctionRef ref, String invocationType, String logType, byte[] payload, String clientContext) {
    return invoke(ref, invocationType, logType, payload, clientContext, dev.streambed.kernel.protocol.RequestUuids.next());
  }

  /**
   * Invoke under the request id of the Invoke request: the function sees it as its request id
   * (context.aws_request_id), in every attempt of an Event invocation too, as on AWS.
   */
  public Result invoke(FunctionRef ref, String invocationType, String logType, byte[] payload, String clientContext,
      String requestId) {
    String type = invocationType == null ? "RequestResponse" : invocationType;
    if (!List.of("RequestResponse", "Event", "DryRun").contains(type)) {
      throw AwsException.validation("1 validation error detected: Value '" + type + "' at 'invocationType' "
          + "failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
    }
    Functions.Resolved resolved;
    try {
      resolved = functions.resolveForInvocation(ref);
    } catch (AwsException e) {
      // Invoke names the version it looked for: $LATEST when none was asked for.
      if (ref.qualifier() == null && e.errorCode() == LambdaError.RESOURCE_NOT_FOUND) {
        throw Functions.notFound(ref.arn() + ":$LATEST");
      }
      throw e;
    }
    // Lambda's own wording for each limit (RequestEntityTooLargeException, 413).
    if (payload.length > MAX_SYNC_PAYLOAD) {
      throw new AwsException(LambdaError.REQUEST_TOO_LARGE, "Request must be smaller than " + MAX_SYNC_PAYLOAD
          + " bytes for the InvokeFunction operation");
    }
    if (type.equals("Event") && payload.length > MAX_ASYNC_PAYLOAD) {
      throw new AwsException(LambdaError.REQUEST_TOO_LARGE, payload.length + " byte payload is too large for the "
          + "Event invocation type (limit " + MAX_ASYNC_PAYLOAD + " bytes)");
    }
    byte[] event = payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload;
    checkJson(event);
    FunctionConfig f = resolved.config();
    if (type.equals("DryRun")) {
      // AWS answers a dry run without X-Amz-Executed-Version (recorded in test_lambda).
      return new Result(204, new byte[0], false, null, null);
    }
    if (type.equals("Event")) {
      String qualifier = ref.qualifier() == null ? "$LATEST" : ref.qualifier();
      AsyncEvent queued = new AsyncEvent(resolved, ref.qualified(qualifier),
          ref.qualifier() == null ? resolved.functionArn() + ":$LATEST" : resolved.functionArn(), event,
          requestId, clock.millis());
      async.enqueue(queued);
      return new Result(202, new byte[0], false, null, null);
    }
    Outcome o = run(resolved, event, requestId, clientContext);
    String tail = "Tail".equals(logType) ? tail(o.lines()) : null;
    return new Result(200, o.payload(), o.functionError(), tail, f.version());
  }

  /**
   * Runs one invocation and writes its log lines; the Java API event source mappings use.
   * Throws TooManyRequestsException when the function's environments are all busy.
   */
  public Outcome run(Functions.Resolved resolved, byte[] event, String requestId, String clientContext) {
    FunctionConfig f = resolved.config();
    Integer reserved = functions.reservedConcurrency(new FunctionRef(f.account(), f.region(), f.name(), null));
    int concurrency = reserved != null ? reserved : maxEnvironmentsPerFunction;
    if (concurrency == 0) {
      throw throttled(true);
    }
    Outcome o;
    try {
      o = environments.invoke(spec(f, concurrency), requestId, resolved.functionArn(), event, clientContext);
    } catch (Environments.Throttled e) {
      throw throttled(reserved != null);
    } catch (Environments.RuntimeFailure e) {
      LOG.warn("{}: {}", f.name(), e.getMessage());
      String payload = "{\"errorType\":\"Runtime.Unavailable\",\"errorMessage\":\"RequestId: " + requestId
          + " Error: " + e.getMessage().replace("\"", "'") + "\"}";
      return new Outcome(payload.getBytes(StandardCharsets.UTF_8), true, List.of(), null, false, 0, 0, 0);
    }
    List<InvocationLogs.Line> lines = new ArrayList<>(o.lines().size());
    for (Outcome.Line l : o.lines()) {
      lines.add(new InvocationLogs.Line(l.timestamp(), l.message()));
    }
    logs.write(f, o.logStream(), lines);
    return o;
  }

  private RuntimeSpec spec(FunctionConfig f, int concurrency) {
    String poolKey = f.arn() + "#" + f.version() + "#" + f.revisionId();
    Credentials c = credentials.compute(poolKey, (k, existing) -> {
      if (existing != null && existing.expiration() - System.currentTimeMillis() > 10 * 60_000L) {
        return existing;
      }
      // Lambda assumes the role for each new set of credentials, so a trust policy changed since
      // the function was created decides from then on (with the function as aws:SourceArn).
      Role role = iam.roles().find(f.role());
      if (role == null || !iam.serviceMayAssume(role, "lambda.amazonaws.com", f.account(), f.arn())) {
        throw new AwsException(LambdaError.INVALID_PARAMETER_VALUE,
            "The role defined for the function cannot be assumed by Lambda.");
      }
      // The session is named after the function; a one-letter name (shorter than a session name
      // may be) gets "@lambda_function", as AWS names it (recorded in test_lambda's test_assume_role).
      return sts.assumeRoleForService(role, f.name().length() < 2 ? f.name() + "@lambda_function" : f.name(), 3600);
    });
    return new RuntimeSpec(poolKey, f.name(), f.version(), f.runtime(), f.handler(),
        environments.unpack(f.codeSha256(), () -> functions.code(f.codeSha256())), f.memorySize(), f.timeout(), f.variables(), f.region(),
        f.logGroup(), c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), endpoint.get(), concurrency);
  }

  /** Lambda names which limit was reached: the function's reserved concurrency, or the account's. */
  private static AwsException throttled(boolean reserved) {
    return new AwsException(LambdaError.TOO_MANY_REQUESTS, "Rate Exceeded.",
        Map.of("Reason", reserved ? "ReservedFunctionConcurrentInvocationLimitExceeded"
            : "ConcurrentInvocationLimitExceeded"));
  }

  /**
   * The last 4 KB of an invocation's log, as X-Amz-Log-Result carries it (base64): the lines of
   * the invocation from START on, without the environment's INIT_START (as AWS's tails show).
   */
  static String tail(List<Outcome.Line> lines) {
    StringBuilder all = new StringBuilder();
    for (Outcome.Line l : lines) {
      if (!l.message().startsWith("INIT_START ")) {
        // A message of several lines (a runtime's error report) has no newline of its own.
        all.append(l.message());
        if (!l.message().endsWith("\n")) {
          all.append('\n');
        }
      }
    }
    byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
    int from = Math.max(0, bytes.length - TAIL_BYTES);
    byte[] tail = java.util.Arrays.copyOfRange(bytes, from, bytes.length);
    return Base64.getEncoder().encodeToString(tail);
  }

  private static void checkJson(byte[] payload) {
    try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(payload)) {
      while (p.nextToken() != null) {
        // Reading to the end is the check.
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AwsException(LambdaError.INVALID_REQUEST_CONTENT, "Could not parse request body into json: "
          + "Could not parse payload into json: " + e.getMessage());
    } catch (java.io.IOException e) {
      throw new AwsException(LambdaError.INVALID_REQUEST_CONTENT, "Could not parse request body into json");
    }
  }

  /** Stops asynchronous invocations; the environments are their owner's to close. */
  @Override
  public void close() {
    async.close();
  }
}
