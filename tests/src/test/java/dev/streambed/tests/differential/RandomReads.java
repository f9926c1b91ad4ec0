package dev.streambed.tests.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Random Query and Scan requests on a {@link RandomTable} or one of its indexes: every key
 * condition, both directions, Limit, filters and projections in the expression language and in
 * the legacy parameters (KeyConditions, QueryFilter, ScanFilter, ConditionalOperator,
 * AttributesToGet), Select, ConsistentRead and ReturnConsumedCapacity.
 */
final class RandomReads {
  private static final List<String> RANGE_OPERATORS =
      List.of("none", "=", "<", "<=", ">", ">=", "BETWEEN", "begins_with");
  private static final Map<String, ComparisonOperator> LEGACY_KEY = Map.of(
      "=", ComparisonOperator.EQ, "<", ComparisonOperator.LT, "<=", ComparisonOperator.LE,
      ">", ComparisonOperator.GT, ">=", ComparisonOperator.GE, "BETWEEN", ComparisonOperator.BETWEEN,
      "begins_with", ComparisonOperator.BEGINS_WITH);
  private static final List<ComparisonOperator> FILTER_OPERATORS = List.of(ComparisonOperator.EQ,
      ComparisonOperator.NE, ComparisonOperator.LT, ComparisonOperator.GE, ComparisonOperator.NULL,
      ComparisonOperator.NOT_NULL, ComparisonOperator.CONTAINS, ComparisonOperator.NOT_CONTAINS,
      ComparisonOperator.BEGINS_WITH, ComparisonOperator.IN, ComparisonOperator.BETWEEN);

  private final RandomTable table;
  private final RandomValues values;
  private final Random random;

  RandomReads(RandomTable table, RandomValues values) {
    this.table = table;
    this.values = values;
    this.random = values.random();
  }

  /** A random index name for a read: null (the table) most often. */
  String index() {
    int k = random.nextInt(table.hasRange() ? 5 : 4);
    return k == 3 ? "gsi" : k == 4 ? "lsi" : null;
  }

  /** A Query of one partition of the table or index, in the expression language or the legacy one. */
  QueryRequest.Builder query(String index) {
    QueryRequest.Builder b = QueryRequest.builder().tableName(table.name).indexName(index);
    String hashName = "gsi".equals(index) ? "g" : "pk";
    String rangeName = index == null ? (table.hasRange() ? "sk" : null) : index.equals("gsi") ? "gr" : "l";
    String op = rangeName == null ? "none" : values.pick(RANGE_OPERATORS);
    AttributeValue hash = table.hashValue(index);
    AttributeValue low = op.equals("none") ? null : op.equals("begins_with") ? prefix(table.rangeType(index))
        : table.rangeValue(index);
    AttributeValue high = op.equals("BETWEEN") ? table.rangeValue(index) : null;
    if (high != null && random.nextInt(6) != 0 && compare(low, high) > 0) {
      AttributeValue t = low;
      low = high;
      high = t;
    }
    boolean legacy = random.nextInt(5) == 0;
    if (legacy) {
      Map<String, Condition> keys = new LinkedHashMap<>();
      keys.put(hashName, Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(hash).build());
      if (!op.equals("none")) {
        List<AttributeValue> list = high == null ? List.of(low) : List.of(low, high);
        keys.put(rangeName, Condition.builder().comparisonOperator(LEGACY_KEY.get(op)).attributeValueList(list).build());
      }
      b.keyConditions(keys);
      if (random.nextBoolean()) {
        legacyFilter(b);
      }
      if (random.nextInt(4) == 0) {
        b.attributesToGet(values.pick(RandomValues.NAMES), "pk");
        b.select(random.nextBoolean() ? Select.SPECIFIC_ATTRIBUTES : null);
      } else {
        select(b, index, false);
      }
    } else {
      RandomExpression e = new RandomExpression(values);
      String key = e.name(hashName) + " = " + e.value(hash);
      switch (op) {
        case "none" -> { }
        case "BETWEEN" -> key += " AND " + e.name(rangeName) + " BETWEEN " + e.value(low) + " AND " + e.value(high);
        case "begins_with" -> key += " AND begins_with(" + e.name(rangeName) + ", " + e.value(low) + ")";
        default -> key += " AND " + e.name(rangeName) + " " + op + " " + e.value(low);
      }
      b.keyConditionExpression(key);
      if (random.nextInt(3) == 0) {
        b.filterExpression(e.condition(1));
      }
      boolean projected = random.nextInt(4) == 0;
      if (projected) {
        b.projectionExpression(e.projection());
      }
      select(b, index, projected);
      b.expressionAttributeNames(e.names()).expressionAttributeValues(e.values());
    }
    b.scanIndexForward(random.nextInt(3) == 0 ? null : random.nextBoolean());
    b.limit(random.nextInt(3) == 0 ? null : 1 + random.nextInt(random.nextBoolean() ? 5 : 40));
    b.consistentRead(random.nextInt(3) == 0 ? null : !"gsi".equals(index) && random.nextBoolean());
    b.returnConsumedCapacity(values.pick(List.of(ReturnConsumedCapacity.NONE, ReturnConsumedCapacity.TOTAL,
        ReturnConsumedCapacity.INDEXES)));
    return b;
  }

