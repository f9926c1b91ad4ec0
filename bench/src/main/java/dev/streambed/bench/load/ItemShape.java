package dev.streambed.bench.load;

/**
 * The keys and sizes of the items every workload writes and reads, shared by the SDK and the raw
 * HTTP generators so that both ask the server for the same work.
 *
 * <p>Items have a string hash key {@code pk}, a string range key {@code sk} and one string
 * attribute {@code data} padded so that the item's DynamoDB size (attribute names plus values)
 * is the requested number of bytes.
 */
public final class ItemShape {
  public static final String TABLE = "streambed_bench";
  public static final String HASH_KEY = "pk";
  public static final String RANGE_KEY = "sk";
  public static final String PAYLOAD = "data";
  /** PutItem cycles through this many keys, so that a long run does not grow the table forever. */
  public static final int PUT_KEY_SPACE = 100_000;
  /** The partition that Query reads. */
  public static final String QUERY_PARTITION = "query";
  /** Puts in one BatchWriteItem: the most it takes. */
  public static final int BATCH_PUTS = 25;
  /** Puts in one TransactWriteItems. */
  public static final int TRANSACT_PUTS = 4;

  private ItemShape() {}

  public static String putKey(long sequence) {
    return "put-" + Math.floorMod(sequence, PUT_KEY_SPACE);
  }

  /** The i-th item of the sequence-th BatchWriteItem; keys cycle like PutItem's. */
  public static String batchKey(long sequence, int i) {
    return "batch-" + Math.floorMod(sequence * BATCH_PUTS + i, PUT_KEY_SPACE);
  }

  /** The i-th item of the sequence-th TransactWriteItems; keys cycle like PutItem's. */
  public static String transactKey(long sequence, int i) {
    return "tx-" + Math.floorMod(sequence * TRANSACT_PUTS + i, PUT_KEY_SPACE);
  }

  public static String getKey(long index) {
    return "get-" + index;
  }

  /** Range key of the i-th item of the query partition; zero-padded so they sort as numbers. */
  public static String queryRangeKey(int i) {
    return String.format("%06d", i);
  }

  /** Range key of single-item (put and get) items. */
  public static String singleRangeKey() {
    return "0";
  }

  /** The payload that brings an item with these keys to {@code itemSize} bytes (at least 1). */
  public static String payload(int itemSize, String hashKey, String rangeKey) {
    int overhead = HASH_KEY.length() + hashKey.length() + RANGE_KEY.length() + rangeKey.length()
        + PAYLOAD.length();
    return "x".repeat(Math.max(1, itemSize - overhead));
  }
}
