package dev.streambed.lambda.api;

import static dev.streambed.lambda.api.FunctionOperations.body;
import static dev.streambed.lambda.api.FunctionOperations.integer;
import static dev.streambed.lambda.api.FunctionOperations.json;
import static dev.streambed.lambda.api.FunctionOperations.ref;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.RestRequest;
import dev.streambed.kernel.protocol.RestResponse;
import dev.streambed.lambda.EventInvokeConfigs;
import dev.streambed.lambda.EventInvokeConfigs.EventInvokeConfig;
import java.io.IOException;

/** Put, Update, Get, Delete and List FunctionEventInvokeConfig(s). */
final class EventInvokeOperations {
  private final EventInvokeConfigs configs;

  EventInvokeOperations(EventInvokeConfigs configs) {
    this.configs = configs;
  }

  RestResponse put(RestRequest r, RequestContext c) throws IOException {
    EventInvokeConfig config = configs.put(ref(r, c), change(body(r)));
    return json(200, g -> write(g, config));
  }

  RestResponse update(RestRequest r, RequestContext c) throws IOException {
    EventInvokeConfig config = configs.update(ref(r, c), change(body(r)));
    return json(200, g -> write(g, config));
  }

  RestResponse get(RestRequest r, RequestContext c) throws IOException {
    EventInvokeConfig config = configs.get(ref(r, c));
    return json(200, g -> write(g, config));
  }

  RestResponse delete(RestRequest r, RequestContext c) {
    configs.delete(ref(r, c));
    return RestResponse.empty(204);
  }

  RestResponse list(RestRequest r, RequestContext c) throws IOException {
    Pages.Page<EventInvokeConfig> page = Pages.page(configs.list(ref(r, c)), EventInvokeConfig::functionArn,
        r.query("Marker"), r.query("MaxItems"), 50);
    return json(200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("FunctionEventInvokeConfigs");
      for (EventInvokeConfig config : page.items()) {
        write(g, config);
      }
      g.writeEndArray();
      if (page.nextMarker() != null) {
        g.writeStringField("NextMarker", page.nextMarker());
      }
      g.writeEndObject();
    });
  }

  private static EventInvokeConfigs.Change change(JsonNode in) {
    JsonNode destinations = JsonMembers.object(in, "DestinationConfig");
    return new EventInvokeConfigs.Change(integer(in, "MaximumRetryAttempts"), integer(in, "MaximumEventAgeInSeconds"),
        destinations != null, destination(destinations, "OnSuccess"), destination(destinations, "OnFailure"));
  }

  /** A destination's ARN, "" when it is given without one, null when not given. */
  private static String destination(JsonNode destinations, String member) {
    JsonNode d = destinations == null ? null : JsonMembers.object(destinations, member);
    if (d == null) {
      return null;
    }
    String arn = JsonMembers.string(d, "Destination");
    return arn == null ? "" : arn;
  }

  /** A config as Lambda shows it: both destinations always, LastModified in epoch seconds. */
  private static void write(JsonGenerator g, EventInvokeConfig config) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("DestinationConfig");
    destination(g, "OnFailure", config.onFailure());
    destination(g, "OnSuccess", config.onSuccess());
    g.writeEndObject();
    g.writeStringField("FunctionArn", config.functionArn());
    g.writeNumberField("LastModified", config.lastModifiedMillis() / 1000.0);
    if (config.maximumEventAgeInSeconds() != null) {
      g.writeNumberField("MaximumEventAgeInSeconds", config.maximumEventAgeInSeconds());
    }
    if (config.maximumRetryAttempts() != null) {
      g.writeNumberField("MaximumRetryAttempts", config.maximumRetryAttempts());
    }
    g.writeEndObject();
  }

  private static void destination(JsonGenerator g, String member, String arn) throws IOException {
    g.writeObjectFieldStart(member);
    if (arn != null) {
      g.writeStringField("Destination", arn);
    }
    g.writeEndObject();
  }
}
