package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.expression.Projection;
import dev.streambed.dynamodb.item.Reads;
import dev.streambed.dynamodb.table.SecondaryIndex;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** What Query and Scan share: Select, projection, filter, Limit, paging, and the response. */
final class ReadRequests {
  static final List<String> SELECT =
      List.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");

  private ReadRequests() {}

  /** Reads the options common to Query and Scan; {@code keyExpression} is Query's, or null. */
  static Reads.Options options(JsonNode in, String filterLegacyMember, String keyExpression,
      ExpressionHolder holder, boolean onIndex) {
    String select = JsonMembers.string(in, "Select");
    Long limit = JsonMembers.number(in, "Limit");
    Violations v = new Violations();
    v.oneOf(select, "select", SELECT);
    if (limit != null && limit < 1) {
      v.add(limit, "limit", "Member must have value greater than or equal to 1");
    }
    v.throwIfAny();
    ItemRequests.noMixing(in, List.of("AttributesToGet", filterLegacyMember, "ConditionalOperator"),
        List.of("ProjectionExpression", "FilterExpression"));
    String projectionText = JsonMembers.string(in, "ProjectionExpression");
    String filterText = JsonMembers.string(in, "FilterExpression");
    List<String> attributesToGet = JsonMembers.strings(in, "AttributesToGet");
    ExpressionContext expressions = ItemRequests.expressionContext(in, keyExpression != null
        ? List.of("KeyConditionExpression", "FilterExpression", "ProjectionExpression")
        : List.of("FilterExpression", "ProjectionExpression"));
    holder.context = expressions;
    Projection projection = null;
    if (projectionText != null) {
      projection = Expressions.projection(projectionText, expressions);
    } else if (attributesToGet != null) {
      projection = Expressions.attributesToGet(attributesToGet);
    }
    Condition filter = filterText != null
        ? Expressions.condition(filterText, "FilterExpression", expressions)
        : LegacyConditions.filter(in, filterLegacyMember);
    if (filter == null && in.hasNonNull("ConditionalOperator")) {
      throw AwsException.validation("ConditionalOperator cannot be used without Filter or Expected");
    }
    boolean projected = projectionText != null || attributesToGet != null;
    String what = projectionText != null ? "ProjectionExpression" : "AttributesToGet";
    if ("ALL_PROJECTED_ATTRIBUTES".equals(select) && !onIndex) {
      throw AwsException.validation(
          "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
    }
    if ("SPECIFIC_ATTRIBUTES".equals(select) && !projected) {
      throw AwsException.validation("Must specify the AttributesToGet or ProjectionExpression when "
          + "choosing to get SPECIFIC_ATTRIBUTES");
    }
    if (("ALL_ATTRIBUTES".equals(select) || "COUNT".equals(select)) && projected) {
      throw AwsException.validation("Cannot specify the " + what + " when choosing to get " + select);
    }
    return new Reads.Options(filter, projection, limit == null ? null : (int) Math.min(limit, Integer.MAX_VALUE),
        Wire.item(in, "ExclusiveStartKey"), Boolean.TRUE.equals(JsonMembers.bool(in, "ConsistentRead")),
        "COUNT".equals(select));
  }

  /** Refuses ConditionalOperator with a single QueryFilter or ScanFilter condition. */
  static void checkConditionalOperator(JsonNode in, String filterLegacyMember) {
    JsonNode filter = JsonMembers.object(in, filterLegacyMember);
    if (filter != null) {
      Expressions.checkConditionalOperator(JsonMembers.string(in, "ConditionalOperator"), filter.size());
    }
  }

  /** Carries the request's expression context out of {@link #options} to check usage last. */
  static final class ExpressionHolder {
    ExpressionContext context;
  }

  static void write(JsonGenerator out, Reads.Page page, Reads.Options options, String capacity,
      String table) throws IOException {
    out.writeStartObject();
    ItemRequests.consumedCapacity(out, capacity, table, page.consumed());
    out.writeNumberField("Count", page.count());
    if (!options.countOnly()) {
      out.writeArrayFieldStart("Items");
      for (Map<String, AttributeValue> item : page.items()) {
        dev.streambed.kernel.value.AttributeValueJson.writeItem(out, item);
      }
      out.writeEndArray();
    }
    if (page.lastEvaluatedKey() != null) {
      Wire.item(out, "LastEvaluatedKey", page.lastEvaluatedKey());
    }
    out.writeNumberField("ScannedCount", page.scannedCount());
    out.writeEndObject();
  }

  /**
   * The table or index a Query or Scan reads, with DynamoDB's rules for what may be asked of an
   * index: no consistent reads on a global index, ALL_ATTRIBUTES only where the index projects
   * everything or, for a local index, by fetching from the table.
   */
  static Reads.Source source(Table table, String indexName, JsonNode in, Reads.Options options) {
    if (indexName == null) {
      return Reads.Source.of(table);
    }
    SecondaryIndex index = table.index(indexName);
    if (index == null) {
      throw AwsException.validation("The table does not have the specified index: " + indexName);
    }
    if (!index.readable()) {
      throw AwsException.validation("Cannot read from backfilling global secondary index: " + indexName);
    }
    if (index.global() && options.consistent()) {
      throw AwsException.validation("Consistent reads are not supported on global secondary indexes");
    }
    String select = JsonMembers.string(in, "Select");
    boolean wantsAll = "ALL_ATTRIBUTES".equals(select);
    if (wantsAll && index.global() && !index.projectsAll()) {
      throw AwsException.validation("One or more parameter values were invalid: Select type "
          + "ALL_ATTRIBUTES is not supported for global secondary index " + indexName
          + " because its projection type is not ALL");
    }
    List<String> missing = options.projection() == null ? List.of()
        : unprojected(table, index, options.projection().topLevelNames());
    if (index.global() && !missing.isEmpty()) {
      // A global index cannot reach back to its table for what it does not hold.
      throw AwsException.validation("One or more parameter values were invalid: Global secondary "
          + "index " + indexName + " does not project " + missing);
    }
    // A local index shares its partition with the table and fetches what it lacks from there.
    boolean fetch = !index.global() && !index.projectsAll() && (wantsAll || !missing.isEmpty());
    return new Reads.Source(table, index, fetch);
  }

  /**
   * Of {@code names}, those the index does not hold, sorted: an index holds the table's key, its
   * own key and its projected attributes.
   */
  static List<String> unprojected(Table table, SecondaryIndex index, java.util.Collection<String> names) {
    if (index.projectsAll()) {
      return List.of();
    }
    java.util.Set<String> held = new java.util.HashSet<>(index.nonKeyAttributes());
    for (dev.streambed.dynamodb.table.KeySchema ks : List.of(table.keySchema(), index.keySchema())) {
      held.add(ks.hashName());
      if (ks.hasRange()) {
        held.add(ks.rangeName());
      }
    }
    java.util.TreeSet<String> missing = new java.util.TreeSet<>(names);
    missing.removeAll(held);
    return List.copyOf(missing);
  }
}
