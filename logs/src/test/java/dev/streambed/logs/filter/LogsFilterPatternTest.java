package dev.streambed.logs.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.error.AwsException;
import org.junit.jupiter.api.Test;

class LogsFilterPatternTest {

  private static boolean matches(String pattern, String message) {
    return FilterPattern.parse(pattern).test(message);
  }

  @Test
  void emptyPatternMatchesEverything() {
    assertThat(matches("", "anything")).isTrue();
    assertThat(matches(null, "anything")).isTrue();
  }

  @Test
  void everyTermMustOccurCaseSensitively() {
    assertThat(matches("ERROR disk", "[ERROR] disk is full")).isTrue();
    assertThat(matches("ERROR disk", "[ERROR] memory")).isFalse();
    assertThat(matches("error", "[ERROR] disk")).isFalse();
  }

  @Test
  void quotedPhrasesMatchAsAWhole() {
    assertThat(matches("\"disk is full\"", "ERROR: disk is full")).isTrue();
    assertThat(matches("\"disk is full\"", "disk is not full")).isFalse();
  }

  @Test
  void questionMarkTermsAreAlternatives() {
    assertThat(matches("?ERROR ?WARN", "WARN low memory")).isTrue();
    assertThat(matches("?ERROR ?WARN", "ERROR crash")).isTrue();
    assertThat(matches("?ERROR ?WARN", "INFO fine")).isFalse();
  }

  @Test
  void minusTermsExclude() {
    assertThat(matches("ERROR -Retry", "ERROR: Retry later")).isFalse();
    assertThat(matches("ERROR -Retry", "ERROR: fatal")).isTrue();
  }

  @Test
  void percentSignsEncloseARegularExpression() {
    assertThat(matches("%ERROR|WARN%", "a WARN b")).isTrue();
    assertThat(matches("%^START RequestId: [0-9a-f-]+%", "START RequestId: 1a-2b")).isTrue();
    assertThat(matches("%^END%", "START")).isFalse();
  }

  @Test
  void spaceDelimitedFields() {
    String line = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 404 1534";
    assertThat(matches("[ip, identity, user, timestamp, request, status_code = 404, bytes]", line)).isTrue();
    assertThat(matches("[ip, identity, user, timestamp, request, status_code = 200, bytes]", line)).isFalse();
    assertThat(matches("[ip, identity, user, timestamp, request, status_code = 4*, bytes > 1000]", line)).isTrue();
    assertThat(matches("[ip, user, status_code = 404, bytes]", line)).isFalse();
    assertThat(matches("[..., status_code = 404, bytes]", line)).isTrue();
    assertThat(matches("[ip = 127.0.0.1 || ip = 10.*, ...]", line)).isTrue();
    assertThat(matches("[ip, identity, user = \"fr*\", ...]", line)).isTrue();
    assertThat(matches("[..., request = \"GET *\", status_code >= 400 && status_code < 500, bytes]", line)).isTrue();
  }

  @Test
  void jsonStringEqualityAndWildcards() {
    String insert = "{\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{\"id\":{\"S\":\"user-1\"}}}}";
    assertThat(matches("{ $.eventName = \"INSERT\" }", insert)).isTrue();
    assertThat(matches("{ $.eventName = \"MODIFY\" }", insert)).isFalse();
    assertThat(matches("{ $.eventName != \"MODIFY\" }", insert)).isTrue();
    assertThat(matches("{ $.dynamodb.Keys.id.S = \"user-*\" }", insert)).isTrue();
    assertThat(matches("{ $.dynamodb.Keys.id.S = \"*-2\" }", insert)).isFalse();
    assertThat(matches("{ $.eventName = INS* }", insert)).isTrue();
  }

  @Test
  void jsonNumbersCompareNumerically() {
    String m = "{\"latency\": 120.5, \"count\": 3, \"items\": [{\"size\": 7}]}";
    assertThat(matches("{ $.latency > 100 }", m)).isTrue();
    assertThat(matches("{ $.latency < 100 }", m)).isFalse();
    assertThat(matches("{ $.count >= 3 }", m)).isTrue();
    assertThat(matches("{ $.count <= 2 }", m)).isFalse();
    assertThat(matches("{ $.count = 3.0 }", m)).isTrue();
    assertThat(matches("{ $.count != 3 }", m)).isFalse();
    assertThat(matches("{ $.items[0].size = 7 }", m)).isTrue();
  }

  @Test
  void andBindsTighterThanOrAndParenthesesGroup() {
    String m = "{\"a\": 1, \"b\": \"x\"}";
    assertThat(matches("{ $.a = 1 && $.b = \"x\" }", m)).isTrue();
    assertThat(matches("{ $.a = 2 && $.b = \"x\" }", m)).isFalse();
    assertThat(matches("{ $.a = 2 || $.b = \"x\" }", m)).isTrue();
    assertThat(matches("{ $.a = 2 && $.b = \"y\" || $.a = 1 }", m)).isTrue();
    assertThat(matches("{ $.a = 2 && ($.b = \"y\" || $.a = 1) }", m)).isFalse();
  }

  @Test
  void missingFieldsAndNonJsonMessagesDoNotMatch() {
    assertThat(matches("{ $.missing = \"x\" }", "{\"a\":1}")).isFalse();
    assertThat(matches("{ $.missing != \"x\" }", "{\"a\":1}")).isFalse();
    assertThat(matches("{ $.a = 1 }", "START RequestId: 1")).isFalse();
    assertThat(matches("{ $.missing NOT EXISTS }", "{\"a\":1}")).isTrue();
    assertThat(matches("{ $.flag IS TRUE }", "{\"flag\":true}")).isTrue();
    assertThat(matches("{ $.v IS NULL }", "{\"v\":null}")).isTrue();
  }

  @Test
  void malformedPatternsAreInvalidParameters() {
    for (String bad : new String[] {"{ $.a = }", "{ a = 1 }", "{ $.a > \"x\" }", "{ $.a = 1", "\"open", "[a, b > x]", "[a,, b]"}) {
      assertThatThrownBy(() -> FilterPattern.parse(bad)).as(bad)
          .isInstanceOfSatisfying(AwsException.class,
              e -> assertThat(e.errorCode().code()).isEqualTo("InvalidParameterException"));
    }
  }
}
