package dev.streambed.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.iam.policy.PolicyDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS's managed policies, present in every account from the start under their real ARNs
 * ({@code arn:aws:iam::aws:policy/...}). Each is a JSON resource with its metadata and the
 * document of its default version, as AWS's managed policy reference publishes them.
 */
final class AwsManagedPolicies {
  private static final String DIRECTORY = "/dev/streambed/iam/managed/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, ManagedPolicy> byArn;

  private AwsManagedPolicies(Map<String, ManagedPolicy> byArn) {
    this.byArn = Collections.unmodifiableMap(byArn);
  }

  /** The policies, read once per JVM: they are immutable, and every new Iam (a reset's) shares them. */
  static AwsManagedPolicies load() {
    return Loaded.ALL;
  }

  private static final class Loaded {
    static final AwsManagedPolicies ALL = read();
  }

  private static AwsManagedPolicies read() {
    Map<String, ManagedPolicy> byArn = new LinkedHashMap<>();
    for (String name : read("index.txt").split("\\s+")) {
      if (name.isBlank()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(read(name + ".json"));
        String document = JSON.writeValueAsString(n.get("Document"));
        PolicyDocument.validate(document, PolicyDocument.Kind.MANAGED);
        String path = n.get("Path").asText();
        String arn = "arn:aws:iam::aws:policy" + path + name;
        long created = Instant.parse(n.get("CreateDate").asText()).toEpochMilli();
        long updated = Instant.parse(n.get("UpdateDate").asText()).toEpochMilli();
        String version = n.get("DefaultVersionId").asText();
        byArn.put(arn, new ManagedPolicy("aws", name, path, n.get("PolicyId").asText(), arn,
            n.path("Description").asText(null), created, updated, version, 0,
            List.of(new ManagedPolicy.Version(version, document, updated)), List.of()));
      } catch (IOException e) {
        throw new UncheckedIOException("managed policy " + name, e);
      }
    }
    return new AwsManagedPolicies(byArn);
  }

  ManagedPolicy find(String arn) {
    return byArn.get(arn);
  }

  Collection<ManagedPolicy> all() {
    return new ArrayList<>(byArn.values());
  }

  private static String read(String resource) {
    try (InputStream in = AwsManagedPolicies.class.getResourceAsStream(DIRECTORY + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DIRECTORY + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
