package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Attribute names up to DynamoDB's limit: "at least one character long and less than 64 KB in
 * size" (Amazon DynamoDB Developer Guide, naming rules). DynamoDB Local cannot be the oracle
 * here: it fails with an InternalFailure on names past 50,000 characters.
 */
class AttributeNamesTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("names")
        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  @Test
  void aNameOfSixtyThousandCharactersRoundTrips() {
    String name = "n".repeat(60_000);
    ddb.putItem(b -> b.tableName("names").item(Map.of("pk", AttributeValue.fromS("long"),
        name, AttributeValue.fromS("value"))));
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName("names")
        .key(Map.of("pk", AttributeValue.fromS("long"))).consistentRead(true)).item();
    assertThat(item).containsEntry(name, AttributeValue.fromS("value"));
  }
}
