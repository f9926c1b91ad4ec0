package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableStatus;
import dev.streambed.dynamodb.table.Tables;
import dev.streambed.dynamodb.table.UpdateTableRequest;
import dev.streambed.dynamodb.table.IndexUpdate;
import dev.streambed.dynamodb.table.CreateTableRequest;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import java.io.IOException;
import java.util.List;

/** UpdateTable: billing mode, throughput, stream, deletion protection, table class. */
final class UpdateTable implements JsonOperation {
  private final Tables tables;

  UpdateTable(Tables tables) {
    this.tables = tables;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String name = JsonMembers.string(in, "TableName");
    String billing = JsonMembers.string(in, "BillingMode");
    JsonNode throughput = JsonMembers.object(in, "ProvisionedThroughput");
    JsonNode stream = JsonMembers.object(in, "StreamSpecification");
    String tableClass = JsonMembers.string(in, "TableClass");
    Violations v = new Violations();
    v.tableName(name, "tableName");
    v.oneOf(billing, "billingMode", List.of("PROVISIONED", "PAY_PER_REQUEST"));
    v.oneOf(tableClass, "tableClass", List.of("STANDARD", "STANDARD_INFREQUENT_ACCESS"));
    Long read = null;
    Long write = null;
    if (throughput != null) {
      read = JsonMembers.number(throughput, "ReadCapacityUnits");
      write = JsonMembers.number(throughput, "WriteCapacityUnits");
      v.notNull(read, "provisionedThroughput.readCapacityUnits");
      v.notNull(write, "provisionedThroughput.writeCapacityUnits");
    }
    Boolean streamEnabled = null;
    String viewType = null;
    if (stream != null) {
      streamEnabled = JsonMembers.bool(stream, "StreamEnabled");
      viewType = JsonMembers.string(stream, "StreamViewType");
      v.notNull(streamEnabled, "streamSpecification.streamEnabled");
    }
    v.throwIfAny();
    List<IndexUpdate> indexUpdates = indexUpdates(in);
    java.util.Map<String, String> statuses = java.util.Map.of();
    Table t;
    if (indexUpdates != null) {
      Tables.IndexChange change = tables.updateIndexes(Wire.table(context, name),
          definitions(in), indexUpdates);
      t = change.table();
      statuses = change.statuses();
    } else {
      t = null;
    }
    boolean otherChanges = billing != null || throughput != null || stream != null
        || in.hasNonNull("DeletionProtectionEnabled") || tableClass != null;
    if (t == null || otherChanges) {
      t = tables.update(Wire.table(context, name), new UpdateTableRequest(name, null, billing,
          read, write, throughput != null, streamEnabled, viewType,
          JsonMembers.bool(in, "DeletionProtectionEnabled"), tableClass));
    }
    out.writeStartObject();
    out.writeFieldName("TableDescription");
    TableDescriptions.write(out, t, TableStatus.UPDATING, tables.usage(t), TableDescriptions.Shape.UPDATE,
        statuses);
    out.writeEndObject();
  }

  private static List<IndexUpdate> indexUpdates(JsonNode in) {
    JsonNode list = JsonMembers.array(in, "GlobalSecondaryIndexUpdates");
    if (list == null) {
      return null;
    }
    List<IndexUpdate> updates = new java.util.ArrayList<>();
    int i = 1;
    for (JsonNode u : list) {
      String path = "globalSecondaryIndexUpdates." + i + ".member";
      Violations v = new Violations();
      JsonNode create = JsonMembers.object(u, "Create");
      JsonNode update = JsonMembers.object(u, "Update");
      JsonNode delete = JsonMembers.object(u, "Delete");
      if ((create != null ? 1 : 0) + (update != null ? 1 : 0) + (delete != null ? 1 : 0) != 1) {
        throw AwsException.validation("One or more parameter values were invalid: One and only one "
            + "of Create, Update or Delete must be specified in a GlobalSecondaryIndexUpdate");
      }
      if (create != null) {
        CreateTableRequest.IndexRequest request = CreateTable.index(create, path + ".create", v);
        v.throwIfAny();
        updates.add(new IndexUpdate("Create", request.name(), request, null, null));
      } else if (delete != null) {
        String indexName = JsonMembers.string(delete, "IndexName");
        v.notNull(indexName, path + ".delete.indexName");
        v.throwIfAny();
        updates.add(new IndexUpdate("Delete", indexName, null, null, null));
      } else {
        String indexName = JsonMembers.string(update, "IndexName");
        JsonNode t = JsonMembers.object(update, "ProvisionedThroughput");
        v.notNull(indexName, path + ".update.indexName");
        v.notNull(t, path + ".update.provisionedThroughput");
        v.throwIfAny();
        updates.add(new IndexUpdate("Update", indexName, null, JsonMembers.number(t, "ReadCapacityUnits"),
            JsonMembers.number(t, "WriteCapacityUnits")));
      }
      i++;
    }
    return updates;
  }

  private static List<dev.streambed.dynamodb.table.Table.AttributeDefinition> definitions(JsonNode in) {
    JsonNode list = JsonMembers.array(in, "AttributeDefinitions");
    if (list == null) {
      return null;
    }
    List<dev.streambed.dynamodb.table.Table.AttributeDefinition> out = new java.util.ArrayList<>();
    for (JsonNode d : list) {
      out.add(new dev.streambed.dynamodb.table.Table.AttributeDefinition(
          JsonMembers.string(d, "AttributeName"), JsonMembers.string(d, "AttributeType")));
    }
    return out;
  }
}
