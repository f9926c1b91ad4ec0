package dev.streambed.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FuzzTest {
  private final String seed = System.getProperty("fuzz.seed");
  private final String tries = System.getProperty("fuzz.tries");

  /** Gives back what the build set (a -Dfuzz.seed of the run), or nothing. */
  @AfterEach
  void restoreProperties() {
    restore("fuzz.seed", seed);
    restore("fuzz.tries", tries);
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }

  @Test
  void aFailureNamesThePropertyTrySeedAndInputAndItsSeedReplaysIt() {
    List<Integer> seen = new ArrayList<>();
    IllegalStateException cause = new IllegalStateException("broken");
    AssertionError failure = catchThrowableOfType(AssertionError.class, () -> Fuzz.check(r -> Gen.between(r, 0, 1_000_000),
        n -> {
          seen.add(n);
          if (seen.size() == 5) {
            throw cause;
          }
        }));
    assertThat(failure.getCause()).isSameAs(cause);
    assertThat(failure.getMessage()).startsWith("FuzzTest.aFailureNamesThePropertyTrySeedAndInputAndItsSeedReplaysIt failed")
        .contains("failed on try 5 of 300 with fuzz.seed=").contains("input: " + seen.get(4)).contains("broken");

    Matcher seed = Pattern.compile("fuzz\\.seed=(-?\\d+)").matcher(failure.getMessage());
    assertThat(seed.find()).isTrue();
    System.setProperty("fuzz.seed", seed.group(1));
    List<Integer> replayed = new ArrayList<>();
    AssertionError again = catchThrowableOfType(AssertionError.class, () -> Fuzz.check(r -> Gen.between(r, 0, 1_000_000),
        n -> {
          replayed.add(n);
          if (replayed.size() == 5) {
            throw cause;
          }
        }));
    assertThat(replayed).isEqualTo(seen);
    assertThat(again.getMessage()).contains("failed on try 5 of 300 with fuzz.seed=" + seed.group(1));
  }

  @Test
  void aSeedGivenDrawsTheSameInputsEveryTimeAndAnotherSeedOthers() {
    System.setProperty("fuzz.seed", "42");
    List<Long> first = draws();
    assertThat(draws()).isEqualTo(first);
    System.setProperty("fuzz.seed", "43");
    assertThat(draws()).isNotEqualTo(first);
  }

  @Test
  void twoPropertiesOfOneGeneratorSeeDifferentInputs() {
    System.setProperty("fuzz.seed", "42");
    assertThat(draws()).isNotEqualTo(otherDraws());
  }

  @Test
  void triesAreThreeHundredOrWhatTheBuildAsks() {
    System.clearProperty("fuzz.tries");
    assertThat(count(0)).isEqualTo(300);
    assertThat(count(40)).isEqualTo(40);
    System.setProperty("fuzz.tries", "3000");
    assertThat(count(0)).isEqualTo(3000);
    assertThat(count(40)).isEqualTo(400);
    System.setProperty("fuzz.tries", "1");
    assertThat(count(40)).isEqualTo(1);
  }

  @Test
  void controlCharactersAndArraysAreShownReadably() {
    assertThat(Fuzz.show(new String[] {"a\u0000", "\ud800"})).isEqualTo("[a\\u0000, \\ud800]");
    assertThat(Fuzz.show("x".repeat(5000))).endsWith("... (5000 chars)").hasSizeLessThan(1100);
  }

  private static List<Long> draws() {
    List<Long> out = new ArrayList<>();
    Fuzz.check(r -> r.nextLong(), out::add);
    return out;
  }

  private static List<Long> otherDraws() {
    List<Long> out = new ArrayList<>();
    Fuzz.check(r -> r.nextLong(), out::add);
    return out;
  }

  private static int count(int tries) {
    int[] n = {0};
    if (tries == 0) {
      Fuzz.check(r -> r, r -> n[0]++);
    } else {
      Fuzz.check(tries, r -> r, r -> n[0]++);
    }
    return n[0];
  }
}
