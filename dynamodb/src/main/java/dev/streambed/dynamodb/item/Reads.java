package dev.streambed.dynamodb.item;

import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.Projection;
import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.dynamodb.table.SecondaryIndex;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemCodec;
import dev.streambed.kernel.value.ItemSize;
import dev.streambed.kernel.value.KeyEncoding;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Query and Scan: range reads over a table's items with DynamoDB's paging rules. A page ends
 * when Limit items were evaluated or 1 MB of items was read, and then carries the key of the
 * last item evaluated as LastEvaluatedKey; filters apply after the limit, as on AWS.
 */
public final class Reads {
  /** DynamoDB reads at most 1 MB of items per Query or Scan page. */
  static final long PAGE_BYTES = 1024 * 1024;
  private static final int CHUNK = 128;

  /** What to read and what to return. */
  public record Options(Condition filter, Projection projection, Integer limit,
      Map<String, AttributeValue> exclusiveStartKey, boolean consistent, boolean countOnly) {}

  /**
   * Where a read goes: a table, or one of its secondary indexes; {@code fetchItem} reads each
   * matching item from the table (a local index asked for attributes it does not project).
   */
  public record Source(Table table, SecondaryIndex index, boolean fetchItem) {
    public static Source of(Table table) {
      return new Source(table, null, false);
    }

    KeySchema keySchema() {
      return index == null ? table.keySchema() : index.keySchema();
    }
  }

  /** One page: the items (empty when only counting), counts, where to resume, and the cost. */
  public record Page(List<Map<String, AttributeValue>> items, int count, int scannedCount,
      Map<String, AttributeValue> lastEvaluatedKey, Consumed consumed) {
    public double capacityUnits() {
      return consumed.total();
    }
  }

  private final Storage storage;

  public Reads(Storage storage) {
    this.storage = storage;
  }

  public Page query(Table table, KeyCondition condition, boolean forward, Options options) {
    return query(Source.of(table), condition, forward, options);
  }

  public Page query(Source source, KeyCondition condition, boolean forward, Options options) {
    Table table = source.table();
    byte[] partition = source.index() == null
        ? ItemKeys.partitionPrefix(table, condition.hash())
        : IndexEntries.partitionPrefix(table, source.index(), condition.hash());
    byte[] from;
    byte[] to;
    switch (condition.op()) {
      case NONE:
        from = partition;
        to = Keys.prefixEnd(partition);
        break;
      case EQ:
        from = withSortKey(partition, condition.low());
        to = Keys.prefixEnd(from);
        break;
      case LT:
        from = partition;
        to = withSortKey(partition, condition.low());
        break;
      case LE:
        from = partition;
        to = Keys.prefixEnd(withSortKey(partition, condition.low()));
        break;
      case GT:
        from = Keys.prefixEnd(withSortKey(partition, condition.low()));
        to = Keys.prefixEnd(partition);
        break;
      case GE:
        from = withSortKey(partition, condition.low());
        to = Keys.prefixEnd(partition);
        break;
      case BETWEEN:
        from = withSortKey(partition, condition.low());
        to = Keys.prefixEnd(withSortKey(partition, condition.high()));
        break;
      case BEGINS_WITH:
        from = Keys.concat(partition, KeyEncoding.encodePrefix(condition.low()));
        to = Keys.prefixEnd(from);
        break;
      default:
        throw new IllegalStateException(condition.op().name());
    }
    if (options.exclusiveStartKey() != null) {
      Map<String, AttributeValue> start = startKey(source, options.exclusiveStartKey());
      StartKeys.checkBounds(source.keySchema(), condition, forward, source.index() == null, start);
      byte[] startKey = storageKey(source, start);
      if (forward) {
        from = max(from, Keys.successor(startKey));
      } else {
        to = min(to, startKey);
      }
    }
    return read(source, from, to, !forward, options, null, condition);
  }

  public Page scan(Table table, Options options, Integer segment, Integer totalSegments) {
    return scan(Source.of(table), options, segment, totalSegments);
  }

  public Page scan(Source source, Options options, Integer segment, Integer totalSegments) {
    Table table = source.table();
    byte[] prefix = source.index() == null
        ? ItemKeys.tablePrefix(table) : IndexEntries.indexPrefix(table, source.index());
    byte[] from = prefix;
    byte[] to = Keys.prefixEnd(prefix);
    if (options.exclusiveStartKey() != null) {
      Map<String, AttributeValue> start = startKey(source, options.exclusiveStartKey());
      from = Keys.successor(storageKey(source, start));
    }
    Segmenter segmenter = totalSegments == null ? null : new Segmenter(table, segment, totalSegments);
    return read(source, from, to, false, options, segmenter, null);
  }

  private static byte[] storageKey(Source source, Map<String, AttributeValue> key) {
    return source.index() == null
        ? ItemKeys.storageKey(source.table(), key)
        : IndexEntries.entryKey(source.table(), source.index(), key);
  }