  /** Select, chosen to be valid for the read most of the time. */
  private void select(QueryRequest.Builder b, String index, boolean projected) {
    b.select(pickSelect(index, projected));
  }

  private Select pickSelect(String index, boolean projected) {
    if (projected) {
      return random.nextBoolean() ? Select.SPECIFIC_ATTRIBUTES : null;
    }
    int k = random.nextInt(6);
    if (k == 0) {
      return Select.COUNT;
    }
    if (k == 1 && index != null) {
      return Select.ALL_PROJECTED_ATTRIBUTES;
    }
    boolean allowed = index == null || index.equals("lsi") || table.gsiProjection == ProjectionType.ALL;
    if (k == 2 && (allowed || random.nextInt(4) == 0)) {
      return Select.ALL_ATTRIBUTES;
    }
    return null;
  }

  /** A Scan of the table or index, its filter and projection in either language. */
  ScanRequest.Builder scan(String index) {
    ScanRequest.Builder b = ScanRequest.builder().tableName(table.name).indexName(index);
    if (random.nextInt(4) == 0) {
      Map<String, Condition> filter = new LinkedHashMap<>();
      int n = 1 + random.nextInt(2);
      for (int i = 0; i < n; i++) {
        filter.put(values.pick(RandomValues.NAMES), legacyCondition());
      }
      b.scanFilter(filter);
      if (random.nextBoolean()) {
        b.conditionalOperator(random.nextBoolean() ? ConditionalOperator.AND : ConditionalOperator.OR);
      }
    } else {
      RandomExpression e = new RandomExpression(values);
      if (random.nextBoolean()) {
        b.filterExpression(e.condition(1));
      }
      if (random.nextInt(4) == 0) {
        b.projectionExpression(e.projection());
      } else if (random.nextInt(5) == 0) {
        b.select(Select.COUNT);
      }
      b.expressionAttributeNames(e.names()).expressionAttributeValues(e.values());
    }
    b.limit(random.nextInt(3) == 0 ? null : 1 + random.nextInt(60));
    b.consistentRead(random.nextInt(3) == 0 ? null : !"gsi".equals(index) && random.nextBoolean());
    return b;
  }

  /** QueryFilter of one to three conditions, sometimes with a ConditionalOperator (also for one). */
  private void legacyFilter(QueryRequest.Builder b) {
    Map<String, Condition> filter = new LinkedHashMap<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      filter.put(values.pick(RandomValues.NAMES), legacyCondition());
    }
    b.queryFilter(filter);
    if (random.nextBoolean()) {
      b.conditionalOperator(random.nextBoolean() ? ConditionalOperator.AND : ConditionalOperator.OR);
    }
  }

  private Condition legacyCondition() {
    ComparisonOperator op = values.pick(FILTER_OPERATORS);
    List<AttributeValue> list = new ArrayList<>();
    switch (op) {
      case NULL, NOT_NULL -> { }
      case BETWEEN -> {
        String lo = values.number();
        String hi = values.number();
        if (new java.math.BigDecimal(lo).compareTo(new java.math.BigDecimal(hi)) > 0) {
          String t = lo;
          lo = hi;
          hi = t;
        }
        list.add(AttributeValue.fromN(lo));
        list.add(AttributeValue.fromN(hi));
      }
      case IN -> {
        list.add(scalar());
        list.add(scalar());
      }
      case BEGINS_WITH -> list.add(AttributeValue.fromS(values.string().isEmpty() ? "a" : values.string()));
      default -> list.add(scalar());
    }
    return Condition.builder().comparisonOperator(op).attributeValueList(list.isEmpty() ? null : list).build();
  }

  /** A string, number or binary, the types every legacy comparison accepts. */
  private AttributeValue scalar() {
    return switch (random.nextInt(3)) {
      case 0 -> AttributeValue.fromS(values.string().isEmpty() ? "b" : values.string());
      case 1 -> AttributeValue.fromN(values.number());
      default -> AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(
          new byte[] {(byte) random.nextInt(256)}));
    };
  }

  /** A one-character (or one-byte) prefix, or a number now and then: begins_with refuses N. */
  private AttributeValue prefix(ScalarAttributeType type) {
    if (type == ScalarAttributeType.N) {
      return table.value(ScalarAttributeType.N);
    }
    AttributeValue v = table.value(type);
    if (type == ScalarAttributeType.S) {
      return AttributeValue.fromS(v.s().substring(0, Character.charCount(v.s().codePointAt(0))));
    }
    return AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(
        new byte[] {v.b().asByteArray()[0]}));
  }

  /** DynamoDB's order of two key values of one type: numbers by value, the rest by unsigned bytes. */
  static int compare(AttributeValue a, AttributeValue b) {
    if (a.n() != null) {
      return new java.math.BigDecimal(a.n()).compareTo(new java.math.BigDecimal(b.n()));
    }
    byte[] x = a.s() != null ? a.s().getBytes(java.nio.charset.StandardCharsets.UTF_8) : a.b().asByteArray();
    byte[] y = b.s() != null ? b.s().getBytes(java.nio.charset.StandardCharsets.UTF_8) : b.b().asByteArray();
    return java.util.Arrays.compareUnsigned(x, y);
  }
}
