package dev.streambed.server.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids in DynamoDB's form: 52 upper-case letters and digits. */
final class RequestIds {
  /** 64 symbols drawn from DynamoDB's 36, so each character takes six random bits. */
  private static final byte[] SYMBOLS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ01".getBytes(
          java.nio.charset.StandardCharsets.US_ASCII);
  private static final int LENGTH = 52;

  private RequestIds() {}

  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] id = new byte[LENGTH];
    long bits = 0;
    int left = 0;
    for (int i = 0; i < LENGTH; i++) {
      if (left < 6) {
        bits = random.nextLong();
        left = 64;
      }
      id[i] = SYMBOLS[(int) (bits & 63)];
      bits >>>= 6;
      left -= 6;
    }
    return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
