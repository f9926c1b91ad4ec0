package dev.streambed.tests.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * A way DynamoDB Local is known to answer differently from Amazon DynamoDB, with the evidence of
 * what AWS answers. Before two answers are compared, every known difference rewrites DynamoDB
 * Local's answer into the one AWS would have given, so Streambed is held to AWS's behaviour.
 */
public record KnownDifference(String id, String dynamoDbLocal, String aws, String evidence,
    Correction correction) {

  /** Rewrites DynamoDB Local's answer to a step into AWS's; returns it unchanged when it does not apply. */
  @FunctionalInterface
  public interface Correction {
    Answer apply(Step step, Answer local);
  }

  private static final String LOCAL_NOT_FOUND = "Cannot do operations on a non-existent table";
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** An expected value that is not compared, with the reason after it. */
  public static final String WAIVED = "<waived>";

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

  /** Every known difference, applied in this order. */
  public static final List<KnownDifference> ALL = List.of(
      new KnownDifference("arn-region",
          "writes the region 'ddblocal' into every ARN",
          "writes the region the request was sent to",
          "aws-reference/recorded/test_dynamodb.snapshot.json, test_table_crud: TableArn "
              + "arn:<partition>:dynamodb:<region>:111111111111:table/<table-name:1>, where <region> "
              + "stands for the caller's region",
          (step, local) -> new Answer(rewriteStrings(local.tree(),
              s -> s.replace("arn:aws:dynamodb:ddblocal:", "arn:aws:dynamodb:" + Step.REGION + ":")))),
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
      new KnownDifference("table-not-found-message",
          "answers ResourceNotFoundException 'Cannot do operations on a non-existent table' for "
              + "every operation on a missing table",
          "names the table in control-plane operations ('Requested resource not found: Table: NAME "
              + "not found') and says 'Requested resource not found' in data-plane operations",
          "aws-reference/recorded/test_dynamodb.snapshot.json: test_table_crud "
              + "(delete-non-existent-table), test_kinesis_streaming_destination_crud (bad-table), "
              + "test_batch_write_not_existing_table",
          (step, local) -> {
            if (!"ResourceNotFoundException".equals(local.errorCode())
                || !LOCAL_NOT_FOUND.equals(local.errorMessage())) {
              return local;
            }
            String message = step.isControlPlane()
                ? "Requested resource not found: Table: " + step.tableName() + " not found"
                : "Requested resource not found";
            return local.withError(local.status(), local.errorCode(), message);
          }),
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
          }),
      new KnownDifference("delete-item-capacity",
          "returns ConsumedCapacity from DeleteItem even when ReturnConsumedCapacity is NONE or absent",
          "returns it only when asked for",
          "DynamoDB API reference, ReturnConsumedCapacity: 'NONE - No ConsumedCapacity details are "
              + "included in the response.'",
          (step, local) -> step.request() instanceof DeleteItemRequest r && !local.failed()
              && (r.returnConsumedCapacity() == null || r.returnConsumedCapacity() == ReturnConsumedCapacity.NONE)
              ? withoutBodyMember(local, "ConsumedCapacity")
              : local),
      new KnownDifference("key-parameter-message",
          "answers a Key parameter (GetItem, UpdateItem, DeleteItem) that does not match the key "
              + "schema with 'The number of conditions on the keys is invalid', 'One of the required "
              + "keys was not given a value' or 'One or more parameter values were invalid: Type "
              + "mismatch for key'",
          "answers every such Key with 'The provided key element does not match the schema'",
          "architect/dynalite test/getItem.js ('should return ValidationException if key does not "
              + "match schema': missing, extra, wrongly typed and non-scalar keys), a suite its "
              + "author runs against live DynamoDB; ministackorg/ministack issue #1432, measured on "
              + "AWS; aws-reference/recorded/test_dynamodb.snapshot.json, "
              + "test_batch_write_not_matching_schema",
          (step, local) -> {
            String m = String.valueOf(local.errorMessage());
            boolean keyParameter = step.request() instanceof GetItemRequest
                || step.request() instanceof DeleteItemRequest || step.request() instanceof UpdateItemRequest;
            return keyParameter && (m.equals("The number of conditions on the keys is invalid")
                || m.equals("One of the required keys was not given a value")
                || m.equals("One or more parameter values were invalid: Type mismatch for key"))
                ? local.withError(400, "ValidationException", "The provided key element does not match the schema")
                : local;
          }),
      new KnownDifference("item-key-message",
          "answers a PutItem whose item lacks a key attribute with 'One of the required keys was "
              + "not given a value', and one whose key attribute has another type with 'One or more "
              + "parameter values were invalid: Type mismatch for key' or 'Invalid attribute value type'",
          "answers 'One or more parameter values were invalid: Missing the key NAME in the item' "
              + "and 'One or more parameter values were invalid: Type mismatch for key NAME expected: "
              + "T actual: U' (a set, a map or NULL too)",
          "aws/aws-sdk-js issue #4057 (Missing the key conversationId in the item, from the AWS "
              + "CLI); baopham/laravel-dynamodb issue #1 ({\"__type\":\"com.amazon.coral.validate#"
              + "ValidationException\",\"message\":\"One or more parameter values were invalid: Type "
              + "mismatch for key id expected: N actual: S\"}); awslabs/dynamodb-document-js-sdk issue "
              + "#17 (... expected: S actual: M)",
          (step, local) -> {
            String m = String.valueOf(local.errorMessage());
            if (!(step.request() instanceof PutItemRequest put) || step.schema() == null
                || !(m.equals("One of the required keys was not given a value")
                    || m.equals("One or more parameter values were invalid: Type mismatch for key")
                    || m.equals("Invalid attribute value type"))) {
              return local;
            }
            for (String key : java.util.Arrays.asList(step.hashKey(), step.rangeKey())) {
              if (key == null) {
                continue;
              }
              AttributeValue v = put.item().get(key);
              if (v == null) {
                return local.withError(400, "ValidationException", "One or more parameter values were "
                    + "invalid: Missing the key " + key + " in the item");
              }
              String actual = typeName(v);
              if (!actual.equals(step.keyType(key))) {
                return local.withError(400, "ValidationException", "One or more parameter values were "
                    + "invalid: Type mismatch for key " + key + " expected: " + step.keyType(key)
                    + " actual: " + actual);
              }
            }
            return local;
          }),
      new KnownDifference("key-size-message",
          "answers a key value over its size limit with 'Hash primary key values must be under 2048 "
              + "bytes, and range primary key values must be under 1024 bytes'",
          "answers 'One or more parameter values were invalid: Size of hashkey has exceeded the "
              + "maximum size limit of2048 bytes' for the hash key and 'One or more parameter values "
              + "were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 "
              + "bytes' for the range key",
          "architect/dynalite test/getItem.js ('hash key is too big', 'range key is too big'); "
              + "nextauthjs/next-auth issue #5827 and amazon-archives/dynamodb-janusgraph-storage-backend "
              + "issue #296 (with an AWS request id) for the first; formkiq/formkiq-core issue #271 "
              + "for the second",
          (step, local) -> {
            if (!String.valueOf(local.errorMessage()).startsWith("Hash primary key values must be under 2048 bytes")) {
              return local;
            }
            Map<String, AttributeValue> key = step.request() instanceof PutItemRequest p ? p.item()
                : step.request() instanceof GetItemRequest g ? g.key()
                : step.request() instanceof DeleteItemRequest dl ? dl.key()
                : step.request() instanceof UpdateItemRequest u ? u.key() : Map.of();
            AttributeValue hash = step.hashKey() == null ? null : key.get(step.hashKey());
            boolean hashTooBig = hash != null && keyBytes(hash) > 2048;
            return local.withError(400, "ValidationException", "One or more parameter values were invalid: "
                + (hashTooBig ? "Size of hashkey has exceeded the maximum size limit of2048 bytes"
                    : "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"));
          }),
      new KnownDifference("number-precision-message",
          "answers a number of more than 38 significant digits with 'DynamoDB only supports "
              + "precision up to 38 digits'",
          "answers 'Attempting to store more than 38 significant digits in a Number'",
          "architect/dynalite test/putItem.js and test/getItem.js ('trying to store large number', "
              + "'trying to store long digited number'), run against live DynamoDB",
          (step, local) -> "DynamoDB only supports precision up to 38 digits".equals(local.errorMessage())
              ? local.withError(400, "ValidationException", "Attempting to store more than 38 significant digits in a Number")
              : local),
      new KnownDifference("set-duplicates-message",
          "answers a string set with duplicates with '... contains duplicates' without the final "
              + "period, and a binary set with duplicates with 'One or more parameter values were "
              + "invalid: Input collection of type BS contains duplicates.'",
          "ends the string-set message with a period ('One or more parameter values were invalid: "
              + "Input collection [a, a] contains duplicates.') and lists a binary set's members "
              + "('... Input collection [Yg==, Yg==]of type BS contains duplicates.')",
          "architect/dynalite test/putItem.js ('duplicate string in set', 'duplicate binary in set'), "
              + "run against live DynamoDB; truora/minidyn issue #50 quotes the same string-set "
              + "message. The binary set's message is waived: its member list depends on which "
              + "attribute of the item is checked first",
          (step, local) -> {
            String m = String.valueOf(local.errorMessage());
            if (m.startsWith("One or more parameter values were invalid: Input collection [") && m.endsWith("contains duplicates")) {
              return local.withError(400, "ValidationException", m + ".");
            }
            if (m.equals("One or more parameter values were invalid: Input collection of type BS contains duplicates.")) {
              return local.withError(400, "ValidationException", WAIVED + " lists the members");
            }
            return local;
          }),
      new KnownDifference("unknown-enum-value",
          "answers a ReturnValues or ReturnConsumedCapacity outside its enumeration with 'Return "
              + "values set to invalid value' or 'Cannot have null key for GetItem, DeleteItem, or "
              + "UpdateItem'",
          "answers '1 validation error detected: Value 'V' at 'returnValues' failed to satisfy "
              + "constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, "
              + "UPDATED_NEW]' (returnConsumedCapacity: [INDEXES, TOTAL, NONE])",
          "architect/dynalite test/putItem.js ('should return ValidationException for incorrect "
              + "attributes'), run against live DynamoDB",
          (step, local) -> {
            if (!"ValidationException".equals(local.errorCode())) {
              return local;
            }
            String[] member = unknownEnum(step.request());
            return member == null ? local : local.withError(400, "ValidationException",
                "1 validation error detected: Value '" + member[1] + "' at '" + member[0]
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + member[2]);
          }),
      new KnownDifference("update-without-actions",
          "fails with HTTP 500 InternalFailure on an UpdateItem that has neither UpdateExpression "
              + "nor AttributeUpdates and asks for ALL_NEW, UPDATED_OLD or UPDATED_NEW",
          "is not recorded anywhere we found; a 500 is DynamoDB Local failing, not an answer. The "
              + "step is not compared",
          "none: DynamoDB Local's own failure ('The request processing has failed because of an "
              + "unknown error, exception or failure.')",
          (step, local) -> step.request() instanceof UpdateItemRequest u && local.status() == 500
              && u.updateExpression() == null && !u.hasAttributeUpdates()
              ? new Answer(Map.of(WAIVED, "DynamoDB Local fails"))
              : local),
      new KnownDifference("wrong-json-type",
          "answers a member whose JSON type is not the one the API declares (a number for a "
              + "string, a string or a list for a structure) with a ValidationException, an "
              + "InternalFailure, or even success",
          "answers HTTP 400 SerializationException",
          "architect/dynalite test/putItem.js and test/getItem.js, 'serializations' (TableName not "
              + "a string, Item not a map, Item.Attr not an attribute structure), run against live "
              + "DynamoDB; JuliaCloud/AWS.jl issue #246 (SerializationException from AWS for a list "
              + "sent as Item). The message is waived",
          (step, local) -> step.operation().startsWith("raw:serialization")
              && !"SerializationException".equals(local.errorCode())
              ? Answer.error(400, "SerializationException", WAIVED + " AWS's serialization message", Map.of())
              : local),
      new KnownDifference("unknown-operation-message",
          "answers an unknown X-Amz-Target with UnknownOperationException 'An unknown operation was requested.'",
          "answers {\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}, without a message",
          "architect/dynalite test/connection.js ('should return UnknownOperationException if "
              + "incorrect target operation'), run against live DynamoDB",
          (step, local) -> "UnknownOperationException".equals(local.errorCode())
              ? Answer.error(local.status(), local.errorCode(), null, Map.of())
              : local),
      new KnownDifference("malformed-json",
          "answers a body that is not JSON with HTTP 500 InternalFailure",
          "answers HTTP 400 SerializationException, without a message",
          "aws/aws-sdk-js issue #44 (SerializationException, status 400, from DynamoDB for a body "
              + "it could not read) and amazon-archives/aws-sdk-unity issue #54 (400 Bad Request, "
              + "{\"__type\":\"com.amazon.coral.service#SerializationException\"} with no message)",
          (step, local) -> step.operation().startsWith("raw:malformed") && local.status() == 500
              ? Answer.error(400, "SerializationException",
                  step.operation().startsWith("raw:malformed-json") ? null : WAIVED + " AWS's message", Map.of())
              : local),
      new KnownDifference("nested-updated-values",
          "returns, for ReturnValues UPDATED_OLD and UPDATED_NEW, every top-level attribute an "
              + "UpdateExpression touches whole, even when only a nested path of it was updated",
          "returns only the updated fragments, each inside the maps and lists that lead to it "
              + "(SET m.a = :v returns {m: {a: ...}}, not m's other members)",
          "ExtendDB/extenddb pull request #105 ('DynamoDB returns only the changed leaf wrapped in "
              + "the path hierarchy', its nine scenarios verified against real DynamoDB) and issue "
              + "#98; nubo-db/dynoxide issue #36, found by a conformance suite run against "
              + "DynamoDB ('SET parent.child = :v with ReturnValues: UPDATED_NEW should return only "
              + "the changed fragment')",
          (step, local) -> {
            if (!(step.request() instanceof UpdateItemRequest u) || local.failed()
                || u.updateExpression() == null
                || !(u.returnValues() == software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_OLD
                    || u.returnValues() == software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_NEW)
                || !(local.body() != null && local.body().get("Attributes") instanceof Map<?, ?> attributes)) {
              return local;
            }
            List<List<Object>> targets = UpdatedFragments.targets(u.updateExpression(),
                u.hasExpressionAttributeNames() ? u.expressionAttributeNames() : null);
            if (!UpdatedFragments.anyNested(targets)) {
              return local;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fragments = UpdatedFragments.project((Map<String, Object>) attributes, targets);
            Map<String, Object> body = new TreeMap<>(local.body());
            if (fragments.isEmpty()) {
              body.remove("Attributes");
            } else {
              body.put("Attributes", fragments);
            }
            return Answer.ok(local.status(), body);
          }),
      new KnownDifference("attributes-to-get-duplicates",
          "answers AttributesToGet naming one attribute twice with 'Cannot have two attributes "
              + "with the same name'",
          "answers 'One or more parameter values were invalid: Duplicate value in attribute name: "
              + "NAME'",
          "architect/dynalite test/getItem.js, test/batchGetItem.js, test/query.js and "
              + "test/scan.js ('should return ValidationException duplicate values in "
              + "AttributesToGet'), a suite its author runs against live DynamoDB",
          (step, local) -> {
            List<String> names = step.request() instanceof GetItemRequest g && g.hasAttributesToGet()
                ? g.attributesToGet() : null;
            if (names == null || !"Cannot have two attributes with the same name".equals(local.errorMessage())) {
              return local;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String name : names) {
              if (!seen.add(name)) {
                return local.withError(400, "ValidationException",
                    "One or more parameter values were invalid: Duplicate value in attribute name: " + name);
              }
            }
            return local;
          }),
      new KnownDifference("attribute-type-names-order",
          "lists the valid names of attribute_type as {N,BS,L,B,NULL,M,S,SS,NS,BOOL}",
          "lists them as {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
          "architect/dynalite, whose condition-expression messages are checked by a suite its "
              + "author runs against live DynamoDB ('Invalid attribute type name found; type: T, "
              + "valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}')",
          (step, local) -> {
            String m = local.errorMessage();
            return m != null && m.contains("Invalid attribute type name found;")
                && m.endsWith("valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}")
                ? local.withError(local.status(), local.errorCode(), m.replace(
                    "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}", "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}"))
                : local;
          }),
      new KnownDifference("stream-event-id",
          "uses a UUID as a stream record's eventID",
          "uses 32 hexadecimal characters",
          "aws-reference/README.md (stream event record: eventID 32 hex characters) and the "
              + "records of aws-reference/recorded/test_dynamodb_streams.snapshot.json",
          (step, local) -> new Answer(rewriteMember(local.tree(), "eventID",
              v -> v instanceof String s && UUID.matcher(s).matches() ? Normalizer.EVENT_ID : v))));





  private static Answer withoutBodyMember(Answer local, String member) {
    Map<String, Object> tree = rewriteStrings(local.tree(), s -> s);
    Object body = tree.get("body");
    if (body instanceof Map<?, ?> m) {
      m.remove(member);
    }
    return new Answer(tree);
  }

  private static String typeName(AttributeValue v) {
    return v.type() == AttributeValue.Type.NUL ? "NULL" : v.type().name();
  }

  private static long keyBytes(AttributeValue v) {
    if (v.s() != null) {
      return v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    return v.b() == null ? 0 : v.b().asByteArray().length;
  }

  /** The request's first enumeration member outside its set: wire name, value, AWS's set. */
  private static String[] unknownEnum(Object request) {
    String returnValues = null;
    String capacity = null;
    if (request instanceof PutItemRequest r) {
      returnValues = r.returnValuesAsString();
      capacity = r.returnConsumedCapacityAsString();
    } else if (request instanceof DeleteItemRequest r) {
      returnValues = r.returnValuesAsString();
      capacity = r.returnConsumedCapacityAsString();
    } else if (request instanceof UpdateItemRequest r) {
      returnValues = r.returnValuesAsString();
      capacity = r.returnConsumedCapacityAsString();
    } else if (request instanceof GetItemRequest r) {
      capacity = r.returnConsumedCapacityAsString();
    }
    if (capacity != null && ReturnConsumedCapacity.fromValue(capacity) == ReturnConsumedCapacity.UNKNOWN_TO_SDK_VERSION) {
      return new String[] {"returnConsumedCapacity", capacity, "[INDEXES, TOTAL, NONE]"};
    }
    if (returnValues != null && software.amazon.awssdk.services.dynamodb.model.ReturnValue.fromValue(returnValues)
        == software.amazon.awssdk.services.dynamodb.model.ReturnValue.UNKNOWN_TO_SDK_VERSION) {
      return new String[] {"returnValues", returnValues, "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"};
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Answer withTableDescription(Answer local, java.util.function.Consumer<Map<String, Object>> edit) {
    Map<String, Object> tree = rewriteStrings(local.tree(), s -> s);
    Map<String, Object> body = (Map<String, Object>) tree.get("body");
    Object description = body == null ? null : body.get("TableDescription");
    if (description instanceof Map<?, ?> m) {
      edit.accept((Map<String, Object>) m);
    }
    return new Answer(tree);
  }

  /** DynamoDB Local's answer corrected by every known difference. */
  public static Answer correct(Step step, Answer local) {
    Answer a = local;
    for (KnownDifference d : ALL) {
      a = d.correction().apply(step, a);
    }
    return a;
  }

  @SuppressWarnings("unchecked")
  static <T> T rewriteStrings(T tree, UnaryOperator<String> f) {
    if (tree instanceof String s) {
      return (T) f.apply(s);
    }
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put((String) k, rewriteStrings(v, f)));
      return (T) out;
    }
    if (tree instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(rewriteStrings(v, f)));
      return (T) out;
    }
    if (tree instanceof java.util.Set<?> set) {
      java.util.Set<Object> out = new java.util.TreeSet<>();
      set.forEach(v -> out.add(rewriteStrings(v, f)));
      return (T) out;
    }
    return tree;
  }

  @SuppressWarnings("unchecked")
  static <T> T rewriteMember(T tree, String member, UnaryOperator<Object> f) {
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put((String) k,
          k.equals(member) ? f.apply(v) : rewriteMember(v, member, f)));
      return (T) out;
    }
    if (tree instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(rewriteMember(v, member, f)));
      return (T) out;
    }
    return tree;
  }
}
