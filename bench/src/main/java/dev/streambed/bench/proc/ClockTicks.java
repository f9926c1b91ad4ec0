package dev.streambed.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The kernel's clock tick (USER_HZ), the unit of CPU times in /proc; 100 on nearly every Linux. */
public final class ClockTicks {
  private static final long DEFAULT_HZ = 100;
  private static volatile long hz;

  private ClockTicks() {}

  public static long perSecond() {
    long h = hz;
    if (h == 0) {
      h = askGetconf();
      hz = h;
    }
    return h;
  }

  private static long askGetconf() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      return p.waitFor() == 0 ? Long.parseLong(out) : DEFAULT_HZ;
    } catch (IOException | NumberFormatException e) {
      return DEFAULT_HZ;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DEFAULT_HZ;
    }
  }
}
