package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Time to live: settings through the SDK, expiry driven by the injected clock. */
class TimeToLiveTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    // A sweep interval longer than any test: sweeps run only when a test runs one.
    streambed = Streambed.start(dev.streambed.server.Config.defaults()
        .withTtlSweepInterval(Duration.ofDays(1)), CLOCK);
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("sessions").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static Map<String, AttributeValue> session(String id, long expiresAt) {
    return Map.of("id", AttributeValue.fromS(id), "expires", AttributeValue.fromN(Long.toString(expiresAt)));
  }

  @Test
  void anExpiredItemStaysReadableUntilTheSweepRuns() {
    ddb.createTable(b -> b.tableName("carts").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    ddb.updateTimeToLive(b -> b.tableName("carts").timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
    long now = CLOCK.millis() / 1000;
    ddb.putItem(b -> b.tableName("carts").item(session("stale", now - 30)));
    Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("stale"));

    // Past its expiry, as on AWS it is still served until the deletion actually happens.
    assertThat(ddb.getItem(b -> b.tableName("carts").key(key).consistentRead(true)).hasItem()).isTrue();
    assertThat(ddb.scan(b -> b.tableName("carts")).count()).isEqualTo(1);
    CLOCK.advance(Duration.ofMinutes(1));
    assertThat(ddb.getItem(b -> b.tableName("carts").key(key).consistentRead(true)).hasItem()).isTrue();

    // The sweep covers every table; other tests' items may expire with it.
    assertThat(streambed.server().dynamoDb().timeToLive().sweep()).isPositive();
    assertThat(ddb.getItem(b -> b.tableName("carts").key(key).consistentRead(true)).hasItem()).isFalse();
  }

  @Test
  void expiredItemsAreDeletedWhenTheClockPassesTheirTime() {
    assertThat(ddb.describeTimeToLive(b -> b.tableName("sessions")).timeToLiveDescription().timeToLiveStatus())
        .isEqualTo(TimeToLiveStatus.DISABLED);
    var updated = ddb.updateTimeToLive(b -> b.tableName("sessions")
        .timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
    assertThat(updated.timeToLiveSpecification().attributeName()).isEqualTo("expires");
    var described = ddb.describeTimeToLive(b -> b.tableName("sessions")).timeToLiveDescription();
    assertThat(described.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    assertThat(described.attributeName()).isEqualTo("expires");

    long now = CLOCK.millis() / 1000;
    ddb.putItem(b -> b.tableName("sessions").item(session("soon", now + 60)));
    ddb.putItem(b -> b.tableName("sessions").item(session("later", now + 3600)));
    ddb.putItem(b -> b.tableName("sessions").item(session("ancient", now - 6L * 365 * 24 * 3600)));
    ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", AttributeValue.fromS("text"),
        "expires", AttributeValue.fromS("not a number"))));

    assertThat(streambed.server().dynamoDb().timeToLive().sweep()).isZero();
    CLOCK.advance(Duration.ofMinutes(2));
    assertThat(streambed.server().dynamoDb().timeToLive().sweep()).isEqualTo(1);
    assertThat(ddb.getItem(b -> b.tableName("sessions").key(Map.of("id", AttributeValue.fromS("soon")))).hasItem()).isFalse();
    assertThat(ddb.getItem(b -> b.tableName("sessions").key(Map.of("id", AttributeValue.fromS("later")))).hasItem()).isTrue();
    // Expiries more than five years past, and non-numbers, are ignored, as on AWS.
    assertThat(ddb.getItem(b -> b.tableName("sessions").key(Map.of("id", AttributeValue.fromS("ancient")))).hasItem()).isTrue();
    assertThat(ddb.getItem(b -> b.tableName("sessions").key(Map.of("id", AttributeValue.fromS("text")))).hasItem()).isTrue();

    assertThatThrownBy(() -> ddb.updateTimeToLive(b -> b.tableName("sessions")
        .timeToLiveSpecification(s -> s.enabled(true).attributeName("expires"))))
        .hasMessageStartingWith("TimeToLive is already enabled");
  }

  @Test
  void aSettingChangesAtMostOnceAnHour() {
    ddb.createTable(b -> b.tableName("visits").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    ddb.updateTimeToLive(b -> b.tableName("visits").timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
    // What is already so, or names another attribute, is refused before the interval is looked at.
    assertThatThrownBy(() -> ddb.updateTimeToLive(b -> b.tableName("visits")
        .timeToLiveSpecification(s -> s.enabled(true).attributeName("other"))))
        .hasMessageStartingWith("TimeToLive is active on a different AttributeName");
    assertThatThrownBy(() -> ddb.updateTimeToLive(b -> b.tableName("visits")
        .timeToLiveSpecification(s -> s.enabled(false).attributeName("other"))))
        .hasMessageStartingWith("TimeToLive is active on a different AttributeName");
    CLOCK.advance(Duration.ofMinutes(59));
    assertThatThrownBy(() -> ddb.updateTimeToLive(b -> b.tableName("visits")
        .timeToLiveSpecification(s -> s.enabled(false).attributeName("expires"))))
        .isInstanceOfSatisfying(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Time to live has been modified multiple times within a fixed interval");
        });
    assertThat(ddb.describeTimeToLive(b -> b.tableName("visits")).timeToLiveDescription().timeToLiveStatus())
        .isEqualTo(TimeToLiveStatus.ENABLED);
    CLOCK.advance(Duration.ofMinutes(1));
    ddb.updateTimeToLive(b -> b.tableName("visits").timeToLiveSpecification(s -> s.enabled(false).attributeName("expires")));
    assertThat(ddb.describeTimeToLive(b -> b.tableName("visits")).timeToLiveDescription().timeToLiveStatus())
        .isEqualTo(TimeToLiveStatus.DISABLED);
    // Renaming the attribute is a disable, an hour, and an enable.
    assertThatThrownBy(() -> ddb.updateTimeToLive(b -> b.tableName("visits")
        .timeToLiveSpecification(s -> s.enabled(true).attributeName("other"))))
        .hasMessageStartingWith("Time to live has been modified multiple times within a fixed interval");
    CLOCK.advance(Duration.ofHours(1));
    ddb.updateTimeToLive(b -> b.tableName("visits").timeToLiveSpecification(s -> s.enabled(true).attributeName("other")));
    assertThat(ddb.describeTimeToLive(b -> b.tableName("visits")).timeToLiveDescription().attributeName()).isEqualTo("other");
  }
}
