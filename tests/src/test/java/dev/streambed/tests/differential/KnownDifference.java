package dev.streambed.tests.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A way DynamoDB Local is known to answer differently from Amazon DynamoDB, with the evidence of
 * what AWS answers. Before two answers are compared, every known difference rewrites DynamoDB
 * Local's answer into the one AWS would have given, so Streambed is held to AWS's behaviour.
 *
 * <p>The list lives in three catalogues: {@link WireDifferences}, {@link TableDifferences} and
 * {@link ItemDifferences}. An entry whose evidence is weak says so in its evidence.
 */
public record KnownDifference(String id, String dynamoDbLocal, String aws, String evidence,
    Correction correction) {

  /** Rewrites DynamoDB Local's answer to a step into AWS's; returns it unchanged when it does not apply. */
  @FunctionalInterface
  public interface Correction {
    Answer apply(Step step, Answer local);
  }

  /** An expected value that is not compared, with the reason after it. */
  public static final String WAIVED = "<waived>";

  /** Every known difference, applied in this order. */
  public static final List<KnownDifference> ALL = java.util.stream.Stream.of(
      WireDifferences.ALL, TableDifferences.ALL, ItemDifferences.ALL, ExpressionDifferences.ALL,
      ReadDifferences.ALL, PartiQlDifferences.ALL, IndexDifferences.ALL, TimeToLiveDifferences.ALL)
      .flatMap(List::stream).toList();

  /** DynamoDB Local's answer corrected by every known difference. */
  public static Answer correct(Step step, Answer local) {
    Answer a = local;
    for (KnownDifference d : ALL) {
      a = d.correction().apply(step, a);
    }
    return a;
  }

  @SuppressWarnings("unchecked")
  static <T> T rewriteStrings(T tree, UnaryOperator<String> f) {
    if (tree instanceof String s) {
      return (T) f.apply(s);
    }
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put((String) k, rewriteStrings(v, f)));
      return (T) out;
    }
    if (tree instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(rewriteStrings(v, f)));
      return (T) out;
    }
    if (tree instanceof java.util.Set<?> set) {
      java.util.Set<Object> out = new java.util.TreeSet<>();
      set.forEach(v -> out.add(rewriteStrings(v, f)));
      return (T) out;
    }
    return tree;
  }

  @SuppressWarnings("unchecked")
  static <T> T rewriteMember(T tree, String member, UnaryOperator<Object> f) {
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put((String) k,
          k.equals(member) ? f.apply(v) : rewriteMember(v, member, f)));
      return (T) out;
    }
    if (tree instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(rewriteMember(v, member, f)));
      return (T) out;
    }
    return tree;
  }
}
