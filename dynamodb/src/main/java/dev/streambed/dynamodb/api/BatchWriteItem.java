package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.item.ItemKeys;
import dev.streambed.dynamodb.item.Items;
import dev.streambed.dynamodb.item.ReturnValue;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
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
 * BatchWriteItem: up to 25 puts and deletes over several tables. The whole request is validated
 * before anything is written; each write then goes through the one write path on its own, as on
 * AWS, where a batch is not a transaction.
 */
final class BatchWriteItem implements JsonOperation {
  private static final int MAX_WRITES = 25;

  private record Planned(Table table, Map<String, AttributeValue> item, Map<String, AttributeValue> key) {}

  private final TableCatalog catalog;
  private final Items items;
  private final dev.streambed.dynamodb.item.Reads reads;

  BatchWriteItem(TableCatalog catalog, Items items, dev.streambed.dynamodb.item.Reads reads) {
    this.catalog = catalog;
    this.items = items;
    this.reads = reads;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    JsonNode request = JsonMembers.object(in, "RequestItems");
    String capacity = JsonMembers.string(in, "ReturnConsumedCapacity");
    String metrics = JsonMembers.string(in, "ReturnItemCollectionMetrics");
    Violations v = new Violations();
    v.notNull(request, "requestItems");
    v.oneOf(capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    v.oneOf(metrics, "returnItemCollectionMetrics", ItemRequests.RETURN_METRICS);
    if (request != null && request.isEmpty()) {
      v.add("{}", "requestItems", "Member must have length greater than or equal to 1");
    }
    v.throwIfAny();
    int total = 0;
    Iterator<Map.Entry<String, JsonNode>> tables = request.fields();
    List<Planned> plan = new ArrayList<>();
    while (tables.hasNext()) {
      Map.Entry<String, JsonNode> e = tables.next();
      JsonNode writes = e.getValue();
      if (!writes.isArray()) {
        throw dev.streambed.kernel.value.AttributeValueJson.serialization(writes, "List");
      }
      if (writes.isEmpty() || writes.size() > MAX_WRITES) {
        throw AwsException.validation("1 validation error detected: Value at 'requestItems' failed to "
            + "satisfy constraint: Map value must satisfy constraint: [Member must have length less "
            + "than or equal to 25, Member must have length greater than or equal to 1]");
      }
      total += writes.size();
      if (total > MAX_WRITES) {
        throw AwsException.validation("Too many items requested for the BatchWriteItem call");
      }
      Table table = catalog.require(Wire.table(context, e.getKey()));
      Set<Map<String, AttributeValue>> keys = new HashSet<>();
      for (JsonNode w : writes) {
        JsonNode put = JsonMembers.object(w, "PutRequest");
        JsonNode delete = JsonMembers.object(w, "DeleteRequest");
        if ((put == null) == (delete == null)) {
          throw AwsException.validation("Supplied AttributeValue has more than one datatypes set, "
              + "must contain exactly one of the supported datatypes");
        }
        Planned p;
        if (put != null) {
          Map<String, AttributeValue> item = Wire.item(put, "Item");
          if (item == null) {
            throw AwsException.validation("1 validation error detected: Value null at "
                + "'requestItems." + e.getKey() + ".member.putRequest.item' failed to satisfy constraint: Member must not be null");
          }
          // A put request's item with a missing or mistyped key gets the schema-mismatch wording
          // here, not PutItem's "Missing the key ..." (AWS, as conformance suites record it).
          Map<String, AttributeValue> key = ItemKeys.validateKey(table, ItemKeys.keyOf(table, item));
          if (ItemSize.of(item) > 400 * 1024) {
            throw AwsException.validation("Item size has exceeded the maximum allowed size");
          }
          p = new Planned(table, item, key);
        } else {
          Map<String, AttributeValue> key = Wire.item(delete, "Key");
          ItemKeys.validateKey(table, key);
          p = new Planned(table, null, key);
        }
        if (!keys.add(p.key())) {
          throw AwsException.validation("Provided list of item keys contains duplicates");
        }
        plan.add(p);
      }
    }
    Map<String, dev.streambed.dynamodb.item.Consumed> units = new LinkedHashMap<>();
    for (Planned p : plan) {
      Items.WriteResult r = p.item() != null
          ? items.put(p.table(), p.item(), null, ReturnValue.NONE, false)
          : items.delete(p.table(), p.key(), null, ReturnValue.NONE, false);
      units.merge(p.table().name(), r.consumed(), dev.streambed.dynamodb.item.Consumed::plus);
    }
    out.writeStartObject();
    if (capacity != null && !capacity.equals("NONE")) {
      out.writeArrayFieldStart("ConsumedCapacity");
      for (Map.Entry<String, dev.streambed.dynamodb.item.Consumed> e : units.entrySet()) {
        ItemRequests.consumedCapacityValue(out, capacity, e.getKey(), e.getValue());
      }
      out.writeEndArray();
    }
    List<Map.Entry<Table, Map<String, AttributeValue>>> written = new ArrayList<>();
    for (Planned p : plan) {
      written.add(Map.entry(p.table(), p.key()));
    }
    ItemRequests.itemCollectionMetrics(out, metrics, written, reads);
    out.writeObjectFieldStart("UnprocessedItems");
    out.writeEndObject();
    out.writeEndObject();
  }
}
