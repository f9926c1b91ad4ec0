package dev.streambed.tests;

import dev.streambed.server.Config;
import dev.streambed.server.StorageConfig;
import dev.streambed.server.StreambedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** A Streambed server on a free port, and SDK clients pointed at it, for black-box tests. */
public final class Streambed implements AutoCloseable {
  private final StreambedServer server;
  private final Path scratch;

  private Streambed(StreambedServer server, Path scratch) {
    this.server = server;
    this.scratch = scratch;
  }

  public static Streambed start() {
    return start(Config.defaults(), Clock.systemUTC());
  }

  /** A server whose services read time from {@code clock}, so tests can move time. */
  public static Streambed start(Clock clock) {
    return start(Config.defaults(), clock);
  }

  /**
   * A server with its own configuration (stream shards, rollover, storage) and clock. With the
   * system property {@code streambed.test.storage=rocksdb}, a server that would keep its state in
   * memory keeps it in a fresh data directory instead, so every suite also runs on RocksDB.
   */
  public static Streambed start(Config config, Clock clock) {
    Path scratch = null;
    if (!config.storage().persistent() && "rocksdb".equals(System.getProperty("streambed.test.storage"))) {
      try {
        scratch = Files.createTempDirectory("streambed-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      config = config.withStorage(StorageConfig.in(scratch));
    }
    return new Streambed(StreambedServer.start(config.withPort(0), clock), scratch);
  }

  /** A server over a store the test owns, so that another server can start over it afterwards. */
  public static Streambed start(Config config, Clock clock, dev.streambed.storage.Storage storage) {
    return new Streambed(StreambedServer.start(config.withPort(0), clock, storage), null);
  }

  /** The running server, for tests that look behind the wire (IAM's evaluator, the Logs API). */
  public StreambedServer server() {
    return server;
  }

  public URI endpoint() {
    return URI.create(server.endpoint());
  }

  public int port() {
    return server.port();
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb(endpoint());
  }

  /** A DynamoDB client for any endpoint, with any credentials, as a user would configure it. */
  public static DynamoDbClient dynamoDb(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A DynamoDB Streams client, as a user configures it for a custom endpoint. */
  public DynamoDbStreamsClient streams() {
    return DynamoDbStreamsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** An IAM client as a user configures it for a custom endpoint: IAM is global. */
  public IamClient iam() {
    return IamClient.builder()
        .endpointOverride(endpoint())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public StsClient sts() {
    return sts(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
  }

  /** An STS client signing with the given credentials (an IAM user's, or temporary ones). */
  public StsClient sts(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
    return StsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A CloudWatch Logs client, as a user configures it for a custom endpoint. */
  public CloudWatchLogsClient logs() {
    return CloudWatchLogsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** An SQS client, as a user configures it for a custom endpoint. */
  public SqsClient sqs() {
    return SqsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    server.close();
    if (scratch != null) {
      try (var files = Files.walk(scratch)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
