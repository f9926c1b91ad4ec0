package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.KnownDifference.WAIVED;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Known differences of reads and sizes around secondary indexes, and of read capacity. */
final class IndexDifferences {
  private static final Pattern NAME = Pattern.compile("#?[A-Za-z_][A-Za-z0-9_]*");

  static final List<KnownDifference> ALL = List.of(
      new KnownDifference("empty-read-capacity",
          "answers a Query or Scan that read nothing with ConsumedCapacity 0",
          "charges the minimum of the read: 0.5 for an eventually consistent read, 1 for a strongly "
              + "consistent one",
          "DynamoDB API reference of Query, as the AWS SDK for Java 1.x QueryRequest documentation "
              + "quotes it: 'Queries that do not return results consume the minimum read capacity "
              + "units according to the type of read'",
          IndexDifferences::minimumReadCapacity),
      new KnownDifference("index-size-projection",
          "reports as IndexSizeBytes the size of the whole table item, whatever the index projects, "
              + "of every item that has any of the index's key attributes (ItemCount counts only those "
              + "that have all of them, as the index does)",
          "counts what the index holds: the items that have all of its key attributes (a sparse index "
              + "leaves the others out), each with the table's key, the index's key and the projected "
              + "attributes",
          "DynamoDB Developer Guide, 'Storage considerations' of global and local secondary indexes "
              + "(an index item's size is that of the table's primary key, the index key and the projected "
              + "attributes); Pete Naylor (formerly of the DynamoDB team), 'Maximize cost savings and "
              + "scalability with an optimized DynamoDB secondary index', Momento, 2023: storage and "
              + "writes are metered on the projected item view. DynamoDB Developer Guide, 'Take "
              + "advantage of sparse indexes'. Waived; SecondaryIndexTest asserts the sizes",
          (step, local) -> local.failed() || step.schema() == null ? local
              : new Answer(castTree(waiveIndexSizes(local.tree(), step.schema())))),
      new KnownDifference("scan-index-unprojected-filter",
          "evaluates the filter of a Scan of a secondary index on the table's item, so attributes the "
              + "index does not project can match",
          "reads the index alone: a filter on an attribute it does not hold matches nothing (a Query of "
              + "the index refuses such a filter, on both servers)",
          "dynoxide's captures of AWS (eu-west-2, 2026-08-17) in its PartiQL index tests: an unkeyed "
              + "read (a Scan) of an index with a filter on an unprojected attribute 'matches nothing "
              + "rather than failing', and a negated one returns every row the index holds. The "
              + "multiset comparison of such a Scan is waived",
          (step, local) -> step.request() instanceof ScanRequest scan && step.schema() != null
              && !unprojectedFilterNames(scan, step.schema()).isEmpty()
              ? new Answer(Map.of(WAIVED, "the filter reads attributes the index does not hold"))
              : local),
      new KnownDifference("start-key-other-partition",
          "refuses an ExclusiveStartKey of another partition than the key condition's with 'The "
              + "provided starting key does not match the range key predicate'",
          "answers 'The provided starting key is outside query boundaries based on provided "
              + "conditions' when the condition has no sort key term, else (the sort key in range) "
              + "'The query can return at most one row and cannot be restarted'",
          "architect/dynalite test/query.js ('should return ValidationException for ExclusiveStartKey "
              + "with local index and out-of-bounds hash key', '... global hash in ExclusiveStartKey but "
              + "exact match'), run against live DynamoDB",
          IndexDifferences::otherPartition),
      new KnownDifference("transient-index-sizes",
          "leaves IndexSizeBytes and ItemCount out of an index that is CREATING or DELETING",
          "reports them (0 while the index is created)",
          "AWS CLI reference, update-table, example 'To create a global secondary index': the answer's "
              + "index has IndexStatus CREATING, Backfilling false, IndexSizeBytes 0 and ItemCount 0. "
              + "What AWS shows of a DELETING index is not recorded; both are waived there",
          (step, local) -> local.failed() ? local : new Answer(castTree(transientSizes(local.tree())))),
      new KnownDifference("legacy-binary-contains",
          "evaluates a legacy CONTAINS or NOT_CONTAINS (QueryFilter, ScanFilter) with a binary operand "
              + "on a binary attribute through a lossy text conversion: any two values with bytes that are "
              + "not UTF-8 match",
          "looks for the operand as a subsequence of the attribute's bytes",
          "DynamoDB API reference, Condition.ComparisonOperator, CONTAINS: 'If the target attribute of "
              + "the comparison is of type Binary, then the operator looks for a subsequence of the target "
              + "that matches the input.' (DynamoDB Local's own contains() in a FilterExpression does "
              + "this). The step is waived; QueryScanTest asserts the subsequence match",
          (step, local) -> legacyBinaryContains(step.request())
              ? new Answer(Map.of(WAIVED, "DynamoDB Local's legacy binary CONTAINS")) : local),
      new KnownDifference("multi-write-item-collection-metrics",
          "leaves ItemCollectionMetrics out of the answers to TransactWriteItems and BatchWriteItem, "
              + "even when asked for SIZE and tables with local secondary indexes were written",
          "returns, per table with local secondary indexes, the item collections its writes touched",
          "DynamoDB API reference, TransactWriteItems and BatchWriteItem, response element "
              + "ItemCollectionMetrics ('A list of tables that were processed by ... and, for each table, "
              + "information about any item collections that were affected by individual ... "
              + "operations'). Waived; BatchLimitsTest asserts the member",
          (step, local) -> {
            boolean asked = step.request() instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest t
                ? "SIZE".equals(t.returnItemCollectionMetricsAsString())
                : step.request() instanceof software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest b
                    && "SIZE".equals(b.returnItemCollectionMetricsAsString());
            if (!asked || local.failed()) {
              return local;
            }
            Map<String, Object> tree = KnownDifference.rewriteStrings(local.tree(), x -> x);
            castTree(tree.get("body")).put("ItemCollectionMetrics", WAIVED + " DynamoDB Local does not report them");
            return new Answer(tree);
          }),
      new KnownDifference("lsi-projected-read-capacity",
          "charges a Query of a local secondary index that does not project ALL a read of the table "
              + "for every item whenever attributes are selected (SPECIFIC_ATTRIBUTES), even those the "
              + "index holds",
          "reads the table only for attributes the index does not hold: a projection the index "
              + "carries costs the index read alone",
          "dynoxide's captures of AWS in its PartiQL index tests ('a projection the LSI does carry "
              + "reads no base items': the table's part stays 0; 'three rows served this way reported "
              + "total 2, table 1.5, lsi 0.5' when the table is read). ConsumedCapacity is waived for "
              + "such a Query",
          IndexDifferences::lsiProjectedCapacity));

