package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * {@code streambed blueprint}: the blueprints listed, one written as a zip, and functions made
 * from the DynamoDB stream blueprints invoked with a stream event.
 */
class BlueprintTest {
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static String role;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
    try (IamClient iam = streambed.iam()) {
      role = iam.createRole(b -> b.roleName("blueprint-role").assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
          .role().arn();
      iam.attachRolePolicy(b -> b.roleName("blueprint-role")
          .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
    }
  }

  @AfterAll
  static void stop() {
    lambda.close();
    streambed.close();
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    assertThat(cli.execute(args)).as(out.toString()).isZero();
    return out.toString();
  }

  @Test
  void theBlueprintsAreListed() {
    assertThat(run("blueprint")).contains("dynamodb-process-stream-python3").contains("python3.12")
        .contains("lambda_function.lambda_handler").contains("dynamodb-process-stream-nodejs")
        .contains("hello-world-python3").contains("dynamodb-process-stream-java").contains("java21")
        .contains("example.DynamoDbStreamHandler::handleRequest").contains("hello-world-java")
        .contains("hello-world-nodejs").contains("hello-world-provided").contains("provided.al2023");
  }

  /** Writes the blueprint as the CLI does and creates a function of it. */
  private static String create(String blueprint, Path dir) {
    Path zip = dir.resolve(blueprint + ".zip");
    assertThat(run("blueprint", blueprint, "--output", zip.toString())).contains("Wrote " + zip);
    dev.streambed.lambda.Blueprints.Blueprint b = dev.streambed.lambda.Blueprints.find(blueprint);
    lambda.createFunction(f -> f.functionName(blueprint).runtime(b.runtime()).handler(b.handler()).role(role)
        .timeout(30).code(c -> c.zipFile(SdkBytes.fromByteArray(readAll(zip)))));
    return blueprint;
  }

  @Test
  void everyHelloWorldSaysHello(@TempDir Path dir) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String blueprint : new String[] {"hello-world-python3", "hello-world-nodejs", "hello-world-java",
        "hello-world-provided"}) {
      var r = lambda.invoke(i -> i.functionName(create(blueprint, dir)).logType(LogType.TAIL)
          .payload(SdkBytes.fromUtf8String("{\"key1\": \"value1\"}")));
      assertThat(r.functionError()).as(blueprint + ": " + r.payload().asUtf8String()).isNull();
      assertThat(json.readTree(r.payload().asUtf8String())).as(blueprint)
          .isEqualTo(json.readTree("{\"statusCode\": 200, \"body\": \"\\\"Hello from Lambda!\\\"\"}"));
      assertThat(new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8)).as(blueprint)
          .containsPattern("Received event:? \\{\"key1\": ?\"value1\"\\}");
    }
  }

  @Test
  void theJavaStreamBlueprintLogsEveryRecordAsJson(@TempDir Path dir) {
    var r = lambda.invoke(i -> i.functionName(create("dynamodb-process-stream-java", dir)).logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String(LambdaInvokeTest.SAMPLE_EVENT)));
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(r.payload().asUtf8String()).isEqualTo("\"Successfully processed 3 records.\"");
    String tail = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    assertThat(tail).contains("\n1\nINSERT\nDynamoDB Record: {\n  \"Keys\": {\n    \"Id\": {\n      \"N\": \"101\"\n    }\n  },")
        .contains("\n2\nMODIFY\n").contains("\n3\nREMOVE\n");
  }

  @Test
  void theStreamBlueprintsLogEveryRecord(@TempDir Path dir) throws Exception {
    for (String[] b : new String[][] {
        {"dynamodb-process-stream-python3", "python3.12", "lambda_function.lambda_handler"},
        {"dynamodb-process-stream-nodejs", "nodejs20.x", "index.handler"}}) {
      Path zip = dir.resolve(b[0] + ".zip");
      assertThat(run("blueprint", b[0], "--output", zip.toString())).contains("Wrote " + zip);
      lambda.createFunction(f -> f.functionName(b[0]).runtime(b[1]).handler(b[2]).role(role)
          .code(c -> c.zipFile(SdkBytes.fromByteArray(readAll(zip)))));
      var r = lambda.invoke(i -> i.functionName(b[0]).logType(LogType.TAIL)
          .payload(SdkBytes.fromUtf8String(LambdaInvokeTest.SAMPLE_EVENT)));
      assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
      assertThat(r.payload().asUtf8String()).isEqualTo("\"Successfully processed 3 records.\"");
      String tail = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
      assertThat(tail).contains("INSERT").contains("MODIFY").contains("REMOVE").contains("DynamoDB Record: ");
    }
  }

  private static byte[] readAll(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