  /**
   * Reads one page from {@code from} to {@code to}. {@code condition} is a Query's key condition
   * (null for a Scan): a Query page that stopped on its condition's far bound carries no
   * LastEvaluatedKey, nor does a Query of a table without a sort key (it reads one item at most).
   */
  private Page read(Source source, byte[] from, byte[] to, boolean reverse, Options options,
      Segmenter segmenter, KeyCondition condition) {
    Table table = source.table();
    int limit = options.limit() == null ? Integer.MAX_VALUE : options.limit();
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    int count = 0;
    int scanned = 0;
    long bytes = 0;
    double fetched = 0;
    Map<String, AttributeValue> last = null;
    boolean stopped = false;
    byte[] lo = from;
    byte[] hi = to;
    outer:
    while (Arrays.compareUnsigned(lo, hi) < 0) {
      List<Entry> chunk = storage.range(lo, hi, reverse, CHUNK);
      for (Entry e : chunk) {
        Map<String, AttributeValue> item = ItemCodec.decode(e.value());
        if (segmenter != null && !segmenter.owns(item)) {
          continue;
        }
        scanned++;
        bytes += ItemSize.of(item);
        last = item;
        if (source.fetchItem()) {
          Entry base = storage.get(ItemKeys.storageKey(table, ItemKeys.keyOf(table, item)));
          if (base == null) {
            continue;
          }
          item = ItemCodec.decode(base.value());
          // Each item fetched from the table is a read of its own, rounded up to 4 KB.
          fetched += Capacity.read(ItemSize.of(item), options.consistent());
        }
        if (options.filter() == null || options.filter().test(item)) {
          count++;
          if (!options.countOnly()) {
            items.add(options.projection() == null ? item : options.projection().apply(item));
          }
        }
        if (scanned >= limit || bytes >= PAGE_BYTES) {
          stopped = true;
          break outer;
        }
      }
      if (chunk.size() < CHUNK) {
        break;
      }
      byte[] chunkEnd = chunk.get(chunk.size() - 1).key();
      if (reverse) {
        hi = chunkEnd;
      } else {
        lo = Keys.successor(chunkEnd);
      }
    }
    if (stopped && condition != null && endsQuery(source, condition, !reverse, last)) {
      stopped = false;
    }
    // A read of nothing still costs the minimum: "Queries that do not return results consume
    // the minimum read capacity units according to the type of read" (Query's API reference).
    Consumed consumed = consumed(source, Capacity.read(bytes, options.consistent()), fetched);
    Map<String, AttributeValue> lastEvaluated = null;
    if (stopped && last != null) {
      lastEvaluated = ItemKeys.keyOf(table, last);
      if (source.index() != null) {
        lastEvaluated.putAll(IndexEntries.keyOf(source.index(), last));
      }
    }
    return new Page(items, count, scanned, lastEvaluated, consumed);
  }

  /**
   * Whether a Query page of the table that stopped at Limit or 1 MB is the last one all the same,
   * as DynamoDB Local answers: the table has no sort key, or the page's last item sits on the
   * condition's far bound. (On an index, whose keys may repeat, the page always says where it
   * stopped.)
   */
  private static boolean endsQuery(Source source, KeyCondition condition, boolean forward,
      Map<String, AttributeValue> last) {
    KeySchema ks = source.keySchema();
    if (source.index() != null || last == null) {
      return false;
    }
    return !ks.hasRange() || StartKeys.onFarBound(condition, forward, last.get(ks.rangeName()));
  }

  /** The read's cost where AWS books it: the table, or the index read (and a local index's fetches). */
  private static Consumed consumed(Source source, double read, double fetched) {
    if (source.index() == null) {
      return Consumed.onTable(read);
    }
    Map<String, Double> index = Map.of(source.index().name(), read);
    return source.index().global() ? new Consumed(0, index, Map.of()) : new Consumed(fetched, Map.of(), index);
  }

  /** Validates an ExclusiveStartKey's attributes and types against the table's and the index's keys. */
  private static Map<String, AttributeValue> startKey(Source source, Map<String, AttributeValue> key) {
    StartKeys.checkShape(source.table().keySchema(), source.index() == null ? null : source.index().keySchema(), key);
    return key;
  }

  /**
   * The size of an item collection: the items of one partition of a table and their entries in
   * its local secondary indexes, as ReturnItemCollectionMetrics estimates it.
   */
  public long collectionBytes(Table table, AttributeValue hash) {
    long bytes = partitionBytes(ItemKeys.partitionPrefix(table, hash));
    for (SecondaryIndex index : table.indexes()) {
      if (!index.global()) {
        bytes += partitionBytes(IndexEntries.partitionPrefix(table, index, hash));
      }
    }
    return bytes;
  }

  private long partitionBytes(byte[] prefix) {
    long bytes = 0;
    byte[] from = prefix;
    byte[] to = Keys.prefixEnd(prefix);
    while (true) {
      List<Entry> chunk = storage.range(from, to, false, 1000);
      for (Entry e : chunk) {
        bytes += ItemSize.of(ItemCodec.decode(e.value()));
      }
      if (chunk.size() < 1000) {
        return bytes;
      }
      from = Keys.successor(chunk.get(chunk.size() - 1).key());
    }
  }

  private static byte[] withSortKey(byte[] partition, AttributeValue sortValue) {
    return Keys.concat(partition, KeyEncoding.encode(sortValue));
  }

  private static byte[] max(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
  }

  private static byte[] min(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
  }

  /** Parallel scan: each partition key belongs to exactly one of TotalSegments segments. */
  private static final class Segmenter {
    private final String hashName;
    private final int segment;
    private final int total;

    Segmenter(Table table, int segment, int total) {
      this.hashName = table.keySchema().hashName();
      this.segment = segment;
      this.total = total;
    }

    boolean owns(Map<String, AttributeValue> item) {
      int h = Arrays.hashCode(KeyEncoding.encode(item.get(hashName)));
      h ^= h >>> 16;
      return Math.floorMod(h, total) == segment;
    }
  }
}
