package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.table.CreateTableRequest;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableStatus;
import dev.streambed.dynamodb.table.Tables;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateTable: answers the new table as CREATING, as AWS does. */
final class CreateTable implements JsonOperation {
  private final Tables tables;

  CreateTable(Tables tables) {
    this.tables = tables;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String name = JsonMembers.string(in, "TableName");
    JsonNode keySchema = JsonMembers.array(in, "KeySchema");
    JsonNode definitions = JsonMembers.array(in, "AttributeDefinitions");
    String billing = JsonMembers.string(in, "BillingMode");
    JsonNode throughput = JsonMembers.object(in, "ProvisionedThroughput");
    JsonNode stream = JsonMembers.object(in, "StreamSpecification");
    String tableClass = JsonMembers.string(in, "TableClass");
    JsonNode warm = JsonMembers.object(in, "WarmThroughput");

    Violations v = new Violations();
    v.notNull(definitions, "attributeDefinitions");
    v.tableName(name, "tableName");
    v.notNull(keySchema, "keySchema");
    List<CreateTableRequest.KeyElement> keys = new ArrayList<>();
    if (keySchema != null) {
      if (keySchema.isEmpty()) {
        v.add(keySchema, "keySchema", "Member must have length greater than or equal to 1");
      } else if (keySchema.size() > 2) {
        v.add(keySchema, "keySchema", "Member must have length less than or equal to 2");
      }
      int i = 1;
      for (JsonNode k : keySchema) {
        String attr = JsonMembers.string(k, "AttributeName");
        String type = JsonMembers.string(k, "KeyType");
        v.notNull(attr, "keySchema." + i + ".member.attributeName");
        v.notNull(type, "keySchema." + i + ".member.keyType");
        v.oneOf(type, "keySchema." + i + ".member.keyType", List.of("HASH", "RANGE"));
        keys.add(new CreateTableRequest.KeyElement(attr, type));
        i++;
      }
    }
    List<Table.AttributeDefinition> defs = new ArrayList<>();
    if (definitions != null) {
      int i = 1;
      for (JsonNode d : definitions) {
        String attr = JsonMembers.string(d, "AttributeName");
        String type = JsonMembers.string(d, "AttributeType");
        v.notNull(attr, "attributeDefinitions." + i + ".member.attributeName");
        v.notNull(type, "attributeDefinitions." + i + ".member.attributeType");
        v.oneOf(type, "attributeDefinitions." + i + ".member.attributeType", List.of("B", "N", "S"));
        defs.add(new Table.AttributeDefinition(attr, type));
        i++;
      }
    }
    v.oneOf(billing, "billingMode", List.of("PROVISIONED", "PAY_PER_REQUEST"));
    v.oneOf(tableClass, "tableClass", List.of("STANDARD", "STANDARD_INFREQUENT_ACCESS"));
    Long read = null;
    Long write = null;
    if (throughput != null) {
      read = JsonMembers.number(throughput, "ReadCapacityUnits");
      write = JsonMembers.number(throughput, "WriteCapacityUnits");
      v.notNull(read, "provisionedThroughput.readCapacityUnits");
      v.notNull(write, "provisionedThroughput.writeCapacityUnits");
      if (read != null && read < 1) {
        v.add(read, "provisionedThroughput.readCapacityUnits", "Member must have value greater than or equal to 1");
      }
      if (write != null && write < 1) {
        v.add(write, "provisionedThroughput.writeCapacityUnits", "Member must have value greater than or equal to 1");
      }
    }
    Boolean streamEnabled = null;
    String viewType = null;
    if (stream != null) {
      streamEnabled = JsonMembers.bool(stream, "StreamEnabled");
      viewType = JsonMembers.string(stream, "StreamViewType");
      v.notNull(streamEnabled, "streamSpecification.streamEnabled");
    }
    Map<String, String> tags = null;
    JsonNode tagList = JsonMembers.array(in, "Tags");
    if (tagList != null) {
      tags = new LinkedHashMap<>();
      for (JsonNode t : tagList) {
        tags.put(JsonMembers.string(t, "Key"), JsonMembers.string(t, "Value"));
      }
    }
    List<CreateTableRequest.IndexRequest> globals = indexes(in, "GlobalSecondaryIndexes", "globalSecondaryIndexes", v);
    List<CreateTableRequest.IndexRequest> locals = indexes(in, "LocalSecondaryIndexes", "localSecondaryIndexes", v);
    Table.Warm warmThroughput = null;
    if (warm != null) {
      Long warmRead = JsonMembers.number(warm, "ReadUnitsPerSecond");
      Long warmWrite = JsonMembers.number(warm, "WriteUnitsPerSecond");
      Table.Warm defaults = "PAY_PER_REQUEST".equals(billing) ? new Table.Warm(12000, 4000)
          : new Table.Warm(read == null ? 0 : read, write == null ? 0 : write);
      warmThroughput = new Table.Warm(warmRead == null ? defaults.readUnitsPerSecond() : warmRead,
          warmWrite == null ? defaults.writeUnitsPerSecond() : warmWrite);
    }
    v.throwIfAny();
    CreateTableRequest request = new CreateTableRequest(name, keys, defs, billing, read, write,
        throughput != null, streamEnabled, viewType, JsonMembers.bool(in, "DeletionProtectionEnabled"),
        tableClass, tags, globals, locals, warmThroughput);
    Table table = tables.create(context.accountId(), context.region(), request);
    out.writeStartObject();
    out.writeFieldName("TableDescription");
    TableDescriptions.write(out, table, TableStatus.CREATING, new Tables.Usage(0, 0),
        TableDescriptions.Shape.CREATE);
    out.writeEndObject();
  }

