package dev.streambed.storage.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage contract. A backend's test extends this class and says how to make a fresh,
 * empty store; every backend runs the same assertions unchanged.
 */
public abstract class StorageContract {
  protected Storage storage;

  /** A new, empty store. It is closed after each test. */
  protected abstract Storage newStorage();

  @BeforeEach
  void open() {
    storage = newStorage();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static byte[] k(String s) {
    return s.getBytes(UTF_8);
  }

  private static String str(byte[] b) {
    return new String(b, UTF_8);
  }

  private void put(String key, String value) {
    storage.commit(new Batch().put(k(key), k(value)));
  }

  private List<String> keys(List<Entry> entries) {
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      out.add(str(e.key()));
    }
    return out;
  }

  @Test
  void missingKeyReadsAsNull() {
    assertThat(storage.get(k("nothing"))).isNull();
  }

  @Test
  void putThenGetReturnsValueAndPositiveVersion() {
    put("a", "1");
    Entry e = storage.get(k("a"));
    assertThat(str(e.value())).isEqualTo("1");
    assertThat(e.version()).isPositive();
  }

  @Test
  void everyWriteChangesTheVersion() {
    put("a", "1");
    long v1 = storage.get(k("a")).version();
    put("a", "1");
    long v2 = storage.get(k("a")).version();
    assertThat(v2).isNotEqualTo(v1);
  }

  @Test
  void deleteRemovesTheKey() {
    put("a", "1");
    storage.commit(new Batch().delete(k("a")));
    assertThat(storage.get(k("a"))).isNull();
  }

  @Test
  void rangeIsOrderedByUnsignedBytes() {
    storage.commit(new Batch()
        .put(new byte[] {(byte) 0x80}, k("high"))
        .put(new byte[] {0x01}, k("low"))
        .put(new byte[] {(byte) 0xFF, 0x00}, k("top"))
        .put(new byte[] {0x7F}, k("mid")));
    List<Entry> all = storage.range(new byte[0], null, false, 100);
    assertThat(all).extracting(e -> str(e.value())).containsExactly("low", "mid", "high", "top");
    List<Entry> reversed = storage.range(new byte[0], null, true, 100);
    assertThat(reversed).extracting(e -> str(e.value())).containsExactly("top", "high", "mid", "low");
  }

  @Test
  void rangeHonoursBoundsAndLimitInBothDirections() {
    for (String key : List.of("a", "b", "c", "d", "e")) {
      put(key, key);
    }
    assertThat(keys(storage.range(k("b"), k("e"), false, 100))).containsExactly("b", "c", "d");
    assertThat(keys(storage.range(k("b"), k("e"), true, 100))).containsExactly("d", "c", "b");
    assertThat(keys(storage.range(k("b"), k("e"), false, 2))).containsExactly("b", "c");
    assertThat(keys(storage.range(k("b"), k("e"), true, 2))).containsExactly("d", "c");
    assertThat(keys(storage.range(Keys.successor(k("b")), null, false, 100)))
        .containsExactly("c", "d", "e");
  }

  @Test
  void prefixRangeSelectsExactlyThePrefix() {
    put("ab", "1");
    put("ab\u0000x", "2");
    put("abc", "3");
    put("ac", "4");
    put("b", "5");
    assertThat(keys(storage.range(k("ab"), Keys.prefixEnd(k("ab")), false, 100)))
        .containsExactly("ab", "ab\u0000x", "abc");
  }

  @Test
  void batchIsAtomicWhenACheckFails() {
    put("a", "1");
    long v = storage.get(k("a")).version();
    Batch stale = new Batch()
        .expectVersion(k("a"), v + 1000)
        .put(k("a"), k("2"))
        .put(k("b"), k("2"));
    assertThatThrownBy(() -> storage.commit(stale)).isInstanceOf(VersionConflictException.class);
    assertThat(str(storage.get(k("a")).value())).isEqualTo("1");
    assertThat(storage.get(k("b"))).isNull();
  }

  @Test
  void absentCheckGuardsCreation() {
    storage.commit(new Batch().expectVersion(k("a"), Storage.ABSENT).put(k("a"), k("1")));
    assertThatThrownBy(() -> storage.commit(
        new Batch().expectVersion(k("a"), Storage.ABSENT).put(k("a"), k("2"))))
        .isInstanceOf(VersionConflictException.class);
    assertThat(str(storage.get(k("a")).value())).isEqualTo("1");
  }

  @Test
  void batchWritesSeveralKeysTogether() {
    storage.commit(new Batch().put(k("x"), k("1")).put(k("y"), k("2")).delete(k("z")));
    assertThat(keys(storage.range(new byte[0], null, false, 10))).containsExactly("x", "y");
  }

  @Test
  void optimisticIncrementsFromManyThreadsAreExact() throws Exception {
    int threads = 8;
    int perThread = 300;
    storage.commit(new Batch().put(k("counter"), k("0")));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          while (true) {
            Entry e = storage.get(k("counter"));
            long next = Long.parseLong(str(e.value())) + 1;
            try {
              storage.commit(new Batch()
                  .expectVersion(k("counter"), e.version())
                  .put(k("counter"), k(Long.toString(next))));
              break;
            } catch (VersionConflictException retry) {
              // another thread won this round; read again
            }
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(str(storage.get(k("counter")).value())).isEqualTo(Integer.toString(threads * perThread));
  }

  @Test
  void valuesAreCopiedOrNotAliasedByCallerChanges() {
    byte[] value = k("v");
    storage.commit(new Batch().put(k("a"), value));
    Entry e = storage.get(k("a"));
    assertThat(str(e.value())).isEqualTo("v");
  }
}