  private IndexDifferences() {}

  @SuppressWarnings("unchecked")
  private static Answer minimumReadCapacity(Step step, Answer local) {
    boolean query = step.request() instanceof QueryRequest;
    if (local.failed() || !(query || step.request() instanceof ScanRequest)) {
      return local;
    }
    Map<String, Object> tree = KnownDifference.rewriteStrings(local.tree(), s -> s);
    Map<String, Object> body = (Map<String, Object>) tree.get("body");
    if (!(body.get("ConsumedCapacity") instanceof Map<?, ?> c) || !Long.valueOf(0).equals(toLong(body.get("ScannedCount")))
        || !"0".equals(c.get("CapacityUnits"))) {
      return local;
    }
    Map<String, Object> capacity = (Map<String, Object>) c;
    boolean consistent = query ? Boolean.TRUE.equals(((QueryRequest) step.request()).consistentRead())
        : Boolean.TRUE.equals(((ScanRequest) step.request()).consistentRead());
    String index = query ? ((QueryRequest) step.request()).indexName() : ((ScanRequest) step.request()).indexName();
    String units = consistent ? "1" : "0.5";
    capacity.put("CapacityUnits", units);
    if (capacity.containsKey("Table")) {
      if (index == null) {
        capacity.put("Table", new TreeMap<>(Map.of("CapacityUnits", units)));
      } else {
        String member = isGlobal(step.schema(), index) ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes";
        capacity.put(member, new TreeMap<>(Map.of(index, new TreeMap<>(Map.of("CapacityUnits", units)))));
      }
    }
    return new Answer(tree);
  }

