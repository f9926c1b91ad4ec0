package dev.streambed.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.rocksdb.RocksStorage;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A whole Streambed state as files, for sharing a dataset: {@code manifest.json} (what wrote it,
 * when, the storage format and the number of entries) and {@code entries.jsonl.gz}, one JSON line
 * per stored entry, {@code {"k": base64 key, "v": base64 value}}, in key order. The entries are
 * the storage's own, so tables, items, indexes, streams with their records, functions with their
 * code, triggers with their positions, roles, policies and logs all travel together; they are
 * read back only by a Streambed of the same storage format.
 */
public final class Snapshots {
  static final String MANIFEST = "manifest.json";
  static final String ENTRIES = "entries.jsonl.gz";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 1000;

  private Snapshots() {}

  /** A snapshot could not be written or read; the message says why. */
  public static final class SnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SnapshotException(String message) {
      super(message);
    }
  }

  /** Writes every entry of {@code storage} to a new or empty directory; returns how many. */
  public static long export(Storage storage, Path dir) throws IOException {
    requireEmpty(dir, "export to");
    Files.createDirectories(dir);
    long count = 0;
    Base64.Encoder b64 = Base64.getEncoder();
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
        new GZIPOutputStream(Files.newOutputStream(dir.resolve(ENTRIES))), StandardCharsets.UTF_8))) {
      byte[] from = new byte[0];
      while (true) {
        List<Entry> page = storage.range(from, null, false, PAGE);
        for (Entry e : page) {
          out.write("{\"k\":\"" + b64.encodeToString(e.key()) + "\",\"v\":\"" + b64.encodeToString(e.value()) + "\"}\n");
        }
        count += page.size();
        if (page.size() < PAGE) {
          break;
        }
        from = Keys.successor(page.get(page.size() - 1).key());
      }
    }
    ObjectNode manifest = JSON.createObjectNode()
        .put("streambed", String.valueOf(Snapshots.class.getPackage().getImplementationVersion()))
        .put("storageFormat", RocksStorage.FORMAT)
        .put("exported", Instant.now().toString())
        .put("entries", count);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(MANIFEST).toFile(), manifest);
    return count;
  }

  /** Reads a snapshot into an empty store; returns how many entries. */
  public static long importInto(Path dir, Storage storage) throws IOException {
    JsonNode manifest = manifest(dir);
    if (!storage.range(new byte[0], null, false, 1).isEmpty()) {
      throw new SnapshotException("The data directory is not empty; import into a new one.");
    }
    long count = 0;
    Base64.Decoder b64 = Base64.getDecoder();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(dir.resolve(ENTRIES))), StandardCharsets.UTF_8))) {
      Batch batch = new Batch();
      int inBatch = 0;
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode e = JSON.readTree(line);
        batch.put(b64.decode(e.get("k").asText()), b64.decode(e.get("v").asText()));
        count++;
        if (++inBatch == PAGE) {
          storage.commit(batch);
          batch = new Batch();
          inBatch = 0;
        }
      }
      if (inBatch > 0) {
        storage.commit(batch);
      }
    }
    long expected = manifest.path("entries").asLong(-1);
    if (expected >= 0 && expected != count) {
      throw new SnapshotException(dir + " is incomplete: its manifest counts " + expected + " entries, "
          + ENTRIES + " holds " + count + ".");
    }
    return count;
  }

  /** The snapshot's manifest, once it is known to be one this Streambed reads. */
  public static JsonNode manifest(Path dir) throws IOException {
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(dir.resolve(ENTRIES))) {
      throw new SnapshotException(dir + " holds no Streambed snapshot (" + MANIFEST + " and " + ENTRIES + ").");
    }
    JsonNode manifest = JSON.readTree(manifestFile.toFile());
    int format = manifest.path("storageFormat").asInt(-1);
    if (format != RocksStorage.FORMAT) {
      throw new SnapshotException(dir + " is a snapshot of storage format " + format
          + "; this Streambed reads format " + RocksStorage.FORMAT + " only.");
    }
    return manifest;
  }

  private static void requireEmpty(Path dir, String what) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        if (files.findAny().isPresent()) {
          throw new SnapshotException("Cannot " + what + " " + dir + ": it is not empty.");
        }
      }
    } else if (Files.exists(dir)) {
      throw new SnapshotException("Cannot " + what + " " + dir + ": it is not a directory.");
    }
  }
}
