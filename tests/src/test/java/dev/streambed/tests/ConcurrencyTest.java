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

  private static Map<String, AttributeValue> account(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  /**
   * Transfers between accounts by concurrent transactions, each moving money from one account
   * to another only if it has enough, while readers take TransactGetItems snapshots of every
   * account: the total never changes, in any snapshot or at the end.
   */
  @Test
  void transfersKeepTheTotalAndReadersNeverSeeHalfATransaction() throws Exception {
    int accounts = 5;
    for (int a = 0; a < accounts; a++) {
      String id = "acct" + a;
      ddb.putItem(b -> b.tableName("counters").item(Map.of("id", AttributeValue.fromS(id),
          "balance", AttributeValue.fromN("100"))));
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger snapshots = new AtomicInteger();
    java.util.Set<Long> totalsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    race(() -> {
      int me = next.getAndIncrement();
      java.util.Random random = new java.util.Random(me);
      for (int i = 0; i < PER_THREAD; i++) {
        if (me % 2 == 0) {
          int from = random.nextInt(accounts);
          int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
          String amount = Integer.toString(1 + random.nextInt(30));
          Map<String, AttributeValue> values = Map.of(":m", AttributeValue.fromN(amount));
          try {
            ddb.transactWriteItems(b -> b.transactItems(
                t -> t.update(u -> u.tableName("counters").key(account("acct" + from))
                    .updateExpression("SET balance = balance - :m").conditionExpression("balance >= :m")
                    .expressionAttributeValues(values)),
                t -> t.update(u -> u.tableName("counters").key(account("acct" + to))
                    .updateExpression("SET balance = balance + :m").expressionAttributeValues(values))));
          } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException poor) {
            // Not enough money in the account: nothing moved.
          }
        } else {
          List<software.amazon.awssdk.services.dynamodb.model.ItemResponse> read = ddb.transactGetItems(b -> b
              .transactItems(java.util.stream.IntStream.range(0, accounts).mapToObj(a ->
                  software.amazon.awssdk.services.dynamodb.model.TransactGetItem.builder()
                      .get(g -> g.tableName("counters").key(account("acct" + a))).build()).toList()))
              .responses();
          totalsSeen.add(read.stream().mapToLong(r -> Long.parseLong(r.item().get("balance").n())).sum());
          snapshots.incrementAndGet();
        }
      }
    });
    long total = 0;
    for (int a = 0; a < accounts; a++) {
      String id = "acct" + a;
      total += Long.parseLong(ddb.getItem(b -> b.tableName("counters").key(account(id)).consistentRead(true))
          .item().get("balance").n());
    }
    assertThat(total).isEqualTo(100L * accounts);
    assertThat(snapshots.get()).isEqualTo(THREADS / 2 * PER_THREAD);
    assertThat(totalsSeen).containsExactly(100L * accounts);
  }
}
