package dev.streambed.lambda.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.lambda.FunctionConfig;
import java.io.IOException;
import java.util.List;

/** The optional parts of a function's configuration on the wire: LoggingConfig and DeadLetterConfig. */
final class FunctionSettingsJson {
  private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

  private FunctionSettingsJson() {}

  /**
   * A request's LoggingConfig over {@code current} (null on CreateFunction): members given
   * replace, the others stay; log levels belong to the JSON format and go with the Text one, as
   * AWS answers the recorded format switches.
   */
  static FunctionConfig.Logging logging(JsonNode in, FunctionConfig.Logging current) {
    JsonNode config = JsonMembers.object(in, "LoggingConfig");
    if (config == null) {
      return null;
    }
    FunctionConfig.Logging base = current == null ? FunctionConfig.Logging.DEFAULT : current;
    String format = orElse(JsonMembers.string(config, "LogFormat"), base.logFormat());
    if (!format.equals("Text") && !format.equals("JSON")) {
      throw AwsException.validation("1 validation error detected: Value '" + format + "' at "
          + "'loggingConfig.logFormat' failed to satisfy constraint: Member must satisfy enum value set: [JSON, Text]");
    }
    String application = level(config, "ApplicationLogLevel", "applicationLogLevel", base.applicationLogLevel());
    String system = level(config, "SystemLogLevel", "systemLogLevel", base.systemLogLevel());
    String group = orElse(JsonMembers.string(config, "LogGroup"), base.logGroup());
    if (format.equals("Text")) {
      application = null;
      system = null;
    }
    return new FunctionConfig.Logging(format, application, system, group);
  }

  private static String level(JsonNode config, String member, String path, String current) {
    String level = JsonMembers.string(config, member);
    if (level != null && !LEVELS.contains(level)) {
      throw AwsException.validation("1 validation error detected: Value '" + level + "' at 'loggingConfig."
          + path + "' failed to satisfy constraint: Member must satisfy enum value set: " + LEVELS);
    }
    return level == null ? current : level;
  }

  /**
   * DeadLetterConfig's TargetArn; "" when the request clears it with an empty TargetArn. A
   * DeadLetterConfig without TargetArn changes nothing: AWS answers it with the queue still set
   * (recorded in test_lambda_destinations' test_dead_letter_queue).
   */
  static String deadLetterTarget(JsonNode in) {
    JsonNode config = JsonMembers.object(in, "DeadLetterConfig");
    return config == null ? null : JsonMembers.string(config, "TargetArn");
  }

  /** LoggingConfig as Lambda shows it: JSON logs with their levels (INFO unless set). */
  static void writeLogging(JsonGenerator g, FunctionConfig f) throws IOException {
    FunctionConfig.Logging l = f.loggingConfig();
    g.writeObjectFieldStart("LoggingConfig");
    if (l.logFormat().equals("JSON")) {
      g.writeStringField("ApplicationLogLevel", orElse(l.applicationLogLevel(), "INFO"));
    }
    g.writeStringField("LogFormat", l.logFormat());
    g.writeStringField("LogGroup", f.logGroup());
    if (l.logFormat().equals("JSON")) {
      g.writeStringField("SystemLogLevel", orElse(l.systemLogLevel(), "INFO"));
    }
    g.writeEndObject();
  }

  private static String orElse(String value, String otherwise) {
    return value == null ? otherwise : value;
  }
}
