package dev.streambed.junit5;

/** How long the instance of {@link Streambed @Streambed} or {@link WithStreambed @WithStreambed} lives. */
public enum Scope {
  /** One instance for the test class (and its nested classes), reset between tests. */
  CLASS,
  /** A new instance for every test. */
  TEST
}
