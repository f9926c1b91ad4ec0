package dev.streambed.sqs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.queue.Queue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * ListQueues: the account's queues in the region, by name prefix. Without MaxResults SQS answers
 * up to 1,000 and no NextToken; with it, a page and a NextToken while more remain.
 */
final class ListQueues implements JsonOperation {
  private static final int MAX = 1000;
  private final Sqs sqs;
  private final Supplier<String> endpoint;

  ListQueues(Sqs sqs, Supplier<String> endpoint) {
    this.sqs = sqs;
    this.endpoint = endpoint;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String prefix = JsonMembers.string(in, "QueueNamePrefix");
    Integer maxResults = Wire.integer(in, "MaxResults");
    if (maxResults != null && (maxResults < 1 || maxResults > MAX)) {
      throw SqsError.invalidParameter(maxResults, "MaxResults", "MaxResults must be an integer between 1 and 1000.");
    }
    String token = JsonMembers.string(in, "NextToken");
    String after = token == null ? null : decode(token);
    int limit = maxResults == null ? MAX : maxResults;
    List<Queue> page = sqs.queues().list(context.accountId(), context.region(), prefix, after, limit + 1);
    boolean more = maxResults != null && page.size() > limit;
    List<Queue> shown = page.subList(0, Math.min(limit, page.size()));
    String base = Wire.endpoint(context, endpoint);
    out.writeStartObject();
    if (!shown.isEmpty()) {
      out.writeArrayFieldStart("QueueUrls");
      for (Queue q : shown) {
        out.writeString(q.ref().url(base));
      }
      out.writeEndArray();
    }
    if (more) {
      String last = shown.get(shown.size() - 1).ref().name();
      out.writeStringField("NextToken", Base64.getEncoder().encodeToString(
          ("1|" + last).getBytes(StandardCharsets.UTF_8)));
    }
    out.writeEndObject();
  }

  private static String decode(String token) {
    try {
      String s = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith("1|")) {
        return s.substring(2);
      }
    } catch (IllegalArgumentException e) {
      // Not one of ours.
    }
    throw SqsError.invalid("Invalid NextToken value.");
  }
}
