package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.KnownDifference.WAIVED;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;

/** Known differences of PartiQL: ExecuteStatement, BatchExecuteStatement, ExecuteTransaction. */
final class PartiQlDifferences {
  static final List<KnownDifference> ALL = List.of(
      new KnownDifference("partiql-duplicate-item-code",
          "answers an INSERT of an existing key with the error type 'DuplicateItem'",
          "answers DuplicateItemException, the error the DynamoDB service model declares for "
              + "ExecuteStatement (the SDKs' DuplicateItemException class)",
          "DynamoDB API reference, ExecuteStatement, Errors: 'DuplicateItemException: There was an "
              + "attempt to insert an item with the same primary key as an item that already exists "
              + "in the DynamoDB table. HTTP Status Code: 400'; the AWS SDK for Java v2 maps it to "
              + "software.amazon.awssdk.services.dynamodb.model.DuplicateItemException",
          (step, local) -> "DuplicateItem".equals(local.errorCode())
              ? local.withError(400, "DuplicateItemException", local.errorMessage())
              : local),
      new KnownDifference("partiql-empty-lists",
          "answers an empty Parameters list with 'Number of parameters in request and statement "
              + "don't match.' and an empty Statements list with 'The statement was empty.'",
          "refuses both by the length constraint of the model: \"1 validation error detected: "
              + "Value '[]' at 'parameters' failed to satisfy constraint: Member must have length "
              + "greater than or equal to 1\"",
          "aws-reference/recorded/test_dynamodb.snapshot.json, "
              + "test_dynamodb_execute_statement_empy_parameter (Parameters=[] answered so by AWS); "
              + "DynamoDB API reference, BatchExecuteStatement: 'Statements ... Array Members: "
              + "Minimum number of 1 item'",
          (step, local) -> {
            if (step.request() instanceof ExecuteStatementRequest r && r.hasParameters()
                && r.parameters().isEmpty()) {
              return local.withError(400, "ValidationException", "1 validation error detected: "
                  + "Value '[]' at 'parameters' failed to satisfy constraint: Member must have "
                  + "length greater than or equal to 1");
            }
            if (step.request() instanceof BatchExecuteStatementRequest r && r.statements().isEmpty()) {
              return local.withError(400, "ValidationException", "1 validation error detected: "
                  + "Value '[]' at 'statements' failed to satisfy constraint: Member must have "
                  + "length greater than or equal to 1");
            }
            return local;
          }),
      new KnownDifference("partiql-consistent-read-on-gsi",
          "answers a consistent SELECT on a global secondary index with 'Consistent read cannot be "
              + "true when scanning a GSI'",
          "answers 'Consistent reads are not supported on global secondary indexes', as for Query",
          "the same evidence as consistent-read-on-gsi-message: Layr-Labs/eigenda pull request #1900 "
              + "(an AWS answer, 2025); PartiQL reads run as Query and Scan on AWS",
          (step, local) -> "Consistent read cannot be true when scanning a GSI".equals(local.errorMessage())
              ? local.withError(400, "ValidationException",
                  "Consistent reads are not supported on global secondary indexes")
              : local),
      new KnownDifference("partiql-next-token-text",
          "answers NextToken as base64 of its own JSON (creation time, the key to resume after)",
          "answers an opaque token of its own; only whether there is one can be compared",
          "DynamoDB API reference, ExecuteStatement: 'NextToken: If the response of a read request "
              + "exceeds the response payload limit DynamoDB will set this value in the response. If "
              + "set, you can use that this value in the subsequent request to get the remaining "
              + "results.' (its content is not documented)",
          (step, local) -> {
            Map<String, Object> body = local.body();
            if (local.failed() || body == null || !body.containsKey("NextToken")) {
              return local;
            }
            Map<String, Object> tree = new TreeMap<>(local.tree());
            Map<String, Object> changed = new TreeMap<>(body);
            changed.put("NextToken", WAIVED + " opaque, compared by presence in the tests");
            tree.put("body", changed);
            return new Answer(tree);
          }));

  private PartiQlDifferences() {}
}
