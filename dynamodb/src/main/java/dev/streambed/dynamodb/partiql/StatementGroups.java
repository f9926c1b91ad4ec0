package dev.streambed.dynamodb.partiql;

import dev.streambed.dynamodb.DynamoDbError;
import dev.streambed.dynamodb.item.Items;
import dev.streambed.dynamodb.item.Transactions;
import dev.streambed.dynamodb.partiql.Ast.Expr;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchExecuteStatement and ExecuteTransaction: up to 25 independent single-item statements, or
 * up to 100 applied all or none through {@link Transactions}.
 */
public final class StatementGroups {
  /** One statement of a group with its parameters (empty, never null) and options. */
  public record Entry(String statement, List<AttributeValue> parameters, boolean consistentRead,
      boolean returnOldOnFailure) {}

  /** One answer of a batch: the table (null when unknown), the item read, or the error. */
  public record Answer(String tableName, Map<String, AttributeValue> item, AwsException error) {}

  private final Statements statements;
  private final Items items;
  private final Transactions transactions;

  public StatementGroups(Statements statements, Items items, Transactions transactions) {
    this.statements = statements;
    this.items = items;
    this.transactions = transactions;
  }

  /**
   * BatchExecuteStatement: each statement succeeds or fails on its own; reads and writes may
   * not be mixed, and no two statements may name one item.
   */
  public List<Answer> batch(Statements.Tables tables, List<Entry> entries) {
    int n = entries.size();
    Ast.Statement[] parsed = new Ast.Statement[n];
    Answer[] answers = new Answer[n];
    boolean reads = false;
    boolean writes = false;
    for (int i = 0; i < n; i++) {
      try {
        parsed[i] = Parser.parse(entries.get(i).statement(), entries.get(i).parameters());
        if (parsed[i] instanceof Ast.Exists) {
          throw AwsException.validation("Invalid operation. Only select, insert, update and delete "
              + "operations are valid");
        }
        reads |= parsed[i] instanceof Ast.Select;
        writes |= !(parsed[i] instanceof Ast.Select);
      } catch (AwsException e) {
        parsed[i] = null;
        answers[i] = new Answer(null, null, e);
      }
    }
    if (reads && writes) {
      throw AwsException.validation("Read and write requests together in the same batch is not supported.");
    }
    Table[] found = new Table[n];
    Set<String> keys = new HashSet<>();
    boolean duplicate = false;
    for (int i = 0; i < n; i++) {
      if (parsed[i] == null) {
        continue;
      }
      found[i] = tables.find(Statements.sourceOf(parsed[i]).table());
      if (found[i] == null) {
        answers[i] = new Answer(null, null,
            new AwsException(DynamoDbError.RESOURCE_NOT_FOUND, Messages.NO_TABLE));
        continue;
      }
      try {
        duplicate |= !keys.add(found[i].id() + "/" + keyOf(parsed[i], found[i], true));
      } catch (AwsException e) {
        // A statement that names no single item is refused before any table is read.
        answers[i] = new Answer(null, null, e);
      }
    }
    if (duplicate) {
      throw AwsException.validation("Provided list of item keys contains duplicates");
    }
    List<Answer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(answers[i] != null ? answers[i] : run(parsed[i], found[i], entries.get(i)));
    }
    return out;
  }

  private Answer run(Ast.Statement s, Table table, Entry e) {
    try {
      if (s instanceof Ast.Select select) {
        Map<String, AttributeValue> key = keyOf(select, table, true);
        Items.ReadResult r = items.get(table, key, Projections.of(select.projection()), e.consistentRead());
        return new Answer(table.name(), r.item(), null);
      }
      statements.write(new Statements.Bound(s, table), e.returnOldOnFailure());
      return new Answer(table.name(), null, null);
    } catch (AwsException error) {
      return new Answer(table.name(), null, error);
    }
  }

  /** The item a statement addresses; a SELECT may name only its key ({@code strictSelect}). */
  private static Map<String, AttributeValue> keyOf(Ast.Statement s, Table table, boolean strictSelect) {
    if (s instanceof Ast.Insert ins) {
      return dev.streambed.dynamodb.item.ItemKeys.keyOf(table, Statements.insertItem(table, ins));
    } else if (s instanceof Ast.Update u) {
      return KeyTerms.fullKey(u.where(), table.keySchema(), null);
    } else if (s instanceof Ast.Delete d) {
      return KeyTerms.fullKey(d.where(), table.keySchema(), null);
    } else if (s instanceof Ast.Exists x) {
      return KeyTerms.fullKey(x.select().where(), table.keySchema(), null);
    }
    Ast.Select select = (Ast.Select) s;
    List<Expr> others = new ArrayList<>();
    try {
      Map<String, AttributeValue> key = KeyTerms.fullKey(select.where(), table.keySchema(), others);
      if (others.isEmpty() && select.source().index() == null) {
        return key;
      }
    } catch (AwsException notOneItem) {
      // answered below
    }
    if (strictSelect) {
      throw AwsException.validation(Messages.SINGLE_ITEM_SELECT);
    }
    return null;
  }

  /**
   * ExecuteTransaction: reads (SELECT of one item each) or writes (INSERT, UPDATE, DELETE and
   * EXISTS conditions), never both; writes apply all or none. Returns the items read, null
   * where an item is absent, or an empty list for writes.
   */
  public List<Map<String, AttributeValue>> transaction(Statements.Tables tables, List<Entry> entries,
      String clientToken, int requestHash) {
    List<Statements.Bound> bound = new ArrayList<>(entries.size());
    boolean reads = false;
    boolean writes = false;
    for (Entry e : entries) {
      Statements.Bound b = Statements.bind(tables, e.statement(), e.parameters(), "Requested resource not found");
      bound.add(b);
      reads |= b.statement() instanceof Ast.Select;
      writes |= !(b.statement() instanceof Ast.Select);
    }
    if (reads && writes) {
      throw AwsException.validation("ExecuteTransaction API does not support both read and write "
          + "operations in the same request.");
    }
    if (reads) {
      List<Transactions.Get> gets = new ArrayList<>(bound.size());
      for (int i = 0; i < bound.size(); i++) {
        Ast.Select s = (Ast.Select) bound.get(i).statement();
        Map<String, AttributeValue> key = keyOf(s, bound.get(i).table(), false);
        if (key == null) {
          throw AwsException.validation("Validation failed in TransactStatements[" + i + "]: Select "
              + "statements within ExecuteTransaction must specify the primary key in the where clause.");
        }
        gets.add(new Transactions.Get(bound.get(i).table(), key, Projections.of(s.projection())));
      }
      return transactions.get(gets);
    }
    List<Transactions.Action> actions = new ArrayList<>(bound.size());
    for (int i = 0; i < bound.size(); i++) {
      actions.add(action(bound.get(i), entries.get(i).returnOldOnFailure()));
    }
    transactions.write(actions, clientToken, requestHash);
    return List.of();
  }

  private static Transactions.Action action(Statements.Bound b, boolean returnOld) {
    Table table = b.table();
    Ast.Statement s = b.statement();
    if (s instanceof Ast.Insert ins) {
      Map<String, AttributeValue> item = Statements.insertItem(table, ins);
      return new Transactions.Insert(table, item, dev.streambed.dynamodb.item.ItemKeys.keyOf(table, item));
    } else if (s instanceof Ast.Update u) {
      Map<String, AttributeValue> key = KeyTerms.fullKey(u.where(), table.keySchema(), null);
      dev.streambed.dynamodb.expression.Update update = Translation.update(u.actions());
      for (String top : update.topLevelNames()) {
        if (table.keySchema().isKeyAttribute(top)) {
          throw AwsException.validation("One or more parameter values were invalid: Cannot update "
              + "attribute " + top + ". This attribute is part of the key");
        }
      }
      return new Transactions.Update(table, key, update, Translation.condition(u.where()), returnOld);
    } else if (s instanceof Ast.Delete d) {
      Statements.WriteParts parts = Statements.delete(table, d);
      return new Transactions.Delete(table, parts.key(), parts.condition(), returnOld);
    }
    Ast.Select select = ((Ast.Exists) s).select();
    Map<String, AttributeValue> key = KeyTerms.fullKey(select.where(), table.keySchema(), null);
    return new Transactions.Check(table, key, Translation.condition(select.where()), returnOld);
  }
}
