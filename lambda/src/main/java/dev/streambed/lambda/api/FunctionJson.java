package dev.streambed.lambda.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.streambed.lambda.FunctionConfig;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** A function's configuration in Lambda's JSON shape (FunctionConfiguration). */
final class FunctionJson {
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  /**
   * Which moment of the function's life the answer describes; LISTED is ListFunctions', which
   * shows neither states nor the runtime version.
   */
  enum Moment { CREATED, UPDATED, SETTLED, LISTED }

  private FunctionJson() {}

  static void write(JsonGenerator g, FunctionConfig f, Moment moment) throws IOException {
    write(g, f, moment, f.isLatest() ? f.arn() : f.versionArn());
  }

  /** Writes a configuration shown under {@code functionArn} (qualified by an alias, say). */
  static void write(JsonGenerator g, FunctionConfig f, Moment moment, String functionArn) throws IOException {
    g.writeStartObject();
    g.writeStringField("FunctionName", f.name());
    g.writeStringField("FunctionArn", functionArn);
    g.writeStringField("Runtime", f.runtime());
    g.writeStringField("Role", f.role());
    g.writeStringField("Handler", f.handler());
    g.writeNumberField("CodeSize", f.codeSize());
    g.writeStringField("Description", f.description());
    g.writeNumberField("Timeout", f.timeout());
    g.writeNumberField("MemorySize", f.memorySize());
    g.writeStringField("LastModified", LAST_MODIFIED.format(Instant.ofEpochMilli(f.lastModifiedMillis())));
    g.writeStringField("CodeSha256", f.codeSha256());
    g.writeStringField("Version", f.version());
    if (f.environment() != null) {
      g.writeObjectFieldStart("Environment");
      g.writeObjectFieldStart("Variables");
      for (Map.Entry<String, String> e : f.environment().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    if (f.deadLetterTarget() != null) {
      g.writeObjectFieldStart("DeadLetterConfig");
      g.writeStringField("TargetArn", f.deadLetterTarget());
      g.writeEndObject();
    }
    g.writeObjectFieldStart("TracingConfig");
    g.writeStringField("Mode", "PassThrough");
    g.writeEndObject();
    g.writeStringField("RevisionId", f.revisionId());
    if (moment == Moment.LISTED) {
      // no states in a listing
    } else if (moment == Moment.CREATED) {
      g.writeStringField("State", "Pending");
      g.writeStringField("StateReason", "The function is being created.");
      g.writeStringField("StateReasonCode", "Creating");
    } else {
      g.writeStringField("State", "Active");
      if (moment == Moment.UPDATED) {
        g.writeStringField("LastUpdateStatus", "InProgress");
        g.writeStringField("LastUpdateStatusReason", "The function is being created.");
        g.writeStringField("LastUpdateStatusReasonCode", "Creating");
      } else {
        g.writeStringField("LastUpdateStatus", "Successful");
      }
    }
    g.writeStringField("PackageType", "Zip");
    g.writeArrayFieldStart("Architectures");
    for (String a : f.architectures()) {
      g.writeString(a);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("EphemeralStorage");
    g.writeNumberField("Size", f.ephemeralStorage());
    g.writeEndObject();
    g.writeObjectFieldStart("SnapStart");
    g.writeStringField("ApplyOn", "None");
    g.writeStringField("OptimizationStatus", "Off");
    g.writeEndObject();
    if (moment != Moment.LISTED) {
      g.writeObjectFieldStart("RuntimeVersionConfig");
      g.writeStringField("RuntimeVersionArn", "arn:aws:lambda:" + f.region() + "::runtime:"
          + dev.streambed.lambda.runtime.RuntimeVersions.id(f.runtime()));
      g.writeEndObject();
    }
    FunctionSettingsJson.writeLogging(g, f);
    g.writeEndObject();
  }
}
