package dev.streambed.lambda;

import static dev.streambed.lambda.FunctionStore.encode;
import static dev.streambed.lambda.FunctionStore.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Resource-based policies of functions, versions and aliases (AddPermission, GetPolicy,
 * RemovePermission): one policy per qualifier, each statement as Lambda writes it, with its own
 * RevisionId. They are kept as AWS keeps them; no service of Streambed invokes a function on the
 * strength of one.
 */
public final class Policies {
  private static final String KIND = "policy";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STATEMENT_ID = Pattern.compile("([a-zA-Z0-9-_]+)");
  private static final Pattern PRINCIPAL = Pattern.compile(
      "\\*|\\d{12}|arn:aws[a-zA-Z-]*:(iam|sts)::\\d{12}:.+|[a-z0-9.-]+\\.(amazonaws\\.com(\\.cn)?|amazon\\.com)");

  private final Functions functions;
  private final Aliases aliases;
  private final Storage storage;

  public Policies(Functions functions, Aliases aliases, Storage storage) {
    this.functions = functions;
    this.aliases = aliases;
    this.storage = storage;
  }

  /** A policy as stored: its statements in the order added, by statement id, and its revision. */
  public record Policy(String revisionId, Map<String, String> statements) {}

  /** What AddPermission asks for; null members are not given. */
  public record Permission(String statementId, String action, String principal, String sourceArn,
      String sourceAccount, String eventSourceToken, String principalOrgId, String functionUrlAuthType,
      String revisionId) {}

  /** AddPermission: the statement added, as JSON text. */
  public String add(FunctionRef ref, Permission p) {
    if (p.statementId() == null || !STATEMENT_ID.matcher(p.statementId()).matches()) {
      throw AwsException.validation("1 validation error detected: Value '" + p.statementId() + "' at 'statementId' "
          + "failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
    }
    if ("$LATEST".equals(ref.qualifier())) {
      throw Functions.invalid("We currently do not support adding policies for $LATEST.");
    }
    String resourceRevision = existing(ref);
    if (p.principal() == null || !PRINCIPAL.matcher(p.principal()).matches()) {
      throw Functions.invalid("The provided principal was invalid. Please check the principal and try again.");
    }
    String statement = statement(ref, p);
    byte[] key = key(ref);
    while (true) {
      Entry e = storage.get(key);
      Policy current = e == null ? new Policy(null, Map.of()) : read(e.value(), Policy.class);
      checkRevision(current.revisionId() == null ? resourceRevision : current.revisionId(), p.revisionId());
      if (current.statements().containsKey(p.statementId())) {
        throw new AwsException(LambdaError.RESOURCE_CONFLICT, "The statement id (" + p.statementId()
            + ") provided already exists. Please provide a new statement id, or remove the existing statement.");
      }
      Map<String, String> statements = new LinkedHashMap<>(current.statements());
      statements.put(p.statementId(), statement);
      if (commit(key, e, new Policy(UUID.randomUUID().toString(), statements))) {
        return statement;
      }
    }
  }

  /** GetPolicy: the policy document as JSON text, and its revision. */
  public Map.Entry<String, String> get(FunctionRef ref) {
    try {
      existing(ref);
    } catch (AwsException e) {
      throw doesNotExist();
    }
    Entry e = storage.get(key(ref));
    if (e == null) {
      throw doesNotExist();
    }
    Policy policy = read(e.value(), Policy.class);
    StringBuilder doc = new StringBuilder("{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[");
    doc.append(String.join(",", policy.statements().values())).append("]}");
    return Map.entry(doc.toString(), policy.revisionId());
  }

  /** RemovePermission; the last statement removed takes the policy with it. */
  public void remove(FunctionRef ref, String statementId, String revisionId) {
    if (!functions.exists(ref.unqualified())) {
      throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "No policy found for: " + ref.arn());
    }
    existing(ref);
    byte[] key = key(ref);
    while (true) {
      Entry e = storage.get(key);
      if (e == null) {
        throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "No policy is associated with the given resource.");
      }
      Policy current = read(e.value(), Policy.class);
      checkRevision(current.revisionId(), revisionId);
      if (!current.statements().containsKey(statementId)) {
        throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "Statement " + statementId
            + " is not found in resource policy.");
      }
      Map<String, String> statements = new LinkedHashMap<>(current.statements());
      statements.remove(statementId);
      Policy next = statements.isEmpty() ? null : new Policy(UUID.randomUUID().toString(), statements);
      if (commit(key, e, next)) {
        return;
      }
    }
  }

  /** The statement as Lambda writes it: principal by kind, conditions from the optional members. */
  private static String statement(FunctionRef ref, Permission p) {
    ObjectNode s = JSON.createObjectNode();
    s.put("Sid", p.statementId());
    s.put("Effect", "Allow");
    String principal = p.principal();
    if (principal.equals("*")) {
      s.put("Principal", "*");
    } else if (principal.matches("\\d{12}")) {
      s.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
    } else if (principal.startsWith("arn:")) {
      s.putObject("Principal").put("AWS", principal);
    } else {
      s.putObject("Principal").put("Service", principal);
    }
    s.put("Action", p.action());
    s.put("Resource", ref.arn());
    ObjectNode equals = JSON.createObjectNode();
    put(equals, "AWS:SourceAccount", p.sourceAccount());
    put(equals, "lambda:FunctionUrlAuthType", p.functionUrlAuthType());
    put(equals, "aws:PrincipalOrgID", p.principalOrgId());
    put(equals, "lambda:EventSourceToken", p.eventSourceToken());
    if (!equals.isEmpty() || p.sourceArn() != null) {
      ObjectNode condition = s.putObject("Condition");
      if (!equals.isEmpty()) {
        condition.set("StringEquals", equals);
      }
      if (p.sourceArn() != null) {
        condition.putObject("ArnLike").put("AWS:SourceArn", p.sourceArn());
      }
    }
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(ObjectNode node, String key, String value) {
    if (value != null) {
      node.put(key, value);
    }
  }

  /**
   * The revision of the function, version or alias named, which also guards the first statement
   * of its policy; its absence in AWS's words.
   */
  private String existing(FunctionRef ref) {
    String q = ref.qualifier();
    if (q != null && !Functions.isNumber(q) && Aliases.isAliasName(q)) {
      return aliases.get(ref.unqualified(), q).revisionId();
    }
    return functions.get(ref).revisionId();
  }

  private static void checkRevision(String current, String given) {
    if (given != null && !given.equals(current)) {
      throw new AwsException(LambdaError.PRECONDITION_FAILED, "The Revision Id provided does not match the latest "
          + "Revision Id. Call the GetPolicy API to retrieve the latest Revision Id");
    }
  }

  private boolean commit(byte[] key, Entry current, Policy next) {
    Batch batch = new Batch().expectVersion(key, current == null ? Storage.ABSENT : current.version());
    if (next == null) {
      batch.delete(key);
    } else {
      batch.put(key, encode(next));
    }
    try {
      storage.commit(batch);
      return true;
    } catch (VersionConflictException raced) {
      return false;
    }
  }

  private static AwsException doesNotExist() {
    return new AwsException(LambdaError.RESOURCE_NOT_FOUND, "The resource you requested does not exist.");
  }

  private static byte[] key(FunctionRef ref) {
    return FunctionStore.settingKey(ref.account(), ref.region(), ref.name(), KIND,
        ref.qualifier() == null ? "$LATEST" : ref.qualifier());
  }
}
