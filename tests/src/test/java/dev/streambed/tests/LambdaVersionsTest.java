package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Published versions, aliases, reserved concurrency and tags of functions, through the SDK. */
class LambdaVersionsTest {
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static String role;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
    try (IamClient iam = streambed.iam()) {
      role = iam.createRole(b -> b.roleName("versions-role")
          .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)).role().arn();
    }
  }

  @AfterAll
  static void stop() {
    lambda.close();
    streambed.close();
  }

  private static String create(String name) {
    return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(role)
        .handler("lambda_function.lambda_handler").description("No version :(")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.CODE)))).functionArn();
  }

  @Test
  void publishingNumbersVersionsAndRepublishingUnchangedAnswersTheLastOne() {
    String arn = create("versioned");
    var v1 = lambda.publishVersion(b -> b.functionName("versioned").description("First version :)"));
    assertThat(v1.version()).isEqualTo("1");
    assertThat(v1.functionArn()).isEqualTo(arn + ":1");
    assertThat(v1.description()).isEqualTo("First version :)");
    assertThat(v1.lastUpdateStatusAsString()).isEqualTo("Successful");
    assertThat(lambda.publishVersion(b -> b.functionName("versioned")).version()).isEqualTo("1");

    lambda.updateFunctionConfiguration(b -> b.functionName("versioned").description("Second version :))"));
    var v2 = lambda.publishVersion(b -> b.functionName("versioned"));
    assertThat(v2.version()).isEqualTo("2");
    assertThat(v2.description()).isEqualTo("Second version :))");

    var got = lambda.getFunction(b -> b.functionName("versioned").qualifier("1"));
    assertThat(got.configuration().functionArn()).isEqualTo(arn + ":1");
    assertThat(got.configuration().description()).isEqualTo("First version :)");
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName(arn + ":2")).version()).isEqualTo("2");

    assertThat(lambda.listVersionsByFunction(b -> b.functionName("versioned")).versions())
        .extracting(FunctionConfiguration::version, FunctionConfiguration::functionArn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("$LATEST", arn + ":$LATEST"),
            org.assertj.core.groups.Tuple.tuple("1", arn + ":1"),
            org.assertj.core.groups.Tuple.tuple("2", arn + ":2"));

    assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName("versioned").codeSha256("somenonexistentsha256")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("CodeSHA256 (somenonexistentsha256) is different from current CodeSHA256 in $LATEST (");
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("versioned").qualifier("10")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Function not found: " + arn + ":10");

    lambda.deleteFunction(b -> b.functionName("versioned").qualifier("1"));
    assertThat(lambda.listVersionsByFunction(b -> b.functionName("versioned")).versions())
        .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "2");
  }

  @Test
  void aliasesNameVersionsAndShareTraffic() {
    String arn = create("aliased");
    lambda.publishVersion(b -> b.functionName("aliased"));
    lambda.updateFunctionConfiguration(b -> b.functionName("aliased").description("two"));
    lambda.publishVersion(b -> b.functionName("aliased"));

    var created = lambda.createAlias(b -> b.functionName("aliased").name("live").functionVersion("1")
        .description("custom-alias").routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.2))));
    assertThat(created.aliasArn()).isEqualTo(arn + ":live");
    assertThat(created.routingConfig().additionalVersionWeights()).containsEntry("2", 0.2);
    var got = lambda.getAlias(b -> b.functionName("aliased").name("live"));
    assertThat(got.functionVersion()).isEqualTo("1");
    assertThat(got.revisionId()).isEqualTo(created.revisionId());

    var byAlias = lambda.getFunction(b -> b.functionName("aliased").qualifier("live"));
    assertThat(byAlias.configuration().functionArn()).isEqualTo(arn + ":live");
    assertThat(byAlias.configuration().version()).isEqualTo("1");

    lambda.createAlias(b -> b.functionName("aliased").name("latest").functionVersion("$LATEST"));
    assertThat(lambda.listAliases(b -> b.functionName("aliased")).aliases())
        .extracting(AliasConfiguration::name).containsExactly("latest", "live");
    assertThat(lambda.listAliases(b -> b.functionName("aliased").functionVersion("1")).aliases())
        .extracting(AliasConfiguration::name).containsExactly("live");

    var updated = lambda.updateAlias(b -> b.functionName("aliased").name("live").functionVersion("2")
        .routingConfig(r -> r.additionalVersionWeights(Map.of())));
    assertThat(updated.functionVersion()).isEqualTo("2");
    assertThat(updated.routingConfig()).isNull();
    assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());

    assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("aliased").name("live").functionVersion("1")))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageStartingWith("Alias already exists: " + arn + ":live");
    assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("aliased").name("nowhere").functionVersion("10")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Function not found: " + arn + ":10");
    assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("aliased").name("bad").functionVersion("1")
        .routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.5)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Invalid function version 1. Function version 1 is already included in routing configuration.");
    assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("aliased").name("bad").functionVersion("$LATEST")
        .routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.5)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("$LATEST is not supported for an alias pointing to more than 1 version");
    assertThatThrownBy(() -> lambda.getAlias(b -> b.functionName("aliased").name("non-existent")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Cannot find alias arn: " + arn + ":non-existent");

    lambda.deleteAlias(b -> b.functionName("aliased").name("live"));
    assertThat(lambda.listAliases(b -> b.functionName("aliased")).aliases())
        .extracting(AliasConfiguration::name).containsExactly("latest");
  }

  @Test
  void reservedConcurrencyIsKeptAndLimitedByTheAccount() {
    create("reserved");
    assertThat(lambda.getFunctionConcurrency(b -> b.functionName("reserved")).reservedConcurrentExecutions()).isNull();
    assertThat(lambda.putFunctionConcurrency(b -> b.functionName("reserved").reservedConcurrentExecutions(1))
        .reservedConcurrentExecutions()).isEqualTo(1);
    assertThat(lambda.getFunctionConcurrency(b -> b.functionName("reserved")).reservedConcurrentExecutions()).isEqualTo(1);
    assertThat(lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions()).isEqualTo(999);
    assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("reserved").reservedConcurrentExecutions(901)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Specified ReservedConcurrentExecutions for function decreases account's "
            + "UnreservedConcurrentExecution below its minimum value of [100].");
    assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("reserved:1").reservedConcurrentExecutions(1)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("This operation is permitted on Lambda functions only.");
    assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("doesnotexist").reservedConcurrentExecutions(1)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Function not found: arn:aws:lambda:us-east-1:000000000000:function:doesnotexist:$LATEST");
    lambda.deleteFunctionConcurrency(b -> b.functionName("reserved"));
    assertThat(lambda.getFunctionConcurrency(b -> b.functionName("reserved")).reservedConcurrentExecutions()).isNull();
  }

  @Test
  void tagsAreAddedListedAndRemoved() {
    String arn = create("tagged");
    lambda.tagResource(b -> b.resource(arn).tags(Map.of("A", "tag-a")));
    lambda.tagResource(b -> b.resource(arn).tags(Map.of("B", "tag-b", "C", "tag-c")));
    lambda.tagResource(b -> b.resource(arn).tags(Map.of("C", "tag-c-newsuffix", "D", "tag-d")));
    assertThat(lambda.listTags(b -> b.resource(arn)).tags())
        .containsExactlyInAnyOrderEntriesOf(Map.of("A", "tag-a", "B", "tag-b", "C", "tag-c-newsuffix", "D", "tag-d"));
    lambda.untagResource(b -> b.resource(arn).tagKeys(List.of("A", "B", "C", "nope")));
    assertThat(lambda.listTags(b -> b.resource(arn)).tags()).containsExactly(Map.entry("D", "tag-d"));
    assertThat(lambda.getFunction(b -> b.functionName("tagged")).tags()).containsExactly(Map.entry("D", "tag-d"));

    assertThatThrownBy(() -> lambda.tagResource(b -> b.resource(arn + ":1").tags(Map.of("A", "a"))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Tags on function aliases and versions are not supported. Please specify a function ARN.");
    String missing = "arn:aws:lambda:us-east-1:000000000000:function:doesnotexist";
    assertThatThrownBy(() -> lambda.listTags(b -> b.resource(missing)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Function not found: " + missing);
    assertThatThrownBy(() -> lambda.tagResource(b -> b.resource("arn:aws:something").tags(Map.of("A", "a"))))
        .isInstanceOf(LambdaException.class)
        .satisfies(e -> assertThat(((LambdaException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }
}
