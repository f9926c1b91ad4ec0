package dev.streambed.dynamodb.table;

import dev.streambed.kernel.value.AttributeType;

/** A table's primary key: a partition (HASH) key and an optional sort (RANGE) key. */
public record KeySchema(String hashName, AttributeType hashType, String rangeName, AttributeType rangeType) {
  public boolean hasRange() {
    return rangeName != null;
  }

  public boolean isKeyAttribute(String name) {
    return name.equals(hashName) || name.equals(rangeName);
  }
}
