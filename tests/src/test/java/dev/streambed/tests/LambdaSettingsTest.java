package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.time.MutableClock;
import dev.streambed.lambda.LambdaConfig;
import dev.streambed.lambda.runtime.JavaMode;
import dev.streambed.server.Config;
import dev.streambed.server.Main;
import example.Gate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * The Lambda flags: how many environments a function may run, how long an idle one stays warm,
 * and where Java functions run by default.
 */
class LambdaSettingsTest {
  private static String role(Streambed streambed) {
    try (IamClient iam = streambed.iam()) {
      return iam.createRole(b -> b.roleName("settings-role").assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
          .role().arn();
    }
  }

  @Test
  void theConcurrencyLimitThrottlesTheInvocationPastIt() throws Exception {
    // In-process by the server's default: the gate's latches are shared through the JVM's properties.
    Config config = Config.defaults().withLambda(new LambdaConfig(1, Duration.ofMinutes(5), JavaMode.IN_PROCESS));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch open = new CountDownLatch(1);
    System.getProperties().put("gate.entered", entered);
    System.getProperties().put("gate.open", open);
    try (Streambed streambed = Streambed.start(config, java.time.Clock.systemUTC());
         LambdaClient lambda = LambdaFunctionsTest.lambda(streambed.endpoint())) {
      String role = role(streambed);
      lambda.createFunction(b -> b.functionName("gate").runtime(Runtime.JAVA21).role(role).handler("example.Gate")
          .timeout(30).code(c -> c.zipFile(SdkBytes.fromByteArray(JavaZip.of(new Class<?>[] {Gate.class})))));
      CompletableFuture<InvokeResponse> first = CompletableFuture.supplyAsync(() -> lambda.invoke(b -> b.functionName("gate")));
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("gate")))
          .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate Exceeded.");
            assertThat(e.reasonAsString()).isEqualTo("ConcurrentInvocationLimitExceeded");
          });
      open.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS).payload().asUtf8String()).isEqualTo("\"passed\"");
      assertThat(lambda.invoke(b -> b.functionName("gate")).payload().asUtf8String()).isEqualTo("\"passed\"");
    } finally {
      System.getProperties().remove("gate.entered");
      System.getProperties().remove("gate.open");
    }
  }

  @Test
  void anEnvironmentIdlePastTheStopTimeIsNotReused() {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    Config config = Config.defaults().withLambda(new LambdaConfig(4, Duration.ofSeconds(90), JavaMode.PROCESS));
    try (Streambed streambed = Streambed.start(config, clock);
         LambdaClient lambda = LambdaFunctionsTest.lambda(streambed.endpoint())) {
      String role = role(streambed);
      lambda.createFunction(b -> b.functionName("idle").runtime(Runtime.PYTHON3_12).role(role)
          .handler("lambda_function.lambda_handler").code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip(
              "lambda_function.py", "import os\n\ndef lambda_handler(event, context):\n    return os.getpid()\n")))));
      InvokeResponse cold = lambda.invoke(b -> b.functionName("idle").logType(LogType.TAIL));
      clock.advance(Duration.ofSeconds(89));
      InvokeResponse warm = lambda.invoke(b -> b.functionName("idle").logType(LogType.TAIL));
      assertThat(warm.payload().asUtf8String()).isEqualTo(cold.payload().asUtf8String());
      assertThat(tail(warm)).doesNotContain("INIT_START");
      clock.advance(Duration.ofSeconds(91));
      InvokeResponse again = lambda.invoke(b -> b.functionName("idle").logType(LogType.TAIL));
      assertThat(again.payload().asUtf8String()).isNotEqualTo(cold.payload().asUtf8String());
      // A cold start again: the REPORT line has an Init Duration (the tail leaves INIT_START out, as AWS's).
      assertThat(tail(again)).startsWith("START RequestId: ").contains("\tInit Duration: ");
    }
  }

  private static String tail(InvokeResponse r) {
    return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
  }

  private static int start(StringWriter err, String... flags) {
    CommandLine cli = new CommandLine(new Main());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    String[] args = new String[flags.length + 4];
    args[0] = "start";
    args[1] = "--port";
    args[2] = "0";
    args[3] = "--exit-when-ready";
    System.arraycopy(flags, 0, args, 4, flags.length);
    return cli.execute(args);
  }

  @Test
  void theFlagsAreCheckedAndTaken() {
    StringWriter err = new StringWriter();
    assertThat(start(err, "--lambda-concurrency", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("concurrency must be between 1 and 10000: 0");
    err = new StringWriter();
    assertThat(start(err, "--java-runtime", "container")).isEqualTo(2);
    assertThat(err.toString()).contains("--java-runtime must be process or in-process, not container");
    err = new StringWriter();
    assertThat(start(err, "--lambda-idle-stop", "soon")).isEqualTo(2);
    assertThat(start(new StringWriter(), "--lambda-concurrency", "8", "--lambda-idle-stop", "PT30S",
        "--java-runtime", "in-process")).isZero();
    StringWriter help = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(help));
    cli.execute("start", "--help");
    assertThat(help.toString()).contains("--lambda-concurrency").contains("--lambda-idle-stop").contains("--java-runtime");
  }
}
