package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.KnownDifference.WAIVED;
import static dev.streambed.tests.differential.KnownDifference.rewriteMember;
import static dev.streambed.tests.differential.KnownDifference.rewriteStrings;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/** Known differences of the table control plane (CreateTable, DescribeTable, UpdateTable, DeleteTable). */
final class TableDifferences {
  /**
   * DynamoDB Local's own wordings of violated API constraints (see "constraint-wording"): the
   * start of each message it gives where AWS reports a constraint of its API model.
   */
  static final List<String> CONSTRAINT_WORDING = List.of(
      "Invalid table/index name.  Table/index names must be between 3 and 255 characters long",
      "Limit must be greater than or equal to 1",
      "Limit in ListTables must be <= 100",
      "No Attribute Schema Defined",
      "No defined key schema.",
      "Member must satisfy enum value set:",
      "Key Schema too big.",
      "Table read and write throughput must be at least 1",
      "Item to put in PutItem cannot be null",
      "Cannot have null key for GetItem, DeleteItem, or UpdateItem");

  /** DynamoDB Local's own sentences for CreateTable checks (see "create-table-wording"). */
  static final List<String> CREATE_TABLE_WORDING = List.of(
      "Hash Key not specified in Attribute Definitions.",
      "Range Key not specified in Attribute Definitions.",
      "Two keys can not have the same name",
      "Cannot have two attributes with the same name",
      "Invalid StreamViewType: ");

