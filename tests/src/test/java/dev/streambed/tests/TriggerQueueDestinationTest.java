package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS queue as a stream trigger's on-failure destination: refused while the function's role
 * may not send to it, as AWS refuses it, and then receiving AWS's record of the discarded batch.
 */
class TriggerQueueDestinationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Streambed streambed;
  private static Triggers t;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    t = new Triggers(streambed);
    sqs = streambed.sqs();
  }

  @AfterAll
  static void stop() {
    sqs.close();
    t.close();
    streambed.close();
  }

  @Test
  void aDiscardedBatchIsSentToTheQueueOnceTheRoleMaySendToIt() throws Exception {
    String queueUrl = sqs.createQueue(b -> b.queueName("stream-failures")).queueUrl();
    String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    String role = t.iam.createRole(b -> b.roleName("queue-destination-role")
        .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)).role().arn();
    t.iam.attachRolePolicy(b -> b.roleName("queue-destination-role")
        .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"));
    t.lambda.createFunction(b -> b.functionName("always-fails").runtime(Runtime.PYTHON3_12).role(role)
        .handler("lambda_function.lambda_handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py",
            "def lambda_handler(event, context):\n    raise Exception('no')\n")))));
    t.table("doomed", StreamViewType.NEW_IMAGE);
    String stream = t.ddb.describeTable(b -> b.tableName("doomed")).table().latestStreamArn();

    assertThatThrownBy(() -> t.lambda.createEventSourceMapping(b -> b.functionName("always-fails")
        .eventSourceArn(stream).startingPosition(EventSourcePosition.LATEST).batchSize(1).maximumRetryAttempts(0)
        .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("The provided execution role does not have permissions to call SendMessage on SQS");

    t.iam.putRolePolicy(b -> b.roleName("queue-destination-role").policyName("send-failures")
        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\"}]}"));
    String uuid = t.lambda.createEventSourceMapping(b -> b.functionName("always-fails").eventSourceArn(stream)
        .startingPosition(EventSourcePosition.LATEST).batchSize(1).maximumRetryAttempts(0)
        .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn)))).uuid();
    t.put("doomed", Triggers.item("lost"));

    java.util.List<Message> messages = java.util.List.of();
    for (int i = 0; i < 6 && messages.isEmpty(); i++) {
      // Long polls, woken by the send.
      messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(10)).messages();
    }
    assertThat(messages).hasSize(1);
    JsonNode record = JSON.readTree(messages.get(0).body());
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
    assertThat(record.at("/requestContext/functionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:always-fails");
    assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    assertThat(record.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
    assertThat(record.at("/DDBStreamBatchInfo/streamArn").asText()).isEqualTo(stream);
    assertThat(record.at("/version").asText()).isEqualTo("1.0");
    assertThat(t.lambda.getEventSourceMapping(b -> b.uuid(uuid)).destinationConfig().onFailure().destination())
        .isEqualTo(queueArn);
  }
}
