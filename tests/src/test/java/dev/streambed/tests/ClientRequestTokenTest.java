package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** TransactWriteItems' ClientRequestToken: once per token for ten minutes, even under races. */
class ClientRequestTokenTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start(CLOCK);
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("tokens").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static void add(String token, String counter, int amount) {
    ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(t -> t.update(u -> u
        .tableName("tokens").key(Map.of("id", AttributeValue.fromS(counter)))
        .updateExpression("ADD hits :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN(
            Integer.toString(amount)))))));
  }

  private static String hits(String counter) {
    return ddb.getItem(b -> b.tableName("tokens").key(Map.of("id", AttributeValue.fromS(counter)))
        .consistentRead(true)).item().get("hits").n();
  }

  @Test
  void aTokenReusedWithOtherContentIsRefusedUntilItExpires() {
    add("reuse", "r", 1);
    add("reuse", "r", 1);
    assertThat(hits("r")).isEqualTo("1");
    assertThatThrownBy(() -> add("reuse", "r", 5))
        .isInstanceOfSatisfying(IdempotentParameterMismatchException.class, e -> assertThat(
            e.awsErrorDetails().errorMessage())
            .isEqualTo("Specified client token already used with different request parameters"));
    CLOCK.advance(Duration.ofMinutes(10).minusMillis(1));
    assertThatThrownBy(() -> add("reuse", "r", 5)).isInstanceOf(IdempotentParameterMismatchException.class);
    CLOCK.advance(Duration.ofMillis(1));
    add("reuse", "r", 5);
    assertThat(hits("r")).isEqualTo("6");
  }

  @Test
  void racingRequestsWithOneTokenApplyOnce() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> answers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      answers.add(pool.submit(() -> {
        go.await();
        try {
          add("raced", "once", 1);
          return "ok";
        } catch (DynamoDbException e) {
          return e.awsErrorDetails().errorCode();
        }
      }));
    }
    go.countDown();
    List<String> seen = new ArrayList<>();
    for (Future<String> f : answers) {
      seen.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(hits("once")).isEqualTo("1");
    assertThat(seen).contains("ok").allMatch(s -> s.equals("ok") || s.equals("TransactionInProgressException"));
  }
}
