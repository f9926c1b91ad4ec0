package dev.streambed.tests.differential;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Known differences of Query. */
final class ReadDifferences {
  static final List<KnownDifference> ALL = List.of(
      new KnownDifference("missed-key-element-name",
          "answers a key condition without the partition key with 'Query condition missed key "
              + "schema element', naming no attribute",
          "names the missing key attribute: 'Query condition missed key schema element: NAME'",
          "dynamoose/dynamoose issue #353 (a stack trace from AWS: 'ValidationException: Query "
              + "condition missed key schema element: local'); MitocGroup/deep-framework pull "
              + "request #596 ('Query condition missed key schema element: Id')",
          (step, local) -> step.request() instanceof QueryRequest q
              && "Query condition missed key schema element".equals(local.errorMessage())
              ? local.withError(local.status(), local.errorCode(),
                  KnownDifference.WAIVED + " AWS names the attribute")
              : local),
      new KnownDifference("consistent-read-on-gsi-message",
          "answers ConsistentRead on a global secondary index with 'Consistent read cannot be true "
              + "when querying a GSI'",
          "answers 'Consistent reads are not supported on global secondary indexes'",
          "Layr-Labs/eigenda pull request #1900 (an AWS answer with its request id, 2025: "
              + "'api error ValidationException: Consistent reads are not supported on global "
              + "secondary indexes'); amazon-archives/dynamodb-geo issue #16",
          (step, local) -> "Consistent read cannot be true when querying a GSI".equals(local.errorMessage())
              ? local.withError(local.status(), local.errorCode(),
                  "Consistent reads are not supported on global secondary indexes")
              : local));

  private ReadDifferences() {}
}
