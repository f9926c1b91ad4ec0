package dev.streambed.bench.http;

import dev.streambed.bench.load.ItemShape;
import java.nio.charset.StandardCharsets;

/**
 * Builds complete DynamoDB HTTP requests (request line, headers and JSON body) as bytes, ahead of
 * a run, so that sending one costs the generator nothing but a socket write.
 *
 * <p>The Authorization header has the shape of a SigV4 signature but a fixed, fake signature:
 * local servers that take any credentials (DynamoDB Local, Streambed by default) parse it for the
 * region and do not check it.
 */
public final class RawRequests {
  static final String TARGET_PREFIX = "DynamoDB_20120810.";
  static final String AUTHORIZATION = "AWS4-HMAC-SHA256 "
      + "Credential=AKIDEXAMPLE/20250101/us-east-1/dynamodb/aws4_request, "
      + "SignedHeaders=host;x-amz-date;x-amz-target, "
      + "Signature=" + "0".repeat(64);
  static final String DATE = "20250101T000000Z";

  private final String host;

  /** @param host the Host header's value, e.g. {@code 127.0.0.1:8000} */
  public RawRequests(String host) {
    this.host = host;
  }

  public byte[] listTables() {
    return request("ListTables", "{}");
  }

  public byte[] createTable() {
    String body = "{\"TableName\":" + json(ItemShape.TABLE)
        + ",\"AttributeDefinitions\":["
        + "{\"AttributeName\":" + json(ItemShape.HASH_KEY) + ",\"AttributeType\":\"S\"},"
        + "{\"AttributeName\":" + json(ItemShape.RANGE_KEY) + ",\"AttributeType\":\"S\"}],"
        + "\"KeySchema\":["
        + "{\"AttributeName\":" + json(ItemShape.HASH_KEY) + ",\"KeyType\":\"HASH\"},"
        + "{\"AttributeName\":" + json(ItemShape.RANGE_KEY) + ",\"KeyType\":\"RANGE\"}],"
        + "\"BillingMode\":\"PAY_PER_REQUEST\"}";
    return request("CreateTable", body);
  }

  public byte[] putItem(String hashKey, String rangeKey, int itemSize) {
    String body = "{\"TableName\":" + json(ItemShape.TABLE) + ",\"Item\":{"
        + attribute(ItemShape.HASH_KEY, hashKey) + ","
        + attribute(ItemShape.RANGE_KEY, rangeKey) + ","
        + attribute(ItemShape.PAYLOAD, ItemShape.payload(itemSize, hashKey, rangeKey)) + "}}";
    return request("PutItem", body);
  }

  public byte[] getItem(String hashKey, String rangeKey) {
    String body = "{\"TableName\":" + json(ItemShape.TABLE) + ",\"Key\":{"
        + attribute(ItemShape.HASH_KEY, hashKey) + ","
        + attribute(ItemShape.RANGE_KEY, rangeKey) + "}}";
    return request("GetItem", body);
  }

  /** A Query of one partition, all of it. */
  public byte[] query(String hashKey) {
    String body = "{\"TableName\":" + json(ItemShape.TABLE)
        + ",\"KeyConditionExpression\":" + json(ItemShape.HASH_KEY + " = :p")
        + ",\"ExpressionAttributeValues\":{\":p\":{\"S\":" + json(hashKey) + "}}}";
    return request("Query", body);
  }

  /** A Scan of the table's first {@code limit} items. */
  public byte[] scan(int limit) {
    return request("Scan", "{\"TableName\":" + json(ItemShape.TABLE) + ",\"Limit\":" + limit + "}");
  }

  /** The sequence-th BatchWriteItem: 25 puts of the items of {@link ItemShape#batchKey}. */
  public byte[] batchWriteItem(long sequence, int itemSize) {
    StringBuilder puts = new StringBuilder();
    for (int i = 0; i < ItemShape.BATCH_PUTS; i++) {
      puts.append(i == 0 ? "" : ",").append("{\"PutRequest\":{\"Item\":")
          .append(item(ItemShape.batchKey(sequence, i), itemSize)).append("}}");
    }
    return request("BatchWriteItem", "{\"RequestItems\":{" + json(ItemShape.TABLE) + ":[" + puts + "]}}");
  }

  /** The sequence-th TransactWriteItems: 4 puts of the items of {@link ItemShape#transactKey}. */
  public byte[] transactWriteItems(long sequence, int itemSize) {
    StringBuilder puts = new StringBuilder();
    for (int i = 0; i < ItemShape.TRANSACT_PUTS; i++) {
      puts.append(i == 0 ? "" : ",").append("{\"Put\":{\"TableName\":").append(json(ItemShape.TABLE))
          .append(",\"Item\":").append(item(ItemShape.transactKey(sequence, i), itemSize)).append("}}");
    }
    return request("TransactWriteItems", "{\"TransactItems\":[" + puts + "]}");
  }

  private static String item(String hashKey, int itemSize) {
    String rangeKey = ItemShape.singleRangeKey();
    return "{" + attribute(ItemShape.HASH_KEY, hashKey) + "," + attribute(ItemShape.RANGE_KEY, rangeKey) + ","
        + attribute(ItemShape.PAYLOAD, ItemShape.payload(itemSize, hashKey, rangeKey)) + "}";
  }

  /** A whole request for operation {@code target} with this JSON body. */
  public byte[] request(String target, String jsonBody) {
    byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
    String head = "POST / HTTP/1.1\r\n"
        + "Host: " + host + "\r\n"
        + "Content-Type: application/x-amz-json-1.0\r\n"
        + "X-Amz-Target: " + TARGET_PREFIX + target + "\r\n"
        + "X-Amz-Date: " + DATE + "\r\n"
        + "Authorization: " + AUTHORIZATION + "\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] whole = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
    System.arraycopy(body, 0, whole, headBytes.length, body.length);
    return whole;
  }

  private static String attribute(String name, String value) {
    return json(name) + ":{\"S\":" + json(value) + "}";
  }

  /** A JSON string literal. */
  static String json(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
