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
 * @param backfill for a global index added by UpdateTable, whether its entries for the items
 *     already in the table are still being written; null for an index made with its table
 */
public record SecondaryIndex(String name, boolean global, KeySchema keySchema,
    String projectionType, List<String> nonKeyAttributes, Table.Throughput throughput,
    long createdMillis, Backfill backfill) {

  /** The phases of a global index added to a table, as DescribeTable's Backfilling shows them. */
  public enum Backfill { BACKFILLING, DONE }

  public SecondaryIndex {
    nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
  }

  public SecondaryIndex(String name, boolean global, KeySchema keySchema, String projectionType,
      List<String> nonKeyAttributes, Table.Throughput throughput, long createdMillis) {
    this(name, global, keySchema, projectionType, nonKeyAttributes, throughput, createdMillis, null);
  }

  public String arn(Table table) {
    return table.arn() + "/index/" + name;
  }

  public boolean projectsAll() {
    return projectionType.equals("ALL");
  }

  /** Whether queries and scans may read it: not while it is being backfilled. */
  public boolean readable() {
    return backfill != Backfill.BACKFILLING;
  }

  public SecondaryIndex withBackfill(Backfill phase) {
    return new SecondaryIndex(name, global, keySchema, projectionType, nonKeyAttributes, throughput,
        createdMillis, phase);
  }

  public SecondaryIndex withThroughput(Table.Throughput newThroughput) {
    return new SecondaryIndex(name, global, keySchema, projectionType, nonKeyAttributes, newThroughput,
        createdMillis, backfill);
  }

  /** Whether {@code other} is this very index (same name, created at the same moment). */
  public boolean sameIndex(SecondaryIndex other) {
    return other != null && name.equals(other.name()) && createdMillis == other.createdMillis();
  }
}
