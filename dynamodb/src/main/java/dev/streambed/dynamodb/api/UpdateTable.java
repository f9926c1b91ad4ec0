package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableStatus;
import dev.streambed.dynamodb.table.Tables;
import dev.streambed.dynamodb.table.UpdateTableRequest;
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
    String name = Wire.string(in, "TableName");
    String billing = Wire.string(in, "BillingMode");
    JsonNode throughput = Wire.object(in, "ProvisionedThroughput");
    JsonNode stream = Wire.object(in, "StreamSpecification");
    String tableClass = Wire.string(in, "TableClass");
    Violations v = new Violations();
    v.tableName(name, "tableName");
    v.oneOf(billing, "billingMode", List.of("PROVISIONED", "PAY_PER_REQUEST"));
    v.oneOf(tableClass, "tableClass", List.of("STANDARD", "STANDARD_INFREQUENT_ACCESS"));
    Long read = null;
    Long write = null;
    if (throughput != null) {
      read = Wire.number(throughput, "ReadCapacityUnits");
      write = Wire.number(throughput, "WriteCapacityUnits");
      v.notNull(read, "provisionedThroughput.readCapacityUnits");
      v.notNull(write, "provisionedThroughput.writeCapacityUnits");
    }
    Boolean streamEnabled = null;
    String viewType = null;
    if (stream != null) {
      streamEnabled = Wire.bool(stream, "StreamEnabled");
      viewType = Wire.string(stream, "StreamViewType");
      v.notNull(streamEnabled, "streamSpecification.streamEnabled");
    }
    v.throwIfAny();
    if (Wire.array(in, "GlobalSecondaryIndexUpdates") != null) {
      throw AwsException.validation("Secondary indexes are not supported yet by this server");
    }
    Table t = tables.update(Wire.table(context, name), new UpdateTableRequest(name, null, billing,
        read, write, throughput != null, streamEnabled, viewType,
        Wire.bool(in, "DeletionProtectionEnabled"), tableClass));
    out.writeStartObject();
    out.writeFieldName("TableDescription");
    TableDescriptions.write(out, t, TableStatus.UPDATING, tables.usage(t), TableDescriptions.Shape.UPDATE);
    out.writeEndObject();
  }
}
