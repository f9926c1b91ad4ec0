package dev.streambed.tests;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * SDK clients of every service for one endpoint and one set of credentials, as a user configures
 * them; retries are off, so that a refusal is seen as it was answered.
 */
public record Clients(URI endpoint, AwsCredentials credentials) {
  public static Clients of(URI endpoint, String accessKey, String secret) {
    return new Clients(endpoint, AwsBasicCredentials.create(accessKey, secret));
  }

  static Clients of(URI endpoint, Credentials temporary) {
    return new Clients(endpoint, AwsSessionCredentials.create(temporary.accessKeyId(),
        temporary.secretAccessKey(), temporary.sessionToken()));
  }

  private static final ClientOverrideConfiguration NO_RETRIES = ClientOverrideConfiguration.builder()
      .retryPolicy(RetryPolicy.none()).build();

  public DynamoDbClient dynamoDb() {
    return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).overrideConfiguration(NO_RETRIES)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  DynamoDbStreamsClient streams() {
    return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).overrideConfiguration(NO_RETRIES)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  CloudWatchLogsClient logs() {
    return CloudWatchLogsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).overrideConfiguration(NO_RETRIES)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  SqsClient sqs() {
    return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).overrideConfiguration(NO_RETRIES)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  public IamClient iam() {
    return IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).overrideConfiguration(NO_RETRIES)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  StsClient sts() {
    return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).overrideConfiguration(NO_RETRIES)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  LambdaClient lambda() {
    return LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).overrideConfiguration(NO_RETRIES)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }
}
