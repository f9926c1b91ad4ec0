package dev.streambed.dynamodb.partiql;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.Bytes;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Set literals ({@code <<'a', 'b'>>}): DynamoDB's string, number and binary sets. */
final class Literals {
  private Literals() {}

  static AttributeValue set(List<AttributeValue> elements) {
    if (elements.isEmpty()) {
      throw AwsException.validation(Messages.EMPTY_SET);
    }
    AttributeValue first = elements.get(0);
    for (AttributeValue e : elements) {
      if (e.type() != first.type()) {
        throw AwsException.validation(Messages.MIXED_SET);
      }
    }
    if (first instanceof AttributeValue.S) {
      Set<String> set = new LinkedHashSet<>();
      elements.forEach(e -> set.add(((AttributeValue.S) e).value()));
      return AttributeValue.ss(set);
    }
    if (first instanceof AttributeValue.N) {
      Set<BigDecimal> set = new LinkedHashSet<>();
      elements.forEach(e -> set.add(((AttributeValue.N) e).value()));
      return AttributeValue.ns(set);
    }
    if (first instanceof AttributeValue.B) {
      Set<Bytes> set = new LinkedHashSet<>();
      elements.forEach(e -> set.add(((AttributeValue.B) e).value()));
      return AttributeValue.bs(set);
    }
    throw AwsException.validation(Messages.MIXED_SET);
  }
}
