package dev.streambed.dynamodb.table;

import java.util.List;
import java.util.Map;

/**
 * A table's stored definition. Immutable: a change makes a new record, stored and cached by
 * {@link TableCatalog}.
 *
 * @param id the TableId AWS reports, a UUID; items are stored under it, so a table deleted and
 *     created again under the same name starts empty
 * @param createdMillis CreationDateTime in epoch milliseconds
 * @param warmThroughput the WarmThroughput CreateTable asked for, or null for the table's default
 */
public record Table(
    String account,
    String region,
    String name,
    String id,
    long createdMillis,
    KeySchema keySchema,
    List<AttributeDefinition> attributeDefinitions,
    String billingMode,
    Throughput throughput,
    long billingModeChangedMillis,
    StreamSettings stream,
    boolean deletionProtection,
    String tableClass,
    Map<String, String> tags,
    List<SecondaryIndex> indexes,
    Warm warmThroughput) {

  public Table {
    indexes = indexes == null ? List.of() : List.copyOf(indexes);
  }

  /** The secondary index of that name, or null. */
  public SecondaryIndex index(String indexName) {
    for (SecondaryIndex i : indexes) {
      if (i.name().equals(indexName)) {
        return i;
      }
    }
    return null;
  }

  /** A copy with other indexes. */
  public Table withIndexes(List<SecondaryIndex> newIndexes) {
    return new Table(account, region, name, id, createdMillis, keySchema, attributeDefinitions,
        billingMode, throughput, billingModeChangedMillis, stream, deletionProtection, tableClass,
        tags, newIndexes, warmThroughput);
  }

  /** WarmThroughput: the reads and writes per second the table can take at once. */
  public record Warm(long readUnitsPerSecond, long writeUnitsPerSecond) {}

  /**
   * The WarmThroughput DescribeTable reports: the one asked for, else what the capacity gives
   * (on-demand tables 12,000 reads and 4,000 writes a second, provisioned ones their units), as
   * AWS answers for tables created without one.
   */
  public Warm warm() {
    if (warmThroughput != null) {
      return warmThroughput;
    }
    return isOnDemand() ? new Warm(12000, 4000) : new Warm(throughput.readUnits(), throughput.writeUnits());
  }

  /** An attribute named in AttributeDefinitions with its scalar type (S, N or B). */
  public record AttributeDefinition(String name, String type) {}

  /**
   * Provisioned throughput; zero units for on-demand tables, as DescribeTable reports them.
   * Times are epoch milliseconds, 0 when never.
   */
  public record Throughput(long readUnits, long writeUnits, long lastIncreaseMillis,
      long lastDecreaseMillis, int decreasesToday) {
    public static final Throughput ON_DEMAND = new Throughput(0, 0, 0, 0, 0);
  }

  /**
   * StreamSpecification as stored: whether enabled, with which view type, and the label (a
   * creation timestamp, as AWS forms it) of the latest stream, kept after the stream is disabled.
   */
  public record StreamSettings(boolean enabled, String viewType, String latestLabel) {
    public static final StreamSettings NONE = new StreamSettings(false, null, null);
  }

  /** The ARN of the latest stream, or null when the table never had one. */
  public String latestStreamArn() {
    return stream.latestLabel() == null ? null : arn() + "/stream/" + stream.latestLabel();
  }

  public String arn() {
    return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
  }

  public boolean isOnDemand() {
    return "PAY_PER_REQUEST".equals(billingMode);
  }
}
