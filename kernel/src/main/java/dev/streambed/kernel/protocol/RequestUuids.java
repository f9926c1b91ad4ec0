package dev.streambed.kernel.protocol;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in the form Lambda, IAM, STS, SQS and CloudWatch Logs give them: random (version 4)
 * UUIDs. They name a request, they guard nothing, so they are drawn from the thread's fast random
 * source rather than {@link UUID#randomUUID()}'s secure one, which costs more than a warm
 * invocation of an in-process function.
 */
public final class RequestUuids {
  private RequestUuids() {}

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(msb, lsb).toString();
  }
}
