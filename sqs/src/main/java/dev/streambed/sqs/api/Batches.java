package dev.streambed.sqs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.QueryCompatibleErrorCode;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.sqs.SqsError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every SQS batch request shares: one to ten entries, each with a distinct Id of at
 * most 80 letters, digits, hyphens and underscores; and the per-entry failures of the answer.
 */
final class Batches {
  private static final int MAX_ENTRIES = 10;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  /** An entry that failed: its Id, SenderFault, and the error's Query code and message. */
  record Failure(String id, AwsException error) {}

  private Batches() {}

  /** The request's Entries, checked; {@code entryShape} names them in the empty-batch error. */
  static List<JsonNode> entries(JsonNode in, String entryShape) {
    JsonNode array = JsonMembers.array(in, "Entries");
    if (array == null || array.isEmpty()) {
      throw new AwsException(SqsError.EMPTY_BATCH_REQUEST,
          "There should be at least one " + entryShape + " in the request.");
    }
    if (array.size() > MAX_ENTRIES) {
      throw new AwsException(SqsError.TOO_MANY_ENTRIES_IN_BATCH_REQUEST,
          "Maximum number of entries per request are 10. You have sent " + array.size() + ".");
    }
    List<JsonNode> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode e : array) {
      if (!e.isObject()) {
        throw dev.streambed.kernel.value.AttributeValueJson.serialization(e, entryShape);
      }
      String id = JsonMembers.string(e, "Id");
      if (id == null || !ID.matcher(id).matches()) {
        throw new AwsException(SqsError.INVALID_BATCH_ENTRY_ID, "A batch entry id can only contain "
            + "alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
      }
      if (!ids.add(id)) {
        throw new AwsException(SqsError.BATCH_ENTRY_IDS_NOT_DISTINCT, "Id " + id + " repeated.");
      }
      out.add(e);
    }
    return out;
  }

  static void writeFailed(JsonGenerator out, List<Failure> failed) throws IOException {
    out.writeArrayFieldStart("Failed");
    for (Failure f : failed) {
      out.writeStartObject();
      out.writeStringField("Id", f.id());
      out.writeBooleanField("SenderFault", f.error().errorCode().status() < 500);
      out.writeStringField("Code", f.error().errorCode() instanceof QueryCompatibleErrorCode q
          ? q.queryCode() : f.error().errorCode().code());
      out.writeStringField("Message", f.error().getMessage());
      out.writeEndObject();
    }
    out.writeEndArray();
  }
}
