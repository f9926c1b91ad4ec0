package dev.streambed.bench.http;

import dev.streambed.bench.load.ItemShape;
import java.util.Locale;

/** The operations the raw HTTP generator replays, each as a ring of pre-built requests. */
public enum HttpWorkload {
  PUT {
    @Override
    byte[][] requests(RawRequests raw, HttpSettings s) {
      byte[][] ring = new byte[s.keys()][];
      for (int i = 0; i < ring.length; i++) {
        ring[i] = raw.putItem(ItemShape.putKey(i), ItemShape.singleRangeKey(), s.itemSize());
      }
      return ring;
    }
  },
  GET {
    @Override
    byte[][] requests(RawRequests raw, HttpSettings s) {
      byte[][] ring = new byte[s.keys()][];
      for (int i = 0; i < ring.length; i++) {
        ring[i] = raw.getItem(ItemShape.getKey(i), ItemShape.singleRangeKey());
      }
      return ring;
    }
  },
  /** The Query of the query partition's {@code --query-items} items, the same request each time. */
  QUERY {
    @Override
    byte[][] requests(RawRequests raw, HttpSettings s) {
      return new byte[][] {raw.query(ItemShape.QUERY_PARTITION)};
    }
  },
  /** One Scan page of {@code --query-items} items (Limit). */
  SCAN {
    @Override
    byte[][] requests(RawRequests raw, HttpSettings s) {
      return new byte[][] {raw.scan(s.queryItems())};
    }
  },
  /** A BatchWriteItem of 25 puts of distinct items, over a ring of {@code --keys} requests. */
  BATCH_WRITE {
    @Override
    byte[][] requests(RawRequests raw, HttpSettings s) {
      byte[][] ring = new byte[s.keys()][];
      for (int i = 0; i < ring.length; i++) {
        ring[i] = raw.batchWriteItem(i, s.itemSize());
      }
      return ring;
    }
  },
  /** A TransactWriteItems of 4 puts of distinct items, over a ring of {@code --keys} requests. */
  TRANSACT_WRITE {
    @Override
    byte[][] requests(RawRequests raw, HttpSettings s) {
      byte[][] ring = new byte[s.keys()][];
      for (int i = 0; i < ring.length; i++) {
        ring[i] = raw.transactWriteItems(i, s.itemSize());
      }
      return ring;
    }
  };

  /** The workload of a label ({@code batch-write}), or of its name in any case. */
  public static HttpWorkload parse(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  abstract byte[][] requests(RawRequests raw, HttpSettings s);

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
