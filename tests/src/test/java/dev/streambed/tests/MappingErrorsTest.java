package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * Event source mapping requests AWS refuses, in the order AWS checks them (its recorded answers to
 * test_event_source_mapping_exceptions): an unknown UUID for Get, Update and Delete; then, on
 * create, a missing EventSourceArn, an OnSuccess destination and a missing function, each before
 * what the event source itself needs.
 */
class MappingErrorsTest {
  private static final String NOT_FOUND = "The resource you requested does not exist.";
  private static final String NO_SUCCESS_DESTINATION =
      "Unsupported DestinationConfig parameter for given event source mapping type.";
  private static final String QUEUE = "arn:aws:sqs:us-east-1:111111111111:somequeue";
  private static Streambed streambed;
  private static Triggers t;
  private static String stream;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    t = new Triggers(streambed);
    stream = t.table("refusals", StreamViewType.NEW_IMAGE);
    t.function("refused-fn");
  }

  @AfterAll
  static void stop() {
    t.close();
    streambed.close();
  }

  private static LambdaException refusedCreate(Consumer<CreateEventSourceMappingRequest.Builder> request) {
    return Triggers.refusal(() -> t.lambda.createEventSourceMapping(request));
  }

  private static void assertRefused(LambdaException e, int status, String code, String message) {
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
  }

  @Test
  void anUnknownUuidIsNotFoundForGetUpdateAndDelete() {
    String unknown = "1b7ff2a5-3dbb-4bb5-a5c4-0f2c1e5d9a10";
    assertRefused(Triggers.refusal(() -> t.lambda.getEventSourceMapping(b -> b.uuid(unknown))),
        404, "ResourceNotFoundException", NOT_FOUND);
    assertRefused(Triggers.refusal(() -> t.lambda.updateEventSourceMapping(b -> b.uuid(unknown).enabled(false))),
        404, "ResourceNotFoundException", NOT_FOUND);
    // An update that AWS would refuse for its settings is still, first, of a mapping that is not there.
    assertRefused(Triggers.refusal(() -> t.lambda.updateEventSourceMapping(b -> b.uuid(unknown)
        .destinationConfig(d -> d.onSuccess(s -> s.destination(QUEUE))))), 404, "ResourceNotFoundException", NOT_FOUND);
    assertRefused(Triggers.refusal(() -> t.lambda.deleteEventSourceMapping(b -> b.uuid(unknown))),
        404, "ResourceNotFoundException", NOT_FOUND);
  }

  @Test
  void listingsDoNotCheckThatTheFunctionOrTheEventSourceExists() {
    assertThat(t.lambda.listEventSourceMappings(b -> b.functionName("doesnotexist")).eventSourceMappings()).isEmpty();
    assertThat(t.lambda.listEventSourceMappings(b -> b.eventSourceArn(QUEUE)).eventSourceMappings()).isEmpty();
  }

  @Test
  void aMissingEventSourceArnIsAnUnrecognizedEventSource() {
    assertRefused(refusedCreate(b -> b.functionName("doesnotexist")),
        400, "InvalidParameterValueException", "Unrecognized event source.");
    assertRefused(refusedCreate(b -> b.functionName("refused-fn").startingPosition(EventSourcePosition.LATEST)),
        400, "InvalidParameterValueException", "Unrecognized event source.");
  }

  @Test
  void aMissingFunctionIsReportedBeforeTheStartingPositionTheSourceNeeds() {
    assertRefused(refusedCreate(b -> b.functionName("doesnotexist").eventSourceArn(QUEUE)),
        400, "InvalidParameterValueException", "Function does not exist");
    assertRefused(refusedCreate(b -> b.functionName("doesnotexist").eventSourceArn(stream)),
        400, "InvalidParameterValueException", "Function does not exist");
    // With the function there, the stream's missing StartingPosition is what is refused.
    assertRefused(refusedCreate(b -> b.functionName("refused-fn").eventSourceArn(stream)),
        400, "InvalidParameterValueException", "1 validation error detected: Value null at 'startingPosition' "
            + "failed to satisfy constraint: Member must not be null.");
  }

  @Test
  void noMappingTakesAnOnSuccessDestination() {
    String other = "arn:aws:sqs:us-east-1:111111111111:someotherqueue";
    // Refused before the function is looked up.
    assertRefused(refusedCreate(b -> b.functionName("doesnotexist").eventSourceArn(QUEUE)
        .destinationConfig(d -> d.onSuccess(s -> s.destination(other)))),
        400, "InvalidParameterValueException", NO_SUCCESS_DESTINATION);
    // And for a stream trigger that would otherwise be created.
    assertRefused(refusedCreate(b -> b.functionName("refused-fn").eventSourceArn(stream)
        .startingPosition(EventSourcePosition.LATEST).destinationConfig(d -> d.onSuccess(s -> s.destination(other)))),
        400, "InvalidParameterValueException", NO_SUCCESS_DESTINATION);
    assertThat(t.lambda.listEventSourceMappings(b -> b.eventSourceArn(stream)).eventSourceMappings()).isEmpty();

    // An update cannot add one either, and leaves the mapping as it was.
    String uuid = t.lambda.createEventSourceMapping(b -> b.functionName("refused-fn").eventSourceArn(stream)
        .startingPosition(EventSourcePosition.LATEST).batchSize(5)).uuid();
    assertRefused(Triggers.refusal(() -> t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(7)
        .destinationConfig(d -> d.onSuccess(s -> s.destination(other))))),
        400, "InvalidParameterValueException", NO_SUCCESS_DESTINATION);
    var mapping = t.lambda.getEventSourceMapping(b -> b.uuid(uuid));
    assertThat(mapping.batchSize()).isEqualTo(5);
    assertThat(mapping.destinationConfig().onSuccess()).isNull();
    t.lambda.deleteEventSourceMapping(b -> b.uuid(uuid));
  }

  @Test
  void theCliShowsTheRefusalsInAwsWords() throws Exception {
    AwsCli aws = new AwsCli(streambed.endpoint().toString());
    AwsCli.Result missing = aws.run("lambda", "delete-event-source-mapping", "--region", "us-east-1",
        "--uuid", "1b7ff2a5-3dbb-4bb5-a5c4-0f2c1e5d9a10");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("An error occurred (ResourceNotFoundException) when calling the "
        + "DeleteEventSourceMapping operation: " + NOT_FOUND);
    AwsCli.Result noFunction = aws.run("lambda", "create-event-source-mapping", "--region", "us-east-1",
        "--function-name", "doesnotexist", "--event-source-arn", stream);
    assertThat(noFunction.exitCode()).isNotZero();
    assertThat(noFunction.stderr()).contains("An error occurred (InvalidParameterValueException) when calling the "
        + "CreateEventSourceMapping operation: Function does not exist");
    AwsCli.Result onSuccess = aws.run("lambda", "create-event-source-mapping", "--region", "us-east-1",
        "--function-name", "refused-fn", "--event-source-arn", stream, "--starting-position", "LATEST",
        "--destination-config", "{\"OnSuccess\": {\"Destination\": \"" + QUEUE + "\"}}");
    assertThat(onSuccess.exitCode()).isNotZero();
    assertThat(onSuccess.stderr()).contains("An error occurred (InvalidParameterValueException) when calling the "
        + "CreateEventSourceMapping operation: " + NO_SUCCESS_DESTINATION);
  }
}
