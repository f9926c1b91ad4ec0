package dev.streambed.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.bench.load.RunResult;
import dev.streambed.bench.proc.CpuMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RawHttpLoadTest {
  private final RawRequests raw = new RawRequests("127.0.0.1");

  @Test
  void sendsEveryRequestOnceOverKeepAliveConnections() throws Exception {
    try (FixedResponseServer server = FixedResponseServer.ok("{}")) {
      RunResult r = new RawHttpLoad(server.address(), 4).runCount(
          "put", seq -> raw.putItem("put-" + seq, "0", 100), 200, CpuMeter.forPid(null));

      assertThat(r.ops()).isEqualTo(200);
      assertThat(r.errors()).isZero();
      assertThat(r.latencyNanos().getTotalCount()).isEqualTo(200);
      assertThat(server.connections()).isEqualTo(4);
      assertThat(server.bodies()).hasSize(200)
          .anyMatch(b -> b.contains("\"put-0\"")).anyMatch(b -> b.contains("\"put-199\""));
    }
  }

  @Test
  void countsResponsesThatAreNot200AsErrors() throws Exception {
    try (FixedResponseServer server = new FixedResponseServer(
        400, "{\"__type\":\"ValidationException\"}", true, false)) {
      RunResult r = new RawHttpLoad(server.address(), 2).runCount(
          "get", seq -> raw.getItem("k", "0"), 50, CpuMeter.forPid(null));

      assertThat(r.ops()).isZero();
      assertThat(r.errors()).isEqualTo(50);
    }
  }

  @Test
  void reconnectsWhenTheServerClosesTheConnection() throws Exception {
    try (FixedResponseServer server = new FixedResponseServer(200, "{}", false, true)) {
      RunResult r = new RawHttpLoad(server.address(), 2).runCount(
          "get", seq -> raw.getItem("k", "0"), 20, CpuMeter.forPid(null));

      assertThat(r.ops()).isEqualTo(20);
      assertThat(server.connections()).isEqualTo(20);
    }
  }

  @Test
  void runsForTheGivenDurationAndMeasuresOurOwnCpu() throws Exception {
    try (FixedResponseServer server = FixedResponseServer.ok("{}")) {
      RunResult r = new RawHttpLoad(server.address(), 2).runFor("get",
          seq -> raw.getItem("k", "0"), Duration.ofMillis(100), Duration.ofMillis(300),
          CpuMeter.forPid(null));

      assertThat(r.ops()).isPositive();
      assertThat(r.errors()).isZero();
      assertThat(r.elapsedNanos()).isEqualTo(Duration.ofMillis(300).toNanos());
      assertThat(r.cpu().serverMicros()).isEqualTo(-1);
      assertThat(r.cpu().clientMicros()).isNotNegative();
    }
  }
}
