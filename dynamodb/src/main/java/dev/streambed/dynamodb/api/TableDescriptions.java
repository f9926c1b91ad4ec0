package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.dynamodb.table.SecondaryIndex;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableStatus;
import dev.streambed.dynamodb.table.Tables;
import java.io.IOException;

/** Writes DynamoDB's TableDescription in the shape AWS returns it for each operation. */
final class TableDescriptions {
  /** How much of the description an operation returns. */
  enum Shape { CREATE, DESCRIBE, UPDATE, DELETE }

  private TableDescriptions() {}

  static void write(JsonGenerator g, Table t, TableStatus status, Tables.Usage usage, Shape shape)
      throws IOException {
    write(g, t, status, usage, shape, java.util.Map.of());
  }

  /** As above, with the IndexStatus to show for indexes an UpdateTable just changed. */
  static void write(JsonGenerator g, Table t, TableStatus status, Tables.Usage usage, Shape shape,
      java.util.Map<String, String> indexStatuses) throws IOException {
    g.writeStartObject();
    if (shape != Shape.DELETE) {
      g.writeArrayFieldStart("AttributeDefinitions");
      for (Table.AttributeDefinition d : t.attributeDefinitions()) {
        g.writeStartObject();
        g.writeStringField("AttributeName", d.name());
        g.writeStringField("AttributeType", d.type());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    // A table that was ever on demand keeps a BillingModeSummary after it goes back to
    // PROVISIONED: LastUpdateToPayPerRequestDateTime says when it was last set on demand.
    if (t.isOnDemand() || t.billingModeChangedMillis() > 0) {
      g.writeObjectFieldStart("BillingModeSummary");
      g.writeStringField("BillingMode", t.billingMode());
      if (shape != Shape.CREATE) {
        Wire.epochSeconds(g, "LastUpdateToPayPerRequestDateTime", t.billingModeChangedMillis());
      }
      g.writeEndObject();
    }
    if (shape != Shape.DELETE) {
      Wire.epochSeconds(g, "CreationDateTime", t.createdMillis());
    }
    g.writeBooleanField("DeletionProtectionEnabled", t.deletionProtection());
    g.writeNumberField("ItemCount", usage.itemCount());
    if (shape != Shape.DELETE) {
      g.writeArrayFieldStart("KeySchema");
      KeySchema ks = t.keySchema();
      keyElement(g, ks.hashName(), "HASH");
      if (ks.hasRange()) {
        keyElement(g, ks.rangeName(), "RANGE");
      }
      g.writeEndArray();
    }
    // DeleteTable still names the table's stream: its records stay readable for 24 hours.
    if (t.latestStreamArn() != null) {
      g.writeStringField("LatestStreamArn", t.latestStreamArn());
      g.writeStringField("LatestStreamLabel", t.stream().latestLabel());
    }
    if (shape != Shape.DELETE) {
      indexes(g, t, usage, shape, true, indexStatuses);
      indexes(g, t, usage, shape, false, indexStatuses);
    }
    g.writeObjectFieldStart("ProvisionedThroughput");
    Table.Throughput p = t.throughput();
    if (p.lastDecreaseMillis() > 0) {
      Wire.epochSeconds(g, "LastDecreaseDateTime", p.lastDecreaseMillis());
    }
    if (p.lastIncreaseMillis() > 0) {
      Wire.epochSeconds(g, "LastIncreaseDateTime", p.lastIncreaseMillis());
    }
    g.writeNumberField("NumberOfDecreasesToday", p.decreasesToday());
    g.writeNumberField("ReadCapacityUnits", p.readUnits());
    g.writeNumberField("WriteCapacityUnits", p.writeUnits());
    g.writeEndObject();
    if (t.stream().enabled()) {
      g.writeObjectFieldStart("StreamSpecification");
      g.writeBooleanField("StreamEnabled", true);
      g.writeStringField("StreamViewType", t.stream().viewType());
      g.writeEndObject();
    }
    g.writeStringField("TableArn", t.arn());
    if (t.tableClass() != null && shape != Shape.DELETE) {
      g.writeObjectFieldStart("TableClassSummary");
      g.writeStringField("TableClass", t.tableClass());
      g.writeEndObject();
    }
    g.writeStringField("TableId", t.id());
    g.writeStringField("TableName", t.name());
    g.writeNumberField("TableSizeBytes", usage.sizeBytes());
    g.writeStringField("TableStatus", status.name());
    // CreateTable shows a WarmThroughput only when one was asked for, still UPDATING; UpdateTable
    // shows it as DescribeTable does (recorded in test_lambda_api's event source mapping tests).
    if (shape == Shape.DESCRIBE || shape == Shape.UPDATE || (shape == Shape.CREATE && t.warmThroughput() != null)) {
      Table.Warm warm = t.warm();
      g.writeObjectFieldStart("WarmThroughput");
      g.writeNumberField("ReadUnitsPerSecond", warm.readUnitsPerSecond());
      g.writeStringField("Status", shape == Shape.CREATE ? "UPDATING" : "ACTIVE");
      g.writeNumberField("WriteUnitsPerSecond", warm.writeUnitsPerSecond());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void indexes(JsonGenerator g, Table t, Tables.Usage usage, Shape shape, boolean global,
      java.util.Map<String, String> statuses) throws IOException {
    boolean any = false;
    for (SecondaryIndex i : t.indexes()) {
      if (i.global() != global) {
        continue;
      }
      if (!any) {
        g.writeArrayFieldStart(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
        any = true;
      }
      // An index being created reports nothing yet, as AWS's answer to UpdateTable shows (0 and
      // 0): its sizes are the finished index's.
      boolean creating = !i.readable() || "CREATING".equals(statuses.get(i.name()));
      Tables.Usage u = creating ? new Tables.Usage(0, 0) : usage.indexes().getOrDefault(i.name(), new Tables.Usage(0, 0));
      g.writeStartObject();
      g.writeStringField("IndexArn", i.arn(t));
      g.writeStringField("IndexName", i.name());
      g.writeNumberField("IndexSizeBytes", u.sizeBytes());
      if (global) {
        indexStatus(g, i, shape, statuses.get(i.name()));
      }
      g.writeNumberField("ItemCount", u.itemCount());
      g.writeArrayFieldStart("KeySchema");
      keyElement(g, i.keySchema().hashName(), "HASH");
      if (i.keySchema().hasRange()) {
        keyElement(g, i.keySchema().rangeName(), "RANGE");
      }
      g.writeEndArray();
      g.writeObjectFieldStart("Projection");
      if (!i.nonKeyAttributes().isEmpty()) {
        g.writeArrayFieldStart("NonKeyAttributes");
        for (String a : i.nonKeyAttributes()) {
          g.writeString(a);
        }
        g.writeEndArray();
      }
      g.writeStringField("ProjectionType", i.projectionType());
      g.writeEndObject();
      if (global) {
        Table.Throughput p = i.throughput();
        g.writeObjectFieldStart("ProvisionedThroughput");
        g.writeNumberField("NumberOfDecreasesToday", p.decreasesToday());
        g.writeNumberField("ReadCapacityUnits", p.readUnits());
        g.writeNumberField("WriteCapacityUnits", p.writeUnits());
        g.writeEndObject();
        if (i.backfill() != null && t.isOnDemand()) {
          // An index UpdateTable added to an on-demand table carries its (unlimited) request
          // units, as DynamoDB Local 2.6.1 shows them; one made with its table does not.
          g.writeObjectFieldStart("OnDemandThroughput");
          g.writeNumberField("MaxReadRequestUnits", -1);
          g.writeNumberField("MaxWriteRequestUnits", -1);
          g.writeEndObject();
        }
        if (shape == Shape.DESCRIBE) {
          g.writeObjectFieldStart("WarmThroughput");
          g.writeNumberField("ReadUnitsPerSecond", t.isOnDemand() ? 12000 : p.readUnits());
          g.writeStringField("Status", "ACTIVE");
          g.writeNumberField("WriteUnitsPerSecond", t.isOnDemand() ? 4000 : p.writeUnits());
          g.writeEndObject();
        }
      }
      g.writeEndObject();
    }
    if (any) {
      g.writeEndArray();
    }
  }

  /**
   * IndexStatus, and Backfilling while an index UpdateTable added is CREATING: UpdateTable's
   * answer shows it CREATING with Backfilling false (DynamoDB is still allocating it);
   * DescribeTable then CREATING with Backfilling true while the items already in the table get
   * their entries; then ACTIVE, without Backfilling, as DynamoDB Local drops it (and as dynoxide
   * measured AWS dropping it from vector indexes, "matching the documented GSI behaviour").
   */
  private static void indexStatus(JsonGenerator g, SecondaryIndex i, Shape shape, String shown)
      throws IOException {
    String status = shown != null ? shown : shape == Shape.CREATE || !i.readable() ? "CREATING" : "ACTIVE";
    g.writeStringField("IndexStatus", status);
    if (i.backfill() != null && status.equals("CREATING")) {
      g.writeBooleanField("Backfilling", shown == null);
    }
  }

  private static void keyElement(JsonGenerator g, String name, String type) throws IOException {
    g.writeStartObject();
    g.writeStringField("AttributeName", name);
    g.writeStringField("KeyType", type);
    g.writeEndObject();
  }
}
