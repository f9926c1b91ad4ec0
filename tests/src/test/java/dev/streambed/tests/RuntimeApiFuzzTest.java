package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
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

  @BeforeContainer
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

  @AfterContainer
  static void stop() {
    lambda.close();
    streambed.close();
  }

  @Provide
  Arbitrary<String[]> requests() {
    Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(40),
        Arbitraries.of("00000000-0000-0000-0000-000000000000", "", "..", "%00", "a/b"));
    Arbitrary<String> paths = Combinators.combine(ids, Arbitraries.of("/response", "/error", "", "/next", "/x"))
        .as((id, tail) -> "/2018-06-01/runtime/invocation/" + id + tail);
    Arbitrary<String> others = Arbitraries.of("/2018-06-01/runtime/init/error", "/2018-06-01/runtime/", "/",
        "/2018-06-01/runtime/invocation/next/x", "/2020-01-01/extension/register", "/2018-06-01/runtime/invocation//response");
    Arbitrary<String> methods = Arbitraries.of("POST", "PUT", "DELETE", "GET", "PATCH");
    Arbitrary<String> bodies = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(500),
        Arbitraries.of("{\"errorMessage\":\"x\",\"errorType\":\"y\"}", "null", "[", "x".repeat(70_000)));
    return Combinators.combine(methods, Arbitraries.oneOf(paths, others), bodies, Arbitraries.strings()
        .withCharRange('!', '~').ofMaxLength(2000)).as((m, p, b, h) -> new String[] {m, p, b, h});
  }

  @Property
  void theRuntimeApiAnswersAndTheFunctionKeepsWorking(@ForAll("requests") String[] r) throws Exception {
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
