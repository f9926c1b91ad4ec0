package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.item.Consumed;
import dev.streambed.dynamodb.item.ReturnValue;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.AttributeValueJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request members the item operations share: expression maps, ReturnValues, capacity. */
final class ItemRequests {
  /** In the order AWS lists them when a value is outside the set. */
  static final List<String> RETURN_VALUES =
      List.of("ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW");
  static final List<String> RETURN_CAPACITY = List.of("INDEXES", "TOTAL", "NONE");
  static final List<String> RETURN_METRICS = List.of("SIZE", "NONE");

  private ItemRequests() {}

  /**
   * The ExpressionAttributeNames and ExpressionAttributeValues of a request, refused as AWS
   * refuses them when no expression of the request could use them. {@code expressionParameters}
   * names the request's expression parameters in the order AWS's message lists them.
   */
  private static final List<String> WRITE_EXPRESSIONS = List.of("UpdateExpression", "ConditionExpression");

  static ExpressionContext expressionContext(JsonNode in, List<String> expressionParameters) {
    boolean usesExpressions = false;
    for (String p : expressionParameters) {
      usesExpressions |= in.hasNonNull(p);
    }
    Map<String, String> names = JsonMembers.stringMap(in, "ExpressionAttributeNames");
    JsonNode valuesNode = JsonMembers.object(in, "ExpressionAttributeValues");
    Map<String, AttributeValue> values = null;
    Map<String, String> numberTexts = new LinkedHashMap<>();
    if (valuesNode != null) {
      values = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = valuesNode.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isObject() && e.getValue().path("N").isTextual()) {
          numberTexts.put(e.getKey(), e.getValue().path("N").asText());
        }
        try {
          values.put(e.getKey(), AttributeValueJson.decode(e.getValue()));
        } catch (AwsException bad) {
          if (!bad.errorCode().code().equals("ValidationException")) {
            throw bad;
          }
          throw AwsException.validation("ExpressionAttributeValues contains invalid value: "
              + bad.getMessage() + " for key " + e.getKey());
        }
      }
    }
    if (!usesExpressions) {
      if (names != null) {
        throw AwsException.validation(
            "ExpressionAttributeNames can only be specified when using expressions");
      }
      if (values != null) {
        // AWS names the missing expressions here, and only for the writes: "...: UpdateExpression
        // and ConditionExpression are null" (UpdateItem), "...: ConditionExpression is null".
        boolean write = WRITE_EXPRESSIONS.containsAll(expressionParameters);
        throw AwsException.validation("ExpressionAttributeValues can only be specified when using "
            + "expressions" + (!write ? "" : ": " + String.join(" and ", expressionParameters)
            + (expressionParameters.size() == 1 ? " is null" : " are null")));
      }
    }
    if (names != null && names.isEmpty()) {
      throw AwsException.validation("ExpressionAttributeNames must not be empty");
    }
    if (names != null) {
      checkKeys("ExpressionAttributeNames", names.keySet(), '#');
    }
    if (values != null && values.isEmpty()) {
      throw AwsException.validation("ExpressionAttributeValues must not be empty");
    }
    if (values != null) {
      checkKeys("ExpressionAttributeValues", values.keySet(), ':');
    }
    return new ExpressionContext(names, values).withNumberTexts(numberTexts);
  }

  /**
   * A placeholder is its sigil followed by one or more letters, digits or underscores; AWS
   * refuses any other key before reading the expressions ("key: \"v\"" for a value placeholder
   * given without its colon).
   */
  private static void checkKeys(String parameter, Iterable<String> keys, char sigil) {
    for (String key : keys) {
      if (!isPlaceholder(key, sigil)) {
        throw AwsException.validation(parameter + " contains invalid key: Syntax error; key: \""
            + key + "\"");
      }
    }
  }

  static boolean isPlaceholder(String key, char sigil) {
    if (key.length() < 2 || key.charAt(0) != sigil) {
      return false;
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Refuses a request that mixes legacy parameters with expressions, in AWS's words. */
  static void noMixing(JsonNode in, List<String> legacy, List<String> expressions) {
    List<String> usedLegacy = new ArrayList<>();
    for (String p : legacy) {
      if (in.hasNonNull(p)) {
        usedLegacy.add(p);
      }
    }
    List<String> usedExpressions = new ArrayList<>();
    for (String p : expressions) {
      if (in.hasNonNull(p)) {
        usedExpressions.add(p);
      }
    }
    if (!usedLegacy.isEmpty() && !usedExpressions.isEmpty()) {
      throw AwsException.validation("Can not use both expression and non-expression parameters in "
          + "the same request: Non-expression parameters: {" + String.join(", ", usedLegacy)
          + "} Expression parameters: {" + String.join(", ", usedExpressions) + "}");
    }
  }

  static ReturnValue returnValue(String value) {
    return value == null ? ReturnValue.NONE : ReturnValue.valueOf(value);
  }

  /**
   * ItemCollectionMetrics, which DynamoDB returns only for tables with local secondary indexes:
   * the partition key of the item collection and an estimate of its size in gigabytes.
   */
  static void itemCollectionMetrics(JsonGenerator out, String mode, dev.streambed.dynamodb.table.Table table,
      Map<String, AttributeValue> key, dev.streambed.dynamodb.item.Reads reads) throws IOException {
    if (!"SIZE".equals(mode) || !hasLocalIndex(table)) {
      return;
    }
    out.writeFieldName("ItemCollectionMetrics");
    itemCollectionMetricsValue(out, table, key, reads);
  }

  /** Whether a table keeps item collections: only local secondary indexes make them. */
  static boolean hasLocalIndex(dev.streambed.dynamodb.table.Table table) {
    return table.indexes().stream().anyMatch(i -> !i.global());
  }

  /** One ItemCollectionMetrics structure: the collection's partition key and its size range. */
  static void itemCollectionMetricsValue(JsonGenerator out, dev.streambed.dynamodb.table.Table table,
      Map<String, AttributeValue> key, dev.streambed.dynamodb.item.Reads reads) throws IOException {
    AttributeValue hash = key.get(table.keySchema().hashName());
    double gb = reads.collectionBytes(table, hash) / (1024.0 * 1024 * 1024);
    double lower = Math.floor(gb);
    out.writeStartObject();
    out.writeObjectFieldStart("ItemCollectionKey");
    out.writeFieldName(table.keySchema().hashName());
    dev.streambed.kernel.value.AttributeValueJson.write(out, hash);
    out.writeEndObject();
    out.writeArrayFieldStart("SizeEstimateRangeGB");
    out.writeNumber(lower);
    out.writeNumber(lower + 1);
    out.writeEndArray();
    out.writeEndObject();
  }

  /**
   * The ItemCollectionMetrics of BatchWriteItem and TransactWriteItems: a map of table name to
   * one entry per write on a table with local secondary indexes (others have no collections).
   */
  static void itemCollectionMetrics(JsonGenerator out, String mode,
      List<Map.Entry<dev.streambed.dynamodb.table.Table, Map<String, AttributeValue>>> writes,
      dev.streambed.dynamodb.item.Reads reads) throws IOException {
    if (!"SIZE".equals(mode)) {
      return;
    }
    Map<String, List<Map.Entry<dev.streambed.dynamodb.table.Table, Map<String, AttributeValue>>>> byTable =
        new LinkedHashMap<>();
    for (Map.Entry<dev.streambed.dynamodb.table.Table, Map<String, AttributeValue>> w : writes) {
      if (hasLocalIndex(w.getKey())) {
        byTable.computeIfAbsent(w.getKey().name(), n -> new ArrayList<>()).add(w);
      }
    }
    if (byTable.isEmpty()) {
      return;
    }
    out.writeObjectFieldStart("ItemCollectionMetrics");
    for (var e : byTable.entrySet()) {
      out.writeArrayFieldStart(e.getKey());
      for (var w : e.getValue()) {
        itemCollectionMetricsValue(out, w.getKey(), w.getValue(), reads);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  static void consumedCapacity(JsonGenerator out, String mode, String table, double units)
      throws IOException {
    consumedCapacity(out, mode, table, Consumed.onTable(units));
  }

  /** The ConsumedCapacity member, as the request's ReturnConsumedCapacity asked for it (or not at all). */
  static void consumedCapacity(JsonGenerator out, String mode, String table, Consumed consumed)
      throws IOException {
    if (mode == null || mode.equals("NONE")) {
      return;
    }
    out.writeFieldName("ConsumedCapacity");
    consumedCapacityValue(out, mode, table, consumed);
  }

  /**
   * One ConsumedCapacity structure: the total, and with INDEXES the table's part and each
   * index's, in GlobalSecondaryIndexes and LocalSecondaryIndexes maps of index name to
   * {"CapacityUnits": ...}, as AWS shapes them. The table's part is there even when zero (a read
   * of a global index costs the table nothing).
   */
  static void consumedCapacityValue(JsonGenerator out, String mode, String table, Consumed consumed)
      throws IOException {
    out.writeStartObject();
    out.writeNumberField("CapacityUnits", consumed.total());
    if (mode.equals("INDEXES")) {
      indexCapacity(out, "GlobalSecondaryIndexes", consumed.globalIndexes());
      indexCapacity(out, "LocalSecondaryIndexes", consumed.localIndexes());
      out.writeObjectFieldStart("Table");
      out.writeNumberField("CapacityUnits", consumed.table());
      out.writeEndObject();
    }
    out.writeStringField("TableName", table);
    out.writeEndObject();
  }

  private static void indexCapacity(JsonGenerator out, String member, Map<String, Double> units)
      throws IOException {
    if (units.isEmpty()) {
      return;
    }
    out.writeObjectFieldStart(member);
    for (Map.Entry<String, Double> e : new java.util.TreeMap<>(units).entrySet()) {
      out.writeObjectFieldStart(e.getKey());
      out.writeNumberField("CapacityUnits", e.getValue());
      out.writeEndObject();
    }
    out.writeEndObject();
  }
}