  static final List<KnownDifference> ALL = List.of(
      new KnownDifference("index-status-on-create",
          "answers CreateTable with its global secondary indexes ACTIVE",
          "answers them CREATING, as the table itself, until the table is ACTIVE",
          "DynamoDB API reference, GlobalSecondaryIndexDescription.IndexStatus: 'CREATING - The "
              + "index is being created.'; a new table's indexes are created with it",
          (step, local) -> !step.operation().equals("CreateTable") || local.failed() ? local
              : withTableDescription(local, t -> {
                if (t.get("GlobalSecondaryIndexes") instanceof List<?> indexes) {
                  for (Object i : indexes) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> index = (Map<String, Object>) i;
                    index.put("IndexStatus", "CREATING");
                  }
                }
              })),
      new KnownDifference("on-demand-index-throughput",
          "leaves ProvisionedThroughput out of the global secondary indexes of an on-demand table",
          "shows it, with zero read and write units",
          "aws-reference/recorded/test_dynamodb.snapshot.json, "
              + "test_gsi_with_billing_mode[PAY_PER_REQUEST]: the index's ProvisionedThroughput "
              + "{NumberOfDecreasesToday 0, ReadCapacityUnits 0, WriteCapacityUnits 0}",
          (step, local) -> local.failed() ? local : withTableDescription(local, t -> {
            boolean onDemand = t.get("BillingModeSummary") instanceof Map<?, ?> b
                && "PAY_PER_REQUEST".equals(b.get("BillingMode"));
            if (onDemand && t.get("GlobalSecondaryIndexes") instanceof List<?> indexes) {
              for (Object i : indexes) {
                @SuppressWarnings("unchecked")
                Map<String, Object> index = (Map<String, Object>) i;
                index.putIfAbsent("ProvisionedThroughput", new java.util.TreeMap<>(Map.of(
                    "NumberOfDecreasesToday", 0L, "ReadCapacityUnits", 0L, "WriteCapacityUnits", 0L)));
              }
            }
          })),
      new KnownDifference("transient-table-status",
          "answers CreateTable, UpdateTable and DeleteTable with the table ACTIVE",
          "answers them with the table CREATING, UPDATING and DELETING",
          "aws-reference/recorded/test_dynamodb.snapshot.json, test_table_crud: create-table "
              + "TableStatus CREATING, delete-table TableStatus DELETING; API reference of "
              + "UpdateTable: 'the table status changes from ACTIVE to UPDATING'",
          (step, local) -> {
            String status = switch (step.operation()) {
              case "CreateTable" -> "CREATING";
              case "UpdateTable" -> "UPDATING";
              case "DeleteTable" -> "DELETING";
              default -> null;
            };
            if (status == null || local.failed()) {
              return local;
            }
            return withTableDescription(local, t -> t.put("TableStatus", status));
          }),
      new KnownDifference("delete-table-shape",
          "returns AttributeDefinitions and KeySchema in DeleteTable's TableDescription",
          "leaves them out",
          "aws-reference/recorded/test_dynamodb.snapshot.json, test_table_crud: delete-table "
              + "has no AttributeDefinitions, KeySchema or CreationDateTime",
          (step, local) -> !step.operation().equals("DeleteTable") || local.failed() ? local
              : withTableDescription(local, t -> {
                t.remove("AttributeDefinitions");
                t.remove("KeySchema");
              })),
      new KnownDifference("decreases-today",
          "never counts throughput decreases: NumberOfDecreasesToday stays 0",
          "counts the decreases of the current UTC day",
          "DynamoDB API reference, ProvisionedThroughputDescription.NumberOfDecreasesToday: 'The "
              + "number of provisioned throughput decreases for this table during this UTC "
              + "calendar day'",
          (step, local) -> new Answer(rewriteMember(local.tree(), "NumberOfDecreasesToday",
              v -> WAIVED + " DynamoDB Local does not count decreases"))),
      new KnownDifference("table-exists-message",
          "answers ResourceInUseException 'Cannot create preexisting table'",
          "answers 'Table already exists: NAME'",
          "aws-reference/recorded/test_dynamodb.snapshot.json, test_create_duplicate_table",
          (step, local) -> "Cannot create preexisting table".equals(local.errorMessage())
              ? local.withError(400, "ResourceInUseException", "Table already exists: " + step.tableName())
              : local),
      new KnownDifference("throughput-unchanged-message",
          "answers 'The requested throughput value equals the current value'",
          "answers 'The provisioned throughput for the table will not change. The requested value "
              + "equals the current value. Current ReadCapacityUnits provisioned for the table: R. "
              + "Requested ReadCapacityUnits: R. Current WriteCapacityUnits provisioned for the "
              + "table: W. Requested WriteCapacityUnits: W. Refer to the Amazon DynamoDB Developer "
              + "Guide for current limits and how to request higher limits.'",
          "cortexproject/cortex pull request #441, which quotes the ValidationException AWS returned",
          (step, local) -> {
            if (!"The requested throughput value equals the current value".equals(local.errorMessage())
                || !(step.request() instanceof UpdateTableRequest u)) {
              return local;
            }
            long r = u.provisionedThroughput().readCapacityUnits();
            long w = u.provisionedThroughput().writeCapacityUnits();
            return local.withError(400, "ValidationException", "The provisioned throughput for the "
                + "table will not change. The requested value equals the current value. Current "
                + "ReadCapacityUnits provisioned for the table: " + r + ". Requested ReadCapacityUnits: "
                + r + ". Current WriteCapacityUnits provisioned for the table: " + w + ". Requested "
                + "WriteCapacityUnits: " + w + ". Refer to the Amazon DynamoDB Developer Guide for "
                + "current limits and how to request higher limits.");
          }),
      new KnownDifference("stream-already-enabled-message",
          "answers 'Table already has an enabled stream'",
          "names the table: 'Table already has an enabled stream: TableName: NAME'",
          "scylladb/scylladb issue #6939 (the answer of AWS to enabling a stream twice) and "
              + "aws-controllers-k8s/community issue #1000 (the same, with an AWS request id)",
          (step, local) -> "Table already has an enabled stream".equals(local.errorMessage())
              ? local.withError(400, "ValidationException",
                  "Table already has an enabled stream: TableName: " + step.tableName())
              : local),
      new KnownDifference("update-table-nothing-message",
          "answers an UpdateTable that changes nothing with 'Nothing to update'",
          "answers 'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
              + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required'",
          "ministackorg/ministack issue #1432, which measured UpdateTable without any change on AWS "
              + "('ValidationException: At least one of Provis...', cut there; the rest of the sentence is not recorded)",
          (step, local) -> "Nothing to update".equals(local.errorMessage())
              ? local.withError(400, "ValidationException", "At least one of ProvisionedThroughput, "
                  + "BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification "
                  + "or ReplicaUpdates is required")
              : local),
      new KnownDifference("on-demand-with-throughput",
          "creates a PAY_PER_REQUEST table even when ProvisionedThroughput is given",
          "refuses it: 'One or more parameter values were invalid: Neither ReadCapacityUnits nor "
              + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST'",
          "aws-reference/recorded/test_dynamodb.snapshot.json, test_dynamodb_pay_per_request",
          (step, local) -> step.request() instanceof CreateTableRequest c && !local.failed()
              && c.billingMode() == BillingMode.PAY_PER_REQUEST && c.provisionedThroughput() != null
              ? Answer.error(400, "ValidationException", "One or more parameter values were invalid: "
                  + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                  + "BillingMode is PAY_PER_REQUEST", Map.of())
              : local),
      new KnownDifference("unused-attribute-definitions",
          "answers 'The number of attributes in key schema must match the number of attributes "
              + "defined in attribute definitions.'",
          "answers 'One or more parameter values were invalid: Some AttributeDefinitions are not "
              + "used. AttributeDefinitions: [DEFINED], keys used: [KEYS]'",
          "aws/aws-sdk-java issue #335, where an AWS engineer quotes the service's answer",
          (step, local) -> {
            if (!String.valueOf(local.errorMessage()).startsWith("The number of attributes in key schema must match")
                || !(step.request() instanceof CreateTableRequest c)) {
              return local;
            }
            List<String> defined = c.attributeDefinitions().stream()
                .map(software.amazon.awssdk.services.dynamodb.model.AttributeDefinition::attributeName).toList();
            List<String> keys = c.keySchema().stream()
                .map(software.amazon.awssdk.services.dynamodb.model.KeySchemaElement::attributeName).toList();
            return local.withError(400, "ValidationException", "One or more parameter values were "
                + "invalid: Some AttributeDefinitions are not used. AttributeDefinitions: " + defined
                + ", keys used: " + keys);
          }),
      new KnownDifference("enum-constraint-failure",
          "answers a value outside an enumeration of the API (BillingMode 'FREE') with HTTP 500 "
              + "InternalFailure",
          "answers HTTP 400 ValidationException '1 validation error detected: Value 'FREE' at "
              + "'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [...]'",
          "aws-reference/recorded/test_dynamodb.snapshot.json, test_kinesis_streaming_destination_crud: "
              + "an enumeration member out of its set gets exactly this form (approximateCreationDateTimePrecision)",
          (step, local) -> local.status() == 500 && "InternalFailure".equals(local.errorCode())
              && step.request() instanceof CreateTableRequest c && c.billingMode() == BillingMode.UNKNOWN_TO_SDK_VERSION
              ? Answer.error(400, "ValidationException", WAIVED + " AWS's constraint message", Map.of())
              : local),
      new KnownDifference("constraint-wording",
          "words the violation of a constraint of the API model (length, pattern, range, enum, "
              + "required member) in its own sentences",
          "reports them as 'N validation error(s) detected: Value V at 'member' failed to satisfy "
              + "constraint: Member must ...', joined by '; '",
          "aws-reference/recorded/test_dynamodb.snapshot.json, test_kinesis_streaming_destination_crud "
              + "('1 validation error detected: Value 'SECOND' at "
              + "'updateKinesisStreamingConfiguration.approximateCreationDateTimePrecision' failed to "
              + "satisfy constraint: ...') and test_dynamodb_execute_statement_empy_parameter ('Value "
              + "'[]' at 'parameters' failed to satisfy constraint: Member must have length greater "
              + "than or equal to 1'); the constraints themselves are those of the API reference "
              + "(TableName 3 to 255 of [a-zA-Z0-9_.-]; ListTables Limit 1 to 100; KeySchema 1 to 2 "
              + "elements; ReadCapacityUnits at least 1; enumerations of KeyType and AttributeType). "
              + "Only the message is waived: code and status are still compared",
          (step, local) -> {
            String m = local.errorMessage();
            if (m == null || !"ValidationException".equals(local.errorCode())) {
              return local;
            }
            for (String localWording : CONSTRAINT_WORDING) {
              if (m.startsWith(localWording)) {
                return local.withError(local.status(), local.errorCode(), WAIVED + " AWS's constraint message");
              }
            }
            return local;
          }),
      new KnownDifference("key-schema-order",
          "answers a KeySchema whose first element is not HASH with 'No Hash Key specified in "
              + "schema.  All Dynamo DB tables must have exactly one hash key', and one with two "
              + "HASH elements with 'Too many hash keys specified.  ...'",
          "answers 'Invalid KeySchema: The first KeySchemaElement is not a HASH key type' and "
              + "'Invalid KeySchema: The second KeySchemaElement is not a RANGE key type'; a KeyType "
              + "outside HASH and RANGE is a violated enumeration (see constraint-wording)",
          "pynamodb/PynamoDB pull request #21 ({\"__type\":\"com.amazon.coral.validate#"
              + "ValidationException\",\"message\":\"Invalid KeySchema: The first KeySchemaElement is "
              + "not a HASH key type\"}) and issue #356 (ap-southeast-2: 'Invalid KeySchema: The "
              + "second KeySchemaElement is not a RANGE key type')",
          (step, local) -> {
            String m = String.valueOf(local.errorMessage());
            if (!(step.request() instanceof CreateTableRequest c)
                || !(m.startsWith("No Hash Key specified in schema") || m.startsWith("Too many hash keys"))) {
              return local;
            }
            if (c.keySchema().stream().anyMatch(k -> k.keyType() == KeyType.UNKNOWN_TO_SDK_VERSION)) {
              return local.withError(400, "ValidationException", WAIVED + " AWS's constraint message");
            }
            return local.withError(400, "ValidationException", c.keySchema().get(0).keyType() != KeyType.HASH
                ? "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
                : "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
          }),
      new KnownDifference("create-table-wording",
          "words some CreateTable checks in sentences of its own: 'Hash Key not specified in "
              + "Attribute Definitions.  Type unknown.', 'Range Key not specified in Attribute "
              + "Definitions.  Type unknown.', 'Two keys can not have the same name', 'Cannot have "
              + "two attributes with the same name', 'Invalid StreamViewType: ...'",
          "words the checks of a request's parameters as 'One or more parameter values were "
              + "invalid: ...' (recorded: test_dynamodb_pay_per_request; quoted by an AWS engineer "
              + "in aws/aws-sdk-java issue #335)",
          "no recording of AWS's exact sentence for these five checks was found; the form is "
              + "AWS's, the sentences are Streambed's. Only the message is waived: the code and the "
              + "status are compared",
          (step, local) -> {
            String m = local.errorMessage();
            if (m == null || !(step.request() instanceof CreateTableRequest)) {
              return local;
            }
            for (String localWording : CREATE_TABLE_WORDING) {
              if (m.startsWith(localWording)) {
                return local.withError(local.status(), local.errorCode(), WAIVED + " AWS's sentence unknown");
              }
            }
            return local;
          }));

  @SuppressWarnings("unchecked")
  private static Answer withTableDescription(Answer local, java.util.function.Consumer<Map<String, Object>> edit) {
    Map<String, Object> tree = rewriteStrings(local.tree(), s -> s);
    Map<String, Object> body = (Map<String, Object>) tree.get("body");
    Object description = body == null ? null
        : body.get("TableDescription") != null ? body.get("TableDescription") : body.get("Table");
    if (description instanceof Map<?, ?> m) {
      edit.accept((Map<String, Object>) m);
    }
    return new Answer(tree);
  }

  private TableDifferences() {}
}
