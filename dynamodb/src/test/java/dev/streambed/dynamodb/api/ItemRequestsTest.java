package dev.streambed.dynamodb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.error.AwsException;
import org.junit.jupiter.api.Test;

class ItemRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void refused(String request, String message) {
    assertThatThrownBy(() -> ItemRequests.expressionContext(JSON.readTree(request), java.util.List.of("ConditionExpression")))
        .isInstanceOf(AwsException.class).hasMessage(message);
  }

  @Test
  void placeholdersAreASigilAndAWord() {
    assertThat(ItemRequests.isPlaceholder(":v_1", ':')).isTrue();
    assertThat(ItemRequests.isPlaceholder("#N", '#')).isTrue();
    assertThat(ItemRequests.isPlaceholder("v", ':')).isFalse();
    assertThat(ItemRequests.isPlaceholder(":", ':')).isFalse();
    assertThat(ItemRequests.isPlaceholder(":a-b", ':')).isFalse();
    assertThat(ItemRequests.isPlaceholder("#n", ':')).isFalse();
  }

  @Test
  void keysWithoutTheirSigilAreRefusedBeforeAnyExpressionIsRead() {
    refused("{\"ConditionExpression\": \"a = :v\", \"ExpressionAttributeValues\": {\"v\": {\"N\": \"1\"}}}",
        "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
    refused("{\"ConditionExpression\": \"a = :v\", \"ExpressionAttributeNames\": {\"n\": \"n\"}, \"ExpressionAttributeValues\": {\"v\": {\"N\": \"1\"}}}",
        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\"");
  }

  @Test
  void valuesWithoutAnExpressionNameTheMissingOnes() {
    assertThatThrownBy(() -> ItemRequests.expressionContext(
        JSON.readTree("{\"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}}"),
        java.util.List.of("ConditionExpression")))
        .isInstanceOf(AwsException.class)
        .hasMessage("ExpressionAttributeValues can only be specified when using expressions: "
            + "ConditionExpression is null");
  }
}
