package dev.streambed.dynamodb.partiql;

import dev.streambed.dynamodb.item.KeyCondition;
import dev.streambed.dynamodb.partiql.Ast.Expr;
import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeType;
import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a WHERE clause says of a key schema: the conditions joined by AND at its top, among them
 * equalities (or IN lists, or ORs of equalities) on the partition key and one range on the sort
 * key. They decide whether a SELECT is a Query or a Scan, and which item a write addresses.
 */
final class KeyTerms {
  private KeyTerms() {}

  /** The conditions joined by AND at the top of {@code where}. */
  static List<Expr> conjuncts(Expr where) {
    List<Expr> out = new ArrayList<>();
    collect(where, out);
    return out;
  }

  private static void collect(Expr e, List<Expr> out) {
    if (e instanceof Ast.And and) {
      collect(and.left(), out);
      collect(and.right(), out);
    } else if (e != null) {
      out.add(e);
    }
  }

  /** The value {@code name} is said to equal by this condition, or null. */
  static AttributeValue equality(Expr e, String name) {
    if (e instanceof Ast.Compare c && c.op().equals("=")) {
      if (isName(c.left(), name) && c.right() instanceof Ast.Literal l) {
        return l.value();
      }
      if (isName(c.right(), name) && c.left() instanceof Ast.Literal l) {
        return l.value();
      }
    }
    return null;
  }

  private static boolean isName(Expr e, String name) {
    return e instanceof Ast.Path p && p.steps().size() == 1 && name.equals(p.top());
  }

  /**
   * The full primary key the conditions name by equality, refused as DynamoDB refuses a write
   * whose WHERE clause does not pin one item; {@code others} receives the remaining conditions.
   */
  static Map<String, AttributeValue> fullKey(Expr where, KeySchema ks, List<Expr> others) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (Expr c : conjuncts(where)) {
      String name = keyNameOf(c, ks, key);
      if (name != null) {
        key.put(name, equality(c, name));
      } else if (others != null) {
        others.add(c);
      }
    }
    if (!key.containsKey(ks.hashName()) || (ks.hasRange() && !key.containsKey(ks.rangeName()))) {
      throw AwsException.validation(Messages.ALL_KEYS);
    }
    checkType(key.get(ks.hashName()), ks.hashType(), ks.hashName());
    if (ks.hasRange()) {
      checkType(key.get(ks.rangeName()), ks.rangeType(), ks.rangeName());
    }
    return key;
  }

  private static String keyNameOf(Expr c, KeySchema ks, Map<String, AttributeValue> found) {
    if (!found.containsKey(ks.hashName()) && equality(c, ks.hashName()) != null) {
      return ks.hashName();
    }
    if (ks.hasRange() && !found.containsKey(ks.rangeName()) && equality(c, ks.rangeName()) != null) {
      return ks.rangeName();
    }
    return null;
  }

  static void checkType(AttributeValue value, AttributeType type, String name) {
    if (value.type() != type) {
      throw AwsException.validation(Messages.keyType(name));
    }
  }

  /** The partition key values a SELECT is restricted to, in the order written, or null (a Scan). */
  static List<AttributeValue> hashValues(Expr where, KeySchema ks) {
    for (Expr c : conjuncts(where)) {
      List<AttributeValue> values = hashValuesOf(c, ks.hashName());
      if (values != null) {
        for (AttributeValue v : values) {
          checkType(v, ks.hashType(), ks.hashName());
        }
        return values;
      }
    }
    return null;
  }

  private static List<AttributeValue> hashValuesOf(Expr c, String hash) {
    AttributeValue one = equality(c, hash);
    if (one != null) {
      return List.of(one);
    }
    if (c instanceof Ast.In in && !in.negated() && isName(in.subject(), hash)) {
      List<AttributeValue> values = new ArrayList<>();
      for (Expr e : in.candidates()) {
        if (!(e instanceof Ast.Literal l)) {
          return null;
        }
        if (!values.contains(l.value())) {
          values.add(l.value());
        }
      }
      return values;
    }
    if (c instanceof Ast.Or or) {
      List<AttributeValue> left = hashValuesOf(or.left(), hash);
      List<AttributeValue> right = hashValuesOf(or.right(), hash);
      if (left != null && right != null) {
        List<AttributeValue> both = new ArrayList<>(left);
        right.stream().filter(v -> !both.contains(v)).forEach(both::add);
        return both;
      }
    }
    return null;
  }

  /** The key condition of one partition: its sort key range from the first condition that gives one. */
  static KeyCondition keyCondition(Expr where, KeySchema ks, AttributeValue hash) {
    if (ks.hasRange()) {
      for (Expr c : conjuncts(where)) {
        KeyCondition k = range(c, ks, hash);
        if (k != null) {
          return k;
        }
      }
    }
    return KeyCondition.hashOnly(hash);
  }

  private static KeyCondition range(Expr c, KeySchema ks, AttributeValue hash) {
    String sk = ks.rangeName();
    KeyCondition.RangeOp op = null;
    AttributeValue low = null;
    AttributeValue high = null;
    if (c instanceof Ast.Compare cmp && !cmp.op().equals("<>")) {
      boolean flipped = isName(cmp.right(), sk) && cmp.left() instanceof Ast.Literal;
      if ((isName(cmp.left(), sk) && cmp.right() instanceof Ast.Literal) || flipped) {
        low = ((Ast.Literal) (flipped ? cmp.left() : cmp.right())).value();
        op = rangeOp(flipped ? mirror(cmp.op()) : cmp.op());
      }
    } else if (c instanceof Ast.Between b && !b.negated() && isName(b.subject(), sk)
        && b.low() instanceof Ast.Literal lo && b.high() instanceof Ast.Literal hi) {
      op = KeyCondition.RangeOp.BETWEEN;
      low = lo.value();
      high = hi.value();
    } else if (c instanceof Ast.Call call && call.name().equals("begins_with") && call.args().size() == 2
        && isName(call.args().get(0), sk) && call.args().get(1) instanceof Ast.Literal l) {
      op = KeyCondition.RangeOp.BEGINS_WITH;
      low = l.value();
    }
    if (op == null) {
      return null;
    }
    if (low.type() != ks.rangeType() || (high != null && high.type() != ks.rangeType())) {
      throw AwsException.validation(Messages.keyType(sk));
    }
    return new KeyCondition(hash, op, low, high);
  }

  private static String mirror(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  private static KeyCondition.RangeOp rangeOp(String op) {
    return switch (op) {
      case "=" -> KeyCondition.RangeOp.EQ;
      case "<" -> KeyCondition.RangeOp.LT;
      case "<=" -> KeyCondition.RangeOp.LE;
      case ">" -> KeyCondition.RangeOp.GT;
      default -> KeyCondition.RangeOp.GE;
    };
  }
}
