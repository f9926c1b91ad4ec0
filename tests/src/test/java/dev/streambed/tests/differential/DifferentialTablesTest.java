package dev.streambed.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/** The table control plane, request for request against DynamoDB Local. */
class DifferentialTablesTest extends DifferentialTest {
  private static final ProvisionedThroughput FIVE =
      ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build();

  private static CreateTableRequest.Builder hashOnly(String name) {
    return CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("id", ScalarAttributeType.S))
        .keySchema(key("id", KeyType.HASH));
  }

  @Test
  void provisionedTableLifecycle() {
    String name = Differential.tableName("life");
    assertThat(d.step(hashOnly(name).provisionedThroughput(FIVE).build()).failed()).isFalse();
    d.step(DescribeTableRequest.builder().tableName(name).build());
    d.step(hashOnly(name).provisionedThroughput(FIVE).build());
    d.step(UpdateTableRequest.builder().tableName(name)
        .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(10L).writeCapacityUnits(5L).build())
        .build());
    d.step(DescribeTableRequest.builder().tableName(name).build());
    d.step(UpdateTableRequest.builder().tableName(name)
        .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(10L).writeCapacityUnits(5L).build())
        .build());
    d.step(UpdateTableRequest.builder().tableName(name)
        .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(3L).writeCapacityUnits(3L).build())
        .build());
    d.step(UpdateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST).build());
    d.step(DescribeTableRequest.builder().tableName(name).build());
    d.step(DeleteTableRequest.builder().tableName(name).build());
    d.step(DescribeTableRequest.builder().tableName(name).build());
    d.step(DeleteTableRequest.builder().tableName(name).build());
  }

  @Test
  void explicitlyProvisionedTable() {
    String name = Differential.tableName("explicit");
    d.step(hashOnly(name).billingMode(BillingMode.PROVISIONED).provisionedThroughput(FIVE).build());
    d.step(DescribeTableRequest.builder().tableName(name).build());
    d.step(DeleteTableRequest.builder().tableName(name).build());
  }

  @Test
  void deletingATableWithAStream() {
    String name = Differential.tableName("streamdel");
    d.step(hashOnly(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .streamSpecification(StreamSpecification.builder().streamEnabled(true)
            .streamViewType(StreamViewType.NEW_IMAGE).build()).build());
    d.step(DeleteTableRequest.builder().tableName(name).build());
  }

  @Test
  void onDemandTableWithRangeKeyAndStream() {
    String name = Differential.tableName("ondemand");
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("pk", ScalarAttributeType.B), def("sk", ScalarAttributeType.N))
        .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .streamSpecification(StreamSpecification.builder().streamEnabled(true)
            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
        .build());
    d.step(DescribeTableRequest.builder().tableName(name).build());
    d.step(UpdateTableRequest.builder().tableName(name)
        .streamSpecification(StreamSpecification.builder().streamEnabled(true)
            .streamViewType(StreamViewType.KEYS_ONLY).build()).build());
    d.step(UpdateTableRequest.builder().tableName(name)
        .streamSpecification(StreamSpecification.builder().streamEnabled(false).build()).build());
    d.step(DescribeTableRequest.builder().tableName(name).build());
    d.step(UpdateTableRequest.builder().tableName(name).billingMode(BillingMode.PROVISIONED).build());
    d.step(UpdateTableRequest.builder().tableName(name).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(FIVE).build());
    d.step(DescribeTableRequest.builder().tableName(name).build());
    d.step(DeleteTableRequest.builder().tableName(name).build());
  }

  @Test
  void listTablesPages() {
    String prefix = Differential.tableName("list") + "-";
    for (String suffix : List.of("c", "a", "b")) {
      d.step(hashOnly(prefix + suffix).billingMode(BillingMode.PAY_PER_REQUEST).build());
    }
    // Other sequences' tables follow these in DynamoDB Local; a limit below the three keeps
    // both pages comparable.
    d.step(ListTablesRequest.builder().exclusiveStartTableName(prefix).limit(1).build());
    d.step(ListTablesRequest.builder().exclusiveStartTableName(prefix + "a").limit(1).build());
    d.step(ListTablesRequest.builder().exclusiveStartTableName(prefix).limit(0).build());
    d.step(ListTablesRequest.builder().exclusiveStartTableName(prefix).limit(101).build());
    d.step(ListTablesRequest.builder().exclusiveStartTableName("x").limit(1).build());
  }

  @Test
  void createTableValidation() {
    String name = Differential.tableName("bad");
    // Key attribute not defined
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("other", ScalarAttributeType.S))
        .keySchema(key("id", KeyType.HASH)).billingMode(BillingMode.PAY_PER_REQUEST).build());
    // Missing attribute definitions altogether
    d.step(CreateTableRequest.builder().tableName(name)
        .keySchema(key("id", KeyType.HASH)).billingMode(BillingMode.PAY_PER_REQUEST).build());
    // Missing key schema
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("id", ScalarAttributeType.S))
        .billingMode(BillingMode.PAY_PER_REQUEST).build());
    // An attribute definition that is not a key
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("id", ScalarAttributeType.S), def("extra", ScalarAttributeType.N))
        .keySchema(key("id", KeyType.HASH)).billingMode(BillingMode.PAY_PER_REQUEST).build());
    // Range key not defined
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("id", ScalarAttributeType.S))
        .keySchema(key("id", KeyType.HASH), key("sk", KeyType.RANGE))
        .billingMode(BillingMode.PAY_PER_REQUEST).build());
    // Bad attribute type
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
            .attributeName("id").attributeType("BOOL").build())
        .keySchema(key("id", KeyType.HASH)).billingMode(BillingMode.PAY_PER_REQUEST).build());
    // Bad key type
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("id", ScalarAttributeType.S))
        .keySchema(software.amazon.awssdk.services.dynamodb.model.KeySchemaElement.builder()
            .attributeName("id").keyType("PRIMARY").build())
        .billingMode(BillingMode.PAY_PER_REQUEST).build());
    // RANGE first
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("id", ScalarAttributeType.S))
        .keySchema(key("id", KeyType.RANGE)).billingMode(BillingMode.PAY_PER_REQUEST).build());
    // Two HASH keys
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("id", ScalarAttributeType.S), def("id2", ScalarAttributeType.S))
        .keySchema(key("id", KeyType.HASH), key("id2", KeyType.HASH))
        .billingMode(BillingMode.PAY_PER_REQUEST).build());
    // Three key elements
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("a", ScalarAttributeType.S), def("b", ScalarAttributeType.S),
            def("c", ScalarAttributeType.S))
        .keySchema(key("a", KeyType.HASH), key("b", KeyType.RANGE), key("c", KeyType.RANGE))
        .billingMode(BillingMode.PAY_PER_REQUEST).build());
    // Hash and range of one name
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("id", ScalarAttributeType.S))
        .keySchema(key("id", KeyType.HASH), key("id", KeyType.RANGE))
        .billingMode(BillingMode.PAY_PER_REQUEST).build());
    // Duplicate attribute definitions
    d.step(CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(def("id", ScalarAttributeType.S), def("id", ScalarAttributeType.N))
        .keySchema(key("id", KeyType.HASH)).billingMode(BillingMode.PAY_PER_REQUEST).build());
    // PAY_PER_REQUEST with throughput (under a name of its own: DynamoDB Local creates it)
    d.step(hashOnly(Differential.tableName("ondemandthroughput")).billingMode(BillingMode.PAY_PER_REQUEST)
        .provisionedThroughput(FIVE).build());
    // PROVISIONED without throughput
    d.step(hashOnly(name).billingMode(BillingMode.PROVISIONED).build());
    d.step(hashOnly(name).build());
    // Zero throughput
    d.step(hashOnly(name).provisionedThroughput(ProvisionedThroughput.builder()
        .readCapacityUnits(0L).writeCapacityUnits(1L).build()).build());
    // Unknown billing mode
    d.step(hashOnly(name).billingMode("FREE").build());
    // Stream enabled without a view type, and a view type with the stream disabled
    d.step(hashOnly(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .streamSpecification(StreamSpecification.builder().streamEnabled(true).build()).build());
    d.step(hashOnly(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .streamSpecification(StreamSpecification.builder().streamEnabled(false)
            .streamViewType(StreamViewType.NEW_IMAGE).build()).build());
    // Nothing was created
    d.step(DescribeTableRequest.builder().tableName(name).build());
  }

  @Test
  void badTableNames() {
    for (String bad : List.of("ab", "a b", "tbl$", "x".repeat(256), "", "ü-table")) {
      d.step(hashOnly(bad).billingMode(BillingMode.PAY_PER_REQUEST).build());
      d.step(DescribeTableRequest.builder().tableName(bad).build());
      d.step(DeleteTableRequest.builder().tableName(bad).build());
    }
    String longest = "x".repeat(255);
    d.step(hashOnly(longest).billingMode(BillingMode.PAY_PER_REQUEST).build());
    d.step(DescribeTableRequest.builder().tableName(longest).build());
    d.step(DeleteTableRequest.builder().tableName(longest).build());
    d.step(hashOnly(null).billingMode(BillingMode.PAY_PER_REQUEST).build());
  }

  @Test
  void missingTables() {
    String name = Differential.tableName("missing");
    d.step(DescribeTableRequest.builder().tableName(name).build());
    d.step(UpdateTableRequest.builder().tableName(name).provisionedThroughput(FIVE).build());
    d.step(DeleteTableRequest.builder().tableName(name).build());
  }

  // Tagging and table classes are left out: DynamoDB Local 2.6.1 answers TagResource,
  // UntagResource and ListTagsOfResource with UnknownOperationException and ignores TableClass,
  // so it has no answer to compare with (TablesTest covers tags).
  @Test
  void deletionProtection() {
    String name = Differential.tableName("protected");
    d.step(hashOnly(name).billingMode(BillingMode.PAY_PER_REQUEST).deletionProtectionEnabled(true).build());
    d.step(DescribeTableRequest.builder().tableName(name).build());
    d.step(DeleteTableRequest.builder().tableName(name).build());
    d.step(UpdateTableRequest.builder().tableName(name).deletionProtectionEnabled(false).build());
    d.step(UpdateTableRequest.builder().tableName(name).build());
    d.step(DeleteTableRequest.builder().tableName(name).build());
  }

  @Test
  void describeLimits() {
    d.step(DescribeLimitsRequest.builder().build());
  }
}
