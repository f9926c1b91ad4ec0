package dev.streambed.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.protocol.WebRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardTest {
  private final Guard guard = new Guard("streambed.local");

  private static WebRequest request(String... headers) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return new WebRequest("POST", "/console/tables/create", Map.<String, List<String>>of(), h, new byte[0]);
  }

  @Test
  void onlyThisMachinesNamesAreAnswered() {
    for (String ok : List.of("127.0.0.1:4566", "localhost:4566", "LOCALHOST", "[::1]:4566", "10.0.0.7",
        "streambed.local:4566")) {
      assertThat(guard.refuseHost(request("host", ok))).as(ok).isNull();
    }
    for (String bad : List.of("evil.example", "127.0.0.1.evil.example", "999.0.0.1", "[evil]", "")) {
      assertThat(guard.refuseHost(request("host", bad))).as(bad).isNotNull();
    }
    assertThat(guard.refuseHost(request())).isNotNull();
  }

  @Test
  void aPostNeedsItsOwnOriginAndAValidToken() {
    assertThat(guard.refusePost(request("host", "127.0.0.1:4566", "origin", "http://127.0.0.1:4566"), true)).isNull();
    assertThat(guard.refusePost(request("host", "127.0.0.1:4566"), true)).isNull();
    assertThat(guard.refusePost(request("host", "127.0.0.1:4566", "origin", "http://127.0.0.1:4566"), false)).isNotNull();
    assertThat(guard.refusePost(request("host", "127.0.0.1:4566", "origin", "http://evil.example"), true)).isNotNull();
    assertThat(guard.refusePost(request("host", "127.0.0.1:4566", "origin", "null"), true)).isNotNull();
    assertThat(guard.refusePost(request("host", "127.0.0.1:4566", "sec-fetch-site", "same-site"), true)).isNotNull();
    assertThat(guard.refusePost(request("host", "127.0.0.1:4566", "sec-fetch-site", "same-origin"), true)).isNull();
  }
}
