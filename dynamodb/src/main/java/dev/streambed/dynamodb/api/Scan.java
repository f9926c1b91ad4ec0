package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.item.Reads;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import java.io.IOException;

/** Scan, including parallel scan with Segment and TotalSegments. */
final class Scan implements JsonOperation {
  private final TableCatalog catalog;
  private final Reads reads;

  Scan(TableCatalog catalog, Reads reads) {
    this.catalog = catalog;
    this.reads = reads;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String name = JsonMembers.string(in, "TableName");
    String capacity = JsonMembers.string(in, "ReturnConsumedCapacity");
    Long segment = JsonMembers.number(in, "Segment");
    Long total = JsonMembers.number(in, "TotalSegments");
    Violations v = new Violations();
    v.tableName(name, "tableName");
    v.oneOf(capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    if (segment != null && segment < 0) {
      v.add(segment, "segment", "Member must have value greater than or equal to 0");
    }
    if (segment != null && segment > 999999) {
      v.add(segment, "segment", "Member must have value less than or equal to 999999");
    }
    if (total != null && total < 1) {
      v.add(total, "totalSegments", "Member must have value greater than or equal to 1");
    }
    if (total != null && total > 1000000) {
      v.add(total, "totalSegments", "Member must have value less than or equal to 1000000");
    }
    v.throwIfAny();
    if (total != null && segment == null) {
      throw AwsException.validation("The Segment parameter is required but was not present in the "
          + "request when parameter TotalSegments is present");
    }
    if (segment != null && total == null) {
      throw AwsException.validation("The TotalSegments parameter is required but was not present in "
          + "the request when Segment parameter is present");
    }
    if (segment != null && segment >= total) {
      throw AwsException.validation("The Segment parameter is zero-based and must be less than "
          + "parameter TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + total);
    }
    String indexName = JsonMembers.string(in, "IndexName");
    ReadRequests.ExpressionHolder holder = new ReadRequests.ExpressionHolder();
    Reads.Options options = ReadRequests.options(in, "ScanFilter", null, holder, indexName != null);
    holder.context.checkAllUsed();
    ReadRequests.checkConditionalOperator(in, "ScanFilter");
    Table table = catalog.require(Wire.table(context, name));
    Reads.Source source = ReadRequests.source(table, indexName, in, options);
    Reads.Page page = reads.scan(source, options,
        segment == null ? null : segment.intValue(), total == null ? null : total.intValue());
    ReadRequests.write(out, page, options, capacity, table.name());
  }
}
