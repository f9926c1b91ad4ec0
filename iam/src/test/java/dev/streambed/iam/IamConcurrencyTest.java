package dev.streambed.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.memory.MemoryStorage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Racing writers on one role end as if they had run one after the other. */
class IamConcurrencyTest {
  private static final String ACCOUNT = "000000000000";
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"logs:*\",\"Resource\":\"*\"}]}";

  private final Iam iam = new Iam(new MemoryStorage(), Clock.systemUTC(), new Random(3));

  @Test
  void racingAttachesAndInlinePutsAreAllKept() throws Exception {
    iam.roles().create(ACCOUNT, "contended", null, TRUST, null, null, List.of());
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      arns.add(iam.policies().create(ACCOUNT, "p" + i, null, DOC, null, List.of()).arn());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        done.add(pool.submit(() -> iam.roles().attach(ACCOUNT, "contended", arns.get(n))));
        done.add(pool.submit(() -> iam.roles().putInline(ACCOUNT, "contended", "inline" + n, DOC)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    Role role = iam.roles().get(ACCOUNT, "contended");
    assertThat(role.attachedPolicyArns()).containsExactlyInAnyOrderElementsOf(arns);
    assertThat(role.inlinePolicies()).hasSize(8);
  }

  @Test
  void racingCreatesOfOneNameLetExactlyOneWin() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger won = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        done.add(pool.submit(() -> {
          try {
            iam.roles().create(ACCOUNT, "only-one", null, TRUST, null, null, List.of());
            won.incrementAndGet();
          } catch (AwsException e) {
            assertThat(e.errorCode()).isEqualTo(IamError.ENTITY_ALREADY_EXISTS);
            refused.incrementAndGet();
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(won.get()).isEqualTo(1);
    assertThat(refused.get()).isEqualTo(7);
  }
}
