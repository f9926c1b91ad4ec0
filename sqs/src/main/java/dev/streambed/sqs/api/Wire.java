package dev.streambed.sqs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValueJson;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.message.MessageAttribute;
import dev.streambed.sqs.queue.QueueRef;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Reading SQS's JSON requests and writing its shapes: queue URLs, numbers, message attributes. */
final class Wire {
  private Wire() {}

  /** The queue a request's QueueUrl names; QueueDoesNotExist for a URL that names none. */
  static QueueRef queue(JsonNode in, RequestContext context) {
    String url = required(in, "QueueUrl");
    QueueRef ref = QueueRef.fromUrl(url, context.region());
    if (ref == null) {
      throw SqsError.queueDoesNotExist();
    }
    return ref;
  }

  /** A string member SQS requires; absent or empty, it is MissingParameter. */
  static String required(JsonNode in, String member) {
    String v = JsonMembers.string(in, member);
    if (v == null || v.isEmpty()) {
      throw SqsError.missing(member);
    }
    return v;
  }

  /** An integer member, or null; JSON numbers, as the SDKs send them, or numeric strings. */
  static Integer integer(JsonNode in, String member) {
    JsonNode v = in.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.intValue();
    }
    if (v.isTextual()) {
      try {
        return Integer.valueOf(v.textValue().trim());
      } catch (NumberFormatException e) {
        throw new AwsException(CommonError.SERIALIZATION, "STRING_VALUE can not be converted to an Integer");
      }
    }
    throw AttributeValueJson.serialization(v, "an Integer");
  }

  /** The base of queue URLs: the endpoint the client called, else the server's own. */
  static String endpoint(RequestContext context, Supplier<String> fallback) {
    return context.host() == null || context.host().isEmpty() ? fallback.get() : "http://" + context.host();
  }

  static String senderId(RequestContext context) {
    return context.accessKeyId() == null ? context.accountId() : context.accessKeyId();
  }

  static Map<String, String> stringMap(JsonNode in, String member) {
    Map<String, String> m = JsonMembers.stringMap(in, member);
    return m == null ? Map.of() : m;
  }

  static List<String> strings(JsonNode in, String member) {
    List<String> l = JsonMembers.strings(in, member);
    return l == null ? List.of() : l;
  }

  /** MessageAttributes or MessageSystemAttributes: name to {DataType, StringValue | BinaryValue}. */
  static Map<String, MessageAttribute> messageAttributes(JsonNode in, String member) {
    JsonNode o = JsonMembers.object(in, member);
    if (o == null) {
      return Map.of();
    }
    Map<String, MessageAttribute> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = o.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode a = e.getValue();
      if (!a.isObject()) {
        throw AttributeValueJson.serialization(a, "MessageAttributeValue");
      }
      String binary = JsonMembers.string(a, "BinaryValue");
      byte[] bytes;
      try {
        bytes = binary == null ? null : Base64.getDecoder().decode(binary);
      } catch (IllegalArgumentException bad) {
        throw new AwsException(CommonError.SERIALIZATION, "Base64 encoded value expected for BinaryValue");
      }
      out.put(e.getKey(), new MessageAttribute(JsonMembers.string(a, "DataType"),
          JsonMembers.string(a, "StringValue"), bytes));
    }
    return out;
  }

  static void writeMessageAttributes(JsonGenerator g, String field, Map<String, MessageAttribute> attributes)
      throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      MessageAttribute a = e.getValue();
      g.writeObjectFieldStart(e.getKey());
      if (a.isBinary()) {
        g.writeStringField("BinaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
      } else {
        g.writeStringField("StringValue", a.stringValue());
      }
      g.writeStringField("DataType", a.dataType());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  static void writeStringMap(JsonGenerator g, String field, Map<String, String> map) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : map.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  static void empty(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeEndObject();
  }
}
