package dev.streambed.tests.differential;

/**
 * One request of a differential sequence: its position, the operation, the table it names (or
 * null) and the request itself, for corrections and for the report of a difference.
 */
public record Step(int index, String operation, String tableName, Object request) {
  /** The region of every client of the differential tests. */
  public static final String REGION = "us-east-1";

  boolean isControlPlane() {
    return switch (operation) {
      case "CreateTable", "DescribeTable", "UpdateTable", "DeleteTable" -> true;
      default -> false;
    };
  }
}
