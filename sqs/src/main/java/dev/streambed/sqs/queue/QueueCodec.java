package dev.streambed.sqs.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A queue's stored form, a small JSON document; a deleted queue leaves {@code {"deleted": millis}}
 * behind so that its name cannot be taken again within AWS's 60 seconds.
 */
final class QueueCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueueCodec() {}

  static byte[] encode(Queue q) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", q.id());
    n.put("created", q.createdMillis());
    n.put("modified", q.modifiedMillis());
    n.put("purged", q.purgedMillis());
    ObjectNode attributes = n.putObject("attributes");
    q.attributes().forEach(attributes::put);
    ObjectNode tags = n.putObject("tags");
    q.tags().forEach(tags::put);
    return bytes(n);
  }

  static byte[] tombstone(long deletedMillis) {
    ObjectNode n = JSON.createObjectNode();
    n.put("deleted", deletedMillis);
    return bytes(n);
  }

  /** When the queue stored here was deleted, or -1 when it is a live queue. */
  static long deletedMillis(byte[] bytes) {
    JsonNode n = tree(bytes);
    return n.has("deleted") ? n.get("deleted").longValue() : -1;
  }

  /** The queue, or null for the mark of a deleted one. */
  static Queue decode(QueueRef ref, byte[] bytes) {
    JsonNode n = tree(bytes);
    if (n.has("deleted")) {
      return null;
    }
    return new Queue(ref, n.get("id").longValue(), strings(n.get("attributes")),
        n.get("created").longValue(), n.get("modified").longValue(), strings(n.get("tags")),
        n.get("purged").longValue());
  }

  private static SortedMap<String, String> strings(JsonNode o) {
    SortedMap<String, String> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = o.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static JsonNode tree(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(ObjectNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
