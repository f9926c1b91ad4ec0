package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.fuzz.Fuzz;
import dev.streambed.fuzz.Gen;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Fuzzing the Lambda Runtime API of a running execution environment with what a confused runtime
 * might send it: answers for invocations that do not exist, errors with odd headers, bodies of
 * anything, paths and methods it does not serve. Each is answered without a 500 or a hang, and
 * the function keeps answering its own invocations correctly in between. (GET invocation/next is
 * left out: whoever calls it is the runtime, and takes the next event.)
 */
class RuntimeApiFuzzTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static String api;
  private static final List<String> OTHER_PATHS = List.of("/2018-06-01/runtime/init/error",
      "/2018-06-01/runtime/", "/", "/2018-06-01/runtime/invocation/next/x", "/2020-01-01/extension/register",
      "/2018-06-01/runtime/invocation//response");
  private static final List<String> BODIES = List.of("{\"errorMessage\":\"x\",\"errorType\":\"y\"}", "null", "[",
      "x".repeat(70_000));

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
    String role = streambed.iam().createRole(b -> b.roleName("runtime-fuzz-role")
        .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)).role().arn();
    lambda.createFunction(b -> b.functionName("runtime-fuzz").runtime(Runtime.PYTHON3_12).role(role).timeout(10)
        .handler("lambda_function.lambda_handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py", String.join("\n",
            "import os",
            "def lambda_handler(event, context):",
            "    return {'api': os.environ['AWS_LAMBDA_RUNTIME_API'], 'echo': event}",
            ""))))));
    String answer = lambda.invoke(b -> b.functionName("runtime-fuzz").payload(SdkBytes.fromUtf8String("{}")))
        .payload().asUtf8String();
    api = answer.replaceAll(".*\"api\": \"([^\"]+)\".*", "$1");
  }

  @AfterAll
  static void stop() {
    lambda.close();
    streambed.close();
  }

  /** A method, a path (an invocation's of any id, or another), a body and an error-type header. */
  private static String[] request(Random r) {
    String method = Gen.pick(r, "POST", "PUT", "DELETE", "GET", "PATCH");
    String path = r.nextBoolean() ? "/2018-06-01/runtime/invocation/" + invocationId(r)
        + Gen.pick(r, "/response", "/error", "", "/next", "/x") : Gen.pick(r, OTHER_PATHS);
    String body = r.nextBoolean() ? Gen.string(r, 500) : Gen.pick(r, BODIES);
    return new String[] {method, path, body, Gen.string(r, '!', '~', 2000)};
  }

  private static String invocationId(Random r) {
    return r.nextBoolean() ? Gen.string(r, 'a', 'z', 40)
        : Gen.pick(r, "00000000-0000-0000-0000-000000000000", "", "..", "%00", "a/b");
  }

  @Test
  void theRuntimeApiAnswersAndTheFunctionKeepsWorking() {
    Fuzz.check(RuntimeApiFuzzTest::request, RuntimeApiFuzzTest::answeredAndTheFunctionKeepsWorking);
  }

  private static void answeredAndTheFunctionKeepsWorking(String[] r) throws Exception {
    if (r[0].equals("GET") && r[1].endsWith("/invocation/next")) {
      return;
    }
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create("http://" + api + r[1])).timeout(Duration.ofSeconds(10))
          .method(r[0], HttpRequest.BodyPublishers.ofString(r[2], StandardCharsets.UTF_8))
          .header("Lambda-Runtime-Function-Error-Type", r[3]);
    } catch (IllegalArgumentException notAUri) {
      return;
    }
    HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s", r[0], r[1]).isLessThan(500);
    String echo = lambda.invoke(x -> x.functionName("runtime-fuzz").payload(SdkBytes.fromUtf8String("{\"n\": 1}")))
        .payload().asUtf8String();
    assertThat(echo).endsWith("\"echo\": {\"n\": 1}}");
  }
}
