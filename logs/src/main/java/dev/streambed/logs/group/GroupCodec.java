package dev.streambed.logs.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A log group's stored form: a small JSON document. */
final class GroupCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GroupCodec() {}

  static byte[] encode(LogGroup g) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", g.id());
    n.put("creationTime", g.creationTime());
    if (g.retentionInDays() != null) {
      n.put("retentionInDays", g.retentionInDays());
    }
    if (g.kmsKeyId() != null) {
      n.put("kmsKeyId", g.kmsKeyId());
    }
    n.put("logGroupClass", g.logGroupClass());
    ObjectNode tags = n.putObject("tags");
    g.tags().forEach(tags::put);
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LogGroup decode(GroupRef ref, byte[] bytes) {
    try {
      JsonNode n = JSON.readTree(bytes);
      SortedMap<String, String> tags = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.path("tags").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        tags.put(e.getKey(), e.getValue().asText());
      }
      return new LogGroup(ref, n.get("id").longValue(), n.get("creationTime").longValue(),
          n.has("retentionInDays") ? n.get("retentionInDays").intValue() : null,
          n.has("kmsKeyId") ? n.get("kmsKeyId").textValue() : null,
          n.get("logGroupClass").textValue(), java.util.Collections.unmodifiableSortedMap(tags));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
