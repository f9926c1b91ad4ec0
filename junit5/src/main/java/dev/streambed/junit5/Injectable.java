package dev.streambed.junit5;

import dev.streambed.embedded.Streambed;
import java.util.Set;

/**
 * The parameter types the extension injects: the instance, and the AWS SDK clients it hands out.
 * Types are compared by name, so that a test needs only the SDK modules it uses: a client's
 * classes are linked when its case first runs.
 */
final class Injectable {
  private static final Set<String> CLIENTS = Set.of(
      "software.amazon.awssdk.services.dynamodb.DynamoDbClient",
      "software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient",
      "software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient",
      "software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient",
      "software.amazon.awssdk.services.lambda.LambdaClient",
      "software.amazon.awssdk.services.lambda.LambdaAsyncClient",
      "software.amazon.awssdk.services.iam.IamClient",
      "software.amazon.awssdk.services.iam.IamAsyncClient",
      "software.amazon.awssdk.services.sts.StsClient",
      "software.amazon.awssdk.services.sts.StsAsyncClient",
      "software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient",
      "software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient",
      "software.amazon.awssdk.services.sqs.SqsClient",
      "software.amazon.awssdk.services.sqs.SqsAsyncClient");

  private Injectable() {}

  static boolean supports(Class<?> type) {
    return type == Streambed.class || CLIENTS.contains(type.getName());
  }

  static Object resolve(Class<?> type, Streambed s) {
    if (type == Streambed.class) {
      return s;
    }
    return switch (type.getSimpleName()) {
      case "DynamoDbClient" -> s.dynamoDb();
      case "DynamoDbAsyncClient" -> s.dynamoDbAsync();
      case "DynamoDbStreamsClient" -> s.dynamoDbStreams();
      case "DynamoDbStreamsAsyncClient" -> s.dynamoDbStreamsAsync();
      case "LambdaClient" -> s.lambda();
      case "LambdaAsyncClient" -> s.lambdaAsync();
      case "IamClient" -> s.iam();
      case "IamAsyncClient" -> s.iamAsync();
      case "StsClient" -> s.sts();
      case "StsAsyncClient" -> s.stsAsync();
      case "CloudWatchLogsClient" -> s.cloudWatchLogs();
      case "CloudWatchLogsAsyncClient" -> s.cloudWatchLogsAsync();
      case "SqsClient" -> s.sqs();
      case "SqsAsyncClient" -> s.sqsAsync();
      default -> throw new IllegalArgumentException("not injected: " + type.getName());
    };
  }
}
