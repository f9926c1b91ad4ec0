package dev.streambed.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * What one invocation of a batch came to, judged as Lambda judges a stream function's answer.
 *
 * <p>With ReportBatchItemFailures, {@code {"batchItemFailures": [{"itemIdentifier": SEQ}]}}
 * fails the batch from the lowest reported record on. A null or absent answer, an empty object,
 * an empty or null list all mean success; an entry without a string {@code itemIdentifier} that
 * names a record of the batch (a number, "", null, another key) fails the whole batch. These
 * are the scenarios of AWS's recorded answers. With a tumbling window the answer must carry a
 * {@code state} object, or the invocation failed.
 *
 * @param kind what happened
 * @param failedFrom for PARTIAL, the index of the first record to retry
 * @param functionError the function itself failed (Lambda's "Unhandled")
 * @param state with a tumbling window, the state the function returned (JSON), else null
 */
record Answer(Kind kind, int failedFrom, boolean functionError, String state) {
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Kind {
    /** Every record was processed. */
    OK,
    /** The records before {@code failedFrom} were processed. */
    PARTIAL,
    /** The batch failed as a whole. */
    FAILED
  }

  static final Answer FUNCTION_ERROR = new Answer(Kind.FAILED, 0, true, null);

  static Answer judge(byte[] payload, List<EventRecord> records, boolean reportItemFailures, boolean window) {
    JsonNode answer;
    try {
      answer = payload == null || payload.length == 0 ? null : JSON.readTree(payload);
    } catch (IOException e) {
      answer = null;
    }
    String state = null;
    if (window) {
      JsonNode s = answer != null && answer.isObject() ? answer.get("state") : null;
      if (s == null || !s.isObject()) {
        return new Answer(Kind.FAILED, 0, false, null);
      }
      state = s.toString();
    }
    if (!reportItemFailures) {
      return new Answer(Kind.OK, 0, false, state);
    }
    JsonNode failures = answer != null && answer.isObject() ? answer.get("batchItemFailures") : null;
    if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
      return new Answer(Kind.OK, 0, false, state);
    }
    if (!failures.isArray()) {
      return new Answer(Kind.FAILED, 0, false, state);
    }
    int first = Integer.MAX_VALUE;
    for (JsonNode f : failures) {
      JsonNode id = f.isObject() ? f.get("itemIdentifier") : null;
      int index = id != null && id.isTextual() ? indexOf(records, id.textValue()) : -1;
      if (index < 0) {
        return new Answer(Kind.FAILED, 0, false, state);
      }
      first = Math.min(first, index);
    }
    return new Answer(Kind.PARTIAL, first, false, state);
  }

  private static int indexOf(List<EventRecord> records, String sequenceNumber) {
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).sequenceNumber().equals(sequenceNumber)) {
        return i;
      }
    }
    return -1;
  }
}
