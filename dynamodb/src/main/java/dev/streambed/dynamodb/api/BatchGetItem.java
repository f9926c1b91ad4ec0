package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.expression.Projection;
import dev.streambed.dynamodb.item.Items;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.AttributeValueJson;
import dev.streambed.kernel.value.ItemSize;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchGetItem: up to 100 keys over several tables. Keys past AWS's 16 MB response limit are
 * returned in UnprocessedKeys for the client to ask again.
 */
final class BatchGetItem implements JsonOperation {
  private static final int MAX_KEYS = 100;
  private static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  private record TableRequest(String name, Table table, List<Map<String, AttributeValue>> keys,
      Projection projection, boolean consistent, JsonNode original) {}

  private final TableCatalog catalog;
  private final Items items;

  BatchGetItem(TableCatalog catalog, Items items) {
    this.catalog = catalog;
    this.items = items;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    JsonNode request = JsonMembers.object(in, "RequestItems");
    String capacity = JsonMembers.string(in, "ReturnConsumedCapacity");
    Violations v = new Violations();
    v.notNull(request, "requestItems");
    v.oneOf(capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    if (request != null && request.isEmpty()) {
      v.add("{}", "requestItems", "Member must have length greater than or equal to 1");
    }
    v.throwIfAny();
    List<TableRequest> requests = new ArrayList<>();
    int total = 0;
    Iterator<Map.Entry<String, JsonNode>> it = request.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode spec = e.getValue();
      JsonNode keys = JsonMembers.array(spec, "Keys");
      if (keys == null || keys.isEmpty() || keys.size() > MAX_KEYS) {
        throw AwsException.validation("1 validation error detected: Value at 'requestItems." + e.getKey()
            + ".member.keys' failed to satisfy constraint: Member must have length "
            + (keys == null || keys.isEmpty() ? "greater than or equal to 1" : "less than or equal to 100"));
      }
      total += keys.size();
      if (total > MAX_KEYS) {
        throw AwsException.validation("Too many items requested for the BatchGetItem call");
      }
      Table table = catalog.require(Wire.table(context, e.getKey()));
      ItemRequests.noMixing(spec, List.of("AttributesToGet"), List.of("ProjectionExpression"));
      String projectionText = JsonMembers.string(spec, "ProjectionExpression");
      ExpressionContext expressions = ItemRequests.expressionContext(spec, List.of("ProjectionExpression"));
      Projection projection = null;
      if (projectionText != null) {
        projection = Expressions.projection(projectionText, expressions);
        expressions.checkAllUsed();
      } else if (JsonMembers.strings(spec, "AttributesToGet") != null) {
        projection = Expressions.attributesToGet(JsonMembers.strings(spec, "AttributesToGet"));
      }
      List<Map<String, AttributeValue>> keyList = new ArrayList<>();
      Set<Map<String, AttributeValue>> seen = new HashSet<>();
      for (JsonNode k : keys) {
        Map<String, AttributeValue> key = AttributeValueJson.decodeItem(k);
        dev.streambed.dynamodb.item.ItemKeys.validateKey(table, key);
        if (!seen.add(key)) {
          throw AwsException.validation("Provided list of item keys contains duplicates");
        }
        keyList.add(key);
      }
      requests.add(new TableRequest(e.getKey(), table, keyList, projection,
          Boolean.TRUE.equals(JsonMembers.bool(spec, "ConsistentRead")), spec));
    }
    // "A single operation can retrieve up to 16 MB of data": the item that would take the answer
    // past 16 MB, and every key after it, is left for the client to ask for again.
    long bytes = 0;
    boolean full = false;
    Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
    Map<String, List<Map<String, AttributeValue>>> unprocessed = new LinkedHashMap<>();
    Map<String, Double> units = new LinkedHashMap<>();
    for (TableRequest r : requests) {
      List<Map<String, AttributeValue>> found = responses.computeIfAbsent(r.name(), n -> new ArrayList<>());
      for (Map<String, AttributeValue> key : r.keys()) {
        Items.ReadResult result = full ? null : items.get(r.table(), key, r.projection(), r.consistent());
        long size = result == null || result.item() == null ? 0 : ItemSize.of(result.item());
        if (full || bytes + size > MAX_RESPONSE_BYTES) {
          full = true;
          unprocessed.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(key);
          continue;
        }
        units.merge(r.table().name(), result.capacityUnits(), Double::sum);
        if (result.item() != null) {
          bytes += size;
          found.add(result.item());
        }
      }
    }
    out.writeStartObject();
    if (capacity != null && !capacity.equals("NONE")) {
      out.writeArrayFieldStart("ConsumedCapacity");
      for (Map.Entry<String, Double> e : units.entrySet()) {
        ItemRequests.consumedCapacityValue(out, capacity, e.getKey(),
            dev.streambed.dynamodb.item.Consumed.onTable(e.getValue()));
      }
      out.writeEndArray();
    }
    out.writeObjectFieldStart("Responses");
    for (Map.Entry<String, List<Map<String, AttributeValue>>> e : responses.entrySet()) {
      out.writeArrayFieldStart(e.getKey());
      for (Map<String, AttributeValue> item : e.getValue()) {
        AttributeValueJson.writeItem(out, item);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
    out.writeObjectFieldStart("UnprocessedKeys");
    for (TableRequest r : requests) {
      List<Map<String, AttributeValue>> keys = unprocessed.get(r.name());
      if (keys == null) {
        continue;
      }
      out.writeObjectFieldStart(r.name());
      out.writeArrayFieldStart("Keys");
      for (Map<String, AttributeValue> k : keys) {
        AttributeValueJson.writeItem(out, k);
      }
      out.writeEndArray();
      for (String member : List.of("ProjectionExpression", "ConsistentRead", "ExpressionAttributeNames", "AttributesToGet")) {
        if (r.original().hasNonNull(member)) {
          out.writeFieldName(member);
          out.writeTree(r.original().get(member));
        }
      }
      out.writeEndObject();
    }
    out.writeEndObject();
    out.writeEndObject();
  }
}
