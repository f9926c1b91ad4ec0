package dev.streambed.bench.proc;

/**
 * Measures CPU spent by the server (if its pid is known) and by this load generator over one
 * phase of a run: {@link #start()} before it, {@link #stop()} after it.
 */
public final class CpuMeter {
  private final ProcessTree server;
  private final ProcessTree client = ProcessTree.self();
  private long serverStart;
  private long clientStart;

  /** @param server the server's process tree, or null when its CPU is not to be measured */
  public CpuMeter(ProcessTree server) {
    this.server = server;
  }

  public static CpuMeter forPid(Long serverPid) {
    return new CpuMeter(serverPid == null ? null : new ProcessTree(serverPid));
  }

  public void start() {
    serverStart = server == null ? 0 : server.cpuMicros();
    clientStart = client.cpuMicros();
  }

  public CpuUsage stop() {
    long serverMicros = server == null ? -1 : server.cpuMicros() - serverStart;
    return new CpuUsage(serverMicros, client.cpuMicros() - clientStart);
  }

  /** CPU microseconds over a phase; serverMicros is -1 when the server was not measured. */
  public record CpuUsage(long serverMicros, long clientMicros) {
    public static final CpuUsage NONE = new CpuUsage(-1, -1);

    public double serverMicrosPer(long ops) {
      return serverMicros < 0 || ops == 0 ? Double.NaN : (double) serverMicros / ops;
    }

    public double clientMicrosPer(long ops) {
      return clientMicros < 0 || ops == 0 ? Double.NaN : (double) clientMicros / ops;
    }
  }
}
