package dev.streambed.dynamodb.item;

import dev.streambed.kernel.value.AttributeValue;

/**
 * A Query's key condition: equality on the partition key and at most one condition on the sort
 * key, the only shapes DynamoDB accepts.
 *
 * @param hash the partition key value
 * @param op the sort key operator ({@link RangeOp#NONE} when there is no sort key condition)
 * @param low the operand of the operator, the lower bound of BETWEEN
 * @param high the upper bound of BETWEEN, else null
 */
public record KeyCondition(AttributeValue hash, RangeOp op, AttributeValue low, AttributeValue high) {
  /** Sort key operators of a key condition. */
  public enum RangeOp { NONE, EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

  public static KeyCondition hashOnly(AttributeValue hash) {
    return new KeyCondition(hash, RangeOp.NONE, null, null);
  }
}
