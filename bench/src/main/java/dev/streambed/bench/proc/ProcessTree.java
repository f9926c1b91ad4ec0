package dev.streambed.bench.proc;

import java.util.stream.LongStream;

/**
 * A process and all its descendants, so that a server started through a wrapper script is
 * measured whole: CPU and memory are summed over the tree.
 */
public final class ProcessTree {
  private final long rootPid;

  public ProcessTree(long rootPid) {
    this.rootPid = rootPid;
  }

  public static ProcessTree self() {
    return new ProcessTree(ProcessHandle.current().pid());
  }

  public long rootPid() {
    return rootPid;
  }

  /** Total CPU time of the tree so far, in microseconds. */
  public long cpuMicros() {
    long ticks = pids().map(ProcFs::cpuTicks).filter(t -> t > 0).sum();
    return ticks * 1_000_000L / ClockTicks.perSecond();
  }

  /** Total resident memory of the tree, in kB. */
  public long rssKb() {
    return pids().map(ProcFs::rssKb).filter(r -> r > 0).sum();
  }

  private LongStream pids() {
    // Descendants of this JVM include the children it started; only the server's tree is wanted
    // when measuring a server, and only this process when measuring ourselves.
    if (rootPid == ProcessHandle.current().pid()) {
      return LongStream.of(rootPid);
    }
    return LongStream.concat(
        LongStream.of(rootPid),
        ProcessHandle.of(rootPid).stream()
            .flatMap(ProcessHandle::descendants)
            .mapToLong(ProcessHandle::pid));
  }
}
