package dev.streambed.bench.sdk;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the synchronous DynamoDB client the SDK workloads drive. */
public final class SdkClients {
  private SdkClients() {}

  public static DynamoDbClient dynamoDb(URI endpoint, int connections) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        // The raw HTTP generator signs as AKIDEXAMPLE too, so that DynamoDB Local (which keeps one
        // database per access key and region) shows both the same tables.
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "bench")))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections))
        // A retried call would hide an error and count twice the work as one operation.
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
