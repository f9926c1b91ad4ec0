package dev.streambed.dynamodb.expression;

import dev.streambed.dynamodb.expression.Ast.Call;
import dev.streambed.dynamodb.expression.Ast.Operand;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.Bytes;
import dev.streambed.kernel.value.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed UpdateExpression, applied as DynamoDB applies it. */
final class UpdatePlan implements Update {
  private final List<UpdateAction> actions;
  private final List<String> topLevelNames;
  private final ProjectionPlan touched;

  UpdatePlan(List<UpdateAction> actions) {
    this.actions = List.copyOf(actions);
    Set<String> names = new LinkedHashSet<>();
    List<Path> paths = new ArrayList<>(actions.size());
    for (UpdateAction action : actions) {
      names.add(action.path().top());
      paths.add(action.path());
    }
    this.topLevelNames = List.copyOf(names);
    this.touched = new ProjectionPlan(paths);
  }

  List<UpdateAction> actions() {
    return actions;
  }

  @Override
  public List<String> topLevelNames() {
    return topLevelNames;
  }

  @Override
  public Map<String, AttributeValue> updatedPart(Map<String, AttributeValue> item) {
    return touched.apply(item);
  }

  /**
   * Every SET value is computed from the item as it was before the update, then the actions are
   * applied in order. {@code item} null (or empty) means there is no item yet.
   *
   * <p>When several actions are wrong, DynamoDB mostly reports them in this order: an ADD or
   * DELETE whose operand does not fit the value there ("incorrect data type"); then a path that
   * cannot be written ("invalid for update"); then a SET value of the wrong type; and only then a
   * SET value that reads an attribute the item does not have. Its real rule also depends on the
   * attribute names involved, which this order does not reproduce.
   */
  @Override
  public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
    boolean noItem = item == null || item.isEmpty();
    for (UpdateAction action : actions) {
      if (action.kind() == UpdateAction.Kind.ADD || action.kind() == UpdateAction.Kind.DELETE) {
        AttributeValue existing = action.path().get(item);
        AttributeValue operand = ((Ast.ValueOperand) action.value()).value();
        if (existing != null && !fits(action.kind(), existing, operand)) {
          throw Messages.validation(Messages.WRONG_OPERAND_TYPE);
        }
      }
    }
    LinkedHashMap<String, Object> root = Documents.thaw(item);
    Object[] parents = new Object[actions.size()];
    for (int i = 0; i < actions.size(); i++) {
      UpdateAction action = actions.get(i);
      parents[i] = Documents.parentOf(root, action.path());
      // DynamoDB ignores REMOVE of a nested path when the item does not exist at all.
      if (parents[i] == null && !(action.kind() == UpdateAction.Kind.REMOVE && noItem)) {
        throw Messages.validation(Messages.INVALID_UPDATE_PATH);
      }
    }
    AttributeValue[] setValues = setValues(item);
    for (int i = 0; i < actions.size(); i++) {
      UpdateAction action = actions.get(i);
      Object parent = parents[i];
      if (parent == null) {
        continue;
      }
      Path path = action.path();
      Path.Step last = path.step(path.size() - 1);
      switch (action.kind()) {
        case SET:
          Documents.put(parent, last, setValues[i]);
          break;
        case REMOVE:
          Documents.remove(parent, last);
          break;
        case ADD: {
          AttributeValue operand = ((Ast.ValueOperand) action.value()).value();
          Object existing = Documents.get(parent, last);
          Documents.put(parent, last, existing == null ? operand : add(existing, operand));
          break;
        }
        case DELETE: {
          AttributeValue operand = ((Ast.ValueOperand) action.value()).value();
          Object existing = Documents.get(parent, last);
          if (existing != null) {
            AttributeValue rest = difference(existing, operand);
            if (rest == null) {
              Documents.remove(parent, last);
            } else {
              Documents.put(parent, last, rest);
            }
          }
          break;
        }
        default:
          throw new IllegalStateException();
      }
    }
    return Documents.freeze(root);
  }

  /**
   * The values of the SET actions. A value of the wrong type anywhere is reported before a value
   * that reads a missing attribute, even when the missing one comes first.
   */
  private AttributeValue[] setValues(Map<String, AttributeValue> item) {
    AttributeValue[] values = new AttributeValue[actions.size()];
    AwsException missing = null;
    for (int i = 0; i < actions.size(); i++) {
      UpdateAction action = actions.get(i);
      if (action.kind() != UpdateAction.Kind.SET) {
        continue;
      }
      try {
        values[i] = resolve(action.value(), item);
      } catch (MissingOperand e) {
        if (missing == null) {
          missing = Messages.validation(Messages.MISSING_OPERAND);
        }
      }
    }
    if (missing != null) {
      throw missing;
    }
    return values;
  }

  /** A SET value read an attribute the item does not have (reported after type errors). */
  private static final class MissingOperand extends RuntimeException {
    MissingOperand() {
      super(null, null, false, false);
    }
  }

  private static final MissingOperand MISSING = new MissingOperand();

  /** Whether ADD or DELETE can combine {@code operand} with the value already there. */
  private static boolean fits(UpdateAction.Kind kind, AttributeValue existing, AttributeValue operand) {
    if (operand == null || existing.type() != operand.type()) {
      return false;
    }
    return kind == UpdateAction.Kind.DELETE ? Values.isSet(existing)
        : Values.isSet(existing) || existing instanceof AttributeValue.N;
  }

  private static AttributeValue resolve(Operand operand, Map<String, AttributeValue> item) {
    if (operand instanceof Ast.ValueOperand v) {
      return v.value();
    }
    if (operand instanceof Ast.PathOperand p) {
      AttributeValue value = p.path().get(item);
      if (value == null) {
        throw MISSING;
      }
      return value;
    }
    if (operand instanceof Ast.Arithmetic a) {
      AttributeValue left = resolve(a.left(), item);
      AttributeValue right = resolve(a.right(), item);
      if (!(left instanceof AttributeValue.N l) || !(right instanceof AttributeValue.N r)) {
        throw Messages.validation(Messages.WRONG_OPERAND_TYPE);
      }
      BigDecimal result = a.plus() ? l.value().add(r.value()) : l.value().subtract(r.value());
      return AttributeValue.n(Numbers.check(result));
    }
    Call call = (Call) operand;
    switch (call.function()) {
      case IF_NOT_EXISTS: {
        AttributeValue existing = ((Ast.PathOperand) call.args().get(0)).path().get(item);
        return existing != null ? existing : resolve(call.args().get(1), item);
      }
      case LIST_APPEND: {
        AttributeValue first = resolve(call.args().get(0), item);
        AttributeValue second = resolve(call.args().get(1), item);
        if (!(first instanceof AttributeValue.L a) || !(second instanceof AttributeValue.L b)) {
          throw Messages.validation(Messages.WRONG_OPERAND_TYPE);
        }
        List<AttributeValue> joined = new ArrayList<>(a.value().size() + b.value().size());
        joined.addAll(a.value());
        joined.addAll(b.value());
        return AttributeValue.l(joined);
      }
      default:
        throw new IllegalStateException("not an update function: " + call.name());
    }
  }

  /** ADD to an existing value: a sum of numbers or a union of sets of one type. */
  private static AttributeValue add(Object existing, AttributeValue operand) {
    if (existing instanceof AttributeValue.N n && operand instanceof AttributeValue.N o) {
      return AttributeValue.n(Numbers.check(n.value().add(o.value())));
    }
    if (existing instanceof AttributeValue.SS s && operand instanceof AttributeValue.SS o) {
      Set<String> union = new LinkedHashSet<>(s.value());
      union.addAll(o.value());
      return AttributeValue.ss(union);
    }
    if (existing instanceof AttributeValue.NS s && operand instanceof AttributeValue.NS o) {
      Set<BigDecimal> union = new LinkedHashSet<>(s.value());
      union.addAll(o.value());
      return AttributeValue.ns(union);
    }
    if (existing instanceof AttributeValue.BS s && operand instanceof AttributeValue.BS o) {
      Set<Bytes> union = new LinkedHashSet<>(s.value());
      union.addAll(o.value());
      return AttributeValue.bs(union);
    }
    throw Messages.validation(Messages.WRONG_OPERAND_TYPE);
  }

  /** DELETE from an existing set; null when nothing is left (the attribute goes away). */
  private static AttributeValue difference(Object existing, AttributeValue operand) {
    if (existing instanceof AttributeValue.SS s && operand instanceof AttributeValue.SS o) {
      Set<String> rest = new LinkedHashSet<>(s.value());
      rest.removeAll(o.value());
      return rest.isEmpty() ? null : AttributeValue.ss(rest);
    }
    if (existing instanceof AttributeValue.NS s && operand instanceof AttributeValue.NS o) {
      Set<BigDecimal> rest = new LinkedHashSet<>(s.value());
      rest.removeAll(o.value());
      return rest.isEmpty() ? null : AttributeValue.ns(rest);
    }
    if (existing instanceof AttributeValue.BS s && operand instanceof AttributeValue.BS o) {
      Set<Bytes> rest = new LinkedHashSet<>(s.value());
      rest.removeAll(o.value());
      return rest.isEmpty() ? null : AttributeValue.bs(rest);
    }
    throw Messages.validation(Messages.WRONG_OPERAND_TYPE);
  }
}
