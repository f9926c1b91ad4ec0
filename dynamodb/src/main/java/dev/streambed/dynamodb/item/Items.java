package dev.streambed.dynamodb.item;

import dev.streambed.dynamodb.DynamoDbError;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.Projection;
import dev.streambed.dynamodb.expression.Update;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemSize;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single-item operations: PutItem, GetItem, UpdateItem and DeleteItem, on typed, already
 * parsed requests. Every change goes through the {@link WritePath}.
 */
public final class Items {
  static final long MAX_ITEM_BYTES = 400 * 1024;

  /** What a write returns: the attributes ReturnValues asked for (or null) and its cost. */
  public record WriteResult(Map<String, AttributeValue> attributes, Consumed consumed) {
    public double capacityUnits() {
      return consumed.total();
    }
  }

  /** What a read returns: the item (or null) and its cost. */
  public record ReadResult(Map<String, AttributeValue> item, double capacityUnits) {}

  private final WritePath writes;

  public Items(WritePath writes) {
    this.writes = writes;
  }

  public WriteResult put(Table table, Map<String, AttributeValue> item, Condition condition,
      ReturnValue returnValue, boolean returnOldOnConditionFailure) {
    Map<String, AttributeValue> key = ItemKeys.keyOfItem(table, item);
    long size = ItemSize.of(item);
    if (size > MAX_ITEM_BYTES) {
      throw AwsException.validation("Item size has exceeded the maximum allowed size");
    }
    WritePath.Outcome outcome = writes.write(table, key, old -> {
      check(condition, old, returnOldOnConditionFailure);
      return item;
    });
    Map<String, AttributeValue> returned =
        returnValue == ReturnValue.ALL_OLD ? outcome.oldItem() : null;
    return new WriteResult(returned, cost(table, outcome, Capacity.write(sizeOf(outcome.oldItem()), size)));
  }

  public ReadResult get(Table table, Map<String, AttributeValue> key, Projection projection,
      boolean consistent) {
    ItemKeys.validateKey(table, key);
    Map<String, AttributeValue> item = writes.read(table, key);
    double units = Capacity.read(sizeOf(item), consistent);
    if (item != null && projection != null) {
      item = projection.apply(item);
    }
    return new ReadResult(item, units);
  }

  public WriteResult delete(Table table, Map<String, AttributeValue> key, Condition condition,
      ReturnValue returnValue, boolean returnOldOnConditionFailure) {
    ItemKeys.validateKey(table, key);
    WritePath.Outcome outcome = writes.write(table, key, old -> {
      check(condition, old, returnOldOnConditionFailure);
      return null;
    });
    Map<String, AttributeValue> returned =
        returnValue == ReturnValue.ALL_OLD ? outcome.oldItem() : null;
    return new WriteResult(returned, cost(table, outcome, Capacity.write(sizeOf(outcome.oldItem()), 0)));
  }

  public WriteResult update(Table table, Map<String, AttributeValue> key, Update update,
      Condition condition, ReturnValue returnValue, boolean returnOldOnConditionFailure) {
    ItemKeys.validateKey(table, key);
    if (update != null) {
      for (String name : update.topLevelNames()) {
        if (table.keySchema().isKeyAttribute(name)) {
          throw AwsException.validation("One or more parameter values were invalid: Cannot update "
              + "attribute " + name + ". This attribute is part of the key");
        }
      }
    }
    WritePath.Outcome outcome = writes.write(table, key, old -> {
      check(condition, old, returnOldOnConditionFailure);
      Map<String, AttributeValue> base = old != null ? old : new LinkedHashMap<>(key);
      Map<String, AttributeValue> updated = update == null ? base : update.apply(base);
      if (ItemSize.of(updated) > MAX_ITEM_BYTES) {
        throw AwsException.validation("Item size to update has exceeded the maximum allowed size");
      }
      return updated;
    });
    Map<String, AttributeValue> oldItem = outcome.oldItem();
    Map<String, AttributeValue> newItem = outcome.newItem();
    Map<String, AttributeValue> returned;
    switch (returnValue) {
      case ALL_OLD:
        returned = oldItem;
        break;
      case ALL_NEW:
        returned = newItem;
        break;
      case UPDATED_OLD:
        returned = oldItem == null || update == null ? null : update.updatedPart(oldItem);
        break;
      case UPDATED_NEW:
        returned = update == null ? null : update.updatedPart(newItem);
        break;
      default:
        returned = null;
    }
    if (returned != null && returned.isEmpty()) {
      returned = null;
    }
    return new WriteResult(returned, cost(table, outcome, Capacity.write(sizeOf(oldItem), sizeOf(newItem))));
  }

  private static void check(Condition condition, Map<String, AttributeValue> old, boolean returnOld) {
    if (condition != null && !condition.test(old)) {
      if (returnOld && old != null) {
        // With the item, AWS names the message "Message" (recorded in test_dynamodb's
        // test_return_values_on_conditions_check_failure: no top-level "message" member).
        throw new AwsException(DynamoDbError.CONDITIONAL_CHECK_FAILED,
            "The conditional request failed", Map.of("Item", old), "Message");
      }
      throw new AwsException(DynamoDbError.CONDITIONAL_CHECK_FAILED, "The conditional request failed");
    }
  }

  /** The table's units and what the change cost each secondary index (nothing when unchanged). */
  private static Consumed cost(Table table, WritePath.Outcome outcome, double tableUnits) {
    return outcome.changed() ? IndexWrites.cost(table, outcome.oldItem(), outcome.newItem(), tableUnits)
        : Consumed.onTable(tableUnits);
  }

  private static long sizeOf(Map<String, AttributeValue> item) {
    return item == null ? 0 : ItemSize.of(item);
  }
}
