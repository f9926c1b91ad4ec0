package dev.streambed.tests.differential;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Known differences of the expression language (UpdateItem's returned values, projections, conditions). */
final class ExpressionDifferences {
  /** DynamoDB's errors found while applying an update to the stored item. */
  private static final List<String> EVALUATION_ERRORS = List.of(
      "The document path provided in the update expression is invalid for update",
      "An operand in the update expression has an incorrect data type",
      "The provided expression refers to an attribute that does not exist in the item");

  /**
   * Waives which of several evaluation errors an UpdateExpression with more than one action
   * reports; the error code is still compared.
   */
  static final KnownDifference SEVERAL_UPDATE_ERRORS = new KnownDifference("several-update-errors",
      "reports, of several actions of one UpdateExpression that each fail on the stored item, one "
          + "chosen by the attribute names: the same two faults give 'invalid for update' or "
          + "'incorrect data type' as the names change (about 1,400 probes of DynamoDB Local 2.6.1), "
          + "the iteration order of a hash map",
      "reports one of them; AWS documents no order among several errors, so only the error code is "
          + "compared",
      "DynamoDB API reference, UpdateItem, Errors: ValidationException with no precedence among "
          + "causes; DynamoDB Local's choice varies with attribute names alone, which no documented "
          + "rule explains",
      (step, local) -> {
        if (!(step.request() instanceof UpdateItemRequest u) || !local.failed()
            || u.updateExpression() == null || !EVALUATION_ERRORS.contains(local.errorMessage())
            || actions(u.updateExpression()) < 2) {
          return local;
        }
        return local.withError(local.status(), local.errorCode(),
            KnownDifference.WAIVED + " which of several update errors is reported");
      });

  static final List<KnownDifference> ALL = List.of(
      SEVERAL_UPDATE_ERRORS,
      new KnownDifference("nested-updated-values",
          "returns, for ReturnValues UPDATED_OLD and UPDATED_NEW, every top-level attribute an "
              + "UpdateExpression touches whole, even when only a nested path of it was updated",
          "returns only the updated fragments, each inside the maps and lists that lead to it "
              + "(SET m.a = :v returns {m: {a: ...}}, not m's other members)",
          "ExtendDB/extenddb pull request #105 ('DynamoDB returns only the changed leaf wrapped in "
              + "the path hierarchy', its nine scenarios verified against real DynamoDB) and issue "
              + "#98; nubo-db/dynoxide issue #36, found by a conformance suite run against "
              + "DynamoDB ('SET parent.child = :v with ReturnValues: UPDATED_NEW should return only "
              + "the changed fragment')",
          (step, local) -> {
            if (!(step.request() instanceof UpdateItemRequest u) || local.failed()
                || u.updateExpression() == null
                || !(u.returnValues() == software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_OLD
                    || u.returnValues() == software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_NEW)
                || !(local.body() != null && local.body().get("Attributes") instanceof Map<?, ?> attributes)) {
              return local;
            }
            List<List<Object>> targets = UpdatedFragments.targets(u.updateExpression(),
                u.hasExpressionAttributeNames() ? u.expressionAttributeNames() : null);
            if (!UpdatedFragments.anyNested(targets)) {
              return local;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fragments = UpdatedFragments.project((Map<String, Object>) attributes, targets);
            Map<String, Object> body = new TreeMap<>(local.body());
            if (fragments.isEmpty()) {
              body.remove("Attributes");
            } else {
              body.put("Attributes", fragments);
            }
            return Answer.ok(local.status(), body);
          }),
      new KnownDifference("attributes-to-get-duplicates",
          "answers AttributesToGet naming one attribute twice with 'Cannot have two attributes "
              + "with the same name'",
          "answers 'One or more parameter values were invalid: Duplicate value in attribute name: "
              + "NAME'",
          "architect/dynalite test/getItem.js, test/batchGetItem.js, test/query.js and "
              + "test/scan.js ('should return ValidationException duplicate values in "
              + "AttributesToGet'), a suite its author runs against live DynamoDB",
          (step, local) -> {
            List<String> names = step.request() instanceof GetItemRequest g && g.hasAttributesToGet()
                ? g.attributesToGet() : null;
            if (names == null || !"Cannot have two attributes with the same name".equals(local.errorMessage())) {
              return local;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String name : names) {
              if (!seen.add(name)) {
                return local.withError(400, "ValidationException",
                    "One or more parameter values were invalid: Duplicate value in attribute name: " + name);
              }
            }
            return local;
          }),
      new KnownDifference("attribute-type-names-order",
          "lists the valid names of attribute_type as {N,BS,L,B,NULL,M,S,SS,NS,BOOL}",
          "lists them as {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
          "architect/dynalite, whose condition-expression messages are checked by a suite its "
              + "author runs against live DynamoDB ('Invalid attribute type name found; type: T, "
              + "valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}')",
          (step, local) -> {
            String m = local.errorMessage();
            return m != null && m.contains("Invalid attribute type name found;")
                && m.endsWith("valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}")
                ? local.withError(local.status(), local.errorCode(), m.replace(
                    "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}", "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}"))
                : local;
          }));

  /** How many actions an UpdateExpression has: commas plus clauses, at top level. */
  private static int actions(String expression) {
    int depth = 0;
    int actions = 1;
    for (String word : expression.split("(?=[ ,()\\[\\]])|(?<=[ ,()\\[\\]])")) {
      if (word.equals("(") || word.equals("[")) {
        depth++;
      } else if (word.equals(")") || word.equals("]")) {
        depth--;
      } else if (depth == 0 && word.equals(",")) {
        actions++;
      } else if (depth == 0 && List.of("SET", "REMOVE", "ADD", "DELETE").contains(word.toUpperCase(java.util.Locale.ROOT))) {
        actions++;
      }
    }
    return actions - 1;
  }

  private ExpressionDifferences() {}
}
