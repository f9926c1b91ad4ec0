package dev.streambed.iam.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.streambed.iam.IamError;
import dev.streambed.kernel.error.AwsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, validated policy document. Parsing refuses what IAM refuses, with IAM's
 * {@code MalformedPolicyDocument} messages ({@link PolicyGrammar}).
 */
public record PolicyDocument(String version, List<Statement> statements) {
  /**
   * What a document is for: an inline policy, a managed policy's version (which must be of
   * version 2012-10-17), or a role's trust policy (which names principals, not resources).
   */
  public enum Kind { IDENTITY, MANAGED, TRUST }

  /** The version that enables policy variables; documents without a Version are the older one. */
  public static final String CURRENT_VERSION = "2012-10-17";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  public static PolicyDocument parse(String text, Kind kind) {
    // IAM words text that is not JSON differently for trust policies (recorded AWS answers).
    String notJson = kind == Kind.TRUST ? "This policy contains invalid Json" : PolicyGrammar.SYNTAX;
    JsonNode root;
    try (JsonParser p = JSON.createParser(text)) {
      root = JSON.readTree(p);
      if (root == null || p.nextToken() != null) {
        throw malformed(notJson);
      }
    } catch (IOException e) {
      throw malformed(notJson);
    }
    PolicyGrammar.check(root, kind);
    JsonNode statement = root.get("Statement");
    List<Statement> statements = new ArrayList<>();
    if (statement.isObject()) {
      statements.add(statement(statement));
    } else {
      for (JsonNode s : statement) {
        statements.add(statement(s));
      }
    }
    return new PolicyDocument(root.has("Version") ? root.get("Version").asText() : null, List.copyOf(statements));
  }

  /** Whether the document is well formed for {@code kind}, without the details. */
  public static void validate(String text, Kind kind) {
    parse(text, kind);
  }

  /** A statement the grammar accepted. */
  private static Statement statement(JsonNode s) {
    JsonNode sid = s.get("Sid");
    return new Statement(sid == null ? null : sid.asText(), s.get("Effect").asText().equals("Allow"),
        strings(s.get("Action")), strings(s.get("NotAction")), strings(s.get("Resource")),
        strings(s.get("NotResource")), principals(s.get("Principal")), principals(s.get("NotPrincipal")),
        conditions(s.get("Condition")));
  }

  private static Map<String, List<String>> principals(JsonNode p) {
    if (p == null) {
      return null;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (p.isTextual() && p.asText().equals("*")) {
      out.put("*", List.of("*"));
      return out;
    }
    if (!p.isObject() || p.size() == 0) {
      throw malformed("Syntax errors in policy.");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!Set.of("AWS", "Service", "Federated", "CanonicalUser").contains(e.getKey())) {
        throw malformed("Invalid principal in policy: \"" + e.getKey() + "\"");
      }
      out.put(e.getKey(), strings(e.getValue()));
    }
    return out;
  }

  private static Map<String, Map<String, List<String>>> conditions(JsonNode c) {
    if (c == null) {
      return Map.of();
    }
    if (!c.isObject()) {
      throw malformed("Syntax errors in policy.");
    }
    Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> ops = c.fields(); ops.hasNext(); ) {
      Map.Entry<String, JsonNode> op = ops.next();
      if (!Conditions.known(op.getKey())) {
        continue; // an unknown operator with no keys, which IAM accepts and never matches
      }
      Map<String, List<String>> keys = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> ks = op.getValue().fields(); ks.hasNext(); ) {
        Map.Entry<String, JsonNode> k = ks.next();
        keys.put(k.getKey(), conditionValues(k.getValue()));
      }
      out.put(op.getKey(), keys);
    }
    return out;
  }

  private static List<String> conditionValues(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isValueNode() || e.isNull()) {
          throw malformed("Syntax errors in policy.");
        }
        out.add(e.asText());
      }
    } else if (v.isValueNode() && !v.isNull()) {
      out.add(v.asText());
    } else {
      throw malformed("Syntax errors in policy.");
    }
    return List.copyOf(out);
  }

  /** A string or an array of strings; null when the element is absent. */
  private static List<String> strings(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isTextual()) {
      return List.of(n.asText());
    }
    if (n.isArray()) {
      List<String> out = new ArrayList<>();
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          throw malformed(PolicyGrammar.SYNTAX);
        }
        out.add(e.asText());
      }
      return List.copyOf(out);
    }
    throw malformed(PolicyGrammar.SYNTAX);
  }

  static AwsException malformed(String message) {
    return new AwsException(IamError.MALFORMED_POLICY_DOCUMENT, message);
  }
}
