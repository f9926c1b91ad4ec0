package dev.streambed.logs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.logs.stream.LogStream;
import java.io.IOException;

/** Log groups and log streams as DescribeLogGroups and DescribeLogStreams show them. */
final class Descriptions {
  private Descriptions() {}

  /**
   * A log group. When DescribeLogGroups was given a logGroupNamePattern, AWS shows fewer
   * members (the recorded answer has no storedBytes, retention or deletion protection).
   */
  static void group(JsonGenerator g, LogGroup group, boolean brief) throws IOException {
    g.writeStartObject();
    g.writeStringField("logGroupName", group.ref().name());
    g.writeNumberField("creationTime", group.creationTime());
    if (brief) {
      g.writeNumberField("metricFilterCount", 0);
      g.writeStringField("arn", group.ref().wildcardArn());
      g.writeStringField("logGroupClass", group.logGroupClass());
      g.writeStringField("logGroupArn", group.ref().arn());
      g.writeEndObject();
      return;
    }
    if (group.retentionInDays() != null) {
      g.writeNumberField("retentionInDays", group.retentionInDays());
    }
    g.writeNumberField("metricFilterCount", 0);
    g.writeStringField("arn", group.ref().wildcardArn());
    // AWS updates storedBytes hours after ingestion; a fresh group shows 0.
    g.writeNumberField("storedBytes", 0);
    if (group.kmsKeyId() != null) {
      g.writeStringField("kmsKeyId", group.kmsKeyId());
    }
    g.writeStringField("logGroupClass", group.logGroupClass());
    g.writeStringField("logGroupArn", group.ref().arn());
    g.writeBooleanField("deletionProtectionEnabled", false);
    g.writeEndObject();
  }

  static void stream(JsonGenerator g, LogGroup group, LogStream s) throws IOException {
    g.writeStartObject();
    g.writeStringField("logStreamName", s.name());
    g.writeNumberField("creationTime", s.creationTime());
    if (s.hasEvents()) {
      g.writeNumberField("firstEventTimestamp", s.firstEventTimestamp());
      g.writeNumberField("lastEventTimestamp", s.lastEventTimestamp());
      g.writeNumberField("lastIngestionTime", s.lastIngestionTime());
      g.writeStringField("uploadSequenceToken", s.uploadSequenceToken());
    }
    g.writeStringField("arn", group.ref().streamArn(s.name()));
    // AWS has reported 0 for a stream's storedBytes since June 2019.
    g.writeNumberField("storedBytes", 0);
    g.writeEndObject();
  }

  static void empty(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeEndObject();
  }
}
