package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Writes racing on one item are linearizable: the final values are exact. */
class ConcurrencyTest {
  private static final int THREADS = 16;
  private static final int PER_THREAD = 25;

  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("counters")
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static void race(Runnable perThread) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(pool.submit(() -> {
        go.await();
        perThread.run();
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
  }

  @Test
  void atomicAddFromSixteenThreadsIsExact() throws Exception {
    Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("add"));
    race(() -> {
      for (int i = 0; i < PER_THREAD; i++) {
        ddb.updateItem(b -> b.tableName("counters").key(key)
            .updateExpression("ADD hits :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
      }
    });
    String hits = ddb.getItem(b -> b.tableName("counters").key(key).consistentRead(true)).item().get("hits").n();
    assertThat(hits).isEqualTo(Integer.toString(THREADS * PER_THREAD));
  }

  @Test
  void versionConditionedPutsNeverLoseAnUpdate() throws Exception {
    Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("versioned"));
    ddb.putItem(b -> b.tableName("counters").item(Map.of("id", key.get("id"), "version", AttributeValue.fromN("0"))));
    AtomicInteger conflicts = new AtomicInteger();
    race(() -> {
      int done = 0;
      while (done < PER_THREAD) {
        Map<String, AttributeValue> current = ddb.getItem(b -> b.tableName("counters").key(key).consistentRead(true)).item();
        String version = current.get("version").n();
        String next = Long.toString(Long.parseLong(version) + 1);
        try {
          ddb.putItem(b -> b.tableName("counters")
              .item(Map.of("id", key.get("id"), "version", AttributeValue.fromN(next)))
              .conditionExpression("version = :v")
              .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(version))));
          done++;
        } catch (ConditionalCheckFailedException lost) {
          conflicts.incrementAndGet();
        }
      }
    });
    String version = ddb.getItem(b -> b.tableName("counters").key(key).consistentRead(true)).item().get("version").n();
    assertThat(version).isEqualTo(Integer.toString(THREADS * PER_THREAD));
    assertThat(conflicts.get()).as("sixteen racing writers must collide at least once").isPositive();
  }
}
