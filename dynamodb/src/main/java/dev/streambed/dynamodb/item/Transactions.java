package dev.streambed.dynamodb.item;

import dev.streambed.dynamodb.DynamoDbError;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.Projection;
import dev.streambed.dynamodb.expression.Update;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemSize;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TransactWriteItems and TransactGetItems: up to 100 actions on distinct items, applied all or
 * none through {@link WritePath#writeAll}. A refused transaction reports one cancellation reason
 * per action, as AWS does.
 */
public final class Transactions {
  /** How long AWS remembers a ClientRequestToken. */
  private static final long TOKEN_MILLIS = 10 * 60 * 1000;
  private static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;

  /** One action of a TransactWriteItems request. */
  public sealed interface Action permits Put, Update, Delete, Check, Insert {
    Table table();

    Map<String, AttributeValue> key();
  }

  public record Put(Table table, Map<String, AttributeValue> item, Map<String, AttributeValue> key,
      Condition condition, boolean returnOld) implements Action {}

  public record Update(Table table, Map<String, AttributeValue> key,
      dev.streambed.dynamodb.expression.Update update, Condition condition, boolean returnOld)
      implements Action {}

  public record Delete(Table table, Map<String, AttributeValue> key, Condition condition,
      boolean returnOld) implements Action {}

  public record Check(Table table, Map<String, AttributeValue> key, Condition condition,
      boolean returnOld) implements Action {}

  /** PartiQL's INSERT: a Put refused when the item is already there. */
  public record Insert(Table table, Map<String, AttributeValue> item, Map<String, AttributeValue> key)
      implements Action {}

  /** One Get of a TransactGetItems request. */
  public record Get(Table table, Map<String, AttributeValue> key, Projection projection) {}

  /** A token seen: the request it came with, and (once done) until when it is remembered. */
  private record Token(int requestHash, long expiresMillis, boolean done) {}

  private final WritePath writes;
  private final Clock clock;
  private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
  /**
   * The tokens remembered, in the order their requests completed, so that forgetting the expired
   * ones looks only at those: a scan of every token on each transaction cost more than the
   * transaction under a client that sends a token with each (the SDKs do).
   */
  private final java.util.concurrent.ConcurrentLinkedQueue<Expiry> expiries = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private record Expiry(String token, long expiresMillis) {}

  public Transactions(WritePath writes, Clock clock) {
    this.writes = writes;
    this.clock = clock;
  }

  /**
   * Applies the actions atomically. A repeated ClientRequestToken with the same request within
   * ten minutes succeeds without applying anything again.
   */
  public void write(List<Action> actions, String clientToken, int requestHash) {
    if (clientToken != null && !reserve(clientToken, requestHash)) {
      return;
    }
    boolean applied = false;
    try {
      apply(actions);
      applied = true;
    } finally {
      if (clientToken != null) {
        if (applied) {
          // AWS remembers a token for ten minutes after the request that used it completed.
          long expires = clock.millis() + TOKEN_MILLIS;
          tokens.put(clientToken, new Token(requestHash, expires, true));
          expiries.add(new Expiry(clientToken, expires));
        } else {
          tokens.remove(clientToken);
        }
      }
    }
  }

  /**
   * Takes the token for this request in one atomic step, so two requests carrying it cannot
   * both apply. Returns false when the same request already succeeded with it (nothing to do),
   * and refuses a different request, or the same one while it is still being applied.
   */
  private boolean reserve(String clientToken, int requestHash) {
    long now = clock.millis();
    forgetExpired(now);
    Token[] seen = new Token[1];
    tokens.compute(clientToken, (k, old) -> {
      if (old != null && !(old.done() && old.expiresMillis() <= now)) {
        seen[0] = old;
        return old;
      }
      return new Token(requestHash, Long.MAX_VALUE, false);
    });
    Token found = seen[0];
    if (found == null) {
      return true;
    }
    if (found.requestHash() != requestHash) {
      throw new AwsException(DynamoDbError.IDEMPOTENT_PARAMETER_MISMATCH,
          "Specified client token already used with different request parameters");
    }
    if (!found.done()) {
      throw new AwsException(DynamoDbError.TRANSACTION_IN_PROGRESS,
          "The transaction with the given request token is already in progress.");
    }
    return false;
  }

  /** Forgets the tokens whose ten minutes are over, oldest first, up to the first that is not. */
  private void forgetExpired(long now) {
    for (Expiry head = expiries.peek(); head != null && head.expiresMillis() <= now; head = expiries.peek()) {
      if (expiries.remove(head)) {
        // Only if the token was not used again since (a newer request remembers it longer).
        tokens.computeIfPresent(head.token(), (k, t) -> t.done() && t.expiresMillis() <= now ? null : t);
      }
    }
  }

  private void apply(List<Action> actions) {
    Set<String> seen = new HashSet<>();
    long size = 0;
    List<WritePath.Write> group = new ArrayList<>(actions.size());
    for (Action a : actions) {
      if (!seen.add(a.table().id() + "/" + a.key())) {
        throw AwsException.validation(
            "Transaction request cannot include multiple operations on one item");
      }
      group.add(new WritePath.Write(a.table(), a.key(), mutation(a)));
      if (a instanceof Put p) {
        size += ItemSize.of(p.item());
      } else if (a instanceof Insert i) {
        size += ItemSize.of(i.item());
      }
    }
    if (size > MAX_TRANSACTION_BYTES) {
      throw AwsException.validation("Transaction size exceeds the limit of 4 MB");
    }
    try {
      writes.writeAll(group);
    } catch (WritePath.Cancelled cancelled) {
      throw canceled(cancelled.reasons());
    }
  }

  private static WritePath.Mutation mutation(Action a) {
    if (a instanceof Put p) {
      return old -> {
        check(p.condition(), old, p.returnOld());
        return p.item();
      };
    } else if (a instanceof Update u) {
      return old -> {
        check(u.condition(), old, u.returnOld());
        Map<String, AttributeValue> base = old != null ? old : new LinkedHashMap<>(u.key());
        Map<String, AttributeValue> updated = u.update() == null ? base : u.update().apply(base);
        if (ItemSize.of(updated) > Items.MAX_ITEM_BYTES) {
          throw AwsException.validation("Item size to update has exceeded the maximum allowed size");
        }
        return updated;
      };
    } else if (a instanceof Insert i) {
      return old -> {
        if (old != null) {
          throw new AwsException(DynamoDbError.DUPLICATE_ITEM, "Duplicate primary key exists in table");
        }
        return i.item();
      };
    } else if (a instanceof Delete d) {
      return old -> {
        check(d.condition(), old, d.returnOld());
        return null;
      };
    } else {
      Check c = (Check) a;
      return old -> {
        check(c.condition(), old, c.returnOld());
        return old;
      };
    }
  }

  private static void check(Condition condition, Map<String, AttributeValue> old, boolean returnOld) {
    if (condition != null && !condition.test(old)) {
      Map<String, Object> extras = returnOld && old != null ? Map.of("Item", old) : Map.of();
      throw new AwsException(DynamoDbError.CONDITIONAL_CHECK_FAILED, "The conditional request failed", extras);
    }
  }

  /** AWS's TransactionCanceledException: one reason per action, in order. */
  private static AwsException canceled(List<AwsException> reasons) {
    List<Object> list = new ArrayList<>(reasons.size());
    List<String> codes = new ArrayList<>(reasons.size());
    for (AwsException r : reasons) {
      Map<String, Object> reason = new LinkedHashMap<>();
      if (r == null) {
        reason.put("Code", "None");
        codes.add("None");
      } else {
        String code = reasonCode(r);
        reason.put("Code", code);
        reason.put("Message", r.getMessage());
        Object item = r.extras().get("Item");
        if (item != null) {
          reason.put("Item", item);
        }
        codes.add(code);
      }
      list.add(reason);
    }
    return new AwsException(DynamoDbError.TRANSACTION_CANCELED,
        "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes,
        Map.of("CancellationReasons", list));
  }

  /**
   * A cancellation reason's code. AWS names refusals of the request's own values
   * ValidationError, and DynamoDB reports an INSERT of an existing item as one of them.
   */
  private static String reasonCode(AwsException r) {
    if (r.errorCode() == DynamoDbError.CONDITIONAL_CHECK_FAILED) {
      return "ConditionalCheckFailed";
    }
    if (r.errorCode() == DynamoDbError.DUPLICATE_ITEM
        || r.errorCode().code().equals("ValidationException")) {
      return "ValidationError";
    }
    return r.errorCode().code().replace("Exception", "");
  }

  /** Reads every item of a TransactGetItems request; missing items give null entries. */
  public List<Map<String, AttributeValue>> get(List<Get> gets) {
    Set<String> seen = new HashSet<>();
    List<Map<String, AttributeValue>> out = new ArrayList<>(gets.size());
    for (Get g : gets) {
      if (!seen.add(g.table().id() + "/" + g.key())) {
        throw AwsException.validation(
            "Transaction request cannot include multiple operations on one item");
      }
    }
    List<WritePath.Read> reads = new ArrayList<>(gets.size());
    for (Get g : gets) {
      ItemKeys.validateKey(g.table(), g.key());
      reads.add(new WritePath.Read(g.table(), g.key()));
    }
    // One snapshot: a reader never sees a transaction half applied.
    List<Map<String, AttributeValue>> items = writes.readAll(reads);
    for (int i = 0; i < gets.size(); i++) {
      Map<String, AttributeValue> item = items.get(i);
      Projection projection = gets.get(i).projection();
      out.add(item == null || projection == null ? item : projection.apply(item));
    }
    return out;
  }
}
