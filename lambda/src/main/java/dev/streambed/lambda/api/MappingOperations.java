package dev.streambed.lambda.api;

import static dev.streambed.lambda.api.FunctionOperations.body;
import static dev.streambed.lambda.api.FunctionOperations.integer;
import static dev.streambed.lambda.api.FunctionOperations.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RestRequest;
import dev.streambed.kernel.protocol.RestResponse;
import dev.streambed.lambda.esm.EventSourceMappings;
import dev.streambed.lambda.esm.MappingConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** CreateEventSourceMapping, Get, List, Update and Delete, with AWS's shapes and states. */
final class MappingOperations {
  private static final int ACCEPTED = 202;

  private final EventSourceMappings mappings;

  MappingOperations(EventSourceMappings mappings) {
    this.mappings = mappings;
  }

  RestResponse create(RestRequest r, RequestContext c) throws IOException {
    MappingConfig m = mappings.create(c.accountId(), c.region(), settings(body(r)));
    return json(ACCEPTED, g -> write(g, m, "Creating"));
  }

  RestResponse get(RestRequest r, RequestContext c) throws IOException {
    MappingConfig m = mappings.get(r.pathParameter("UUID"));
    return json(200, g -> write(g, m, m.settledState()));
  }

  RestResponse list(RestRequest r, RequestContext c) throws IOException {
    Pages.Page<MappingConfig> page = Pages.page(mappings.list(c.accountId(), c.region(),
        r.query("FunctionName"), r.query("EventSourceArn")), MappingConfig::uuid,
        r.query("Marker"), r.query("MaxItems"), 100);
    return json(200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("EventSourceMappings");
      for (MappingConfig m : page.items()) {
        write(g, m, m.settledState());
      }
      g.writeEndArray();
      if (page.nextMarker() != null) {
        g.writeStringField("NextMarker", page.nextMarker());
      }
      g.writeEndObject();
    });
  }

  RestResponse update(RestRequest r, RequestContext c) throws IOException {
    String uuid = r.pathParameter("UUID");
    boolean wasEnabled = mappings.get(uuid).enabled();
    MappingConfig m = mappings.update(uuid, settings(body(r)));
    String state = m.enabled() == wasEnabled ? "Updating" : m.enabled() ? "Enabling" : "Disabling";
    return json(ACCEPTED, g -> write(g, m, state));
  }

  RestResponse delete(RestRequest r, RequestContext c) throws IOException {
    MappingConfig m = mappings.delete(r.pathParameter("UUID"));
    return json(ACCEPTED, g -> write(g, m, "Deleting"));
  }

  private static EventSourceMappings.Settings settings(JsonNode in) {
    List<String> patterns = null;
    JsonNode criteria = JsonMembers.object(in, "FilterCriteria");
    if (criteria != null) {
      patterns = new ArrayList<>();
      JsonNode filters = JsonMembers.array(criteria, "Filters");
      if (filters != null) {
        for (JsonNode f : filters) {
          patterns.add(f.isObject() ? JsonMembers.string(f, "Pattern") : null);
        }
      }
    }
    // Null: not given; empty: given without a destination (which an update uses to remove it).
    JsonNode destination = JsonMembers.object(in, "DestinationConfig");
    String onFailure = destination(destination, "OnFailure");
    String onSuccess = destination(destination, "OnSuccess");
    return new EventSourceMappings.Settings(JsonMembers.string(in, "FunctionName"),
        JsonMembers.string(in, "EventSourceArn"), integer(in, "BatchSize"),
        integer(in, "MaximumBatchingWindowInSeconds"), JsonMembers.string(in, "StartingPosition"),
        integer(in, "ParallelizationFactor"), integer(in, "MaximumRetryAttempts"),
        integer(in, "MaximumRecordAgeInSeconds"), JsonMembers.bool(in, "BisectBatchOnFunctionError"),
        integer(in, "TumblingWindowInSeconds"), JsonMembers.strings(in, "FunctionResponseTypes"),
        patterns, onFailure, JsonMembers.bool(in, "Enabled"), onSuccess);
  }

  /** DestinationConfig's OnFailure or OnSuccess: null when not given, empty when given without a Destination. */
  private static String destination(JsonNode config, String member) {
    JsonNode on = config == null ? null : JsonMembers.object(config, member);
    if (on == null) {
      return null;
    }
    String arn = JsonMembers.string(on, "Destination");
    return arn == null ? "" : arn;
  }

  /** A mapping in AWS's EventSourceMappingConfiguration shape, in the given state. */
  static void write(JsonGenerator g, MappingConfig m, String state) throws IOException {
    g.writeStartObject();
    g.writeStringField("UUID", m.uuid());
    g.writeStringField("StartingPosition", m.startingPosition());
    g.writeNumberField("BatchSize", m.batchSize());
    g.writeNumberField("MaximumBatchingWindowInSeconds", m.maximumBatchingWindowInSeconds());
    g.writeNumberField("ParallelizationFactor", m.parallelizationFactor());
    g.writeStringField("EventSourceArn", m.eventSourceArn());
    if (!m.filterPatterns().isEmpty()) {
      g.writeObjectFieldStart("FilterCriteria");
      g.writeArrayFieldStart("Filters");
      for (String p : m.filterPatterns()) {
        g.writeStartObject();
        g.writeStringField("Pattern", p);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeStringField("FunctionArn", m.functionArn());
    g.writeFieldName("LastModified");
    g.writeNumber(BigDecimal.valueOf(m.lastModifiedMillis(), 3));
    g.writeStringField("LastProcessingResult", m.lastProcessingResult());
    g.writeStringField("State", state);
    g.writeStringField("StateTransitionReason", "User action");
    g.writeObjectFieldStart("DestinationConfig");
    g.writeObjectFieldStart("OnFailure");
    if (m.onFailure() != null) {
      g.writeStringField("Destination", m.onFailure());
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeNumberField("MaximumRecordAgeInSeconds", m.maximumRecordAgeInSeconds());
    g.writeBooleanField("BisectBatchOnFunctionError", m.bisectBatchOnFunctionError());
    g.writeNumberField("MaximumRetryAttempts", m.maximumRetryAttempts());
    g.writeNumberField("TumblingWindowInSeconds", m.tumblingWindowInSeconds());
    g.writeArrayFieldStart("FunctionResponseTypes");
    for (String t : m.functionResponseTypes()) {
      g.writeString(t);
    }
    g.writeEndArray();
    g.writeStringField("EventSourceMappingArn", m.arn());
    g.writeEndObject();
  }
}
