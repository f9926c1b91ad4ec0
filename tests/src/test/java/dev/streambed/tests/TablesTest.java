package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;

class TablesTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static CreateTableResponse create(String name) {
    return ddb.createTable(b -> b.tableName(name)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  @Test
  void createAnswersCreatingThenTheWaiterSeesActive() {
    CreateTableResponse created = create("waited");
    TableDescription d = created.tableDescription();
    assertThat(d.tableStatus()).isEqualTo(TableStatus.CREATING);
    assertThat(d.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/waited");
    assertThat(d.tableId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(d.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk", "sk");
    assertThat(d.itemCount()).isZero();
    TableDescription active = ddb.waiter().waitUntilTableExists(b -> b.tableName("waited"))
        .matched().response().orElseThrow().table();
    assertThat(active.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(active.creationDateTime()).isEqualTo(d.creationDateTime());
    assertThat(active.provisionedThroughput().readCapacityUnits()).isZero();
  }

  @Test
  void duplicateCreateIsResourceInUse() {
    create("dup");
    assertThatThrownBy(() -> create("dup"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageStartingWith("Table already exists: dup");
  }

  @Test
  void describeMissingTableNamesIt() {
    assertThatThrownBy(() -> ddb.describeTable(b -> b.tableName("missing")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Requested resource not found: Table: missing not found");
  }

  @Test
  void listTablesPagesInNameOrder() {
    for (String n : new String[] {"list-c", "list-a", "list-b"}) {
      create(n);
    }
    ListTablesResponse first = ddb.listTables(b -> b.exclusiveStartTableName("list-").limit(2));
    assertThat(first.tableNames()).containsExactly("list-a", "list-b");
    assertThat(first.lastEvaluatedTableName()).isEqualTo("list-b");
    ListTablesResponse second = ddb.listTables(b -> b.exclusiveStartTableName("list-b").limit(2));
    assertThat(second.tableNames()).first().isEqualTo("list-c");
  }

  @Test
  void provisionedTableReportsThroughputAndUpdates() {
    ddb.createTable(b -> b.tableName("prov")
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)));
    TableDescription updated = ddb.updateTable(b -> b.tableName("prov")
        .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(5L))).tableDescription();
    assertThat(updated.tableStatus()).isEqualTo(TableStatus.UPDATING);
    assertThat(updated.provisionedThroughput().readCapacityUnits()).isEqualTo(10L);
    assertThat(updated.provisionedThroughput().lastIncreaseDateTime()).isNotNull();
    assertThatThrownBy(() -> ddb.updateTable(b -> b.tableName("prov")
        .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(5L))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("The provisioned throughput for the table will not change.");
    TableDescription onDemand = ddb.updateTable(b -> b.tableName("prov")
        .billingMode(BillingMode.PAY_PER_REQUEST)).tableDescription();
    assertThat(onDemand.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
  }

  /** As AWS answered in localstack's recorded test_table_warm_throughput and test_table_crud. */
  @Test
  void warmThroughputIsTheOneAskedForOrWhatTheCapacityGives() {
    TableDescription created = ddb.createTable(b -> b.tableName("warm")
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
        .warmThroughput(w -> w.readUnitsPerSecond(1000L).writeUnitsPerSecond(1200L))).tableDescription();
    assertThat(created.warmThroughput().statusAsString()).isEqualTo("UPDATING");
    assertThat(created.warmThroughput().readUnitsPerSecond()).isEqualTo(1000L);
    TableDescription described = ddb.describeTable(b -> b.tableName("warm")).table();
    assertThat(described.warmThroughput().statusAsString()).isEqualTo("ACTIVE");
    assertThat(described.warmThroughput().writeUnitsPerSecond()).isEqualTo(1200L);
    assertThat(create("cold").tableDescription().warmThroughput()).isNull();
    TableDescription onDemand = ddb.describeTable(b -> b.tableName("cold")).table();
    assertThat(onDemand.warmThroughput().readUnitsPerSecond()).isEqualTo(12000L);
    assertThat(onDemand.warmThroughput().writeUnitsPerSecond()).isEqualTo(4000L);
  }

  @Test
  void streamSpecificationIsStoredAndShown() {
    ddb.createTable(b -> b.tableName("streamed")
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    TableDescription d = ddb.describeTable(b -> b.tableName("streamed")).table();
    assertThat(d.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    assertThat(d.latestStreamLabel()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
    assertThat(d.latestStreamArn()).isEqualTo(d.tableArn() + "/stream/" + d.latestStreamLabel());
  }

  @Test
  void deletionProtectionIsHonoured() {
    ddb.createTable(b -> b.tableName("protected")
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .billingMode(BillingMode.PAY_PER_REQUEST).deletionProtectionEnabled(true));
    assertThatThrownBy(() -> ddb.deleteTable(b -> b.tableName("protected")))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageContaining("protected against deletion");
    ddb.updateTable(b -> b.tableName("protected").deletionProtectionEnabled(false));
    DeleteTableResponse deleted = ddb.deleteTable(b -> b.tableName("protected"));
    assertThat(deleted.tableDescription().tableStatus()).isEqualTo(TableStatus.DELETING);
    ddb.waiter().waitUntilTableNotExists(b -> b.tableName("protected"));
    assertThatThrownBy(() -> ddb.describeTable(b -> b.tableName("protected")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void tagsCanBeAddedListedAndRemoved() {
    String arn = create("tagged").tableDescription().tableArn();
    ddb.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("team").value("core").build(),
        Tag.builder().key("env").value("dev").build()));
    assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags())
        .extracting(Tag::key).containsExactlyInAnyOrder("team", "env");
    ddb.untagResource(b -> b.resourceArn(arn).tagKeys("env"));
    assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags())
        .extracting(Tag::key).containsExactly("team");
  }

  @Test
  void invalidTableNameGetsAwsValidationMessage() {
    assertThatThrownBy(() -> ddb.describeTable(b -> b.tableName("a!")))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("2 validation errors detected: Value 'a!' at 'tableName' failed to "
            + "satisfy constraint: Member must have length greater than or equal to 3; Value 'a!' at "
            + "'tableName' failed to satisfy constraint: Member must satisfy regular expression "
            + "pattern: [a-zA-Z0-9_.-]+");
  }
}
