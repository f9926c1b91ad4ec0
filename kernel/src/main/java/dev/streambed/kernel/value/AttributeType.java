package dev.streambed.kernel.value;

/** The ten DynamoDB data types, named as the wire names them. */
public enum AttributeType {
  S, N, B, BOOL, NULL, M, L, SS, NS, BS;

  /** The type from its wire name ("S", "BOOL", ...), or null when there is none. */
  public static AttributeType fromWire(String name) {
    switch (name) {
      case "S": return S;
      case "N": return N;
      case "B": return B;
      case "BOOL": return BOOL;
      case "NULL": return NULL;
      case "M": return M;
      case "L": return L;
      case "SS": return SS;
      case "NS": return NS;
      case "BS": return BS;
      default: return null;
    }
  }

  /** Whether this type may be a key attribute (S, N or B). */
  public boolean isScalarKeyType() {
    return this == S || this == N || this == B;
  }

  public boolean isSet() {
    return this == SS || this == NS || this == BS;
  }
}