  /** Reads GlobalSecondaryIndexes or LocalSecondaryIndexes, recording constraint violations. */
  static List<CreateTableRequest.IndexRequest> indexes(JsonNode in, String member, String path, Violations v) {
    JsonNode list = JsonMembers.array(in, member);
    if (list == null) {
      return null;
    }
    List<CreateTableRequest.IndexRequest> out = new ArrayList<>();
    int i = 1;
    for (JsonNode index : list) {
      out.add(index(index, path + "." + i + ".member", v));
      i++;
    }
    return out;
  }

  static CreateTableRequest.IndexRequest index(JsonNode index, String path, Violations v) {
    String indexName = JsonMembers.string(index, "IndexName");
    v.notNull(indexName, path + ".indexName");
    if (indexName != null) {
      if (indexName.length() < 3) {
        v.add(indexName, path + ".indexName", "Member must have length greater than or equal to 3");
      }
      if (indexName.length() > 255) {
        v.add(indexName, path + ".indexName", "Member must have length less than or equal to 255");
      }
      if (!indexName.matches("[a-zA-Z0-9_.-]+")) {
        v.add(indexName, path + ".indexName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
      }
    }
    JsonNode keySchema = JsonMembers.array(index, "KeySchema");
    v.notNull(keySchema, path + ".keySchema");
    List<CreateTableRequest.KeyElement> keys = new ArrayList<>();
    if (keySchema != null) {
      if (keySchema.isEmpty() || keySchema.size() > 2) {
        v.add(keySchema, path + ".keySchema", keySchema.isEmpty()
            ? "Member must have length greater than or equal to 1"
            : "Member must have length less than or equal to 2");
      }
      for (JsonNode k : keySchema) {
        keys.add(new CreateTableRequest.KeyElement(JsonMembers.string(k, "AttributeName"), JsonMembers.string(k, "KeyType")));
      }
    }
    JsonNode projection = JsonMembers.object(index, "Projection");
    v.notNull(projection, path + ".projection");
    String projectionType = projection == null ? null : JsonMembers.string(projection, "ProjectionType");
    v.oneOf(projectionType, path + ".projection.projectionType", List.of("ALL", "KEYS_ONLY", "INCLUDE"));
    List<String> nonKey = projection == null ? null : JsonMembers.strings(projection, "NonKeyAttributes");
    JsonNode throughput = JsonMembers.object(index, "ProvisionedThroughput");
    Long read = throughput == null ? null : JsonMembers.number(throughput, "ReadCapacityUnits");
    Long write = throughput == null ? null : JsonMembers.number(throughput, "WriteCapacityUnits");
    return new CreateTableRequest.IndexRequest(indexName, keys, projectionType, nonKey, read, write,
        throughput != null);
  }
}
