package dev.streambed.sqs.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digests SQS returns and the SDKs verify: MD5OfMessageBody of the body's UTF-8 bytes, and
 * MD5OfMessageAttributes as the Amazon SQS Developer Guide specifies it ("Calculating the MD5
 * message digest for message attributes"): the attributes in ascending name order, each encoded
 * as name, data type, a transport byte (1 for String and Number, 2 for Binary) and the value,
 * every variable-length part preceded by its length as four big-endian bytes.
 */
public final class Md5 {
  private Md5() {}

  public static String ofBody(String body) {
    return hex(body.getBytes(StandardCharsets.UTF_8));
  }

  /** The digest of the attributes, or null when there are none (SQS then returns no digest). */
  public static String ofAttributes(Map<String, MessageAttribute> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, MessageAttribute> e : new TreeMap<>(attributes).entrySet()) {
      MessageAttribute a = e.getValue();
      field(out, e.getKey().getBytes(StandardCharsets.UTF_8));
      field(out, a.dataType().getBytes(StandardCharsets.UTF_8));
      if (a.isBinary()) {
        out.write(2);
        field(out, a.binaryValue());
      } else {
        out.write(1);
        field(out, a.stringValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return hex(out.toByteArray());
  }

  private static void field(ByteArrayOutputStream out, byte[] bytes) {
    int n = bytes.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(bytes);
  }

  private static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }
}
