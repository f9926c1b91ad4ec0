package dev.streambed.server.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.error.ErrorCode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.AttributeValueJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS JSON 1.0 and 1.1: decode the body, find the operation in the service's table, run it,
 * and encode its result or its error as {@code {"__type": ..., "message": ...}}.
 */
final class JsonProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(JsonProtocol.class);

  /** How deep a request may nest; DynamoDB allows 32 levels of attribute values. */
  private static final int MAX_NESTING = 128;

  /**
   * How long a member name may be. DynamoDB's attribute names may be up to 64 KB ("at least one
   * character long and less than 64 KB in size", Amazon DynamoDB Developer Guide, naming rules),
   * beyond the parser's default of 50,000 characters.
   */
  private static final int MAX_NAME_LENGTH = 64 * 1024;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
          .maxNameLength(MAX_NAME_LENGTH).build())
      .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  /** A rendered response: status, content type, body, and any headers of the operation's own. */
  record Response(int status, String contentType, ByteBuf body, Map<String, String> headers) {
    Response(int status, String contentType, ByteBuf body) {
      this(status, contentType, body, Map.of());
    }
  }

  private JsonProtocol() {}

  static Response handle(JsonService service, String operationName, ByteBuf content,
      RequestContext context, ByteBufAllocator alloc) {
    JsonOperation operation = operationName == null ? null : service.operations().get(operationName);
    if (operation == null) {
      return error(service, new AwsException(CommonError.UNKNOWN_OPERATION, null), alloc);
    }
    JsonNode request;
    try {
      request = parse(content);
    } catch (IOException | RuntimeException malformed) {
      return error(service, new AwsException(CommonError.SERIALIZATION, null), alloc);
    }
    if (request == null || !request.isObject()) {
      return error(service, new AwsException(CommonError.SERIALIZATION,
          request != null && request.isArray() ? "Start of list found where not expected" : null), alloc);
    }
    ByteBuf body = alloc.buffer(256);
    try (JsonGenerator g = FACTORY.createGenerator((java.io.OutputStream) new ByteBufOutputStream(body), JsonEncoding.UTF8)) {
      operation.handle(request, context, g);
    } catch (AwsException e) {
      body.release();
      return error(service, e, alloc);
    } catch (StackOverflowError | RuntimeException | IOException e) {
      body.release();
      LOG.error("{}.{} failed", service.targetPrefix(), operationName, e);
      return error(service, new AwsException(CommonError.INTERNAL_SERVER_ERROR,
          "Internal server error"), alloc);
    }
    return new Response(200, service.contentType(), body);
  }

  private static JsonNode parse(ByteBuf content) throws IOException {
    if (!content.isReadable()) {
      return MAPPER.createObjectNode();
    }
    try (JsonParser p = FACTORY.createParser((java.io.InputStream) new ByteBufInputStream(content))) {
      JsonNode node = MAPPER.readTree(p);
      if (p.nextToken() != null) {
        throw new IOException("trailing content");
      }
      return node;
    }
  }

  static Response error(JsonService service, AwsException e, ByteBufAllocator alloc) {
    ErrorCode code = e.errorCode();
    ByteBuf body = alloc.buffer(128);
    try (JsonGenerator g = FACTORY.createGenerator((java.io.OutputStream) new ByteBufOutputStream(body), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("__type", service.errorType(code));
      if (e.getMessage() != null) {
        g.writeStringField("message", e.getMessage());
      }
      for (Map.Entry<String, Object> extra : e.extras().entrySet()) {
        g.writeFieldName(extra.getKey());
        writeExtra(g, extra.getValue());
      }
      g.writeEndObject();
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return new Response(code.status(), service.contentType(), body);
  }

  /**
   * Writes an error's extra field from plain data: attribute values in their wire form, maps as
   * objects, lists as arrays, and scalars as themselves.
   */
  private static void writeExtra(JsonGenerator g, Object value) throws IOException {
    if (value instanceof AttributeValue av) {
      AttributeValueJson.write(g, av);
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeExtra(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof java.util.List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        writeExtra(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof Number n) {
      MAPPER.writeValue(g, n);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value.toString());
    }
  }

}
