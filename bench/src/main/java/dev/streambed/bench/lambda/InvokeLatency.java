package dev.streambed.bench.lambda;

import dev.streambed.lambda.Blueprints;
import dev.streambed.lambda.FunctionRef;
import dev.streambed.lambda.Functions;
import dev.streambed.lambda.runtime.Outcome;
import dev.streambed.server.StreambedServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Invocations of one function inside an embedded Streambed, through Lambda's Java API (what
 * triggers use): the cold start, then warm invocations one after another. Each call includes what
 * every invocation does: the hand-over to the runtime, the handler, and its lines written to
 * CloudWatch Logs.
 */
public final class InvokeLatency {
  private static final String ACCOUNT = "000000000000";
  private static final String REGION = "us-east-1";
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final byte[] EVENT = "{\"key1\":\"value1\",\"key2\":\"value2\"}".getBytes(StandardCharsets.UTF_8);

  /** A runtime to measure: the blueprint its function is made from, and its environment. */
  public record Subject(String label, String blueprint, Map<String, String> environment) {}

  /** The cold start's wall time and Init Duration, and the warm invocations' latencies (ns). */
  public record Result(String label, double coldMillis, double initMillis, Histogram warm, double perSecond) {}

  private final StreambedServer server;
  private final String roleArn;

  public InvokeLatency(StreambedServer server) {
    this.server = server;
    String name = "bench-lambda-" + UUID.randomUUID().toString().substring(0, 8);
    roleArn = server.iam().roles().create(ACCOUNT, name, "/", TRUST, null, null, List.of()).arn();
    server.iam().roles().attach(ACCOUNT, name, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  }

  public Result run(Subject subject, int warmCalls) {
    Blueprints.Blueprint b = Blueprints.find(subject.blueprint());
    String name = "bench-" + subject.label().replaceAll("[^A-Za-z0-9]", "-");
    server.functions().create(ACCOUNT, REGION, new Functions.CreateRequest(name, b.runtime(), b.handler(), roleArn,
        null, 30, 512, subject.environment(), null, Blueprints.zip(b), null, "Zip", null, null, false));
    Functions.Resolved resolved = server.functions().resolve(new FunctionRef(ACCOUNT, REGION, name, null));

    long start = System.nanoTime();
    Outcome cold = invoke(resolved);
    double coldMillis = (System.nanoTime() - start) / 1e6;
    // As many unmeasured calls first, so that the measured ones run compiled code on both sides
    // (the JIT compiles a method after thousands of calls, not hundreds).
    for (int i = 0; i < warmCalls; i++) {
      invoke(resolved);
    }
    Histogram warm = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    long begin = System.nanoTime();
    for (int i = 0; i < warmCalls; i++) {
      long t = System.nanoTime();
      invoke(resolved);
      warm.recordValue(System.nanoTime() - t);
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    return new Result(subject.label(), coldMillis, cold.initDurationMs(), warm, warmCalls / seconds);
  }

  private Outcome invoke(Functions.Resolved resolved) {
    Outcome o = server.invocations().run(resolved, EVENT, dev.streambed.kernel.protocol.RequestUuids.next(), null);
    if (o.functionError()) {
      throw new IllegalStateException(resolved.functionArn() + " failed: "
          + new String(o.payload(), StandardCharsets.UTF_8));
    }
    return o;
  }
}
