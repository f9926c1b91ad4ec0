package dev.streambed.iam.policy;

import static dev.streambed.iam.policy.PolicyDocument.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.iam.policy.PolicyDocument.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IAM's checks of a policy document, in IAM's order, with its messages (recorded AWS answers to
 * CreatePolicy, February 2026): first the grammar ("Syntax errors in policy."), then, for managed
 * policies, the version, then what IAM calls legacy parsing (the Effect's case, ARNs of four or
 * five parts, Date condition values), then unique Sids, then each statement's actions, resources
 * and their ARNs, and its actions' vendors.
 */
final class PolicyGrammar {
  static final String SYNTAX = "Syntax errors in policy.";
  private static final String LEGACY = "The policy failed legacy parsing";
  private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
  private static final Set<String> FIELDS = Set.of("Sid", "Effect", "Action", "NotAction",
      "Resource", "NotResource", "Principal", "NotPrincipal", "Condition");
  private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
  private static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso",
      "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc");
  private static final List<String> IAM_PATHS = List.of("user/", "federated-user/", "role/", "group/",
      "instance-profile/", "mfa/", "server-certificate/", "policy/", "sms-mfa/", "saml-provider/",
      "oidc-provider/", "report/", "access-report/");
  private static final Pattern VENDOR = Pattern.compile("[A-Za-z0-9_.-]+");
  /** What a trust policy may allow: the ways of assuming a role, and what a session may carry. */
  private static final Set<String> TRUST_ACTIONS = Set.of("sts:assumerole", "sts:assumerolewithsaml",
      "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext");

  private PolicyGrammar() {}

  static void check(JsonNode root, Kind kind) {
    List<JsonNode> statements = syntax(root);
    if (kind == Kind.MANAGED) {
      JsonNode version = root.get("Version");
      if (version == null || !version.asText().equals(PolicyDocument.CURRENT_VERSION)) {
        throw malformed("Policy document must be version 2012-10-17 or greater.");
      }
    }
    for (JsonNode s : statements) {
      legacy(s);
    }
    Set<String> sids = new HashSet<>();
    for (JsonNode s : statements) {
      String sid = s.path("Sid").asText("");
      if (!sid.isEmpty() && !sids.add(sid)) {
        throw malformed("Statement IDs (SID) in a single policy must be unique.");
      }
    }
    for (JsonNode s : statements) {
      if (kind == Kind.TRUST) {
        trustStatement(s);
      } else {
        identityStatement(s);
      }
    }
  }

  /** The grammar of the whole document; its statements when it holds. */
  private static List<JsonNode> syntax(JsonNode root) {
    if (!root.isObject() || !TOP.containsAll(names(root))) {
      throw malformed(SYNTAX);
    }
    JsonNode version = root.get("Version");
    JsonNode id = root.get("Id");
    JsonNode statement = root.get("Statement");
    if ((version != null && !(version.isTextual() && VERSIONS.contains(version.asText())))
        || (id != null && !id.isTextual()) || statement == null) {
      throw malformed(SYNTAX);
    }
    List<JsonNode> statements = new ArrayList<>();
    if (statement.isObject()) {
      statements.add(statement);
    } else if (statement.isArray() && statement.size() > 0) {
      statement.forEach(statements::add);
    } else {
      throw malformed(SYNTAX);
    }
    for (JsonNode s : statements) {
      if (!s.isObject() || !FIELDS.containsAll(names(s))) {
        throw malformed(SYNTAX);
      }
      JsonNode effect = s.get("Effect");
      if (effect == null || !effect.isTextual()
          || !(effect.asText().equalsIgnoreCase("Allow") || effect.asText().equalsIgnoreCase("Deny"))) {
        throw malformed(SYNTAX);
      }
      if ((s.has("Sid") && !s.get("Sid").isTextual())
          || (s.has("Action") && s.has("NotAction")) || (s.has("Resource") && s.has("NotResource"))) {
        throw malformed(SYNTAX);
      }
      for (String field : List.of("Action", "NotAction", "Resource", "NotResource")) {
        if (s.has(field) && !stringOrStrings(s.get(field))) {
          throw malformed(SYNTAX);
        }
      }
      if (s.has("Condition")) {
        conditionSyntax(s.get("Condition"));
      }
    }
    return statements;
  }

  private static void conditionSyntax(JsonNode condition) {
    if (!condition.isObject()) {
      throw malformed(SYNTAX);
    }
    for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
      Map.Entry<String, JsonNode> op = ops.next();
      if (!op.getValue().isObject()) {
        throw malformed(SYNTAX);
      }
      // An operator IAM does not know passes while it names no key: {"x": {}} is accepted.
      for (Iterator<JsonNode> values = op.getValue().elements(); values.hasNext(); ) {
        JsonNode v = values.next();
        if (!Conditions.known(op.getKey()) || !(scalar(v) || (v.isArray() && all(v, PolicyGrammar::scalar)))) {
          throw malformed(SYNTAX);
        }
      }
    }
  }

  private static void legacy(JsonNode s) {
    String effect = s.get("Effect").asText();
    if (!effect.equals("Allow") && !effect.equals("Deny")) {
      throw malformed(LEGACY);
    }
    for (String r : strings(s.has("Resource") ? s.get("Resource") : s.get("NotResource"))) {
      String[] parts = r.split(":", -1);
      if (r.startsWith("arn:") && PARTITIONS.contains(parts[1])
          && ((parts.length >= 4 && parts.length < 6) || (parts.length >= 6 && parts[2].isEmpty()))) {
        throw malformed(LEGACY);
      }
    }
    JsonNode condition = s.get("Condition");
    if (condition != null) {
      for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String base = op.getKey().replaceFirst("^For(All|Any)Values?:", "");
        if (!base.startsWith("Date")) {
          continue;
        }
        for (JsonNode values : op.getValue()) {
          for (String v : strings(values)) {
            if (!PolicyDates.valid(v)) {
              throw malformed(LEGACY);
            }
          }
        }
      }
    }
  }

  private static void identityStatement(JsonNode s) {
    List<String> actions = strings(s.has("Action") ? s.get("Action") : s.get("NotAction"));
    if (actions.isEmpty()) {
      throw malformed("Policy statement must contain actions.");
    }
    if (s.has("Principal") || s.has("NotPrincipal")) {
      throw malformed("Policy document should not specify a principal.");
    }
    List<String> resources = strings(s.has("Resource") ? s.get("Resource") : s.get("NotResource"));
    if (resources.isEmpty()) {
      throw malformed("Policy statement must contain resources.");
    }
    for (String r : resources) {
      resource(r);
    }
    for (String a : actions) {
      action(a);
    }
  }

  private static void trustStatement(JsonNode s) {
    List<String> actions = strings(s.has("Action") ? s.get("Action") : s.get("NotAction"));
    if (actions.isEmpty()) {
      throw malformed("Policy statement must contain actions.");
    }
    if (s.has("Resource")) {
      throw malformed("Has prohibited field Resource");
    }
    if (s.has("NotResource")) {
      throw malformed("Has prohibited field NotResource");
    }
    if (!s.has("Principal") && !s.has("NotPrincipal")) {
      throw malformed("Missing required field Principal");
    }
    for (String a : actions) {
      String lower = a.toLowerCase(Locale.ROOT);
      boolean pattern = lower.contains("*") || lower.contains("?");
      if (!(TRUST_ACTIONS.contains(lower) || (pattern && (lower.startsWith("sts:") || lower.equals("*"))))) {
        throw malformed("AssumeRole policy may only specify STS AssumeRole actions.");
      }
    }
  }

  /** A Resource's form: "*", or an ARN whose partition, vendor and region IAM accepts. */
  private static void resource(String r) {
    if (r.equals("*")) {
      return;
    }
    if (!r.startsWith("arn:")) {
      if (!r.contains(":")) {
        throw malformed("Resource " + r + " must be in ARN format or \"*\".");
      }
      // IAM reads "a:b..." as an ARN with "a" in place of "arn" and what is missing as "*".
      List<String> parts = new ArrayList<>(List.of(r.split(":", -1)));
      parts.set(0, "arn");
      while (parts.size() < 6) {
        parts.add("*");
      }
      String read = String.join(":", parts);
      if (!PARTITIONS.contains(parts.get(1))) {
        throw malformed("Partition \"" + parts.get(1) + "\" is not valid for resource \"" + read + "\".");
      }
      throw malformed("Resource " + r + " must be in ARN format or \"*\".");
    }
    String[] parts = r.split(":", -1);
    if (parts.length < 3) {
      throw malformed("Resource vendor must be fully qualified and cannot contain regexes.");
    }
    if (!PARTITIONS.contains(parts[1])) {
      throw malformed("Partition \"" + parts[1] + "\" is not valid for resource \"" + r + "\".");
    }
    if (parts.length < 6) {
      return;
    }
    String resource = r.substring(String.join(":", List.of(parts).subList(0, 5)).length() + 1);
    if (parts[2].equals("iam")) {
      if (!parts[3].isEmpty()) {
        throw malformed("IAM resource " + r + " cannot contain region information.");
      }
      if (!resource.equals("*") && !resource.equals("root") && IAM_PATHS.stream().noneMatch(resource::startsWith)) {
        throw malformed("IAM resource path must either be \"*\", root, or start with " + String.join(", ", IAM_PATHS) + ".");
      }
    } else if (parts[2].equals("s3") && !parts[3].isEmpty() && parts[4].isEmpty()) {
      // Buckets and objects have no region; access points (with an account) have one.
      throw malformed("Resource " + r + " can not contain region information.");
    }
  }

  private static void action(String a) {
    if (a.equals("*")) {
      return;
    }
    int colon = a.indexOf(':');
    if (colon < 0) {
      throw malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    }
    if (a.indexOf(':', colon + 1) >= 0) {
      throw malformed("Actions/Condition can contain only one colon.");
    }
    String vendor = a.substring(0, colon);
    if (!VENDOR.matcher(vendor).matches()) {
      throw malformed("Vendor " + vendor + " is not valid");
    }
  }

  private static boolean stringOrStrings(JsonNode n) {
    return n.isTextual() || (n.isArray() && all(n, JsonNode::isTextual));
  }

  private static boolean scalar(JsonNode n) {
    return n.isTextual() || n.isNumber() || n.isBoolean();
  }

  private static boolean all(JsonNode array, java.util.function.Predicate<JsonNode> p) {
    for (JsonNode e : array) {
      if (!p.test(e)) {
        return false;
      }
    }
    return true;
  }

  /** A string or array of strings as a list; absent is empty. */
  static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(e -> out.add(e.asText()));
    } else {
      out.add(n.asText());
    }
    return out;
  }

  private static Set<String> names(JsonNode object) {
    Set<String> out = new HashSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
