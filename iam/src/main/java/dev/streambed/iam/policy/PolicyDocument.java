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
 * {@code MalformedPolicyDocument} messages.
 */
public record PolicyDocument(String version, List<Statement> statements) {
  /** What a document is for: the checks differ (a trust policy must name a principal). */
  public enum Kind { IDENTITY, TRUST }

  /** The version that enables policy variables; documents without a Version are the older one. */
  public static final String CURRENT_VERSION = "2012-10-17";
  private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  public static PolicyDocument parse(String text, Kind kind) {
    JsonNode root;
    try (JsonParser p = JSON.createParser(text)) {
      root = JSON.readTree(p);
      if (root == null || p.nextToken() != null) {
        throw malformed("This policy contains invalid Json");
      }
    } catch (IOException e) {
      throw malformed("This policy contains invalid Json");
    }
    if (!root.isObject()) {
      throw malformed("This policy contains invalid Json");
    }
    String version = null;
    if (root.has("Version")) {
      JsonNode v = root.get("Version");
      if (!v.isTextual() || !VERSIONS.contains(v.asText())) {
        throw malformed("The policy must contain a valid version string");
      }
      version = v.asText();
    }
    JsonNode statement = root.get("Statement");
    if (statement == null || !(statement.isObject() || statement.isArray())) {
      throw malformed("Syntax errors in policy.");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("Version") && !name.equals("Statement") && !name.equals("Id")) {
        throw malformed("Syntax errors in policy.");
      }
    }
    List<Statement> statements = new ArrayList<>();
    if (statement.isObject()) {
      statements.add(statement(statement, kind));
    } else {
      for (JsonNode s : statement) {
        if (!s.isObject()) {
          throw malformed("Syntax errors in policy.");
        }
        statements.add(statement(s, kind));
      }
    }
    return new PolicyDocument(version, List.copyOf(statements));
  }

  /** Whether the document is well formed for {@code kind}, without the details. */
  public static void validate(String text, Kind kind) {
    parse(text, kind);
  }

  private static final Set<String> FIELDS = Set.of("Sid", "Effect", "Action", "NotAction",
      "Resource", "NotResource", "Principal", "NotPrincipal", "Condition");

  private static Statement statement(JsonNode s, Kind kind) {
    for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
      if (!FIELDS.contains(names.next())) {
        throw malformed("Syntax errors in policy.");
      }
    }
    JsonNode effect = s.get("Effect");
    if (effect == null) {
      throw malformed("Missing required field Effect");
    }
    if (!effect.isTextual() || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
      throw malformed("Syntax errors in policy.");
    }
    List<String> actions = strings(s.get("Action"));
    List<String> notActions = strings(s.get("NotAction"));
    if (actions != null && notActions != null) {
      throw malformed("Syntax errors in policy.");
    }
    if (actions == null && notActions == null) {
      throw malformed("Policy statement must contain actions.");
    }
    for (String a : actions != null ? actions : notActions) {
      if (!a.equals("*") && a.indexOf(':') <= 0) {
        throw malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
      }
    }
    List<String> resources = strings(s.get("Resource"));
    List<String> notResources = strings(s.get("NotResource"));
    if (resources != null && notResources != null) {
      throw malformed("Syntax errors in policy.");
    }
    Map<String, List<String>> principals = principals(s.get("Principal"));
    Map<String, List<String>> notPrincipals = principals(s.get("NotPrincipal"));
    if (kind == Kind.IDENTITY) {
      if (principals != null || notPrincipals != null) {
        throw malformed("Policy document should not specify a principal.");
      }
      if (resources == null && notResources == null) {
        throw malformed("Policy statement must contain resources.");
      }
      for (String r : resources != null ? resources : notResources) {
        if (!r.equals("*") && !r.startsWith("arn:")) {
          throw malformed("Resource " + r + " must be in ARN format or \"*\".");
        }
      }
    } else {
      if (resources != null) {
        throw malformed("Has prohibited field Resource");
      }
      if (notResources != null) {
        throw malformed("Has prohibited field NotResource");
      }
      if (principals == null && notPrincipals == null) {
        throw malformed("Missing required field Principal");
      }
    }
    JsonNode sid = s.get("Sid");
    if (sid != null && !sid.isTextual()) {
      throw malformed("Syntax errors in policy.");
    }
    return new Statement(sid == null ? null : sid.asText(), effect.asText().equals("Allow"),
        actions, notActions, resources, notResources, principals, notPrincipals,
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
        throw malformed("Syntax errors in policy.");
      }
      if (!op.getValue().isObject()) {
        throw malformed("Syntax errors in policy.");
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

  /** A string or a non-empty array of strings; null when the element is absent. */
  private static List<String> strings(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isTextual()) {
      return List.of(n.asText());
    }
    if (n.isArray() && n.size() > 0) {
      List<String> out = new ArrayList<>();
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          throw malformed("Syntax errors in policy.");
        }
        out.add(e.asText());
      }
      return List.copyOf(out);
    }
    throw malformed("Syntax errors in policy.");
  }

  static AwsException malformed(String message) {
    return new AwsException(IamError.MALFORMED_POLICY_DOCUMENT, message);
  }
}
