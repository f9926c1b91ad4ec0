package dev.streambed.dynamodb.item;

import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.KeyEncoding;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A Query's ExclusiveStartKey checked against its key condition, and when a page ends without
 * a LastEvaluatedKey although it stopped at Limit.
 *
 * <p>The sort key of a start key must satisfy the condition; on the table (not on an index) it
 * may not sit on the bound the read moves towards either (reading forward, {@code sk <= 3}
 * refuses a start at 3: nothing can follow it), as DynamoDB Local answers for every operator and
 * direction. Symmetrically a page of the table whose last item sits on that bound carries no
 * LastEvaluatedKey. A start key in another partition is
 * refused in the words live DynamoDB used in dynalite's tests: "outside query boundaries" with no
 * sort key condition, "at most one row" with one whose range the start key satisfies.
 */
final class StartKeys {
  private StartKeys() {}

  /** The start key's attributes: the table's key and, on an index, the index's, with their types. */
  static void checkShape(KeySchema table, KeySchema index, Map<String, AttributeValue> key) {
    Set<String> names = new HashSet<>();
    boolean ok = matches(table, key, names);
    if (index != null) {
      ok &= matches(index, key, names);
    }
    if (key.size() != names.size()) {
      // DynamoDB Local's words, and the ones AWS SDK users meet (the dynamoid gem's docs).
      throw AwsException.validation("Exclusive Start Key must have same size as table's key schema");
    }
    if (!ok) {
      throw AwsException.validation("The provided starting key is invalid: "
          + "The provided key element does not match the schema");
    }
  }

  private static boolean matches(KeySchema ks, Map<String, AttributeValue> key, Set<String> names) {
    AttributeValue hash = key.get(ks.hashName());
    names.add(ks.hashName());
    boolean ok = hash != null && hash.type() == ks.hashType();
    if (ks.hasRange()) {
      AttributeValue range = key.get(ks.rangeName());
      names.add(ks.rangeName());
      ok &= range != null && range.type() == ks.rangeType();
    }
    return ok;
  }

  /** Refuses a start key outside the condition's partition or sort key range. */
  static void checkBounds(KeySchema ks, KeyCondition condition, boolean forward, boolean onTable,
      Map<String, AttributeValue> key) {
    boolean samePartition = key.get(ks.hashName()).equals(condition.hash());
    if (condition.op() == KeyCondition.RangeOp.NONE) {
      if (!samePartition) {
        throw AwsException.validation("The provided starting key is outside query boundaries based on provided conditions");
      }
      return;
    }
    AttributeValue range = key.get(ks.rangeName());
    boolean admitted = onTable ? admits(condition, forward, range) : inclusive(condition, range);
    if (!admitted) {
      throw AwsException.validation("The provided starting key does not match the range key predicate");
    }
    if (!samePartition) {
      throw AwsException.validation("The query can return at most one row and cannot be restarted");
    }
  }

  private static boolean admits(KeyCondition c, boolean forward, AttributeValue v) {
    int low = c.low() == null ? 0 : compare(v, c.low());
    switch (c.op()) {
      case EQ:
        return low == 0;
      case LT:
        return low < 0;
      case LE:
        return forward ? low < 0 : low <= 0;
      case GT:
        return low > 0;
      case GE:
        return forward ? low >= 0 : low > 0;
      case BETWEEN: {
        int high = compare(v, c.high());
        return forward ? low >= 0 && high < 0 : low > 0 && high <= 0;
      }
      case BEGINS_WITH: {
        byte[] prefix = KeyEncoding.encodePrefix(c.low());
        byte[] value = KeyEncoding.encode(v);
        return value.length >= prefix.length
            && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
      }
      default:
        return true;
    }
  }

  /** Whether a sort key value satisfies the condition, bounds included. */
  private static boolean inclusive(KeyCondition c, AttributeValue v) {
    int low = compare(v, c.low());
    return switch (c.op()) {
      case LE -> low <= 0;
      case GE -> low >= 0;
      case BETWEEN -> low >= 0 && compare(v, c.high()) <= 0;
      default -> admits(c, true, v); // =, <, > and begins_with do not depend on the direction
    };
  }

  /**
   * Whether nothing can follow a sort key value in the read's direction: it is on the far bound
   * of {@code <=}, {@code >=} or BETWEEN (not of {@code =}, whose page keeps its key).
   */
  static boolean onFarBound(KeyCondition c, boolean forward, AttributeValue v) {
    switch (c.op()) {
      case LE:
        return forward && compare(v, c.low()) == 0;
      case GE:
        return !forward && compare(v, c.low()) == 0;
      case BETWEEN:
        return compare(v, forward ? c.high() : c.low()) == 0;
      default:
        return false;
    }
  }

  /** DynamoDB's order of two key values of one type: that of their encodings. */
  private static int compare(AttributeValue a, AttributeValue b) {
    return Arrays.compareUnsigned(KeyEncoding.encode(a), KeyEncoding.encode(b));
  }
}
