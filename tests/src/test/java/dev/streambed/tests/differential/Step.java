package dev.streambed.tests.differential;

/**
 * One request of a differential sequence: its position, the operation, the table it names (or
 * null), the request itself, the CreateTable request that made that table (or null), and the
 * time on Streambed's clock when it was sent, for corrections and for the report of a difference.
 */
public record Step(int index, String operation, String tableName, Object request,
    software.amazon.awssdk.services.dynamodb.model.CreateTableRequest schema, long atMillis) {
  /** The region of every client of the differential tests. */
  public static final String REGION = "us-east-1";

  /** The name of the table's hash key, or null when the table is not known. */
  String hashKey() {
    return keyName(software.amazon.awssdk.services.dynamodb.model.KeyType.HASH);
  }

  /** The name of the table's range key, or null when it has none or the table is not known. */
  String rangeKey() {
    return keyName(software.amazon.awssdk.services.dynamodb.model.KeyType.RANGE);
  }

  /** The declared type (S, N or B) of an attribute of the table's key. */
  String keyType(String attribute) {
    return schema.attributeDefinitions().stream().filter(d -> d.attributeName().equals(attribute))
        .map(d -> d.attributeTypeAsString()).findFirst().orElse(null);
  }

  private String keyName(software.amazon.awssdk.services.dynamodb.model.KeyType type) {
    if (schema == null) {
      return null;
    }
    return schema.keySchema().stream().filter(k -> k.keyType() == type)
        .map(k -> k.attributeName()).findFirst().orElse(null);
  }

  boolean isControlPlane() {
    return switch (operation) {
      case "CreateTable", "DescribeTable", "UpdateTable", "DeleteTable", "UpdateTimeToLive",
          "DescribeTimeToLive" -> true;
      default -> false;
    };
  }
}
