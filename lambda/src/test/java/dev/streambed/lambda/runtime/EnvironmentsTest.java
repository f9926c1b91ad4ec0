package dev.streambed.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Execution environments running real Python and shell functions through the Runtime API. */
class EnvironmentsTest {
  private final Environments environments = new Environments(Duration.ofMinutes(5));

  @AfterEach
  void close() {
    environments.close();
  }

  static byte[] zip(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        out.putNextEntry(new ZipEntry(f.getKey()));
        out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  private RuntimeSpec spec(String name, String runtime, String handler, Map<String, String> code, int timeout,
      int concurrency) {
    byte[] zip = zip(code);
    String sha = dev.streambed.lambda.Functions.sha256(zip);
    return new RuntimeSpec(name + sha, name, "$LATEST", runtime, handler, environments.unpack(sha, zip), 128,
        timeout, Map.of("GREETING", "hello"), "us-east-1", "/aws/lambda/" + name, "ASIAEXAMPLE", "secret",
        "token", "http://127.0.0.1:4566", concurrency);
  }

  private static String text(Outcome o) {
    return new String(o.payload(), StandardCharsets.UTF_8);
  }

  /**
   * The outcome's messages without the newline every line of one line ends with, as Lambda
   * writes its lines to CloudWatch Logs; a message of several lines stays as written.
   */
  private static List<String> messages(Outcome o) {
    return o.lines().stream().map(Outcome.Line::message).map(m -> {
      int first = m.indexOf('\n');
      if (first == m.length() - 1) {
        return m.substring(0, first);
      }
      assertThat(first).as("a line of one line ends with its newline: %s", m).isNotEqualTo(-1);
      return m;
    }).toList();
  }

  @Test
  void aPythonHandlerAnswersAndItsPrintsAreItsLogLines() {
    RuntimeSpec spec = spec("py", "python3.12", "lambda_function.lambda_handler", Map.of("lambda_function.py",
        "import os\nprint('init line')\ndef lambda_handler(event, context):\n"
            + "    print('got', event['n'])\n"
            + "    return {'n': event['n'] + 1, 'greeting': os.environ['GREETING'], 'name': context.function_name,\n"
            + "            'region': os.environ['AWS_REGION'], 'endpoint': os.environ['AWS_ENDPOINT_URL'],\n"
            + "            'remaining': context.get_remaining_time_in_millis() > 0}\n"), 3, 2);
    Outcome first = environments.invoke(spec, "req-1", "arn:aws:lambda:us-east-1:000000000000:function:py",
        "{\"n\": 1}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(first.functionError()).as(text(first)).isFalse();
    assertThat(text(first)).isEqualTo("{\"n\": 2, \"greeting\": \"hello\", \"name\": \"py\", \"region\": \"us-east-1\", "
        + "\"endpoint\": \"http://127.0.0.1:4566\", \"remaining\": true}");
    assertThat(first.coldStart()).isTrue();
    List<String> lines = messages(first);
    assertThat(lines.get(0)).startsWith("INIT_START Runtime Version: python:3.12.v");
    assertThat(lines.get(1)).isEqualTo("init line");
    assertThat(lines.get(2)).isEqualTo("START RequestId: req-1 Version: $LATEST");
    assertThat(lines.get(3)).isEqualTo("got 1");
    assertThat(lines.get(4)).isEqualTo("END RequestId: req-1");
    assertThat(lines.get(5)).matches("REPORT RequestId: req-1\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\t"
        + "Memory Size: 128 MB\tMax Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d\\d ms\t");
    assertThat(first.logStream()).matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\][0-9a-f]{32}");

    Outcome second = environments.invoke(spec, "req-2", "arn", "{\"n\": 5}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(text(second)).startsWith("{\"n\": 6,");
    assertThat(second.coldStart()).isFalse();
    assertThat(second.logStream()).isEqualTo(first.logStream());
    assertThat(messages(second)).containsExactly("START RequestId: req-2 Version: $LATEST", "got 5",
        "END RequestId: req-2", messages(second).get(3));
    assertThat(messages(second).get(3)).doesNotContain("Init Duration");
    assertThat(environments.running()).isEqualTo(1);
  }

  @Test
  void aThrowingHandlerGivesAwsErrorPayload() {
    RuntimeSpec spec = spec("boom", "python3.12", "h.handler", Map.of("h.py",
        "def handler(event, context):\n    raise Exception('Handler fails')\n"), 3, 1);
    Outcome o = environments.invoke(spec, "req-e", "arn", "{}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(o.functionError()).isTrue();
    assertThat(text(o)).contains("\"errorMessage\": \"Handler fails\"").contains("\"errorType\": \"Exception\"")
        .contains("\"requestId\": \"req-e\"").contains("in handler");
    assertThat(messages(o)).anyMatch(l -> l.startsWith("[ERROR] Exception: Handler fails"));
  }

  @Test
  void aMissingModuleIsAnImportModuleError() {
    RuntimeSpec spec = spec("missing", "python3.12", "nothere.handler", Map.of("h.py", "x = 1\n"), 3, 1);
    Outcome o = environments.invoke(spec, "req-m", "arn", "{}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(o.functionError()).isTrue();
    assertThat(text(o)).contains("\"errorType\": \"Runtime.ImportModuleError\"")
        .contains("Unable to import module 'nothere': No module named 'nothere'");
  }

  @Test
  void aHandlerPastItsTimeoutIsStoppedWithAwsMessage() {
    RuntimeSpec spec = spec("slow", "python3.12", "h.handler", Map.of("h.py",
        "import time\ndef handler(event, context):\n    time.sleep(30)\n"), 1, 1);
    Outcome o = environments.invoke(spec, "req-t", "arn", "{}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(o.functionError()).isTrue();
    assertThat(text(o)).isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: req-t Error: "
        + "Task timed out after 1.00 seconds\"}");
    assertThat(messages(o)).anyMatch(l -> l.matches("\\d{4}-.*Z req-t Task timed out after 1.00 seconds"));
    assertThat(environments.running()).isZero();
  }

  @Test
  void aNodeHandlerAnswersAsyncAndByCallback() {
    RuntimeSpec spec = spec("node", "nodejs20.x", "index.handler", Map.of("index.js",
        "exports.handler = async (event, context) => {\n"
            + "  console.log('got', event.n);\n"
            + "  return { n: event.n + 1, name: context.functionName, greeting: process.env.GREETING };\n"
            + "};\n"), 3, 1);
    Outcome o = environments.invoke(spec, "req-n", "arn", "{\"n\": 1}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(o.functionError()).as(text(o)).isFalse();
    assertThat(text(o)).isEqualTo("{\"n\":2,\"name\":\"node\",\"greeting\":\"hello\"}");
    assertThat(messages(o)).anyMatch(l -> l.matches("\\d{4}-.*Z\treq-n\tINFO\tgot 1"));

    RuntimeSpec callback = spec("node-cb", "nodejs20.x", "index.handler", Map.of("index.js",
        "exports.handler = (event, context, callback) => { callback(new Error('boom')); };\n"), 3, 1);
    Outcome failed = environments.invoke(callback, "req-c", "arn", "{}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(failed.functionError()).isTrue();
    assertThat(text(failed)).contains("\"errorType\":\"Error\"").contains("\"errorMessage\":\"boom\"")
        .contains("\"trace\":[");
  }

  @Test
  void aProvidedRuntimeRunsItsOwnBootstrap() {
    String bootstrap = "#!/bin/sh\nwhile true; do\n"
        + "  H=$(mktemp)\n"
        + "  BODY=$(curl -s -D $H http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next)\n"
        + "  ID=$(grep -i Lambda-Runtime-Aws-Request-Id $H | tr -d '\\r' | cut -d' ' -f2)\n"
        + "  echo \"handling $ID\"\n"
        + "  curl -s -X POST -d \"{\\\"echo\\\": $BODY}\" http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/$ID/response >/dev/null\n"
        + "done\n";
    RuntimeSpec spec = spec("custom", "provided.al2023", "any", Map.of("bootstrap", bootstrap), 3, 1);
    Outcome o = environments.invoke(spec, "req-p", "arn", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(o.functionError()).as(text(o)).isFalse();
    assertThat(text(o)).isEqualTo("{\"echo\": {\"a\":1}}");
  }

  @Test
  void everyLineOfACustomRuntimeLandsInItsInvocationHoweverMuchItPrints() {
    // More than a pipe holds, before and after the answer: the end mark still comes after all of it.
    String bootstrap = "#!/bin/sh\nwhile true; do\n"
        + "  H=$(mktemp)\n"
        + "  BODY=$(curl -s -D $H http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next)\n"
        + "  ID=$(grep -i Lambda-Runtime-Aws-Request-Id $H | tr -d '\\r' | cut -d' ' -f2)\n"
        + "  seq 1 20000\n"
        + "  curl -s -X POST -d ok http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/$ID/response >/dev/null\n"
        + "  seq 20001 40000\n"
        + "done\n";
    RuntimeSpec spec = spec("chatty", "provided.al2", "any", Map.of("bootstrap", bootstrap), 20, 1);
    for (String id : List.of("req-1", "req-2")) {
      Outcome o = environments.invoke(spec, id, "arn", "{}".getBytes(StandardCharsets.UTF_8), null);
      assertThat(text(o)).isEqualTo("ok");
      List<String> printed = messages(o).stream().filter(l -> l.matches("\\d+")).toList();
      assertThat(printed).hasSize(40000);
      assertThat(printed.get(0)).isEqualTo("1");
      assertThat(printed.get(39999)).isEqualTo("40000");
      assertThat(messages(o).get(messages(o).size() - 2)).isEqualTo("END RequestId: " + id);
    }
  }

  @Test
  void aFullPoolIsThrottledAndCloseStopsEveryProcess() throws Exception {
    RuntimeSpec spec = spec("busy", "python3.12", "h.handler", Map.of("h.py",
        "import time\ndef handler(event, context):\n    time.sleep(1)\n    return 1\n"), 5, 1);
    Thread t = new Thread(() -> environments.invoke(spec, "req-a", "arn", "{}".getBytes(StandardCharsets.UTF_8), null));
    t.start();
    long until = System.currentTimeMillis() + 5000;
    while (environments.running() == 0 && System.currentTimeMillis() < until) {
      Thread.onSpinWait();
    }
    assertThatThrownBy(() -> environments.invoke(spec, "req-b", "arn", "{}".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(Environments.Throttled.class);
    t.join();
    environments.close();
    assertThat(environments.running()).isZero();
  }

  /** A zip of the compiled classes named, as a Java function's deployment package. */
  static byte[] classesZip(Class<?>... classes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Class<?> c : classes) {
        String name = c.getName().replace('.', '/') + ".class";
        out.putNextEntry(new ZipEntry(name));
        try (java.io.InputStream in = c.getClassLoader().getResourceAsStream(name)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  private RuntimeSpec javaSpec(String name, String mode, int timeout) {
    byte[] zip = classesZip(example.Echo.class);
    String sha = dev.streambed.lambda.Functions.sha256(zip);
    return new RuntimeSpec(name + sha + mode, name, "$LATEST", "java17", "example.Echo", environments.unpack(sha, zip),
        256, timeout, Map.of(JavaMode.VARIABLE, mode), "us-east-1", "/aws/lambda/" + name, "ASIAEXAMPLE", "secret",
        "token", "http://127.0.0.1:4566", 1);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"process", "in-process"})
  void aJavaHandlerAnswersAndItsLinesAreItsOwn(String mode) {
    RuntimeSpec spec = javaSpec("java-" + mode, mode, 20);
    Outcome first = environments.invoke(spec, "req-1", "arn", "{\"n\": 1}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(first.functionError()).as(text(first)).isFalse();
    assertThat(text(first)).startsWith("{\"n\":2,\"name\":\"java-" + mode + "\",\"request\":\"req-1\",\"memory\":256,"
        + "\"remaining\":true");
    List<String> lines = messages(first);
    assertThat(lines.get(0)).matches("INIT_START Runtime Version: java:17\\.v\\d+\tRuntime Version ARN: "
        + "arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}");
    assertThat(lines.subList(1, 6)).containsExactly("init line", "START RequestId: req-1 Version: $LATEST", "got 1",
        "logged\nover two lines", "END RequestId: req-1");
    assertThat(lines.get(6)).startsWith("REPORT RequestId: req-1\t").contains("\tInit Duration: ");

    Outcome failed = environments.invoke(spec, "req-2", "arn", "{\"n\": 1, \"fail\": \"x\"}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(failed.functionError()).isTrue();
    assertThat(text(failed)).startsWith("{\"errorMessage\":\"bad input: x\",\"errorType\":\"java.lang.IllegalArgumentException\","
        + "\"stackTrace\":[\"example.Echo.handleRequest(Echo.java:");
    assertThat(messages(failed)).anyMatch(l -> l.startsWith("bad input: x: java.lang.IllegalArgumentException\n"
        + "java.lang.IllegalArgumentException: bad input: x\n\tat example.Echo.handleRequest(Echo.java:"));
    assertThat(messages(failed).get(messages(failed).size() - 2)).isEqualTo("END RequestId: req-2");
    assertThat(failed.coldStart()).isFalse();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"process", "in-process"})
  void aJavaHandlerPastItsTimeoutIsStopped(String mode) {
    RuntimeSpec spec = javaSpec("java-slow-" + mode, mode, 1);
    environments.invoke(spec, "warm", "arn", "{\"n\": 1}".getBytes(StandardCharsets.UTF_8), null);
    Outcome o = environments.invoke(spec, "req-t", "arn", "{\"n\": 1, \"sleep\": 30000}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(text(o)).isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: req-t Error: "
        + "Task timed out after 1.00 seconds\"}");
    assertThat(environments.running()).isZero();
  }
}
