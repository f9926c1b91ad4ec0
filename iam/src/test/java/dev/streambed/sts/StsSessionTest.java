package dev.streambed.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.iam.Iam;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.time.MutableClock;
import dev.streambed.storage.memory.MemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Temporary credentials against a clock the test moves. */
class StsSessionTest {
  private static final String ACCOUNT = "000000000000";
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"" + ACCOUNT + "\"},\"Action\":\"sts:AssumeRole\"}]}";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MemoryStorage storage = new MemoryStorage();
  private final Iam iam = new Iam(storage, clock, new Random(7));
  private final Sts sts = new Sts(storage, clock, iam, new Random(8));

  @Test
  void credentialsExpireWithTheClock() {
    iam.roles().create(ACCOUNT, "r", null, TRUST, null, 7200, List.of());
    Identity root = sts.identityOf(null, ACCOUNT);
    Credentials c = sts.assumeRole(root, "arn:aws:iam::000000000000:role/r", "s1", 7200);
    assertThat(c.expires()).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
    clock.advance(Duration.ofMinutes(119));
    assertThat(sts.identityOf(c.accessKeyId(), ACCOUNT).arn())
        .isEqualTo("arn:aws:sts::000000000000:assumed-role/r/s1");
    // The session's permissions are its role's.
    assertThat(iam.isAllowed(sts.identityOf(c.accessKeyId(), ACCOUNT).arn(), "dynamodb:GetItem", "*")).isFalse();
    assertThat(sts.secretKeyOf(c.accessKeyId())).isEqualTo(c.secretAccessKey());
    clock.advance(Duration.ofMinutes(1));
    assertThat(sts.secretKeyOf(c.accessKeyId())).isNull();
    assertThatThrownBy(() -> sts.identityOf(c.accessKeyId(), ACCOUNT))
        .isInstanceOf(AwsException.class)
        .hasMessage("The security token included in the request is expired");
  }

  @Test
  void usersKeysAreKnownByTheirSecret() {
    iam.users().create(ACCOUNT, "u", null, List.of());
    var key = iam.users().createAccessKey(ACCOUNT, "u");
    assertThat(sts.secretKeyOf(key.accessKeyId())).isEqualTo(key.secretAccessKey());
    assertThat(sts.identityOf(key.accessKeyId(), "111111111111").arn()).isEqualTo("arn:aws:iam::000000000000:user/u");
    assertThat(sts.secretKeyOf("AKIANOTAKEY")).isNull();
  }

  @Test
  void idsHaveAwsShapes() {
    Credentials c = sts.sessionToken(sts.identityOf("AKIAUNKNOWN", ACCOUNT), "AKIAUNKNOWN", null);
    assertThat(c.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
    assertThat(c.expires()).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
    assertThat(c.arn()).isEqualTo("arn:aws:iam::000000000000:root");
  }
}
