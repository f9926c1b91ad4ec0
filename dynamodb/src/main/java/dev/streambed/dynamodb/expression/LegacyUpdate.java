package dev.streambed.dynamodb.expression;

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

/** The legacy {@code AttributeUpdates} of UpdateItem: PUT, ADD and DELETE on top-level attributes. */
final class LegacyUpdate implements Update {
  private final List<AttributeUpdate> updates;
  private final List<String> names;
  private final ProjectionPlan touched;

  private LegacyUpdate(List<AttributeUpdate> updates) {
    this.updates = updates;
    List<String> names = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    for (AttributeUpdate u : updates) {
      names.add(u.name());
      paths.add(Path.of(u.name()));
    }
    this.names = List.copyOf(names);
    this.touched = new ProjectionPlan(paths);
  }

  static Update of(List<AttributeUpdate> updates) {
    for (AttributeUpdate u : updates) {
      String action = u.action() == null ? "PUT" : u.action();
      if (!action.equals("PUT") && !action.equals("ADD") && !action.equals("DELETE")) {
        throw Messages.validation(Messages.enumConstraint(action,
            "attributeUpdates." + u.name() + ".member.action", Messages.ATTRIBUTE_ACTIONS));
      }
      AttributeValue value = u.value();
      if (value == null && !action.equals("DELETE")) {
        throw Messages.validation(Messages.DELETE_WITHOUT_VALUE_ONLY);
      }
      if (value != null && action.equals("DELETE") && !Values.isSet(value)) {
        throw Messages.validation(Messages.deleteNotSupported(value.type().name()));
      }
      if (value != null && action.equals("ADD") && !Values.isSet(value)
          && !(value instanceof AttributeValue.N) && !(value instanceof AttributeValue.L)) {
        throw Messages.validation(Messages.addNotSupported(value.type().name()));
      }
    }
    return new LegacyUpdate(List.copyOf(updates));
  }

  @Override
  public List<String> topLevelNames() {
    return names;
  }

  @Override
  public Map<String, AttributeValue> updatedPart(Map<String, AttributeValue> item) {
    return touched.apply(item);
  }

  @Override
  public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
    LinkedHashMap<String, AttributeValue> result =
        item == null ? new LinkedHashMap<>() : new LinkedHashMap<>(item);
    for (AttributeUpdate u : updates) {
      String action = u.action() == null ? "PUT" : u.action();
      AttributeValue existing = result.get(u.name());
      AttributeValue value = u.value();
      switch (action) {
        case "PUT":
          result.put(u.name(), value);
          break;
        case "DELETE":
          if (value == null) {
            result.remove(u.name());
          } else if (existing != null) {
            AttributeValue rest = difference(existing, value);
            if (rest == null) {
              result.remove(u.name());
            } else {
              result.put(u.name(), rest);
            }
          }
          break;
        default:
          result.put(u.name(), existing == null ? value : add(existing, value));
      }
    }
    return result;
  }

  private static AttributeValue add(AttributeValue existing, AttributeValue value) {
    if (existing instanceof AttributeValue.N n && value instanceof AttributeValue.N o) {
      return AttributeValue.n(Numbers.check(n.value().add(o.value())));
    }
    if (existing instanceof AttributeValue.L l && value instanceof AttributeValue.L o) {
      List<AttributeValue> joined = new ArrayList<>(l.value());
      joined.addAll(o.value());
      return AttributeValue.l(joined);
    }
    if (existing instanceof AttributeValue.SS s && value instanceof AttributeValue.SS o) {
      Set<String> union = new LinkedHashSet<>(s.value());
      union.addAll(o.value());
      return AttributeValue.ss(union);
    }
    if (existing instanceof AttributeValue.NS s && value instanceof AttributeValue.NS o) {
      Set<BigDecimal> union = new LinkedHashSet<>(s.value());
      union.addAll(o.value());
      return AttributeValue.ns(union);
    }
    if (existing instanceof AttributeValue.BS s && value instanceof AttributeValue.BS o) {
      Set<Bytes> union = new LinkedHashSet<>(s.value());
      union.addAll(o.value());
      return AttributeValue.bs(union);
    }
    throw Messages.validation(Messages.LEGACY_TYPE_MISMATCH);
  }

  private static AttributeValue difference(AttributeValue existing, AttributeValue value) {
    if (existing.type() != value.type()) {
      throw Messages.validation(Messages.LEGACY_TYPE_MISMATCH);
    }
    if (existing instanceof AttributeValue.SS s) {
      Set<String> rest = new LinkedHashSet<>(s.value());
      rest.removeAll(((AttributeValue.SS) value).value());
      return rest.isEmpty() ? null : AttributeValue.ss(rest);
    }
    if (existing instanceof AttributeValue.NS s) {
      Set<BigDecimal> rest = new LinkedHashSet<>(s.value());
      rest.removeAll(((AttributeValue.NS) value).value());
      return rest.isEmpty() ? null : AttributeValue.ns(rest);
    }
    Set<Bytes> rest = new LinkedHashSet<>(((AttributeValue.BS) existing).value());
    rest.removeAll(((AttributeValue.BS) value).value());
    return rest.isEmpty() ? null : AttributeValue.bs(rest);
  }
}
