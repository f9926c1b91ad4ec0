package dev.streambed.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecodedTest {
  private final AtomicInteger decodes = new AtomicInteger();
  private final Decoded<String> decoded = new Decoded<>(2, bytes -> {
    decodes.incrementAndGet();
    return new String(bytes, StandardCharsets.UTF_8);
  });

  private static Entry entry(String key, String value, long version) {
    return new Entry(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), version);
  }

  @Test
  void theSameBytesAreDecodedOnce() {
    assertThat(decoded.of(entry("k", "one", 1))).isEqualTo("one");
    // Equal bytes in another array (as a store that copies returns them) are the same record.
    assertThat(decoded.of(entry("k", "one", 1))).isEqualTo("one");
    assertThat(decodes).hasValue(1);
  }

  @Test
  void changedBytesAreDecodedAgainWhoeverWroteThem() {
    assertThat(decoded.of(entry("k", "one", 1))).isEqualTo("one");
    assertThat(decoded.of(entry("k", "two", 2))).isEqualTo("two");
    assertThat(decoded.of(entry("k", "one", 3))).isEqualTo("one");
    assertThat(decodes).hasValue(3);
  }

  @Test
  void keysAreKeptApartAndTheCacheStaysWithinItsCapacity() {
    assertThat(decoded.of(entry("a", "x", 1))).isEqualTo("x");
    assertThat(decoded.of(entry("b", "y", 1))).isEqualTo("y");
    assertThat(decoded.of(entry("c", "z", 1))).isEqualTo("z");
    assertThat(decoded.of(entry("a", "x", 1))).isEqualTo("x");
    assertThat(decoded.of(entry("c", "z", 1))).isEqualTo("z");
    // Past its capacity of 2 it started over at "c": "a" was decoded again, "c" was not.
    assertThat(decodes).hasValue(4);
  }
}
