package dev.streambed.kernel.value;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;

/**
 * Encodes key values (S, N, B) to byte strings whose unsigned byte order is DynamoDB's order:
 * strings by their UTF-8 bytes, numbers numerically, binary by unsigned bytes. Each encoded value
 * is self-delimiting, so a partition key followed by a sort key is still ordered by partition key
 * first, and every storage backend can answer a Query with a range read.
 *
 * <p>Strings and binaries escape 0x00 as 0x00 0xFF and end with 0x00 0x01. A number is a sign
 * byte (negative 0x01, zero 0x02, positive 0x03); a non-zero number then has its decimal
 * exponent as two bytes offset by 0x8000 and its digits as bytes 1 to 10, ending with 0x00;
 * negative numbers invert those bytes so that larger magnitudes sort first.
 */
public final class KeyEncoding {
  private KeyEncoding() {}

  public static void encode(AttributeValue value, ByteArrayOutputStream out) {
    if (value instanceof AttributeValue.S s) {
      escaped(s.value().getBytes(UTF_8), out);
    } else if (value instanceof AttributeValue.B b) {
      escaped(b.value().unsafeArray(), out);
    } else if (value instanceof AttributeValue.N n) {
      number(n.value(), out);
    } else {
      throw new IllegalArgumentException("not a key type: " + value.type());
    }
  }

  public static byte[] encode(AttributeValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32);
    encode(value, out);
    return out.toByteArray();
  }

  /**
   * The encoding shared by every S or B key value that begins with {@code prefix}: its escaped
   * bytes without the terminator. A range read over it is begins_with on a sort key.
   */
  public static byte[] encodePrefix(AttributeValue prefix) {
    byte[] raw;
    if (prefix instanceof AttributeValue.S s) {
      raw = s.value().getBytes(UTF_8);
    } else if (prefix instanceof AttributeValue.B b) {
      raw = b.value().unsafeArray();
    } else {
      throw new IllegalArgumentException("begins_with needs S or B, not " + prefix.type());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 4);
    for (byte b : raw) {
      out.write(b);
      if (b == 0) {
        out.write(0xFF);
      }
    }
    return out.toByteArray();
  }

  private static void escaped(byte[] bytes, ByteArrayOutputStream out) {
    for (byte b : bytes) {
      out.write(b);
      if (b == 0) {
        out.write(0xFF);
      }
    }
    out.write(0x00);
    out.write(0x01);
  }

  private static void number(BigDecimal value, ByteArrayOutputStream out) {
    BigDecimal n = Numbers.normalize(value);
    int sign = n.signum();
    if (sign == 0) {
      out.write(0x02);
      return;
    }
    out.write(sign < 0 ? 0x01 : 0x03);
    int mask = sign < 0 ? 0xFF : 0x00;
    int exponent = Numbers.exponent(n) + 0x8000;
    out.write(((exponent >>> 8) & 0xFF) ^ mask);
    out.write((exponent & 0xFF) ^ mask);
    String digits = n.unscaledValue().abs().toString();
    for (int i = 0; i < digits.length(); i++) {
      out.write((digits.charAt(i) - '0' + 1) ^ mask);
    }
    out.write(mask);
  }
}
