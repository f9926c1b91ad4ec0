package dev.streambed.tests.differential;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Random condition, update and projection expressions, built from a small grammar over the
 * attribute names of random items, applied to both servers. The seed is fixed (override it with
 * -Ddifferential.seed=N) and named in every reported difference.
 */
@Tag("expressions")
class DifferentialRandomExpressionsTest extends DifferentialTest {
  private static final int OPERATIONS = 400;

  @Test
  void randomExpressionSequences() {
    long seed = DifferentialRandomItemsTest.SEED;
    String table = table("random-expr", "pk", ScalarAttributeType.S, null, null);
    Random random = new Random(seed);
    RandomValues values = new RandomValues(random);
    for (int i = 0; i < OPERATIONS; i++) {
      d.context("seed " + seed + ", operation " + i);
      AttributeValue hash = AttributeValue.fromS("k" + random.nextInt(4));
      Map<String, AttributeValue> key = Map.of("pk", hash);
      RandomExpression e = new RandomExpression(values);
      switch (random.nextInt(5)) {
        case 0 -> {
          String condition = random.nextInt(3) == 0 ? e.condition(2) : null;
          PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(values.item("pk", hash))
              .returnValues(values.pick(List.of(ReturnValue.NONE, ReturnValue.ALL_OLD)));
          if (condition != null) {
            put.conditionExpression(condition)
                .returnValuesOnConditionCheckFailure(values.pick(List.of(ReturnValuesOnConditionCheckFailure.ALL_OLD, ReturnValuesOnConditionCheckFailure.NONE)));
          }
          e.apply(put);
          d.step(put.build());
        }
        case 1, 2 -> {
          UpdateItemRequest.Builder update = UpdateItemRequest.builder().tableName(table).key(key)
              .updateExpression(e.update())
              .returnValues(values.pick(List.of(ReturnValue.NONE, ReturnValue.ALL_OLD, ReturnValue.UPDATED_OLD, ReturnValue.ALL_NEW, ReturnValue.UPDATED_NEW)));
          if (random.nextInt(3) == 0) {
            update.conditionExpression(e.condition(2))
                .returnValuesOnConditionCheckFailure(values.pick(List.of(ReturnValuesOnConditionCheckFailure.ALL_OLD, ReturnValuesOnConditionCheckFailure.NONE)));
          }
          e.apply(update);
          d.step(update.build());
        }
        case 3 -> {
          GetItemRequest.Builder get = GetItemRequest.builder().tableName(table).key(key)
              .projectionExpression(e.projection());
          e.apply(get);
          d.step(get.build());
        }
        default -> {
          DeleteItemRequest.Builder delete = DeleteItemRequest.builder().tableName(table).key(key)
              .conditionExpression(e.condition(2)).returnValues(ReturnValue.ALL_OLD);
          e.apply(delete);
          d.step(delete.build());
        }
      }
    }
  }
}
