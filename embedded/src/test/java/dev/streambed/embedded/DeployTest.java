package dev.streambed.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.embedded.handlers.Greeter;
import dev.streambed.embedded.handlers.PrintChanges;
import dev.streambed.kernel.error.AwsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Functions deployed in one call, from a handler class of the test's classpath or from a zip, with
 * a role made for them and their stream triggers; what they did is read back from their logs.
 */
class DeployTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
  }

  @AfterEach
  void empty() {
    streambed.reset();
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  @Test
  void aHandlerOfTheClasspathGetsEveryChangeOfTheTable() {
    TestTables.withStream(ddb, "Orders");
    DeployedFunction fn = streambed.deploy(PrintChanges.class)
        .withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
    TestTables.put(ddb, "Orders", "1");
    TestTables.put(ddb, "Orders", "2");
    ddb.deleteItem(b -> b.tableName("Orders").key(Map.of("id", AttributeValue.fromS("1"))));

    streambed.awaitQuiescent();

    assertThat(fn.output()).filteredOn(l -> !l.startsWith("batch of"))
        .containsExactly("INSERT 1", "INSERT 2", "REMOVE 1");
    assertThat(fn.logs()).anyMatch(l -> l.startsWith("START RequestId: "))
        .anyMatch(l -> l.startsWith("END RequestId: ")).anyMatch(l -> l.startsWith("REPORT RequestId: "))
        .containsAll(fn.output());
    assertThat(streambed.logLines("PrintChanges")).isEqualTo(fn.logs());
  }

  @Test
  void functionsSideBySideEachReadTheirOwnEventClassesWhole() {
    TestTables.withStream(ddb, "Orders");
    // Two functions, two class loaders, one JVM: each gets its DynamodbEvent's keys and images.
    DeployedFunction first = streambed.function(PrintChanges.class).name("first").deploy()
        .withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
    DeployedFunction second = streambed.function(PrintChanges.class).name("second").deploy()
        .withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
    TestTables.put(ddb, "Orders", "1");
    ddb.deleteItem(b -> b.tableName("Orders").key(Map.of("id", AttributeValue.fromS("1"))));

    streambed.awaitQuiescent();

    for (DeployedFunction fn : java.util.List.of(first, second)) {
      assertThat(fn.output()).as(fn.name()).filteredOn(l -> !l.startsWith("batch of"))
          .containsExactly("INSERT 1", "REMOVE 1");
    }
  }

  @Test
  void theFunctionItsRoleAndItsTriggerAreWhatLambdaAndIamShow() {
    String streamArn = TestTables.withStream(ddb, "Orders");
    DeployedFunction fn = streambed.deploy(PrintChanges.class)
        .withTrigger("Orders", 25, StartingPosition.LATEST);

    FunctionConfiguration config = streambed.lambda().getFunction(b -> b.functionName("PrintChanges")).configuration();
    assertThat(config.functionArn()).isEqualTo(fn.arn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:PrintChanges");
    assertThat(config.runtimeAsString()).isEqualTo(Runtime.version().feature() >= 21 ? "java21" : "java17");
    assertThat(config.handler()).isEqualTo(PrintChanges.class.getName());
    assertThat(config.timeout()).isEqualTo(3);
    assertThat(config.role()).isEqualTo(fn.roleArn()).isEqualTo("arn:aws:iam::000000000000:role/PrintChanges-role");
    assertThat(streambed.iam().listAttachedRolePolicies(b -> b.roleName("PrintChanges-role")).attachedPolicies())
        .extracting(p -> p.policyArn())
        .containsExactly("arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole");

    EventSourceMappingConfiguration mapping = streambed.lambda()
        .listEventSourceMappings(b -> b.functionName("PrintChanges")).eventSourceMappings().get(0);
    assertThat(mapping.eventSourceArn()).isEqualTo(streamArn);
    assertThat(mapping.batchSize()).isEqualTo(25);
    assertThat(mapping.startingPositionAsString()).isEqualTo("LATEST");
    assertThat(fn.triggers()).containsExactly(mapping.uuid());
  }

  @Test
  void theHandlerRunsInAClassLoaderOfItsOwnAndStaysWarm() {
    TestTables.withStream(ddb, "Orders");
    DeployedFunction fn = streambed.deploy(PrintChanges.class).withTrigger(Trigger.on("Orders").batchSize(1));
    TestTables.put(ddb, "Orders", "1");
    streambed.awaitQuiescent();
    TestTables.put(ddb, "Orders", "2");
    streambed.awaitQuiescent();

    // One environment, warm for the second batch: its class counted both; the test's class none.
    assertThat(fn.output()).contains("batch of 1 (invocation 1)", "batch of 1 (invocation 2)");
    assertThat(PrintChanges.invocations).isZero();
  }

  @Test
  void aNamedMethodWithSettingsOfItsOwn() {
    DeployedFunction fn = streambed.function(Greeter.class).method("greet").name("greeter")
        .timeout(Duration.ofSeconds(10)).memorySize(256).description("says hello").deploy();

    var answer = streambed.lambda().invoke(b -> b.functionName(fn.name())
        .payload(SdkBytes.fromUtf8String("{\"name\": \"Ada\"}")));
    assertThat(answer.functionError()).isNull();
    assertThat(answer.payload().asUtf8String()).isEqualTo("\"Hello, Ada\"");
    var config = streambed.lambda().getFunctionConfiguration(b -> b.functionName("greeter"));
    assertThat(config.handler()).isEqualTo(Greeter.class.getName() + "::greet");
    assertThat(config.timeout()).isEqualTo(10);
    assertThat(config.memorySize()).isEqualTo(256);
    assertThat(config.description()).isEqualTo("says hello");
  }

  @Test
  void aPythonZipWithATrigger() {
    TestTables.withStream(ddb, "Orders");
    byte[] zip = zip("app.py", String.join("\n",
        "def handler(event, context):",
        "    for r in event['Records']:",
        "        print(r['eventName'], r['dynamodb']['Keys']['id']['S'])",
        ""));
    DeployedFunction fn = streambed.function("python3.12", "app.handler", zip).deploy()
        .withTrigger("Orders", 100, StartingPosition.TRIM_HORIZON);
    assertThat(fn.name()).isEqualTo("app-handler");
    TestTables.put(ddb, "Orders", "7");

    streambed.awaitQuiescent();

    assertThat(fn.output()).containsExactly("INSERT 7");
  }

  @Test
  void aNodeZipWithATrigger() {
    TestTables.withStream(ddb, "Orders");
    byte[] zip = zip("index.js", String.join("\n",
        "exports.handler = async (event) => {",
        "  for (const r of event.Records) console.log(r.eventName + ' ' + r.dynamodb.Keys.id.S);",
        "};",
        ""));
    DeployedFunction fn = streambed.function("nodejs20.x", "index.handler", zip).deploy()
        .withTrigger("Orders", 100, StartingPosition.TRIM_HORIZON);
    assertThat(fn.name()).isEqualTo("index-handler");
    TestTables.put(ddb, "Orders", "8");

    streambed.awaitQuiescent();

    // Node's console.log prefixes a line with its time, request id and level, as on Lambda.
    assertThat(fn.output()).singleElement().asString().endsWith("\tINFO\tINSERT 8");
  }

  @Test
  void aJavaZipOfCompiledClasses() {
    DeployedFunction fn = streambed.function("java17", Greeter.class.getName() + "::greet", classZip(Greeter.class))
        .name("zipped-greeter").deploy();

    var answer = streambed.lambda().invoke(b -> b.functionName(fn.name())
        .payload(SdkBytes.fromUtf8String("{\"name\": \"Grace\"}")));
    assertThat(answer.payload().asUtf8String()).isEqualTo("\"Hello, Grace\"");
    assertThat(streambed.lambda().getFunctionConfiguration(b -> b.functionName("zipped-greeter")).runtimeAsString())
        .isEqualTo("java17");
  }

  @Test
  void aFilterKeepsTheTriggerToTheRecordsItMatches() {
    TestTables.withStream(ddb, "Orders");
    DeployedFunction fn = streambed.deploy(PrintChanges.class)
        .withTrigger(Trigger.on("Orders").filter("{\"eventName\": [\"REMOVE\"]}"));
    TestTables.put(ddb, "Orders", "1");
    ddb.deleteItem(b -> b.tableName("Orders").key(Map.of("id", AttributeValue.fromS("1"))));

    streambed.awaitQuiescent();

    assertThat(fn.output()).containsExactly("batch of 1 (invocation 1)", "REMOVE 1");
  }

  @Test
  void aTableWithoutAStreamSaysWhatItNeeds() {
    ddb.createTable(b -> b.tableName("Plain").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH")));
    DeployedFunction fn = streambed.deploy(PrintChanges.class);
    assertThatThrownBy(() -> fn.withTrigger("Plain", 10, StartingPosition.LATEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Table Plain has no stream").hasMessageContaining("StreamEnabled=true");
  }

  @Test
  void aNameTakenIsLambdasConflict() {
    streambed.deploy(PrintChanges.class);
    assertThatThrownBy(() -> streambed.deploy(PrintChanges.class))
        .isInstanceOf(AwsException.class)
        .hasMessage("Function already exist: PrintChanges")
        .satisfies(e -> assertThat(((AwsException) e).errorCode().code()).isEqualTo("ResourceConflictException"));
  }

  @Test
  void aRoleThatCannotReadTheStreamIsRefusedAsLambdaRefusesIt() {
    String streamArn = TestTables.withStream(ddb, "Orders");
    String role = streambed.iam().createRole(b -> b.roleName("bare").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
    DeployedFunction fn = streambed.function(PrintChanges.class).role(role).deploy();
    assertThat(fn.roleArn()).isEqualTo(role);
    assertThatThrownBy(() -> fn.withTrigger("Orders", 10, StartingPosition.LATEST))
        .isInstanceOf(AwsException.class)
        .hasMessage("Cannot access stream " + streamArn + ". Please ensure the role can perform the "
            + "GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.");
  }

  /** A zip of a class file, as a Java function's deployment package holds its compiled code. */
  static byte[] classZip(Class<?> type) {
    String path = type.getName().replace('.', '/') + ".class";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var in = type.getClassLoader().getResourceAsStream(path); ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry(path));
      out.write(in.readAllBytes());
      out.closeEntry();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] zip(String name, String content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry(name));
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
