package dev.streambed.iam;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Decoded;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * IAM's and STS's records in the store, as JSON under key prefixes of their own: 0x20 for IAM,
 * 0x21 for STS. Names are keyed lower-cased because IAM names are unique regardless of case.
 */
final class IamStore {
  static final byte IAM = 0x20;
  static final byte STS = 0x21;
  static final char ROLE = 'r';
  static final char USER = 'u';
  static final char POLICY = 'p';
  static final char ACCESS_KEY = 'k';
  static final char SESSION = 's';

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final int ATTEMPTS = 64;

  /** A record read from the store with the version a later write must expect. */
  record Versioned<T>(T value, long version) {}

  private final Storage storage;
  /** Records read on every authorization (roles, users, policies), decoded once per change. */
  private final java.util.Map<Class<?>, Decoded<?>> decoded = new java.util.concurrent.ConcurrentHashMap<>();

  IamStore(Storage storage) {
    this.storage = storage;
  }

  static byte[] key(byte space, char kind, String accountId, String name) {
    String rest = kind + (accountId == null ? "" : accountId + "/")
        + (name == null ? "" : name.toLowerCase(Locale.ROOT));
    byte[] tail = rest.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[tail.length + 1];
    key[0] = space;
    System.arraycopy(tail, 0, key, 1, tail.length);
    return key;
  }

  <T> Versioned<T> get(byte[] key, Class<T> type) {
    Entry e = storage.get(key);
    return e == null ? null : new Versioned<>(decoded(type).of(e), e.version());
  }

  @SuppressWarnings("unchecked")
  private <T> Decoded<T> decoded(Class<T> type) {
    return (Decoded<T>) decoded.computeIfAbsent(type, t -> new Decoded<>(4096, bytes -> read(bytes, type)));
  }

  <T> List<T> scan(byte[] prefix, Class<T> type) {
    List<T> out = new ArrayList<>();
    byte[] from = prefix;
    byte[] end = Keys.prefixEnd(prefix);
    while (true) {
      List<Entry> page = storage.range(from, end, false, 500);
      for (Entry e : page) {
        out.add(read(e.value(), type));
      }
      if (page.size() < 500) {
        return out;
      }
      from = Keys.successor(page.get(page.size() - 1).key());
    }
  }

  /** Puts {@code value} if the key is still at {@code expected} (ABSENT for "must not exist"). */
  void put(Batch batch, byte[] key, long expected, Object value) {
    batch.expectVersion(key, expected).put(key, write(value));
  }

  void delete(Batch batch, byte[] key, long expected) {
    batch.expectVersion(key, expected).delete(key);
  }

  void commit(Batch batch) {
    storage.commit(batch);
  }

  /**
   * Runs a read-check-write step again while a concurrent writer changed what it read, so that
   * two racing requests end as if they had run one after the other.
   */
  <T> T retrying(Supplier<T> step) {
    for (int i = 1; ; i++) {
      try {
        return step.get();
      } catch (VersionConflictException e) {
        if (i >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static <T> T read(byte[] bytes, Class<T> type) {
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] write(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
