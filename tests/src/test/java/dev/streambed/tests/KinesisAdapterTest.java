package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBStreamsClientBuilder;
import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsWorkerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.RecordAdapter;
import com.amazonaws.services.kinesis.clientlibrary.interfaces.v2.IRecordProcessor;
import com.amazonaws.services.kinesis.clientlibrary.lib.worker.InitialPositionInStream;
import com.amazonaws.services.kinesis.clientlibrary.lib.worker.KinesisClientLibConfiguration;
import com.amazonaws.services.kinesis.clientlibrary.lib.worker.ShutdownReason;
import com.amazonaws.services.kinesis.clientlibrary.lib.worker.Worker;
import com.amazonaws.services.kinesis.clientlibrary.types.InitializationInput;
import com.amazonaws.services.kinesis.clientlibrary.types.ProcessRecordsInput;
import com.amazonaws.services.kinesis.clientlibrary.types.ShutdownInput;
import com.amazonaws.services.kinesis.metrics.impl.NullMetricsFactory;
import com.amazonaws.services.kinesis.model.Record;
import dev.streambed.server.Config;
import dev.streambed.streams.StreamsConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A real consumer: AWS's DynamoDB Streams Kinesis adapter with the Kinesis Client Library,
 * pointed at Streambed (its lease table lives in Streambed too; metrics off), reads a stream
 * across several shard rollovers while writers run. Every record is processed once, and each
 * key's records in the order of the writes.
 */
class KinesisAdapterTest {
  private static final int KEYS = 20;
  private static final int ROUNDS = 30;
  private static final int WRITERS = 4;

  @Test
  void theKinesisClientLibraryReadsEveryRecordOnceAcrossRollovers() throws Exception {
    // Two shards at a time, rolling over every 2 seconds: several generations during the run.
    try (Streambed streambed = Streambed.start(Config.defaults()
        .withStreams(new StreamsConfig(2, Duration.ofSeconds(2))), Clock.systemUTC());
        DynamoDbClient ddb = streambed.dynamoDb()) {
      String streamArn = ddb.createTable(b -> b.tableName("adapted").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
          .keySchema(k -> k.attributeName("id").keyType("HASH"))
          .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
          .tableDescription().latestStreamArn();

      String endpoint = streambed.endpoint().toString();
      AWSStaticCredentialsProvider credentials = new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIDKCL", "secret"));
      EndpointConfiguration at = new EndpointConfiguration(endpoint, "us-east-1");
      AmazonDynamoDB dynamo = AmazonDynamoDBClientBuilder.standard().withEndpointConfiguration(at)
          .withCredentials(credentials).build();
      AmazonDynamoDBStreamsAdapterClient adapter = new AmazonDynamoDBStreamsAdapterClient(
          AmazonDynamoDBStreamsClientBuilder.standard().withEndpointConfiguration(at).withCredentials(credentials).build());

      Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
      List<String> shardsEnded = Collections.synchronizedList(new ArrayList<>());
      KinesisClientLibConfiguration config = new KinesisClientLibConfiguration("streambed-kcl", streamArn,
          credentials, "worker-1")
          .withInitialPositionInStream(InitialPositionInStream.TRIM_HORIZON)
          .withMaxRecords(1000)
          .withIdleTimeBetweenReadsInMillis(50)
          .withParentShardPollIntervalMillis(100)
          .withShardSyncIntervalMillis(500)
          .withFailoverTimeMillis(2000)
          .withTaskBackoffTimeMillis(100)
          .withListShardsBackoffTimeInMillis(100)
          .withCleanupLeasesUponShardCompletion(false);
      ExecutorService executor = Executors.newCachedThreadPool();
      Worker worker = StreamsWorkerFactory.createDynamoDbStreamsWorker(() -> new IRecordProcessor() {
        String shard;

        @Override
        public void initialize(InitializationInput input) {
          shard = input.getShardId();
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
          for (Record r : input.getRecords()) {
            var record = ((RecordAdapter) r).getInternalObject();
            var image = record.getDynamodb().getNewImage();
            seen.computeIfAbsent(image.get("id").getS(), k -> Collections.synchronizedList(new ArrayList<>()))
                .add(Integer.parseInt(image.get("v").getN()));
          }
          try {
            input.getCheckpointer().checkpoint();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }

        @Override
        public void shutdown(ShutdownInput input) {
          if (input.getShutdownReason() == ShutdownReason.TERMINATE) {
            shardsEnded.add(shard);
            try {
              input.getCheckpointer().checkpoint();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        }
      }, config, adapter, dynamo, new NullMetricsFactory(), executor);
      Thread kcl = new Thread(worker, "kcl-worker");
      kcl.start();

      // Several writers run for several rollover periods; each key has one writer, so its order
      // is the order of that writer's puts.
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      List<java.util.concurrent.Future<?>> written = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        written.add(writers.submit(() -> {
          for (int round = 0; round < ROUNDS; round++) {
            for (int k = writer; k < KEYS; k += WRITERS) {
              String id = "key" + k;
              String v = Integer.toString(round);
              ddb.putItem(b -> b.tableName("adapted").item(Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromN(v))));
            }
            Thread.sleep(200);
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : written) {
        f.get(120, TimeUnit.SECONDS);
      }
      writers.shutdown();

      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (seen.values().stream().mapToInt(List::size).sum() < KEYS * ROUNDS && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      worker.shutdown();
      kcl.join(30_000);
      executor.shutdownNow();
      executor.awaitTermination(10, TimeUnit.SECONDS);

      // Two shards a generation: four or more read to their end is two rollovers or more.
      assertThat(shardsEnded).as("closed shards read to their end").hasSizeGreaterThanOrEqualTo(4)
          .doesNotHaveDuplicates();
      assertThat(seen).hasSize(KEYS);
      for (Map.Entry<String, List<Integer>> e : seen.entrySet()) {
        List<Integer> expected = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
          expected.add(round);
        }
        assertThat(e.getValue()).as(e.getKey()).containsExactlyElementsOf(expected);
      }
      // The lease table lives in Streambed too.
      assertThat(ddb.listTables().tableNames()).contains("streambed-kcl");
    }
  }
}
