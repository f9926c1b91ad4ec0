package dev.streambed.streams;

import java.util.List;

/** What a table tells the streams service when it enables a stream. */
public record StreamSpec(String account, String region, String tableName, String tableArn,
    String label, String viewType, List<KeyElement> keySchema, long createdMillis) {

  public String arn() {
    return tableArn + "/stream/" + label;
  }
}
