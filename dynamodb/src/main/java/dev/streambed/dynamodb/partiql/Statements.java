package dev.streambed.dynamodb.partiql;

import dev.streambed.dynamodb.DynamoDbError;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.Projection;
import dev.streambed.dynamodb.item.Items;
import dev.streambed.dynamodb.item.KeyCondition;
import dev.streambed.dynamodb.item.Reads;
import dev.streambed.dynamodb.item.ReturnValue;
import dev.streambed.dynamodb.partiql.Ast.Expr;
import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.dynamodb.table.SecondaryIndex;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PartiQL's ExecuteStatement: SELECT as a Query (the WHERE clause names partition key values)
 * or a Scan, with Limit and NextToken; INSERT, UPDATE and DELETE as the single-item writes they
 * are, through {@link Items} and so through the one write path.
 */
public final class Statements {
  /** Finds a table by the name a statement gives it; null when there is none. */
  @FunctionalInterface
  public interface Tables {
    Table find(String name);
  }

  /** One statement with its parameters (empty, never null) and ExecuteStatement's options. */
  public record Request(String statement, List<AttributeValue> parameters, boolean consistentRead,
      Integer limit, String nextToken, boolean returnOldOnFailure) {}

  /** What a statement answers: its table, the items, where to go on, and the capacity used. */
  public record Result(String tableName, List<Map<String, AttributeValue>> items, String nextToken,
      double capacityUnits) {}

  /** A parsed statement and the table it names. */
  record Bound(Ast.Statement statement, Table table) {}

  private final Items items;
  private final Reads reads;

  public Statements(Items items, Reads reads) {
    this.items = items;
    this.reads = reads;
  }

  public Result execute(Tables tables, Request r) {
    // AWS's data-plane operations say "Requested resource not found" of a missing table.
    Bound b = bind(tables, r.statement(), r.parameters(), "Requested resource not found");
    if (b.statement() instanceof Ast.Select s) {
      return select(s, b.table(), r);
    }
    return write(b, r.returnOldOnFailure());
  }

  /** Parses a statement and finds its table, or refuses with {@code noTableMessage}. */
  static Bound bind(Tables tables, String statement, List<AttributeValue> parameters,
      String noTableMessage) {
    Ast.Statement parsed = Parser.parse(statement, parameters);
    Table table = tables.find(sourceOf(parsed).table());
    if (table == null) {
      throw new AwsException(DynamoDbError.RESOURCE_NOT_FOUND, noTableMessage);
    }
    return new Bound(parsed, table);
  }

  static Ast.Source sourceOf(Ast.Statement s) {
    if (s instanceof Ast.Select x) {
      return x.source();
    } else if (s instanceof Ast.Insert x) {
      return x.source();
    } else if (s instanceof Ast.Update x) {
      return x.source();
    } else if (s instanceof Ast.Delete x) {
      return x.source();
    }
    return ((Ast.Exists) s).select().source();
  }

  // ---- writes ----

  Result write(Bound b, boolean returnOldOnFailure) {
    Table table = b.table();
    Items.WriteResult w;
    if (b.statement() instanceof Ast.Insert ins) {
      Map<String, AttributeValue> item = insertItem(table, ins);
      try {
        w = items.put(table, item, old -> old == null, ReturnValue.NONE, false);
      } catch (AwsException e) {
        if (e.errorCode() == DynamoDbError.CONDITIONAL_CHECK_FAILED) {
          throw new AwsException(DynamoDbError.DUPLICATE_ITEM, Messages.DUPLICATE_ITEM);
        }
        throw e;
      }
    } else if (b.statement() instanceof Ast.Update u) {
      Map<String, AttributeValue> key = KeyTerms.fullKey(u.where(), table.keySchema(), null);
      Condition condition = Translation.condition(u.where());
      w = items.update(table, key, Translation.update(u.actions()), condition,
          returnValue(u.returning()), returnOldOnFailure);
    } else {
      Ast.Delete d = (Ast.Delete) b.statement();
      WriteParts parts = delete(table, d);
      w = items.delete(table, parts.key(), parts.condition(),
          d.returning() == null ? ReturnValue.NONE : ReturnValue.ALL_OLD, returnOldOnFailure);
    }
    List<Map<String, AttributeValue>> out = w.attributes() == null ? List.of() : List.of(w.attributes());
    return new Result(table.name(), out, null, w.capacityUnits());
  }

  /** The key a DELETE addresses and the condition its other terms make (null when none). */
  record WriteParts(Map<String, AttributeValue> key, Condition condition) {}

