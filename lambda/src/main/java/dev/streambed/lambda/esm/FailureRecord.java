package dev.streambed.lambda.esm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The record Lambda sends to an OnFailure destination when it discards a batch of a DynamoDB
 * stream, in the shape of AWS's recorded messages: {@code requestContext} (the last request,
 * the function, the condition, how often the records were sent), {@code responseContext} (the
 * last answer), {@code version} "1.0", {@code timestamp} in milliseconds and
 * {@code DDBStreamBatchInfo} naming the discarded records by shard and sequence numbers.
 */
final class FailureRecord {
  static final String RETRIES_EXHAUSTED = "RetryAttemptsExhausted";
  static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private FailureRecord() {}

  /**
   * What the last invocation of the records answered.
   *
   * @param functionError "Unhandled" when the function failed; null when it answered with a
   *     partial failure, which AWS's record shows as a JSON null
   */
  record LastResponse(String requestId, String executedVersion, String functionError) {}

  /**
   * @param last the last invocation, or null if the records were discarded before any
   */
  static byte[] build(MappingConfig m, String shardId, List<EventRecord> records, String condition,
      int invokeCount, LastResponse last, long nowMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("requestContext");
      g.writeStringField("requestId", last == null ? java.util.UUID.randomUUID().toString() : last.requestId());
      g.writeStringField("functionArn", m.functionArn());
      g.writeStringField("condition", condition);
      g.writeNumberField("approximateInvokeCount", invokeCount);
      g.writeEndObject();
      if (last != null) {
        g.writeObjectFieldStart("responseContext");
        g.writeNumberField("statusCode", 200);
        g.writeStringField("executedVersion", last.executedVersion());
        g.writeStringField("functionError", last.functionError());
        g.writeEndObject();
      }
      g.writeStringField("version", "1.0");
      g.writeStringField("timestamp", MILLIS.format(Instant.ofEpochMilli(nowMillis)));
      g.writeObjectFieldStart("DDBStreamBatchInfo");
      g.writeStringField("shardId", shardId);
      g.writeStringField("startSequenceNumber", records.get(0).sequenceNumber());
      g.writeStringField("endSequenceNumber", records.get(records.size() - 1).sequenceNumber());
      g.writeStringField("approximateArrivalOfFirstRecord", arrival(records.get(0)));
      g.writeStringField("approximateArrivalOfLastRecord", arrival(records.get(records.size() - 1)));
      g.writeNumberField("batchSize", records.size());
      g.writeStringField("streamArn", m.eventSourceArn());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The record's ApproximateCreationDateTime, to the second as AWS writes it. */
  private static String arrival(EventRecord r) {
    return Instant.ofEpochSecond(r.record().createdMillis() / 1000).toString();
  }
}
