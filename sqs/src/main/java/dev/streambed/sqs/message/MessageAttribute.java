package dev.streambed.sqs.message;

import java.nio.charset.StandardCharsets;

/**
 * A message attribute: its data type ({@code String}, {@code Number} or {@code Binary}, each
 * with an optional custom suffix such as {@code Number.int}) and its value, a string for String
 * and Number types and bytes for Binary ones.
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {
  public static MessageAttribute string(String value) {
    return new MessageAttribute("String", value, null);
  }

  public static MessageAttribute number(String value) {
    return new MessageAttribute("Number", value, null);
  }

  public static MessageAttribute binary(byte[] value) {
    return new MessageAttribute("Binary", null, value.clone());
  }

  public boolean isBinary() {
    return dataType.startsWith("Binary");
  }

  /** The bytes the attribute counts toward the message size: type and value. */
  int size() {
    int value = isBinary() ? (binaryValue == null ? 0 : binaryValue.length)
        : (stringValue == null ? 0 : stringValue.getBytes(StandardCharsets.UTF_8).length);
    return dataType.getBytes(StandardCharsets.UTF_8).length + value;
  }
}
