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

  @Test
  void randomItemSequences() {
    String table = table("random-items", "pk", ScalarAttributeType.S, null, null);
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
}
