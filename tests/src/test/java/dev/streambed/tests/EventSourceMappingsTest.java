package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Event source mappings of a DynamoDB stream through the SDK and the CLI: the tutorial's trigger,
 * refused while the role cannot read the stream, then created with AWS's defaults, updated,
 * disabled and deleted.
 */
class EventSourceMappingsTest {
  private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  private static final String DYNAMODB_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole";
  private static final String DYNAMODB_READ_ONLY = "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess";
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static IamClient iam;
  private static String streamArn;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
    iam = streambed.iam();
    try (DynamoDbClient ddb = streambed.dynamoDb()) {
      streamArn = ddb.createTable(b -> b.tableName("UsersPost").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(AttributeDefinition.builder().attributeName("user_id").attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("user_id").keyType(KeyType.HASH).build())
          .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
          .tableDescription().latestStreamArn();
    }
  }

  @AfterAll
  static void stop() {
    lambda.close();
    iam.close();
    streambed.close();
  }

  /** A function whose new role has the given managed policies attached. */
  private static String function(String name, String... policies) {
    String role = iam.createRole(b -> b.roleName(name + "-role")
        .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)).role().arn();
    for (String p : policies) {
      iam.attachRolePolicy(b -> b.roleName(name + "-role").policyArn(p));
    }
    lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(role)
        .handler("lambda_function.lambda_handler").code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.CODE))));
    return name;
  }

  private static CreateEventSourceMappingResponse map(String function) {
    return lambda.createEventSourceMapping(b -> b.functionName(function).eventSourceArn(streamArn)
        .startingPosition(EventSourcePosition.LATEST).batchSize(1));
  }

  @Test
  void theTriggerIsRefusedUntilTheRoleCanReadTheStream() {
    String expected = "Cannot access stream " + streamArn + ". Please ensure the role can perform the "
        + "GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.";
    String basicOnly = function("basic-only", BASIC);
    assertThatThrownBy(() -> map(basicOnly))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith(expected);
    String readOnly = function("read-only", BASIC, DYNAMODB_READ_ONLY);
    assertThatThrownBy(() -> map(readOnly))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith(expected);
    assertThat(lambda.listEventSourceMappings(b -> b.eventSourceArn(streamArn)).eventSourceMappings())
        .noneMatch(m -> m.functionArn().endsWith(":basic-only") || m.functionArn().endsWith(":read-only"));

    // The tutorial's fix: attach AWSLambdaDynamoDBExecutionRole, and the same call succeeds.
    iam.attachRolePolicy(b -> b.roleName("basic-only-role").policyArn(DYNAMODB_EXECUTION));
    CreateEventSourceMappingResponse created = map(basicOnly);
    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(202);
    assertThat(created.state()).isEqualTo("Creating");
    assertThat(created.stateTransitionReason()).isEqualTo("User action");
    assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:basic-only");
    assertThat(created.eventSourceArn()).isEqualTo(streamArn);
    assertThat(created.batchSize()).isEqualTo(1);
    assertThat(created.startingPosition()).isEqualTo(EventSourcePosition.LATEST);
    assertThat(created.uuid()).matches("[0-9a-f-]{36}");
    assertThat(created.eventSourceMappingArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + created.uuid());
    assertThat(created.lastProcessingResult()).isEqualTo("No records processed");
    assertThat(lambda.getEventSourceMapping(b -> b.uuid(created.uuid())).state()).isEqualTo("Enabled");
  }

  @Test
  void awsDefaultsForStreamsAndTheLifecycleOfStates() {
    String name = function("lifecycle-fn", BASIC, DYNAMODB_EXECUTION);
    var created = lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)
        .startingPosition(EventSourcePosition.TRIM_HORIZON));
    assertThat(created.batchSize()).isEqualTo(100);
    assertThat(created.maximumBatchingWindowInSeconds()).isZero();
    assertThat(created.parallelizationFactor()).isEqualTo(1);
    assertThat(created.maximumRetryAttempts()).isEqualTo(-1);
    assertThat(created.maximumRecordAgeInSeconds()).isEqualTo(-1);
    assertThat(created.bisectBatchOnFunctionError()).isFalse();
    assertThat(created.tumblingWindowInSeconds()).isZero();
    assertThat(created.functionResponseTypes()).isEmpty();
    assertThat(created.destinationConfig().onFailure().destination()).isNull();

    assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)
        .startingPosition(EventSourcePosition.LATEST)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageStartingWith("The event source arn (\" " + streamArn + " \") and function (\" " + name
            + " \") provided mapping already exists. Please update or delete the existing mapping with UUID " + created.uuid());

    assertThat(lambda.listEventSourceMappings(b -> b.functionName(name)).eventSourceMappings())
        .extracting(EventSourceMappingConfiguration::uuid).containsExactly(created.uuid());

    var updated = lambda.updateEventSourceMapping(b -> b.uuid(created.uuid()).batchSize(10)
        .maximumBatchingWindowInSeconds(2).bisectBatchOnFunctionError(true)
        .functionResponseTypesWithStrings("ReportBatchItemFailures")
        .filterCriteria(f -> f.filters(x -> x.pattern("{\"eventName\": [\"INSERT\"]}"))));
    assertThat(updated.state()).isEqualTo("Updating");
    assertThat(updated.batchSize()).isEqualTo(10);
    var got = lambda.getEventSourceMapping(b -> b.uuid(created.uuid()));
    assertThat(got.state()).isEqualTo("Enabled");
    assertThat(got.maximumBatchingWindowInSeconds()).isEqualTo(2);
    assertThat(got.bisectBatchOnFunctionError()).isTrue();
    assertThat(got.functionResponseTypesAsStrings()).containsExactly("ReportBatchItemFailures");
    assertThat(got.filterCriteria().filters().get(0).pattern()).isEqualTo("{\"eventName\": [\"INSERT\"]}");
    assertThat(got.startingPosition()).isEqualTo(EventSourcePosition.TRIM_HORIZON);

    assertThat(lambda.updateEventSourceMapping(b -> b.uuid(created.uuid()).enabled(false)).state())
        .isEqualTo("Disabling");
    assertThat(lambda.getEventSourceMapping(b -> b.uuid(created.uuid())).state()).isEqualTo("Disabled");
    assertThat(lambda.updateEventSourceMapping(b -> b.uuid(created.uuid()).enabled(true)).state())
        .isEqualTo("Enabling");

    assertThat(lambda.deleteEventSourceMapping(b -> b.uuid(created.uuid())).state()).isEqualTo("Deleting");
    assertThatThrownBy(() -> lambda.getEventSourceMapping(b -> b.uuid(created.uuid())))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The resource you requested does not exist.");
  }

  @Test
  void badMappingsGetLambdasErrors() {
    String name = function("validated-fn", BASIC, DYNAMODB_EXECUTION);
    assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("1 validation error detected: Value null at 'startingPosition' failed to "
            + "satisfy constraint: Member must not be null.");
    assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)
        .startingPosition("invalid")))
        .isInstanceOf(LambdaException.class)
        .hasMessageStartingWith("1 validation error detected: Value 'invalid' at 'startingPosition' failed to "
            + "satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]");
    assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)
        .startingPosition(EventSourcePosition.AT_TIMESTAMP)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Unsupported starting position for arn type: " + streamArn);
    String missingStream = streamArn.substring(0, streamArn.lastIndexOf('/') + 1) + "2025-02-22T03:03:25.490";
    assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(missingStream)
        .startingPosition(EventSourcePosition.LATEST)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Stream not found: " + missingStream);
    assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("no-such-function")
        .eventSourceArn(streamArn).startingPosition(EventSourcePosition.LATEST)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Function does not exist");
    assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)
        .startingPosition(EventSourcePosition.LATEST).filterCriteria(f -> f.filters(x -> x.pattern("single-string")))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Invalid filter pattern definition.");
    assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)
        .startingPosition(EventSourcePosition.LATEST).batchSize(10001)))
        .isInstanceOf(LambdaException.class)
        .hasMessageContaining("Member must have value less than or equal to 10000");
    assertThatThrownBy(() -> lambda.getEventSourceMapping(b -> b.uuid("00000000-0000-0000-0000-000000000000")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(lambda.listEventSourceMappings(b -> b.functionName(name)).eventSourceMappings()).isEmpty();
  }

  @Test
  void theTutorialsTriggerFromTheCli() throws Exception {
    String name = function("LambdaDemoDynamoDBStream", BASIC, DYNAMODB_EXECUTION);
    AwsCli aws = new AwsCli(streambed.endpoint().toString());
    // The CLI signs for eu-west-1; the stream lives in us-east-1 as the SDK created it there.
    AwsCli.Result r = aws.run("lambda", "create-event-source-mapping", "--region", "us-east-1",
        "--function-name", name, "--event-source-arn", streamArn, "--batch-size", "1",
        "--starting-position", "LATEST");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode created = new ObjectMapper().readTree(r.stdout());
    assertThat(created.get("State").asText()).isEqualTo("Creating");
    assertThat(created.get("BatchSize").asInt()).isEqualTo(1);
    AwsCli.Result listed = aws.run("lambda", "list-event-source-mappings", "--region", "us-east-1",
        "--function-name", name);
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    JsonNode mapping = new ObjectMapper().readTree(listed.stdout()).at("/EventSourceMappings/0");
    assertThat(mapping.get("State").asText()).isEqualTo("Enabled");
    assertThat(mapping.get("EventSourceArn").asText()).isEqualTo(streamArn);
  }

  @Test
  void everySettingHasAwsRangeAndMessage() {
    String name = function("ranges-fn", BASIC, DYNAMODB_EXECUTION);
    record Case(String member, java.util.function.Consumer<software.amazon.awssdk.services.lambda.model
        .CreateEventSourceMappingRequest.Builder> set, String bound) {}
    List<Case> cases = List.of(
        new Case("batchSize", b -> b.batchSize(0), "greater than or equal to 1"),
        new Case("batchSize", b -> b.batchSize(10001), "less than or equal to 10000"),
        new Case("maximumBatchingWindowInSeconds", b -> b.maximumBatchingWindowInSeconds(-1), "greater than or equal to 0"),
        new Case("maximumBatchingWindowInSeconds", b -> b.maximumBatchingWindowInSeconds(301), "less than or equal to 300"),
        new Case("parallelizationFactor", b -> b.parallelizationFactor(0), "greater than or equal to 1"),
        new Case("parallelizationFactor", b -> b.parallelizationFactor(11), "less than or equal to 10"),
        new Case("maximumRetryAttempts", b -> b.maximumRetryAttempts(-2), "greater than or equal to -1"),
        new Case("maximumRetryAttempts", b -> b.maximumRetryAttempts(10001), "less than or equal to 10000"),
        new Case("maximumRecordAgeInSeconds", b -> b.maximumRecordAgeInSeconds(-2), "greater than or equal to -1"),
        new Case("maximumRecordAgeInSeconds", b -> b.maximumRecordAgeInSeconds(604801), "less than or equal to 604800"),
        new Case("tumblingWindowInSeconds", b -> b.tumblingWindowInSeconds(-1), "greater than or equal to 0"),
        new Case("tumblingWindowInSeconds", b -> b.tumblingWindowInSeconds(901), "less than or equal to 900"));
    for (Case c : cases) {
      LambdaException e = Triggers.refusal(() -> lambda.createEventSourceMapping(b -> {
        b.functionName(name).eventSourceArn(streamArn).startingPosition(EventSourcePosition.LATEST);
        c.set().accept(b);
      }));
      assertThat(e.awsErrorDetails().errorCode()).as(c.member()).isEqualTo("ValidationException");
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorMessage()).as(c.member()).matches("1 validation error detected: Value '-?\\d+' at '"
          + c.member() + "' failed to satisfy constraint: Member must have value " + c.bound());
    }
    // Between 0 and 59 the record age is refused by Lambda itself, with its own words.
    for (int age : List.of(0, 59)) {
      assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)
          .startingPosition(EventSourcePosition.LATEST).maximumRecordAgeInSeconds(age)))
          .isInstanceOf(InvalidParameterValueException.class)
          .hasMessageStartingWith("MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)");
    }
    // The bounds themselves are taken, and an update is held to the same ranges.
    var created = lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)
        .startingPosition(EventSourcePosition.LATEST).batchSize(10000).maximumBatchingWindowInSeconds(300)
        .parallelizationFactor(10).maximumRetryAttempts(10000).maximumRecordAgeInSeconds(60).tumblingWindowInSeconds(900));
    assertThat(List.of(created.batchSize(), created.maximumBatchingWindowInSeconds(), created.parallelizationFactor(),
        created.maximumRetryAttempts(), created.maximumRecordAgeInSeconds(), created.tumblingWindowInSeconds()))
        .containsExactly(10000, 300, 10, 10000, 60, 900);
    LambdaException e = Triggers.refusal(() -> lambda.updateEventSourceMapping(b -> b.uuid(created.uuid()).parallelizationFactor(11)));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '11' at "
        + "'parallelizationFactor' failed to satisfy constraint: Member must have value less than or equal to 10");
    assertThat(lambda.getEventSourceMapping(b -> b.uuid(created.uuid())).parallelizationFactor()).isEqualTo(10);
    lambda.deleteEventSourceMapping(b -> b.uuid(created.uuid()));
  }

  @Test
  void listingPagesWithMarkerAndMaxItems() {
    String stream;
    try (DynamoDbClient ddb = streambed.dynamoDb()) {
      stream = ddb.createTable(b -> b.tableName("Paged").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
          .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
          .tableDescription().latestStreamArn();
    }
    List<String> uuids = new java.util.ArrayList<>();
    for (String f : List.of("paged-1", "paged-2", "paged-3")) {
      String name = function(f, BASIC, DYNAMODB_EXECUTION);
      uuids.add(lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(stream)
          .startingPosition(EventSourcePosition.LATEST)).uuid());
    }
    var first = lambda.listEventSourceMappings(b -> b.eventSourceArn(stream).maxItems(2));
    assertThat(first.eventSourceMappings()).hasSize(2);
    assertThat(first.nextMarker()).isNotNull();
    var second = lambda.listEventSourceMappings(b -> b.eventSourceArn(stream).maxItems(2).marker(first.nextMarker()));
    assertThat(second.eventSourceMappings()).hasSize(1);
    assertThat(second.nextMarker()).isNull();
    List<String> paged = new java.util.ArrayList<>();
    first.eventSourceMappings().forEach(m -> paged.add(m.uuid()));
    second.eventSourceMappings().forEach(m -> paged.add(m.uuid()));
    assertThat(paged).containsExactlyInAnyOrderElementsOf(uuids);
    assertThat(lambda.listEventSourceMappingsPaginator(b -> b.eventSourceArn(stream).maxItems(1)).eventSourceMappings()
        .stream().map(EventSourceMappingConfiguration::uuid).toList()).containsExactlyElementsOf(paged);
    for (int max : List.of(0, 10001)) {
      LambdaException e = Triggers.refusal(() -> lambda.listEventSourceMappings(b -> b.eventSourceArn(stream).maxItems(max)));
      assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value '" + max
          + "' at 'maxItems' failed to satisfy constraint: Member must have value");
    }
  }
}
