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
import dev.streambed.kernel.error.QueryCompatibleErrorCode;
import dev.streambed.kernel.protocol.DeferredJsonOperation;
import dev.streambed.kernel.protocol.JsonResultWriter;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.AttributeValueJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS JSON 1.0 and 1.1: decode the body, find the operation in the service's table, run it,
 * and encode its result or its error as {@code {"__type": ..., "message": ...}} (with the
 * {@code x-amzn-query-error} header for services that keep their Query API's codes).
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
      request = request(content);
    } catch (AwsException e) {
      return error(service, e, alloc);
    }
    return run(service, operationName, () -> out -> operation.handle(request, context, out), alloc);
  }

  /** An answer that comes later, and the operation's own stage, to cancel when the client leaves. */
  record Pending(CompletableFuture<?> operation, CompletableFuture<Response> response) {}

  /**
   * Begins a {@link DeferredJsonOperation}; null when the named operation answers at once (then
   * {@link #handle} runs it). A request that cannot be decoded is answered at once, as a
   * completed pending answer.
   */
  static Pending begin(JsonService service, String operationName, ByteBuf content,
      RequestContext context, ByteBufAllocator alloc) {
    JsonOperation operation = operationName == null ? null : service.operations().get(operationName);
    if (!(operation instanceof DeferredJsonOperation deferred)) {
      return null;
    }
    CompletableFuture<JsonResultWriter> started;
    try {
      started = deferred.begin(request(content), context).toCompletableFuture();
    } catch (AwsException e) {
      return new Pending(CompletableFuture.completedFuture(null),
          CompletableFuture.completedFuture(error(service, e, alloc)));
    } catch (RuntimeException e) {
      LOG.error("{}.{} failed", service.targetPrefix(), operationName, e);
      return new Pending(CompletableFuture.completedFuture(null), CompletableFuture.completedFuture(
          error(service, new AwsException(CommonError.INTERNAL_SERVER_ERROR, "Internal server error"), alloc)));
    }
    CompletableFuture<Response> response = started.handle((writer, failure) -> {
      if (failure == null) {
        return run(service, operationName, () -> writer, alloc);
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof java.util.concurrent.CancellationException) {
        return null;
      }
      return run(service, operationName, () -> {
        throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
      }, alloc);
    });
    return new Pending(started, response);
  }

  /** Where a result comes from: an operation run now, or a finished deferred one. */
  private interface ResultSource {
    JsonResultWriter get();
  }

  private static Response run(JsonService service, String operationName, ResultSource source,
      ByteBufAllocator alloc) {
    ByteBuf body = alloc.buffer(256);
    try (JsonGenerator g = FACTORY.createGenerator((java.io.OutputStream) new ByteBufOutputStream(body), JsonEncoding.UTF8)) {
      source.get().write(g);
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

  /** The request object, or the SerializationException AWS answers for a body that is not one. */
  private static JsonNode request(ByteBuf content) {
    JsonNode request;
    try {
      request = parse(content);
    } catch (IOException | RuntimeException malformed) {
      throw new AwsException(CommonError.SERIALIZATION, null);
    }
    if (request == null || !request.isObject()) {
      throw new AwsException(CommonError.SERIALIZATION,
          request != null && request.isArray() ? "Start of list found where not expected" : null);
    }
    return request;
  }

  private static JsonNode parse(ByteBuf content) throws IOException {
    if (!content.isReadable()) {
      return MAPPER.createObjectNode();
    }
    // From the bytes themselves: a parser over a stream first reads it to detect its encoding.
    byte[] bytes;
    int offset;
    int length = content.readableBytes();
    if (content.hasArray()) {
      bytes = content.array();
      offset = content.arrayOffset() + content.readerIndex();
    } else {
      bytes = new byte[length];
      offset = 0;
      content.getBytes(content.readerIndex(), bytes);
    }
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
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
        g.writeStringField(e.messageMember(), e.getMessage());
      }
      for (Map.Entry<String, Object> extra : e.extras().entrySet()) {
        g.writeFieldName(extra.getKey());
        writeExtra(g, extra.getValue());
      }
      g.writeEndObject();
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    if (code instanceof QueryCompatibleErrorCode query) {
      return new Response(code.status(), service.contentType(), body, Map.of("x-amzn-query-error",
          query.queryCode() + (code.status() >= 500 ? ";Receiver" : ";Sender")));
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
