package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogFormat;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.RecursiveLoop;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A function's settings beside its code, through the SDK, with the answers AWS gave in the
 * recorded tests of test_lambda_api: EventInvokeConfig, resource policies, the recursion setting,
 * LoggingConfig (whose log group the function's lines really go to), and updates in progress.
 */
class LambdaFunctionSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  private static final byte[] CODE = LambdaFunctionsTest.zip("lambda_function.py",
      "def lambda_handler(event, context):\n    print('logged line')\n    return 'hi'\n");
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static String role;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
    try (IamClient iam = streambed.iam()) {
      role = iam.createRole(b -> b.roleName("settings-role").assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
          .role().arn();
      iam.attachRolePolicy(b -> b.roleName("settings-role").policyArn(BASIC));
    }
  }

  @AfterAll
  static void stop() {
    lambda.close();
    streambed.close();
  }

  private static String create(String name) {
    return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(role)
        .handler("lambda_function.lambda_handler").code(c -> c.zipFile(SdkBytes.fromByteArray(CODE))))
        .functionArn();
  }

  @Test
  void eventInvokeConfigsArePutUpdatedListedAndDeletedPerQualifier() {
    create("invoke-config");
    var put = lambda.putFunctionEventInvokeConfig(b -> b.functionName("invoke-config")
        .maximumRetryAttempts(0));
    assertThat(put.functionArn()).endsWith(":function:invoke-config:$LATEST");
    assertThat(put.maximumEventAgeInSeconds()).isNull();
    assertThat(put.destinationConfig().onSuccess().destination()).isNull();
    // Put replaces the whole config, Update only what it names.
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("invoke-config").maximumEventAgeInSeconds(60));
    var updated = lambda.updateFunctionEventInvokeConfig(b -> b.functionName("invoke-config")
        .maximumRetryAttempts(1));
    assertThat(updated.maximumEventAgeInSeconds()).isEqualTo(60);
    assertThat(updated.maximumRetryAttempts()).isEqualTo(1);
    String version = lambda.publishVersion(b -> b.functionName("invoke-config")).version();
    assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("invoke-config").qualifier(version)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The function " + put.functionArn().replace(":$LATEST", ":" + version)
            + " doesn't have an EventInvokeConfig");
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("invoke-config").qualifier(version).maximumRetryAttempts(2));
    assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName("invoke-config")).functionEventInvokeConfigs())
        .extracting(FunctionEventInvokeConfig::functionArn).hasSize(2);
    lambda.deleteFunctionEventInvokeConfig(b -> b.functionName("invoke-config"));
    assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName("invoke-config")).functionEventInvokeConfigs())
        .extracting(FunctionEventInvokeConfig::maximumRetryAttempts).containsExactly(2);
  }

  @Test
  void eventInvokeConfigsAreRefusedInAwsWords() {
    String arn = create("invoke-refused");
    assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("invoke-refused")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("You must specify at least one of error handling or destination setting.");
    assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("missing").maximumRetryAttempts(1)))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("The function doesn't exist.");
    assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("invoke-refused")
        .destinationConfig(d -> d.onSuccess(s -> s.destination(arn)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("You can't specify the function as a destination for itself.");
    assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("invoke-refused")
        .maximumRetryAttempts(3)))
        .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy "
                + "constraint: Member must have value less than or equal to 2"));
  }

  @Test
  void permissionsMakeAPolicyPerQualifierWithItsOwnRevision() throws Exception {
    create("permitted");
    String statement = lambda.addPermission(b -> b.functionName("permitted").statementId("s3")
        .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::bucket")).statement();
    JsonNode s = JSON.readTree(statement);
    assertThat(s.path("Principal").path("Service").asText()).isEqualTo("s3.amazonaws.com");
    assertThat(s.path("Condition").path("ArnLike").path("AWS:SourceArn").asText()).isEqualTo("arn:aws:s3:::bucket");
    lambda.addPermission(b -> b.functionName("permitted").statementId("account").action("lambda:InvokeFunction")
        .principal("123456789012"));
    var policy = lambda.getPolicy(b -> b.functionName("permitted"));
    JsonNode statements = JSON.readTree(policy.policy()).path("Statement");
    assertThat(statements).extracting(n -> n.path("Sid").asText()).containsExactly("s3", "account");
    assertThat(statements.get(1).path("Principal").path("AWS").asText()).isEqualTo("arn:aws:iam::123456789012:root");
    assertThatThrownBy(() -> lambda.addPermission(b -> b.functionName("permitted").statementId("s3")
        .action("lambda:InvokeFunction").principal("s3.amazonaws.com")))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageStartingWith("The statement id (s3) provided already exists.");
    assertThatThrownBy(() -> lambda.removePermission(b -> b.functionName("permitted").statementId("s3")
        .revisionId("stale")))
        .isInstanceOf(PreconditionFailedException.class);
    lambda.removePermission(b -> b.functionName("permitted").statementId("s3").revisionId(policy.revisionId()));
    lambda.removePermission(b -> b.functionName("permitted").statementId("account"));
    assertThatThrownBy(() -> lambda.getPolicy(b -> b.functionName("permitted")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The resource you requested does not exist.");
    assertThatThrownBy(() -> lambda.addPermission(b -> b.functionName("permitted").statementId("bad")
        .action("lambda:InvokeFunction").principal("invalid.nonaws.com")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("The provided principal was invalid.");
  }

  @Test
  void theRecursionSettingIsTerminateUntilAllowed() {
    create("recursive");
    assertThat(lambda.getFunctionRecursionConfig(b -> b.functionName("recursive")).recursiveLoop())
        .isEqualTo(RecursiveLoop.TERMINATE);
    lambda.putFunctionRecursionConfig(b -> b.functionName("recursive").recursiveLoop(RecursiveLoop.ALLOW));
    assertThat(lambda.getFunctionRecursionConfig(b -> b.functionName("recursive")).recursiveLoop())
        .isEqualTo(RecursiveLoop.ALLOW);
  }

  @Test
  void loggingConfigNamesTheGroupTheFunctionsLinesGoTo() {
    create("custom-group");
    var updated = lambda.updateFunctionConfiguration(b -> b.functionName("custom-group")
        .loggingConfig(l -> l.logFormat(LogFormat.JSON).logGroup("my-functions")));
    assertThat(updated.loggingConfig().applicationLogLevelAsString()).isEqualTo("INFO");
    lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("custom-group"));
    var text = lambda.updateFunctionConfiguration(b -> b.functionName("custom-group")
        .loggingConfig(l -> l.logFormat(LogFormat.TEXT)));
    assertThat(text.loggingConfig().applicationLogLevel()).isNull();
    assertThat(text.loggingConfig().logGroup()).isEqualTo("my-functions");
    lambda.invoke(b -> b.functionName("custom-group"));
    try (CloudWatchLogsClient logs = streambed.logs()) {
      List<String> messages = logs.filterLogEvents(b -> b.logGroupName("my-functions")).events().stream()
          .map(e -> e.message()).toList();
      assertThat(messages).anyMatch(m -> m.startsWith("START RequestId: ")).contains("logged line\n");
      assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/lambda/custom-group")).logGroups()).isEmpty();
    }
  }

  @Test
  void aSecondUpdateBeforeTheFirstIsReadIsRefused() {
    String arn = create("busy");
    lambda.getFunction(b -> b.functionName("busy"));
    lambda.updateFunctionConfiguration(b -> b.functionName("busy").environment(e -> e.variables(Map.of("A", "1"))));
    assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("busy")
        .environment(e -> e.variables(Map.of("A", "2")))))
        .isInstanceOfSatisfying(ResourceConflictException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("The operation cannot be performed at this time. An update is in progress for resource: " + arn));
    lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("busy"));
    lambda.updateFunctionConfiguration(b -> b.functionName("busy").environment(e -> e.variables(Map.of("A", "2"))));
  }

  @Test
  void functionNamesAndQualifiersAreCheckedAsAwsChecksThem() {
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("my-function").qualifier("a".repeat(129))))
        .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("1 validation error detected: Value '" + "a".repeat(129) + "' at 'qualifier' failed to "
                + "satisfy constraint: Member must have length less than or equal to 128"));
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("never-made")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Function not found: arn:aws:lambda:us-east-1:000000000000:function:never-made:$LATEST");
    assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("never-made").qualifier("$LATEST")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("$LATEST version cannot be deleted without deleting the function.");
    assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("old").runtime("python3.7").role(role)
        .handler("h.h").code(c -> c.zipFile(SdkBytes.fromByteArray(CODE)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("The runtime parameter of python3.7 is no longer supported");
  }
}
