package dev.streambed.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GenTest {
  private final Random r = new Random(7);

  @Test
  void intsStayInTheirRangeAndReachItsBounds() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      int n = Gen.between(r, 1, 5000);
      assertThat(n).isBetween(1, 5000);
      seen.add(n);
    }
    assertThat(seen).contains(1, 2, 4999, 5000);
    assertThat(seen.size()).isGreaterThan(1000);
    for (int i = 0; i < 200; i++) {
      assertThat(Gen.between(r, Integer.MIN_VALUE, Integer.MAX_VALUE)).isNotNull();
      assertThat(Gen.between(r, 3, 3)).isEqualTo(3);
    }
  }

  @Test
  void wordsAreOfTheAlphabetAndAsManyAsAskedAtMost() {
    List<String> alphabet = List.of("SELECT", "(", "'s'");
    Set<Integer> sizes = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      List<String> words = Gen.list(r, 60, x -> Gen.pick(x, alphabet));
      assertThat(alphabet).containsAll(words);
      sizes.add(words.size());
    }
    assertThat(sizes).contains(0, 1, 60).allSatisfy(n -> assertThat(n).isBetween(0, 60));
    assertThat(Gen.words(new Random(1), alphabet, 5, " ")).matches("((SELECT|\\(|'s')( |$))*");
  }

  @Test
  void anyStringsSpanThePlaneAndTheNotableCharsButNoPrivateUseOrNoncharacters() {
    Set<Integer> lengths = new HashSet<>();
    boolean wide = false;
    boolean quote = false;
    boolean nul = false;
    for (int i = 0; i < 3000; i++) {
      String s = Gen.string(r, 200);
      lengths.add(s.length());
      for (char c : s.toCharArray()) {
        assertThat(c >= '\ue000' && c <= '\uf8ff').as("private use %04x", (int) c).isFalse();
        assertThat((c >= '\ufdd0' && c <= '\ufdef') || c >= '\ufffe').as("noncharacter %04x", (int) c).isFalse();
        wide |= c > 0x3000;
        quote |= c == '"';
        nul |= c == 0;
      }
    }
    assertThat(lengths).contains(0, 1, 200).allSatisfy(n -> assertThat(n).isBetween(0, 200));
    assertThat(wide && quote && nul).isTrue();
  }

  @Test
  void rangedStringsKeepToTheirRange() {
    for (int i = 0; i < 500; i++) {
      assertThat(Gen.string(r, 'a', 'z', 40)).matches("[a-z]{0,40}");
    }
  }

  @Test
  void oneOfDrawsFromEveryGenerator() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(Gen.oneOf(r, x -> "a", x -> "b", x -> "c"));
    }
    assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");
  }
}
