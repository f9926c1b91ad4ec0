package dev.streambed.fuzz;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs a property over generated inputs, called from a plain JUnit test:
 * {@code Fuzz.check(MyTest::input, input -> ...)}. Each of the tries (300, or {@code -Dfuzz.tries})
 * draws its input from a Random of its own, seeded from the run's seed, the property's name and the
 * try's number, so a failure is replayed exactly by {@code -Dfuzz.seed=S} whatever else runs. The
 * run's seed is {@code -Dfuzz.seed}, else a new one each run (printed once), so every build fuzzes
 * inputs no build saw before. A failing try throws an AssertionError naming the property, the try,
 * the seed and the input, with the property's own failure as its cause.
 */
public final class Fuzz {
  /** The tries of a property in a build, unless {@code -Dfuzz.tries} says otherwise. */
  public static final int DEFAULT_TRIES = 300;
  private static final int SHOWN = 1000;
  private static volatile Long runSeed;

  /** A property of one input: returns if it holds, throws (an assertion or anything) if not. */
  @FunctionalInterface
  public interface Property<T> {
    void check(T input) throws Exception;
  }

  private Fuzz() {
  }

  /** Checks the property on {@link #DEFAULT_TRIES} inputs of the generator (or {@code -Dfuzz.tries}). */
  public static <T> void check(Function<Random, T> generator, Property<T> property) {
    run(caller(), DEFAULT_TRIES, generator, property);
  }

  /**
   * Checks a property costlier than most on {@code tries} inputs: that share of every
   * {@link #DEFAULT_TRIES} when {@code -Dfuzz.tries} asks for a longer (or shorter) run, at least one.
   */
  public static <T> void check(int tries, Function<Random, T> generator, Property<T> property) {
    run(caller(), tries, generator, property);
  }

  private static <T> void run(String name, int share, Function<Random, T> generator, Property<T> property) {
    long seed = seed();
    int tries = (int) Math.max(1, (long) share * Integer.getInteger("fuzz.tries", DEFAULT_TRIES) / DEFAULT_TRIES);
    for (int t = 1; t <= tries; t++) {
      T input = generator.apply(new Random(trySeed(seed, name, t)));
      try {
        property.check(input);
      } catch (OutOfMemoryError e) {
        throw e;
      } catch (Exception | Error e) {
        throw new AssertionError(name + " failed on try " + t + " of " + tries + " with fuzz.seed=" + seed
            + " (-Dfuzz.seed=" + seed + " replays it)\n  input: " + show(input) + "\n  failure: " + e, e);
      }
    }
  }

  /** The run's seed: {@code -Dfuzz.seed} if given, else one chosen (and printed) once per JVM. */
  static long seed() {
    String given = System.getProperty("fuzz.seed");
    if (given != null && !given.isBlank()) {
      return Long.parseLong(given.trim());
    }
    Long s = runSeed;
    if (s == null) {
      synchronized (Fuzz.class) {
        if (runSeed == null) {
          runSeed = ThreadLocalRandom.current().nextLong();
          System.out.println("Fuzzing with fuzz.seed=" + runSeed + " (-Dfuzz.seed=" + runSeed + " replays it)");
        }
        s = runSeed;
      }
    }
    return s;
  }

  /**
   * The name is part of a try's seed so that two properties fed by one generator (the four of the
   * expression parsers) see different inputs, as they would with seeds of their own.
   */
  static long trySeed(long seed, String name, int tryNumber) {
    return mix(mix(seed ^ name.hashCode()) + tryNumber);
  }

  /** SplitMix64's finalizer: nearby seeds (try 1, try 2) give unrelated Randoms. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * The calling test as Class.method: the first frame outside this class, a lambda named by the
   * method it is written in (javac's numbering of lambdas changes as a class is edited).
   */
  private static String caller() {
    return StackWalker.getInstance().walk(frames -> frames
        .filter(f -> !f.getClassName().equals(Fuzz.class.getName())).findFirst()
        .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + method(f.getMethodName()))
        .orElse("property"));
  }

  private static String method(String name) {
    return name.startsWith("lambda$") ? name.substring(7, Math.max(7, name.lastIndexOf('$'))) : name;
  }

  /** The input as a reader can see it: arrays spelled out, controls escaped, long ones cut. */
  static String show(Object input) {
    String text = input instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(input);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < SHOWN; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.length() < SHOWN ? out.toString() : out + "... (" + text.length() + " chars)";
  }
}
