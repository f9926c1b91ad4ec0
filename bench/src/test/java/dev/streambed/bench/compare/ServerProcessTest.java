package dev.streambed.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {
  @TempDir Path dir;

  @Test
  void findsThePortTheServerAnnouncesWaitsForListTablesAndStopsTheProcess() throws Exception {
    try (ServerSocket listTables = answerOnce200()) {
      int port = listTables.getLocalPort();
      ServerProcess server = ServerProcess.start("fake", "sh -c 'echo starting; "
          + "echo Streambed ready at http://127.0.0.1:" + port + "; exec sleep 60'",
          FreePort.pick(), dir.resolve("fake.log"));
      ProcessHandle handle = ProcessHandle.of(server.pid()).orElseThrow();

      Duration ready = server.awaitReady(Duration.ofSeconds(20));
      assertThat(ready).isPositive();
      assertThat(server.port()).isEqualTo(port);
      assertThat(server.tree().rssKb()).isPositive();

      server.close();
      assertThat(handle.onExit().get().isAlive()).isFalse();
      assertThat(dir.resolve("fake.log")).content().contains("starting");
    }
  }

  @Test
  void reportsTheOutputOfAServerThatDiesBeforeItIsReady() {
    try (ServerProcess server = ServerProcess.start(
        "broken", "sh -c 'echo no sqlite4java here; exit 3'", FreePort.pick(),
        dir.resolve("broken.log"))) {
      assertThatThrownBy(() -> server.awaitReady(Duration.ofSeconds(20)))
          .hasMessageContaining("exited with 3")
          .hasMessageContaining("no sqlite4java here");
    }
  }

  /** Answers the first request it gets with an empty 200, as ListTables would. */
  private static ServerSocket answerOnce200() throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      try (Socket s = socket.accept(); OutputStream out = s.getOutputStream()) {
        s.getInputStream().read(new byte[4096]);
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n{\"TableNames\":[]}"
            .getBytes(StandardCharsets.US_ASCII));
      } catch (IOException ignored) {
        // The test has ended.
      }
    });
    t.setDaemon(true);
    t.start();
    return socket;
  }
}
