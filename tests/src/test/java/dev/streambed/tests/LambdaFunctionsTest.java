package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/** Lambda's function control plane through the SDK: create, read, list, update, delete. */
class LambdaFunctionsTest {
  static final String TRUST_LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String TRUST_EC2 = TRUST_LAMBDA.replace("lambda.amazonaws.com", "ec2.amazonaws.com");
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static String role;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    lambda = lambda(streambed.endpoint());
    try (IamClient iam = streambed.iam()) {
      role = iam.createRole(b -> b.roleName("lambda-role").assumeRolePolicyDocument(TRUST_LAMBDA)).role().arn();
      iam.createRole(b -> b.roleName("ec2-role").assumeRolePolicyDocument(TRUST_EC2));
    }
  }

  @AfterAll
  static void stop() {
    lambda.close();
    streambed.close();
  }

  static LambdaClient lambda(URI endpoint) {
    return LambdaClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A zip holding one file. */
  static byte[] zip(String name, String content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry(name));
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static final byte[] CODE = zip("lambda_function.py", "def lambda_handler(event, context):\n    return 'hi'\n");

  private static CreateFunctionResponse create(String name) {
    return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(role)
        .handler("lambda_function.lambda_handler").code(c -> c.zipFile(SdkBytes.fromByteArray(CODE))));
  }

  @Test
  void createAnswersPendingAndTheNextReadIsActive() throws Exception {
    CreateFunctionResponse created = lambda.createFunction(b -> b.functionName("lifecycle")
        .runtime(Runtime.PYTHON3_12).role(role).handler("lambda_function.lambda_handler")
        .description("first").timeout(5).memorySize(256)
        .environment(e -> e.variables(Map.of("STAGE", "test")))
        .tags(Map.of("team", "data"))
        .code(c -> c.zipFile(SdkBytes.fromByteArray(CODE))));
    assertThat(created.state()).isEqualTo(State.PENDING);
    assertThat(created.stateReason()).isEqualTo("The function is being created.");
    assertThat(created.stateReasonCodeAsString()).isEqualTo("Creating");
    assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:lifecycle");
    assertThat(created.codeSize()).isEqualTo(CODE.length);
    assertThat(created.codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(CODE)));
    assertThat(created.version()).isEqualTo("$LATEST");
    assertThat(created.architectures()).containsExactly(Architecture.X86_64);
    assertThat(created.ephemeralStorage().size()).isEqualTo(512);
    assertThat(created.loggingConfig().logGroup()).isEqualTo("/aws/lambda/lifecycle");
    assertThat(created.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
    assertThat(created.environment().variables()).containsEntry("STAGE", "test");
    assertThat(created.runtimeVersionConfig().runtimeVersionArn()).matches("arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}");

    GetFunctionResponse got = lambda.getFunction(b -> b.functionName("lifecycle"));
    assertThat(got.configuration().state()).isEqualTo(State.ACTIVE);
    assertThat(got.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
    assertThat(got.configuration().memorySize()).isEqualTo(256);
    assertThat(got.code().repositoryType()).isEqualTo("S3");
    assertThat(got.tags()).containsEntry("team", "data");
    // The code can be downloaded from Code.Location, as from AWS's presigned URL.
    HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(got.code().location())).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(CODE);

    // The waiter the SDK offers returns at once.
    lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("lifecycle"));

    var updated = lambda.updateFunctionConfiguration(b -> b.functionName("lifecycle").description("second")
        .timeout(10).environment(e -> e.variables(Map.of("ENV_A", "a"))));
    assertThat(updated.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
    assertThat(updated.description()).isEqualTo("second");
    assertThat(updated.timeout()).isEqualTo(10);
    assertThat(updated.environment().variables()).containsExactly(Map.entry("ENV_A", "a"));
    assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());
    lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("lifecycle"));

    byte[] newCode = zip("lambda_function.py", "def lambda_handler(event, context):\n    return 'v2'\n");
    var codeUpdated = lambda.updateFunctionCode(b -> b.functionName("lifecycle").zipFile(SdkBytes.fromByteArray(newCode)));
    assertThat(codeUpdated.codeSize()).isEqualTo(newCode.length);
    assertThat(codeUpdated.codeSha256()).isNotEqualTo(created.codeSha256());
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName("lifecycle")).codeSha256())
        .isEqualTo(codeUpdated.codeSha256());

    assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("lifecycle")
        .description("third").revisionId(created.revisionId())))
        .isInstanceOf(PreconditionFailedException.class);

    lambda.deleteFunction(b -> b.functionName("lifecycle"));
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("lifecycle")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Function not found: arn:aws:lambda:us-east-1:000000000000:function:lifecycle")
        .satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void functionsAreFoundByNameArnAndPartialArn() {
    create("named");
    assertThat(lambda.getFunction(b -> b.functionName("arn:aws:lambda:us-east-1:000000000000:function:named"))
        .configuration().functionName()).isEqualTo("named");
    assertThat(lambda.getFunction(b -> b.functionName("000000000000:function:named"))
        .configuration().functionName()).isEqualTo("named");
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("arn:aws:lambda:eu-west-1:000000000000:function:named")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
    assertThatThrownBy(() -> create("named"))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageStartingWith("Function already exist: named");
  }

  @Test
  void listFunctionsPagesWithMarkers() {
    for (int i = 0; i < 5; i++) {
      create("listed-" + i);
    }
    List<String> names = new java.util.ArrayList<>();
    lambda.listFunctionsPaginator(b -> b.maxItems(2)).functions()
        .forEach(f -> names.add(f.functionName()));
    assertThat(names).contains("listed-0", "listed-1", "listed-2", "listed-3", "listed-4").doesNotHaveDuplicates();
    var first = lambda.listFunctions(b -> b.maxItems(2));
    assertThat(first.functions()).hasSize(2);
    assertThat(first.nextMarker()).isNotNull();
    // AWS lists functions without their State (recorded in test_lambda_api's test_list_functions).
    assertThat(lambda.listFunctions().functions()).extracting(FunctionConfiguration::state).containsOnlyNulls();
  }

  @Test
  void badFunctionsAreRefusedAsAwsRefusesThem() {
    assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("bad-role").runtime(Runtime.PYTHON3_12)
        .role("r1").handler("h.h").code(c -> c.zipFile(SdkBytes.fromByteArray(CODE)))))
        .isInstanceOf(LambdaException.class)
        .satisfies(e -> {
          assertThat(((LambdaException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(((LambdaException) e).awsErrorDetails().errorMessage()).isEqualTo("1 validation error "
              + "detected: Value 'r1' at 'role' failed to satisfy constraint: Member must satisfy regular "
              + "expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
        });
    assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("bad-runtime").runtime("PYTHON3.9")
        .role(role).handler("h.h").code(c -> c.zipFile(SdkBytes.fromByteArray(CODE)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Value PYTHON3.9 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [nodejs20.x, python3.14,");
    assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("bad-zip").runtime(Runtime.PYTHON3_12)
        .role(role).handler("h.h").code(c -> c.zipFile(SdkBytes.fromUtf8String("not a zip")))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Could not unzip uploaded file. Please check your file, then try to upload again.");
    for (String untrusted : List.of("arn:aws:iam::000000000000:role/ec2-role", "arn:aws:iam::000000000000:role/missing")) {
      assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("bad-trust").runtime(Runtime.PYTHON3_12)
          .role(untrusted).handler("h.h").code(c -> c.zipFile(SdkBytes.fromByteArray(CODE)))))
          .isInstanceOf(InvalidParameterValueException.class)
          .hasMessageStartingWith("The role defined for the function cannot be assumed by Lambda.");
    }
    assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("bad-arch").runtime(Runtime.PYTHON3_12)
        .role(role).handler("h.h").architecturesWithStrings("x86_64", "arm64")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(CODE)))))
        .isInstanceOf(LambdaException.class)
        .hasMessageStartingWith("1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to "
            + "satisfy constraint: Member must have length less than or equal to 1");
    assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("bad-timeout").runtime(Runtime.PYTHON3_12)
        .role(role).handler("h.h").timeout(901).code(c -> c.zipFile(SdkBytes.fromByteArray(CODE)))))
        .isInstanceOf(LambdaException.class)
        .hasMessageContaining("Member must have value less than or equal to 900");
    assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("never-was")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(lambda.listFunctions().functions()).extracting(FunctionConfiguration::functionName)
        .noneMatch(n -> n.startsWith("bad-"));
  }

  @Test
  void accountSettingsCountTheFunctions() {
    var settings = lambda.getAccountSettings();
    assertThat(settings.accountLimit().codeSizeZipped()).isEqualTo(52_428_800L);
    assertThat(settings.accountLimit().codeSizeUnzipped()).isEqualTo(262_144_000L);
    assertThat(settings.accountLimit().concurrentExecutions()).isEqualTo(1000);
    assertThat(settings.accountUsage().functionCount()).isEqualTo(lambda.listFunctions(b -> b.maxItems(1000)).functions().size());
  }
}
