package dev.streambed.dynamodb.table;

import java.util.List;

/**
 * A global or local secondary index: its key, what it projects, and (for a global index) its
 * throughput. Entries are maintained in the same storage batch as the item they come from.
 *
 * @param projectionType ALL, KEYS_ONLY or INCLUDE
 * @param nonKeyAttributes the attributes INCLUDE adds, else empty
 * @param throughput a global index's provisioned throughput (zero when on demand); null for a
 *     local index
 */
public record SecondaryIndex(String name, boolean global, KeySchema keySchema,
    String projectionType, List<String> nonKeyAttributes, Table.Throughput throughput,
    long createdMillis) {

  public SecondaryIndex {
    nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
  }

  public String arn(Table table) {
    return table.arn() + "/index/" + name;
  }

  public boolean projectsAll() {
    return projectionType.equals("ALL");
  }
}
