package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.expression.Projection;
import dev.streambed.dynamodb.item.Reads;
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
      ExpressionHolder holder) {
    String select = Wire.string(in, "Select");
    Long limit = Wire.number(in, "Limit");
    Violations v = new Violations();
    v.oneOf(select, "select", SELECT);
    if (limit != null && limit < 1) {
      v.add(limit, "limit", "Member must have value greater than or equal to 1");
    }
    v.throwIfAny();
    ItemRequests.noMixing(in, List.of("AttributesToGet", filterLegacyMember, "ConditionalOperator"),
        List.of("ProjectionExpression", "FilterExpression"));
    String projectionText = Wire.string(in, "ProjectionExpression");
    String filterText = Wire.string(in, "FilterExpression");
    List<String> attributesToGet = Wire.strings(in, "AttributesToGet");
    ExpressionContext expressions = ItemRequests.expressionContext(in,
        projectionText != null || filterText != null || keyExpression != null);
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
    boolean projected = projectionText != null || attributesToGet != null;
    String what = projectionText != null ? "ProjectionExpression" : "AttributesToGet";
    if ("ALL_PROJECTED_ATTRIBUTES".equals(select)) {
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
        Wire.item(in, "ExclusiveStartKey"), Boolean.TRUE.equals(Wire.bool(in, "ConsistentRead")),
        "COUNT".equals(select));
  }

  /** Carries the request's expression context out of {@link #options} to check usage last. */
  static final class ExpressionHolder {
    ExpressionContext context;
  }

  static void write(JsonGenerator out, Reads.Page page, Reads.Options options, String capacity,
      String table) throws IOException {
    out.writeStartObject();
    ItemRequests.consumedCapacity(out, capacity, table, page.capacityUnits());
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
}
