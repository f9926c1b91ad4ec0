package dev.streambed.console.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeRowsTest {
  @Test
  void everyTypeGoesToRowsAndBack() {
    Map<String, AttributeValue> item = ItemJson.readItem("{\"s\":{\"S\":\"x\"},\"n\":{\"N\":\"1.50\"},"
        + "\"b\":{\"B\":\"AAE=\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},\"m\":{\"M\":{\"a\":{\"S\":\"y\"}}},"
        + "\"l\":{\"L\":[{\"N\":\"2\"}]},\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\"]},\"bs\":{\"BS\":[\"AAE=\"]}}");
    List<AttributeRows.Row> rows = AttributeRows.of(item);
    assertThat(rows).extracting(AttributeRows.Row::type).containsExactly("S", "N", "B", "BOOL", "NULL", "M", "L", "SS",
        "NS", "BS");
    assertThat(rows.get(1).value()).isEqualTo("1.5");
    assertThat(AttributeRows.item(rows)).isEqualTo(item);
  }

  @Test
  void valuesAreRefusedAsTheApiRefusesThem() {
    assertThatThrownBy(() -> AttributeRows.value(new AttributeRows.Row("n", "N", "ten")))
        .isInstanceOf(AwsException.class).hasMessage("A value provided cannot be converted into a number");
    assertThatThrownBy(() -> AttributeRows.value(new AttributeRows.Row("s", "SS", "[]")))
        .isInstanceOf(AwsException.class).hasMessageContaining("An string set  may not be empty");
    assertThatThrownBy(() -> AttributeRows.value(new AttributeRows.Row("t", "BOOL", "yes")))
        .isInstanceOf(AwsException.class).hasMessage("The value of t (BOOL) must be true or false.");
    assertThatThrownBy(() -> AttributeRows.item(List.of(new AttributeRows.Row("a", "S", "1"),
        new AttributeRows.Row("a", "S", "2")))).hasMessage("The item has two attributes named a.");
  }

  @Test
  void keysTravelInUrlsUnchanged() {
    Map<String, AttributeValue> key = ItemJson.readItem("{\"user_id\":{\"S\":\"jo/hn?&\"},\"post_id\":{\"N\":\"2\"}}");
    assertThat(ItemJson.key(ItemJson.keyParam(key))).isEqualTo(key);
    assertThat(ItemJson.keyParam(key)).matches("[A-Za-z0-9_-]+");
    assertThatThrownBy(() -> ItemJson.key("not base64!")).isInstanceOf(AwsException.class);
  }
}