  static WriteParts delete(Table table, Ast.Delete d) {
    if (d.returning() != null && !d.returning().equals("ALL OLD")) {
      throw AwsException.validation(Messages.deleteReturning(d.returning()));
    }
    List<Expr> others = new ArrayList<>();
    Map<String, AttributeValue> key = KeyTerms.fullKey(d.where(), table.keySchema(), others);
    // The key terms only address the item: deleting an absent item is no error (as on AWS).
    Expr rest = null;
    for (Expr e : others) {
      rest = rest == null ? e : new Ast.And(rest, e);
    }
    return new WriteParts(key, rest == null ? null : Translation.condition(rest));
  }

  static Map<String, AttributeValue> insertItem(Table table, Ast.Insert ins) {
    KeySchema ks = table.keySchema();
    for (String name : ks.hasRange() ? List.of(ks.hashName(), ks.rangeName()) : List.of(ks.hashName())) {
      AttributeValue v = ins.item().get(name);
      if (v == null) {
        throw AwsException.validation(Messages.keyMissing(name));
      }
      KeyTerms.checkType(v, name.equals(ks.hashName()) ? ks.hashType() : ks.rangeType(), name);
    }
    return ins.item();
  }

  static ReturnValue returnValue(String returning) {
    if (returning == null) {
      return ReturnValue.NONE;
    }
    return switch (returning) {
      case "ALL OLD" -> ReturnValue.ALL_OLD;
      case "ALL NEW" -> ReturnValue.ALL_NEW;
      case "MODIFIED OLD" -> ReturnValue.UPDATED_OLD;
      default -> ReturnValue.UPDATED_NEW;
    };
  }

  // ---- SELECT ----

  private Result select(Ast.Select s, Table table, Request r) {
    SecondaryIndex index = null;
    if (s.source().index() != null) {
      index = table.index(s.source().index());
      if (index == null) {
        throw AwsException.validation("The table does not have the specified index: " + s.source().index());
      }
      if (index.global() && r.consistentRead()) {
        throw AwsException.validation(Messages.GSI_CONSISTENT);
      }
    }
    KeySchema ks = index == null ? table.keySchema() : index.keySchema();
    Projection projection = Projections.of(s.projection());
    Condition filter = s.where() == null ? null : Translation.condition(s.where());
    List<AttributeValue> hashes = s.where() == null ? null : KeyTerms.hashValues(s.where(), ks);
    boolean forward = true;
    if (!s.orderBy().isEmpty()) {
      if (s.where() == null) {
        throw AwsException.validation(Messages.ORDER_BY_WITHOUT_WHERE);
      }
      if (hashes == null) {
        throw AwsException.validation(Messages.ORDER_BY_WITHOUT_HASH);
      }
      hashes = new ArrayList<>(hashes);
      for (Ast.Order o : s.orderBy()) {
        if (!ks.isKeyAttribute(o.name())) {
          throw AwsException.validation(Messages.orderByKey(o.name()));
        }
        if (o.name().equals(ks.hashName())) {
          // The partitions are read in the order the WHERE clause lists them, reversed by DESC.
          if (o.descending()) {
            java.util.Collections.reverse(hashes);
          }
        } else {
          forward = !o.descending();
        }
      }
    }
    Reads.Source source = index == null ? Reads.Source.of(table)
        : new Reads.Source(table, index, !index.global() && !index.projectsAll());
    NextToken start = r.nextToken() == null ? null : NextToken.decode(r.nextToken(), r.statement());
    int remaining = r.limit() == null ? Integer.MAX_VALUE : r.limit();
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    double units = 0;
    NextToken next = null;
    int reads = hashes == null ? 1 : hashes.size();
    for (int i = start == null ? 0 : start.read(); i < reads && next == null; i++) {
      Map<String, AttributeValue> after = start != null && i == start.read() ? start.after() : null;
      Reads.Options options = new Reads.Options(filter, projection,
          remaining == Integer.MAX_VALUE ? null : remaining, after, r.consistentRead(), false);
      Reads.Page page;
      if (hashes == null) {
        page = this.reads.scan(source, options, null, null);
      } else {
        KeyCondition kc = KeyTerms.keyCondition(s.where(), ks, hashes.get(i));
        page = this.reads.query(source, kc, forward, options);
      }
      found.addAll(page.items());
      units += page.capacityUnits();
      remaining -= page.scannedCount();
      if (page.lastEvaluatedKey() != null) {
        next = new NextToken(i, page.lastEvaluatedKey());
      }
    }
    return new Result(table.name(), found, next == null ? null : next.encode(r.statement()), units);
  }
}
