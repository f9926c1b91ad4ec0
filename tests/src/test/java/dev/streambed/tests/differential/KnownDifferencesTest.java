package dev.streambed.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every known difference says what DynamoDB Local does, what AWS does, and how we know. */
class KnownDifferencesTest {
  @Test
  void everyKnownDifferenceHasItsEvidence() {
    Set<String> ids = new HashSet<>();
    for (KnownDifference d : KnownDifference.ALL) {
      assertThat(ids.add(d.id())).as("unique id %s", d.id()).isTrue();
      assertThat(d.dynamoDbLocal()).as(d.id()).isNotBlank();
      assertThat(d.aws()).as(d.id()).isNotBlank();
      assertThat(d.evidence()).as(d.id()).isNotBlank();
    }
  }

  @Test
  void excludedMembersSayWhy() {
    Normalizer.EXCLUDED.forEach((type, members) -> members.forEach((member, reason) ->
        assertThat(reason).as(type + "." + member).isNotBlank()));
  }
}