  private static Object transientSizes(Object tree) {
    return editIndexes(tree, index -> {
      Object status = index.get("IndexStatus");
      if ("CREATING".equals(status) || "DELETING".equals(status)) {
        index.putIfAbsent("IndexSizeBytes", "DELETING".equals(status) ? WAIVED + " not recorded" : 0L);
        index.putIfAbsent("ItemCount", "DELETING".equals(status) ? WAIVED + " not recorded" : 0L);
      }
    });
  }

  /** Applies {@code edit} to every map that describes an index (has IndexName and IndexArn). */
  @SuppressWarnings("unchecked")
  private static Object editIndexes(Object tree, java.util.function.Consumer<Map<String, Object>> edit) {
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put((String) k, editIndexes(v, edit)));
      if (out.containsKey("IndexName") && out.containsKey("IndexArn")) {
        edit.accept(out);
      }
      return out;
    }
    if (tree instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(editIndexes(v, edit)));
      return out;
    }
    return tree;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castTree(Object tree) {
    return (Map<String, Object>) tree;
  }

  private static Long toLong(Object o) {
    return o instanceof Number n ? n.longValue() : null;
  }

  private static boolean isGlobal(CreateTableRequest schema, String index) {
    return schema != null && schema.globalSecondaryIndexes().stream().anyMatch(g -> g.indexName().equals(index));
  }

  @SuppressWarnings("unchecked")
  private static Object waiveIndexSizes(Object tree, CreateTableRequest schema) {
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put((String) k, waiveIndexSizes(v, schema)));
      Object name = out.get("IndexName");
      if (name != null && out.containsKey("IndexSizeBytes")) {
        out.put("IndexSizeBytes", WAIVED + " DynamoDB Local counts whole items");
      }
      return out;
    }
    if (tree instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(waiveIndexSizes(v, schema)));
      return out;
    }
    return tree;
  }

  private static Projection projection(CreateTableRequest schema, String index) {
    for (var g : schema.globalSecondaryIndexes()) {
      if (g.indexName().equals(index)) {
        return g.projection();
      }
    }
    for (var l : schema.localSecondaryIndexes()) {
      if (l.indexName().equals(index)) {
        return l.projection();
      }
    }
    return null;
  }

  private static boolean projectsAll(CreateTableRequest schema, String index) {
    Projection p = projection(schema, index);
    return p == null || p.projectionType() == ProjectionType.ALL;
  }

  /** The top-level attributes a Scan of an index filters on that the index does not hold. */
  static Set<String> unprojectedFilterNames(ScanRequest scan, CreateTableRequest schema) {
    Set<String> names = new TreeSet<>();
    if (scan.indexName() == null || projectsAll(schema, scan.indexName())) {
      return names;
    }
    if (scan.hasScanFilter()) {
      names.addAll(scan.scanFilter().keySet());
    }
    if (scan.filterExpression() != null) {
      Matcher m = NAME.matcher(scan.filterExpression().replaceAll(":[A-Za-z0-9_]+", " "));
      while (m.find()) {
        String n = m.group();
        if (n.startsWith("#")) {
          n = scan.expressionAttributeNames().get(n);
        } else if (List.of("AND", "OR", "NOT", "BETWEEN", "IN", "attribute_exists", "attribute_not_exists",
            "attribute_type", "begins_with", "contains", "size").contains(n)) {
          continue;
        }
        names.add(n);
      }
    }
    Projection p = projection(schema, scan.indexName());
    if (p.hasNonKeyAttributes()) {
      names.removeAll(p.nonKeyAttributes());
    }
    schema.keySchema().forEach(k -> names.remove(k.attributeName()));
    schema.globalSecondaryIndexes().stream().filter(g -> g.indexName().equals(scan.indexName()))
        .forEach(g -> g.keySchema().forEach(k -> names.remove(k.attributeName())));
    schema.localSecondaryIndexes().stream().filter(l -> l.indexName().equals(scan.indexName()))
        .forEach(l -> l.keySchema().forEach(k -> names.remove(k.attributeName())));
    return names;
  }

  /** A Query or Scan whose legacy filter has a CONTAINS or NOT_CONTAINS of a binary with a byte over 0x7F. */
  private static boolean legacyBinaryContains(Object request) {
    Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> filter =
        request instanceof QueryRequest q && q.hasQueryFilter() ? q.queryFilter()
        : request instanceof ScanRequest s && s.hasScanFilter() ? s.scanFilter() : Map.of();
    for (var c : filter.values()) {
      String op = c.comparisonOperatorAsString();
      if (("CONTAINS".equals(op) || "NOT_CONTAINS".equals(op)) && c.hasAttributeValueList()) {
        for (AttributeValue v : c.attributeValueList()) {
          if (v.b() != null) {
            for (byte b : v.b().asByteArray()) {
              if (b < 0) {
                return true;
              }
            }
          }
        }
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Answer lsiProjectedCapacity(Step step, Answer local) {
    if (!(step.request() instanceof QueryRequest q) || q.indexName() == null || local.failed()
        || step.schema() == null || isGlobal(step.schema(), q.indexName()) || projectsAll(step.schema(), q.indexName())
        || !(q.projectionExpression() != null || q.hasAttributesToGet())) {
      return local;
    }
    Map<String, Object> tree = KnownDifference.rewriteStrings(local.tree(), s -> s);
    Map<String, Object> body = (Map<String, Object>) tree.get("body");
    if (body.containsKey("ConsumedCapacity")) {
      body.put("ConsumedCapacity", WAIVED + " DynamoDB Local reads the table for projected attributes");
    }
    return new Answer(tree);
  }

  private static Answer otherPartition(Step step, Answer local) {
    if (!(step.request() instanceof QueryRequest q) || !q.hasExclusiveStartKey() || step.schema() == null
        || !"The provided starting key does not match the range key predicate".equals(local.errorMessage())) {
      return local;
    }
    String hashName = q.indexName() == null ? step.hashKey() : indexHash(step.schema(), q.indexName());
    AttributeValue wanted = conditionHash(q, hashName);
    if (wanted == null || wanted.equals(q.exclusiveStartKey().get(hashName))) {
      return local;
    }
    boolean rangeTerm = q.hasKeyConditions() ? q.keyConditions().size() > 1
        : q.keyConditionExpression().toUpperCase(java.util.Locale.ROOT).contains(" AND ");
    return local.withError(400, "ValidationException", rangeTerm
        ? "The query can return at most one row and cannot be restarted"
        : "The provided starting key is outside query boundaries based on provided conditions");
  }

  private static String indexHash(CreateTableRequest schema, String index) {
    for (var g : schema.globalSecondaryIndexes()) {
      if (g.indexName().equals(index)) {
        return g.keySchema().get(0).attributeName();
      }
    }
    return schema.keySchema().get(0).attributeName();
  }

  /** The value the key condition gives the partition key (legacy or expression form), or null. */
  private static AttributeValue conditionHash(QueryRequest q, String hashName) {
    if (q.hasKeyConditions()) {
      var c = q.keyConditions().get(hashName);
      return c == null || !c.hasAttributeValueList() ? null : c.attributeValueList().get(0);
    }
    Matcher m = Pattern.compile("(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)").matcher(q.keyConditionExpression());
    while (m.find()) {
      String name = m.group(1).startsWith("#") ? q.expressionAttributeNames().get(m.group(1)) : m.group(1);
      if (hashName.equals(name)) {
        return q.expressionAttributeValues().get(m.group(2));
      }
    }
    return null;
  }
}
