package dev.streambed.tests.differential;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Known differences of Query and of BatchWriteItem. */
final class ReadDifferences {
  static final List<KnownDifference> ALL = List.of(
      batchWriteMissingKey(),
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

  /** Known difference of BatchWriteItem's key validation. */
  private static KnownDifference batchWriteMissingKey() {
    return new KnownDifference("batch-write-missing-key",
      "answers a PutRequest whose item lacks a key attribute with 'One of the required keys was "
          + "not given a value'",
      "answers 'The provided key element does not match the schema'",
      "floci-io/floci pull request #3227 ('word BatchWriteItem key rejections the way AWS does', "
          + "checked against a conformance suite and live AWS); paritysuite/dynamodb-conformance "
          + "pull request #46 (BatchWriteItem key errors characterised against real AWS)",
      (step, local) -> step.operation().equals("BatchWriteItem")
          && "One of the required keys was not given a value".equals(local.errorMessage())
          ? local.withError(local.status(), local.errorCode(),
              "The provided key element does not match the schema")
          : local);
  }

  private ReadDifferences() {}
}
