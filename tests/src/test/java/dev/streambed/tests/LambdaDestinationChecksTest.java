package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An EventInvokeConfig's destinations checked when the config is put or updated, as AWS checks
 * them: a destination the function's execution role may not send to, a function that does not
 * exist, or an ARN that is no queue, topic, function, bus or bucket is refused with
 * InvalidParameterValueException, and nothing is stored.
 */
class LambdaDestinationChecksTest {
  private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  private static final byte[] CODE = LambdaFunctionsTest.zip("index.py", "def handler(event, context):\n    return 1\n");
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static IamClient iam;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    lambda = streambed.lambda();
    iam = streambed.iam();
    sqs = streambed.sqs();
  }

  @AfterAll
  static void stop() {
    lambda.close();
    iam.close();
    sqs.close();
    streambed.close();
  }

  /** A function of its own role, which may write logs and nothing else until the test allows more. */
  private static void function(String name) {
    String role = iam.createRole(b -> b.roleName(name + "-role").assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
        .role().arn();
    iam.attachRolePolicy(b -> b.roleName(name + "-role").policyArn(BASIC));
    lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(role).handler("index.handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(CODE))));
  }

  private static void allow(String function, String policy, String action, String resource) {
    iam.putRolePolicy(b -> b.roleName(function + "-role").policyName(policy).policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
            + "\",\"Resource\":\"" + resource + "\"}]}"));
  }

  private static String queueArn(String name) {
    String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
  }

  private static void refusedOnFailure(String function, String destination, String message) {
    assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(function)
        .destinationConfig(d -> d.onFailure(f -> f.destination(destination)))))
        .isInstanceOfSatisfying(InvalidParameterValueException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message));
  }

  @Test
  void aQueueIsTakenOnlyOnceTheRoleMaySendToIt() {
    function("to-queue");
    String queue = queueArn("checked-failures");
    refusedOnFailure("to-queue", queue, "The destination ARN " + queue + " is invalid.");
    assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("to-queue")))
        .isInstanceOf(ResourceNotFoundException.class);
    // Another queue's permission is not this one's.
    allow("to-queue", "other", "sqs:SendMessage", queueArn("other-failures"));
    refusedOnFailure("to-queue", queue, "The destination ARN " + queue + " is invalid.");

    allow("to-queue", "this", "sqs:SendMessage", queue);
    var put = lambda.putFunctionEventInvokeConfig(b -> b.functionName("to-queue")
        .destinationConfig(d -> d.onFailure(f -> f.destination(queue))));
    assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(queue);
  }

  @Test
  void aFunctionNeedsInvokeFunctionAndAnUpdateRefusedChangesNothing() {
    function("to-function");
    function("receiver");
    String receiver = lambda.getFunction(b -> b.functionName("receiver")).configuration().functionArn();
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("to-function").maximumRetryAttempts(1));
    assertThatThrownBy(() -> lambda.updateFunctionEventInvokeConfig(b -> b.functionName("to-function")
        .destinationConfig(d -> d.onSuccess(s -> s.destination(receiver)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("The destination ARN " + receiver + " is invalid.");
    var kept = lambda.getFunctionEventInvokeConfig(b -> b.functionName("to-function"));
    assertThat(kept.maximumRetryAttempts()).isEqualTo(1);
    assertThat(kept.destinationConfig().onSuccess().destination()).isNull();

    allow("to-function", "invoke", "lambda:InvokeFunction", receiver);
    var updated = lambda.updateFunctionEventInvokeConfig(b -> b.functionName("to-function")
        .destinationConfig(d -> d.onSuccess(s -> s.destination(receiver))));
    assertThat(updated.destinationConfig().onSuccess().destination()).isEqualTo(receiver);
    assertThat(updated.maximumRetryAttempts()).isEqualTo(1);
    // A function that does not exist is refused in the same words (recorded in test_lambda_api).
    String missing = receiver.replace(":receiver", ":not-there");
    allow("to-function", "invoke", "lambda:InvokeFunction", "*");
    refusedOnFailure("to-function", missing, "The destination ARN " + missing + " is invalid.");
  }

  @Test
  void eachServiceNeedsItsOwnActionAndAnArnOfItsShape() {
    function("shapes");
    String topic = "arn:aws:sns:us-east-1:000000000000:records";
    String bus = "arn:aws:events:us-east-1:000000000000:event-bus/default";
    String bucket = "arn:aws:s3:::failed-records";
    refusedOnFailure("shapes", topic, "The destination ARN " + topic + " is invalid.");
    refusedOnFailure("shapes", bus, "The destination ARN " + bus + " is invalid.");
    refusedOnFailure("shapes", bucket, "The destination ARN " + bucket + " is invalid.");
    allow("shapes", "topic", "sns:Publish", topic);
    allow("shapes", "bus", "events:PutEvents", bus);
    // A bucket takes records as objects, and the bucket is listed.
    allow("shapes", "objects", "s3:PutObject", bucket + "/*");
    refusedOnFailure("shapes", bucket, "The destination ARN " + bucket + " is invalid.");
    allow("shapes", "listing", "s3:ListBucket", bucket);
    for (String taken : new String[] {topic, bus, bucket}) {
      var put = lambda.putFunctionEventInvokeConfig(b -> b.functionName("shapes")
          .destinationConfig(d -> d.onFailure(f -> f.destination(taken))));
      assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(taken);
    }

    allow("shapes", "everything", "*", "*");
    for (String malformed : new String[] {"arn:aws:sqs:us-east-1:000000000000:", "arn:aws:sqs::000000000000:queue",
        "arn:aws:sqs:us-east-1:000000000000:no/slashes", "arn:aws:lambda:us-east-1:000000000000:layer:x",
        "arn:aws:events:us-east-1:000000000000:rule/r"}) {
      refusedOnFailure("shapes", malformed, "The destination ARN " + malformed + " is invalid.");
    }
    // A service that takes no records, and a bucket for successes (S3 takes failures only).
    refusedOnFailure("shapes", "arn:aws:dynamodb:us-east-1:000000000000:table/t",
        "The provided destination config DestinationConfig(onSuccess=null, onFailure="
            + "OnFailure(destination=arn:aws:dynamodb:us-east-1:000000000000:table/t)) is invalid.");
    assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("shapes")
        .destinationConfig(d -> d.onSuccess(s -> s.destination(bucket)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("The provided destination config DestinationConfig(onSuccess=OnSuccess(destination="
            + bucket + "), onFailure=null) is invalid.");
  }

  @Test
  void theCliShowsTheRefusal() throws Exception {
    function("from-cli");
    String queue = queueArn("cli-failures");
    AwsCli aws = new AwsCli(streambed.endpoint().toString());
    AwsCli.Result r = aws.run("lambda", "put-function-event-invoke-config", "--region", "us-east-1",
        "--function-name", "from-cli", "--destination-config", "{\"OnFailure\":{\"Destination\":\"" + queue + "\"}}");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr().strip()).isEqualTo("An error occurred (InvalidParameterValueException) when calling the "
        + "PutFunctionEventInvokeConfig operation: The destination ARN " + queue + " is invalid.");
  }
}
