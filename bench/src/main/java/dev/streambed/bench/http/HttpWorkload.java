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
  };

  abstract byte[][] requests(RawRequests raw, HttpSettings s);

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
