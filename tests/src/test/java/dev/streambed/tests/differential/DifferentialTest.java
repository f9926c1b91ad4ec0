package dev.streambed.tests.differential;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The frame of a differential test class: one Streambed per class, the run's DynamoDB Local,
 * and after each test every difference its sequence showed.
 */
abstract class DifferentialTest {
  static Differential d;

  @BeforeAll
  static void startBoth() {
    d = Differential.start();
  }

  @AfterAll
  static void stopOurs() {
    d.close();
  }

  @AfterEach
  void noDifferences() {
    d.compareNumberText(false);
    d.context("");
    d.assertNoDifferences();
  }

  static AttributeDefinition def(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  /** An on-demand table with a hash key and, when rangeName is not null, a range key. */
  static String table(String base, String hashName, ScalarAttributeType hashType, String rangeName,
      ScalarAttributeType rangeType) {
    String name = Differential.tableName(base);
    CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST);
    if (rangeName == null) {
      b.attributeDefinitions(def(hashName, hashType)).keySchema(key(hashName, KeyType.HASH));
    } else {
      b.attributeDefinitions(List.of(def(hashName, hashType), def(rangeName, rangeType)))
          .keySchema(key(hashName, KeyType.HASH), key(rangeName, KeyType.RANGE));
    }
    d.step(b.build());
    return name;
  }
}
