package dev.streambed.tests.differential;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Random items of random nested types, written, read and deleted in a random order on both
 * servers. The seed is fixed (override it with -Ddifferential.seed=N) and named in every
 * reported difference.
 */
class DifferentialRandomItemsTest extends DifferentialTest {
  static final long SEED = Long.getLong("differential.seed", 20_261_123L);
  private static final int OPERATIONS = 300;
  /** Range keys that are partly one number written differently: "1", "1.0" and "10E-1" are one key. */
  private static final List<String> RANGE_KEYS = List.of("1", "1.0", "10E-1", "-2", "0", "-0", "3.5", "1E+2");

  @Test
  void randomItemSequences() {
    String table = table("random-items", "pk", ScalarAttributeType.S, null, null);
    d.compareNumberText(true);
    Random random = new Random(SEED);
    RandomValues values = new RandomValues(random);
    List<ReturnValue> putReturns = List.of(ReturnValue.NONE, ReturnValue.ALL_OLD);
    List<ReturnConsumedCapacity> capacities = List.of(ReturnConsumedCapacity.NONE,
        ReturnConsumedCapacity.TOTAL, ReturnConsumedCapacity.INDEXES);
    for (int i = 0; i < OPERATIONS; i++) {
      d.context("seed " + SEED + ", operation " + i);
      Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("k" + random.nextInt(6)));
      switch (random.nextInt(4)) {
        case 0, 1 -> d.step(PutItemRequest.builder().tableName(table)
            .item(values.item("pk", key.get("pk")))
            .returnValues(values.pick(putReturns))
            .returnConsumedCapacity(values.pick(capacities)).build());
        case 2 -> d.step(GetItemRequest.builder().tableName(table).key(key)
            .consistentRead(random.nextBoolean())
            .returnConsumedCapacity(values.pick(capacities)).build());
        default -> {
          if (random.nextBoolean()) {
            d.step(DeleteItemRequest.builder().tableName(table).key(key)
                .returnValues(values.pick(putReturns))
                .returnConsumedCapacity(values.pick(capacities)).build());
          } else {
            d.step(UpdateItemRequest.builder().tableName(table).key(key)
                .returnValues(values.pick(List.of(ReturnValue.NONE, ReturnValue.ALL_OLD)))
                .returnConsumedCapacity(values.pick(capacities)).build());
          }
        }
      }
    }
  }

  @Test
  void randomItemsUnderBinaryHashAndNumberRangeKeys() {
    String table = table("random-range", "h", ScalarAttributeType.B, "r", ScalarAttributeType.N);
    d.compareNumberText(true);
    Random random = new Random(SEED + 1);
    RandomValues values = new RandomValues(random);
    for (int i = 0; i < OPERATIONS / 2; i++) {
      d.context("seed " + (SEED + 1) + ", operation " + i);
      AttributeValue hash = AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(
          new byte[] {(byte) random.nextInt(3)}));
      AttributeValue range = AttributeValue.fromN(values.pick(RANGE_KEYS));
      Map<String, AttributeValue> key = Map.of("h", hash, "r", range);
      switch (random.nextInt(4)) {
        case 0, 1 -> {
          Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(values.item("h", hash));
          item.put("r", range);
          d.step(PutItemRequest.builder().tableName(table).item(item).returnValues(ReturnValue.ALL_OLD).build());
        }
        case 2 -> d.step(GetItemRequest.builder().tableName(table).key(key).consistentRead(true).build());
        default -> d.step(DeleteItemRequest.builder().tableName(table).key(key).returnValues(ReturnValue.ALL_OLD)
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
      }
    }
  }
}
