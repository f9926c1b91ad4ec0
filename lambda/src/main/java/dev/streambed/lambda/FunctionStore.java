package dev.streambed.lambda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Lambda keeps its state in the store, and how it is encoded.
 *
 * <p>Keys: {@code 0x40 | account/region/name} holds a function's state ($LATEST and what
 * changes with it), {@code 0x41 | sha256} code, {@code 0x42 | account/region/name/NNNNNNNNNN} a
 * published version, {@code 0x43 | account/region/name/alias} an alias, {@code 0x46 |
 * account/region/name/kind/qualifier} a setting kept per qualifier (the resource policy, the
 * EventInvokeConfig), deleted with the function.
 */
final class FunctionStore {
  private static final byte STATE = 0x40;
  private static final byte CODE = 0x41;
  private static final byte VERSION = 0x42;
  private static final byte ALIAS = 0x43;
  private static final byte SETTING = 0x46;
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Storage storage;

  FunctionStore(Storage storage) {
    this.storage = storage;
  }

  Storage storage() {
    return storage;
  }

  static byte[] statePrefix(String account, String region) {
    return key(STATE, account + "/" + region + "/");
  }

  static byte[] stateKey(String account, String region, String name) {
    return key(STATE, account + "/" + region + "/" + name);
  }

  static byte[] versionPrefix(String account, String region) {
    return key(VERSION, account + "/" + region + "/");
  }

  static byte[] versionPrefix(String account, String region, String name) {
    return key(VERSION, account + "/" + region + "/" + name + "/");
  }

  static byte[] versionKey(String account, String region, String name, int number) {
    return key(VERSION, account + "/" + region + "/" + name + "/" + String.format("%010d", number));
  }

  static byte[] aliasPrefix(String account, String region, String name) {
    return key(ALIAS, account + "/" + region + "/" + name + "/");
  }

  static byte[] aliasKey(String account, String region, String name, String alias) {
    return key(ALIAS, account + "/" + region + "/" + name + "/" + alias);
  }

  static byte[] settingPrefix(String account, String region, String name) {
    return key(SETTING, account + "/" + region + "/" + name + "/");
  }

  static byte[] settingPrefix(String account, String region, String name, String kind) {
    return key(SETTING, account + "/" + region + "/" + name + "/" + kind + "/");
  }

  static byte[] settingKey(String account, String region, String name, String kind, String qualifier) {
    return key(SETTING, account + "/" + region + "/" + name + "/" + kind + "/" + qualifier);
  }

  static byte[] codeKey(String sha) {
    return key(CODE, sha);
  }

  private static byte[] key(byte kind, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[t.length + 1];
    k[0] = kind;
    System.arraycopy(t, 0, k, 1, t.length);
    return k;
  }

  static byte[] encode(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(byte[] bytes, Class<T> type) {
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every value under a prefix, decoded. */
  <T> List<T> all(byte[] prefix, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Entry e : storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE)) {
      out.add(read(e.value(), type));
    }
    return out;
  }

  /** Every key under a prefix. */
  List<byte[]> keys(byte[] prefix) {
    List<byte[]> out = new ArrayList<>();
    for (Entry e : storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE)) {
      out.add(e.key());
    }
    return out;
  }
}
