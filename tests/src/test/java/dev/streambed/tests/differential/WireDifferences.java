package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.KnownDifference.WAIVED;
import static dev.streambed.tests.differential.KnownDifference.rewriteMember;
import static dev.streambed.tests.differential.KnownDifference.rewriteStrings;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Known differences of the wire: ARNs, missing tables, bodies DynamoDB cannot read, stream records. */
final class WireDifferences {
  private static final String LOCAL_NOT_FOUND = "Cannot do operations on a non-existent table";
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  static final List<KnownDifference> ALL = List.of(
      new KnownDifference("arn-region",
          "writes the region 'ddblocal' into every ARN",
          "writes the region the request was sent to",
          "aws-reference/recorded/test_dynamodb.snapshot.json, test_table_crud: TableArn "
              + "arn:<partition>:dynamodb:<region>:111111111111:table/<table-name:1>, where <region> "
              + "stands for the caller's region",
          (step, local) -> new Answer(rewriteStrings(local.tree(),
              s -> s.replace("arn:aws:dynamodb:ddblocal:", "arn:aws:dynamodb:" + Step.REGION + ":")))),
      new KnownDifference("table-not-found-message",
          "answers ResourceNotFoundException 'Cannot do operations on a non-existent table' for "
              + "every operation on a missing table",
          "names the table in control-plane operations ('Requested resource not found: Table: NAME "
              + "not found') and says 'Requested resource not found' in data-plane operations",
          "aws-reference/recorded/test_dynamodb.snapshot.json: test_table_crud "
              + "(delete-non-existent-table), test_kinesis_streaming_destination_crud (bad-table), "
              + "test_batch_write_not_existing_table; for UpdateTimeToLive and DescribeTimeToLive the "
              + "control-plane wording, as AWS's CLI printed it in localstack/localstack pull request #9038",
          (step, local) -> {
            if (!"ResourceNotFoundException".equals(local.errorCode())
                || !LOCAL_NOT_FOUND.equals(local.errorMessage())) {
              return local;
            }
            String message = step.isControlPlane()
                ? "Requested resource not found: Table: " + step.tableName() + " not found"
                : "Requested resource not found";
            return local.withError(local.status(), local.errorCode(), message);
          }),
      new KnownDifference("wrong-json-type",
          "answers a member whose JSON type is not the one the API declares (a number for a "
              + "string, a string or a list for a structure) with a ValidationException, an "
              + "InternalFailure, or even success",
          "answers HTTP 400 SerializationException",
          "architect/dynalite test/putItem.js and test/getItem.js, 'serializations' (TableName not "
              + "a string, Item not a map, Item.Attr not an attribute structure), run against live "
              + "DynamoDB; JuliaCloud/AWS.jl issue #246 (SerializationException from AWS for a list "
              + "sent as Item). The message is waived",
          (step, local) -> step.operation().startsWith("raw:serialization")
              && !"SerializationException".equals(local.errorCode())
              ? Answer.error(400, "SerializationException", WAIVED + " AWS's serialization message", Map.of())
              : local),
      new KnownDifference("unknown-operation-message",
          "answers an unknown X-Amz-Target with UnknownOperationException 'An unknown operation was requested.'",
          "answers {\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}, without a message",
          "architect/dynalite test/connection.js ('should return UnknownOperationException if "
              + "incorrect target operation'), run against live DynamoDB",
          (step, local) -> "UnknownOperationException".equals(local.errorCode())
              ? Answer.error(local.status(), local.errorCode(), null, Map.of())
              : local),
      new KnownDifference("malformed-json",
          "answers a body that is not JSON with HTTP 500 InternalFailure",
          "answers HTTP 400 SerializationException, without a message",
          "aws/aws-sdk-js issue #44 (SerializationException, status 400, from DynamoDB for a body "
              + "it could not read) and amazon-archives/aws-sdk-unity issue #54 (400 Bad Request, "
              + "{\"__type\":\"com.amazon.coral.service#SerializationException\"} with no message)",
          (step, local) -> step.operation().startsWith("raw:malformed") && local.status() == 500
              ? Answer.error(400, "SerializationException",
                  step.operation().startsWith("raw:malformed-json") ? null : WAIVED + " AWS's message", Map.of())
              : local),
      new KnownDifference("stream-event-id",
          "uses a UUID as a stream record's eventID",
          "uses 32 hexadecimal characters",
          "aws-reference/README.md (stream event record: eventID 32 hex characters) and the "
              + "records of aws-reference/recorded/test_dynamodb_streams.snapshot.json",
          (step, local) -> new Answer(rewriteMember(local.tree(), "eventID",
              v -> v instanceof String s && UUID.matcher(s).matches() ? Normalizer.EVENT_ID : v))));

  private WireDifferences() {}
}
