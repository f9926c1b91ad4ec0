package dev.streambed.kernel.value;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DynamoDB attribute value: the immutable model every service shares.
 *
 * <p>Numbers are kept as {@link BigDecimal} with DynamoDB's 38 digits of precision, never as
 * doubles. Sets keep their insertion order so that what a client wrote is what it reads back.
 * Instances are built through the static factories, which copy and freeze their arguments.
 */
public sealed interface AttributeValue
    permits AttributeValue.S, AttributeValue.N, AttributeValue.B, AttributeValue.Bool,
        AttributeValue.Null, AttributeValue.M, AttributeValue.L, AttributeValue.SS,
        AttributeValue.NS, AttributeValue.BS {

  AttributeType type();

  static S s(String value) {
    return new S(value);
  }

  static N n(BigDecimal value) {
    return new N(Numbers.normalize(value));
  }

  static N n(long value) {
    return new N(Numbers.normalize(BigDecimal.valueOf(value)));
  }

  /** Parses a number as the wire carries it; validation of DynamoDB's limits is done by {@link Numbers#parse}. */
  static N n(String text) {
    return new N(Numbers.parse(text));
  }

  static B b(Bytes value) {
    return new B(value);
  }

  static Bool bool(boolean value) {
    return value ? Bool.TRUE : Bool.FALSE;
  }

  static Null nul() {
    return Null.INSTANCE;
  }

  static M m(Map<String, AttributeValue> value) {
    return new M(Collections.unmodifiableMap(new LinkedHashMap<>(value)));
  }

  static L l(List<AttributeValue> value) {
    return new L(List.copyOf(value));
  }

  static SS ss(Set<String> value) {
    return new SS(Collections.unmodifiableSet(new LinkedHashSet<>(value)));
  }

  static NS ns(Set<BigDecimal> value) {
    LinkedHashSet<BigDecimal> normalized = new LinkedHashSet<>();
    for (BigDecimal d : value) {
      normalized.add(Numbers.normalize(d));
    }
    return new NS(Collections.unmodifiableSet(normalized));
  }

  static BS bs(Set<Bytes> value) {
    return new BS(Collections.unmodifiableSet(new LinkedHashSet<>(value)));
  }

  /** A string. */
  record S(String value) implements AttributeValue {
    public AttributeType type() {
      return AttributeType.S;
    }
  }

  /** A number, normalized (no trailing zeros) so that equal numbers are equal records. */
  record N(BigDecimal value) implements AttributeValue {
    public AttributeType type() {
      return AttributeType.N;
    }

    /** The canonical text DynamoDB returns for this number. */
    public String text() {
      return Numbers.format(value);
    }
  }

  /** A binary value. */
  record B(Bytes value) implements AttributeValue {
    public AttributeType type() {
      return AttributeType.B;
    }
  }

  /** A boolean. */
  record Bool(boolean value) implements AttributeValue {
    static final Bool TRUE = new Bool(true);
    static final Bool FALSE = new Bool(false);

    public AttributeType type() {
      return AttributeType.BOOL;
    }
  }

  /** The NULL value. */
  record Null() implements AttributeValue {
    static final Null INSTANCE = new Null();

    public AttributeType type() {
      return AttributeType.NULL;
    }
  }

  /** A map of named values. */
  record M(Map<String, AttributeValue> value) implements AttributeValue {
    public AttributeType type() {
      return AttributeType.M;
    }
  }

  /** A list of values. */
  record L(List<AttributeValue> value) implements AttributeValue {
    public AttributeType type() {
      return AttributeType.L;
    }
  }

  /** A string set. */
  record SS(Set<String> value) implements AttributeValue {
    public AttributeType type() {
      return AttributeType.SS;
    }
  }

  /** A number set; members are normalized numbers. */
  record NS(Set<BigDecimal> value) implements AttributeValue {
    public AttributeType type() {
      return AttributeType.NS;
    }
  }

  /** A binary set. */
  record BS(Set<Bytes> value) implements AttributeValue {
    public AttributeType type() {
      return AttributeType.BS;
    }
  }
}
