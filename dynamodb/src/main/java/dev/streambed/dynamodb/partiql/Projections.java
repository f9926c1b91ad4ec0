package dev.streambed.dynamodb.partiql;

import dev.streambed.dynamodb.expression.Projection;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SELECT list: each path's value under the path's last name ({@code SELECT m.a} answers
 * {@code a}, {@code SELECT l[1]} answers {@code l[1]}); a path the item lacks is left out.
 */
final class Projections {
  private Projections() {}

  /** The projection of a SELECT list, or null for {@code *}. */
  static Projection of(List<Ast.Path> paths) {
    if (paths == null) {
      return null;
    }
    Set<String> seen = new HashSet<>();
    for (Ast.Path p : paths) {
      if (!seen.add(outputName(p))) {
        throw AwsException.validation(Messages.duplicateProjection(outputName(p)));
      }
    }
    return item -> {
      Map<String, AttributeValue> out = new LinkedHashMap<>();
      for (Ast.Path p : paths) {
        AttributeValue v = get(item, p);
        if (v != null) {
          out.put(outputName(p), v);
        }
      }
      return out;
    };
  }

  private static String outputName(Ast.Path p) {
    List<Ast.Step> steps = p.steps();
    Ast.Step last = steps.get(steps.size() - 1);
    if (!last.isIndex()) {
      return last.name();
    }
    int i = steps.size() - 1;
    StringBuilder suffix = new StringBuilder();
    while (i > 0 && steps.get(i).isIndex()) {
      suffix.insert(0, "[" + steps.get(i).index() + "]");
      i--;
    }
    return steps.get(i).name() + suffix;
  }

  static AttributeValue get(Map<String, AttributeValue> item, Ast.Path p) {
    AttributeValue v = item.get(p.top());
    for (int i = 1; i < p.steps().size() && v != null; i++) {
      Ast.Step s = p.steps().get(i);
      if (s.isIndex()) {
        v = v instanceof AttributeValue.L l && s.index() < l.value().size() ? l.value().get(s.index()) : null;
      } else {
        v = v instanceof AttributeValue.M m ? m.value().get(s.name()) : null;
      }
    }
    return v;
  }
}
