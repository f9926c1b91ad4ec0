package dev.streambed.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generators of fuzz inputs: plain methods of a Random. Each mixes in the edge cases of its kind
 * about one time in eight (an int's bounds and their neighbours; empty, single and longest lists
 * and strings), since those are where parsers break.
 */
public final class Gen {
  /** Characters that mean something to one parser or another, or to none: controls, quotes, escapes. */
  private static final String NOTABLE = "\u0000\t\n\r \"'\\/{}[]():,.*?$#%=<>!&|+-_`~@^;\u007f\u00a0\u00e9"
      + "\u2028\u2029\ufeff\ufffd\ud800\udc00";

  private Gen() {
  }

  /** One of the values, each as likely. */
  public static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  /** One of the values, each as likely. */
  @SafeVarargs
  public static <T> T pick(Random r, T... values) {
    return values[r.nextInt(values.length)];
  }

  /** What one of the generators, each as likely, generates. */
  @SafeVarargs
  public static <T> T oneOf(Random r, Function<Random, ? extends T>... generators) {
    return generators[r.nextInt(generators.length)].apply(r);
  }

  public static boolean bool(Random r) {
    return r.nextBoolean();
  }

  /** An int from min to max, both included: often a bound or its neighbour, else any. */
  public static int between(Random r, int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException(min + " > " + max);
    }
    if (r.nextInt(8) == 0) {
      return switch (r.nextInt(4)) {
        case 0 -> min;
        case 1 -> max;
        case 2 -> min < max ? min + 1 : min;
        default -> min < max ? max - 1 : max;
      };
    }
    return (int) (min + (long) (r.nextDouble() * ((long) max - min + 1)));
  }

  /** A size from 0 to max: often 0, 1 or max, else any. */
  public static int size(Random r, int max) {
    if (max > 0 && r.nextInt(8) == 0) {
      return pick(r, 0, Math.min(1, max), max);
    }
    return r.nextInt(max + 1);
  }

  /** Up to maxSize elements of the generator. */
  public static <T> List<T> list(Random r, int maxSize, Function<Random, ? extends T> element) {
    int n = size(r, maxSize);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(element.apply(r));
    }
    return out;
  }

  /** Up to maxSize words picked from the alphabet (repeats allowed), joined by the separator. */
  public static String words(Random r, List<String> alphabet, int maxSize, String separator) {
    return String.join(separator, list(r, maxSize, x -> pick(x, alphabet)));
  }

  /**
   * A string of up to maxLength chars of any kind: mostly any char of the Basic Multilingual Plane
   * but the private-use and noncharacter ones (lone surrogates included), one string in four of
   * ASCII and the notable chars above, which the first kind almost never hits.
   */
  public static String string(Random r, int maxLength) {
    int n = size(r, maxLength);
    boolean ascii = r.nextInt(4) == 0;
    StringBuilder out = new StringBuilder(n);
    while (out.length() < n) {
      out.append(ascii ? asciiOrNotable(r) : anyChar(r));
    }
    return out.toString();
  }

  /** A string of up to maxLength chars from first to last, both included. */
  public static String string(Random r, char first, char last, int maxLength) {
    int n = size(r, maxLength);
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      out.append((char) between(r, first, last));
    }
    return out.toString();
  }

  private static char asciiOrNotable(Random r) {
    return r.nextInt(4) == 0 ? NOTABLE.charAt(r.nextInt(NOTABLE.length())) : (char) r.nextInt(0x80);
  }

  private static char anyChar(Random r) {
    while (true) {
      char c = (char) r.nextInt(0x10000);
      boolean privateUse = c >= '\ue000' && c <= '\uf8ff';
      boolean nonCharacter = (c >= '\ufdd0' && c <= '\ufdef') || c >= '\ufffe';
      if (!privateUse && !nonCharacter) {
        return c;
      }
    }
  }
}
