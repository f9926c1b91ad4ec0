package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.KnownDifference.WAIVED;
import static dev.streambed.tests.differential.KnownDifference.rewriteStrings;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Known differences of the item operations (PutItem, GetItem, UpdateItem, DeleteItem). */
final class ItemDifferences {
  static final List<KnownDifference> ALL = List.of(
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
              : local));

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

  private ItemDifferences() {}
}
