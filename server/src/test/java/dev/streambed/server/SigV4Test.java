package dev.streambed.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.server.http.SigV4;
import org.junit.jupiter.api.Test;

class SigV4Test {
  @Test
  void parsesTheCredentialScope() {
    SigV4 s = SigV4.parse("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
        + "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    assertThat(s).isEqualTo(new SigV4("AKIDEXAMPLE", "20150830", "us-east-1", "iam"));
  }

  @Test
  void refusesWhatIsNotSigV4() {
    assertThat(SigV4.parse(null)).isNull();
    assertThat(SigV4.parse("Basic dXNlcjpwYXNz")).isNull();
    assertThat(SigV4.parse("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1, Signature=00")).isNull();
    assertThat(SigV4.parse("AWS4-HMAC-SHA256 Credential=A/B/C/D/E/F, Signature=00")).isNull();
  }
}
