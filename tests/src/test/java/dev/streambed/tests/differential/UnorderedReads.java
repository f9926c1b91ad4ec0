package dev.streambed.tests.differential;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Scans read to the end by each server on its own, reduced to what both must agree on.
 *
 * <p>A Scan's order is not DynamoDB's to promise: AWS reads partitions in the order of the
 * internal hash of their keys, DynamoDB Local in the order of its SQLite rows, Streambed in the
 * order of its encoded keys. So the page boundaries, each page's LastEvaluatedKey and which
 * segment of a parallel scan an item falls in all differ legitimately. What must not differ:
 * the items read (as a multiset: every item exactly once over all pages and segments), the
 * total Count and ScannedCount, that no page holds more than Limit items evaluated, and errors.
 */
final class UnorderedReads {
  /** Pages a scan can take before it is called endless. */
  private static final int MAX_PAGES = 20_000;

  private UnorderedReads() {}

  /** Every page of {@code first}, and of each of its segments when {@code totalSegments} > 0. */
  static Map<String, Object> scan(DynamoDbClient client, Normalizer normalizer, ScanRequest first, int totalSegments) {
    Map<String, Object> out = new TreeMap<>();
    List<String> items = new ArrayList<>();
    long count = 0;
    long scanned = 0;
    Set<String> overLimit = new java.util.TreeSet<>();
    int segments = Math.max(1, totalSegments);
    for (int segment = 0; segment < segments; segment++) {
      ScanRequest request = totalSegments > 0
          ? first.toBuilder().segment(segment).totalSegments(totalSegments).build() : first;
      Map<String, AttributeValue> start = null;
      int pages = 0;
      do {
        ScanResponse page;
        try {
          page = client.scan(request.toBuilder().exclusiveStartKey(start).build());
        } catch (AwsServiceException e) {
          out.put("error", e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
          return out;
        }
        for (Map<String, AttributeValue> item : page.items()) {
          items.add(String.valueOf(normalizer.tree(item)));
        }
        count += page.count();
        scanned += page.scannedCount();
        if (first.limit() != null && page.scannedCount() > first.limit()) {
          overLimit.add("page of " + page.scannedCount() + " items evaluated, Limit " + first.limit());
        }
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null && ++pages < MAX_PAGES);
      if (start != null) {
        out.put("endless", "still a LastEvaluatedKey after " + MAX_PAGES + " pages");
      }
    }
    java.util.Collections.sort(items);
    Set<String> distinct = new HashSet<>(items);
    out.put("Items", items);
    out.put("Count", count);
    out.put("ScannedCount", scanned);
    out.put("repeated items", items.size() - distinct.size());
    if (!overLimit.isEmpty()) {
      out.put("over Limit", overLimit);
    }
    return out;
  }
}
