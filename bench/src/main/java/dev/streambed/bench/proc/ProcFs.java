package dev.streambed.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a process's CPU time and resident memory from Linux's /proc. These are the kernel's own
 * accounts, so they measure a server without any cooperation from it.
 */
public final class ProcFs {
  private static final Path PROC = Path.of("/proc");
  // Fields after the ")" that closes comm: state is field 3, utime field 14, stime field 15.
  private static final int UTIME_AFTER_COMM = 14 - 3;
  private static final int STIME_AFTER_COMM = 15 - 3;

  private ProcFs() {}

  /** User plus system CPU time of the process, in clock ticks; -1 if it has gone. */
  public static long cpuTicks(long pid) {
    String stat = read(PROC.resolve(Long.toString(pid)).resolve("stat"));
    return stat == null ? -1 : parseCpuTicks(stat);
  }

  /** Resident set size of the process in kB (VmRSS); -1 if it has gone. */
  public static long rssKb(long pid) {
    String status = read(PROC.resolve(Long.toString(pid)).resolve("status"));
    return status == null ? -1 : parseRssKb(status);
  }

  static long parseCpuTicks(String stat) {
    // comm may contain spaces and parentheses; it ends at the last ')'.
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
    }
    String[] fields = stat.substring(close + 1).trim().split("\\s+");
    return Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[STIME_AFTER_COMM]);
  }

  static long parseRssKb(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
        return Long.parseLong(parts[0]);
      }
    }
    // Kernel threads and zombies have no VmRSS line.
    return 0;
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      if (!Files.exists(file.getParent())) {
        return null;
      }
      throw new UncheckedIOException(e);
    }
  }

  /** The 1, 5 and 15 minute load averages, e.g. "1.52 0.98 0.40"; the machine's busyness. */
  public static String loadAverage() {
    String loadavg = read(PROC.resolve("loadavg"));
    if (loadavg == null) {
      return "unknown";
    }
    String[] f = loadavg.trim().split("\\s+");
    return f[0] + " " + f[1] + " " + f[2];
  }

  /** Whether this machine has /proc at all (Linux). */
  public static boolean available() {
    return Files.isReadable(PROC.resolve("self").resolve("stat"));
  }
}
