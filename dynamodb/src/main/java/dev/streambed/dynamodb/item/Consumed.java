package dev.streambed.dynamodb.item;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The capacity one request consumed, split as DynamoDB reports it when asked for INDEXES: the
 * table's part, and each global and local secondary index's part by name. The total is their sum.
 */
public record Consumed(double table, Map<String, Double> globalIndexes, Map<String, Double> localIndexes) {
  public Consumed {
    globalIndexes = Map.copyOf(globalIndexes);
    localIndexes = Map.copyOf(localIndexes);
  }

  /** Capacity consumed on the table alone. */
  public static Consumed onTable(double units) {
    return new Consumed(units, Map.of(), Map.of());
  }

  public double total() {
    double sum = table;
    for (double u : globalIndexes.values()) {
      sum += u;
    }
    for (double u : localIndexes.values()) {
      sum += u;
    }
    return sum;
  }

  /** Both requests' capacity together (the writes of one BatchWriteItem on one table). */
  public Consumed plus(Consumed other) {
    Map<String, Double> global = new LinkedHashMap<>(globalIndexes);
    other.globalIndexes.forEach((k, v) -> global.merge(k, v, Double::sum));
    Map<String, Double> local = new LinkedHashMap<>(localIndexes);
    other.localIndexes.forEach((k, v) -> local.merge(k, v, Double::sum));
    return new Consumed(table + other.table, global, local);
  }
}
