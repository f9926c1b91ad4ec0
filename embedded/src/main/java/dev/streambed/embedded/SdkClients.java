package dev.streambed.embedded;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS SDK clients an embedded Streambed hands out: made on first use, one of each, closed
 * with the instance. The SDK is the user's dependency, so this class is loaded only when a client
 * is asked for, and a client's service module is needed only when that client is: the JVM links
 * each method's SDK types when the method first runs.
 */
final class SdkClients implements AutoCloseable {
  /** Streambed accepts any credentials; these say plainly where they are meant for. */
  static final String ACCESS_KEY = "test";
  static final String SECRET_KEY = "test";

  private final URI endpoint;
  private final String region;
  private final Map<String, SdkAutoCloseable> made = new ConcurrentHashMap<>();

  private final String accessKey;
  private final String secretKey;

  SdkClients(URI endpoint, String region, String accessKey, String secretKey) {
    this.endpoint = endpoint;
    this.region = region;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Points a client builder of any AWS service at Streambed, in its region, with its test
   * credentials (under strict authentication, the root key pair's).
   */
  <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
    return builder.endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
  }

  @SuppressWarnings("unchecked")
  private <T extends SdkAutoCloseable> T once(String name, Supplier<T> make) {
    return (T) made.computeIfAbsent(name, n -> make.get());
  }

  DynamoDbClient dynamoDb() {
    return once("dynamodb", () -> configure(DynamoDbClient.builder()).build());
  }

  DynamoDbAsyncClient dynamoDbAsync() {
    return once("dynamodb-async", () -> configure(DynamoDbAsyncClient.builder()).build());
  }

  DynamoDbStreamsClient dynamoDbStreams() {
    return once("streams", () -> configure(DynamoDbStreamsClient.builder()).build());
  }

  DynamoDbStreamsAsyncClient dynamoDbStreamsAsync() {
    return once("streams-async", () -> configure(DynamoDbStreamsAsyncClient.builder()).build());
  }

  LambdaClient lambda() {
    return once("lambda", () -> configure(LambdaClient.builder()).build());
  }

  LambdaAsyncClient lambdaAsync() {
    return once("lambda-async", () -> configure(LambdaAsyncClient.builder()).build());
  }

  /** IAM is global: its clients are built for the aws-global region, as users build them for AWS. */
  IamClient iam() {
    return once("iam", () -> configure(IamClient.builder()).region(Region.AWS_GLOBAL).build());
  }

  IamAsyncClient iamAsync() {
    return once("iam-async", () -> configure(IamAsyncClient.builder()).region(Region.AWS_GLOBAL).build());
  }

  StsClient sts() {
    return once("sts", () -> configure(StsClient.builder()).build());
  }

  StsAsyncClient stsAsync() {
    return once("sts-async", () -> configure(StsAsyncClient.builder()).build());
  }

  CloudWatchLogsClient cloudWatchLogs() {
    return once("logs", () -> configure(CloudWatchLogsClient.builder()).build());
  }

  CloudWatchLogsAsyncClient cloudWatchLogsAsync() {
    return once("logs-async", () -> configure(CloudWatchLogsAsyncClient.builder()).build());
  }

  SqsClient sqs() {
    return once("sqs", () -> configure(SqsClient.builder()).build());
  }

  SqsAsyncClient sqsAsync() {
    return once("sqs-async", () -> configure(SqsAsyncClient.builder()).build());
  }

  @Override
  public void close() {
    List<SdkAutoCloseable> all = new ArrayList<>(made.values());
    made.clear();
    all.forEach(SdkAutoCloseable::close);
  }
}
