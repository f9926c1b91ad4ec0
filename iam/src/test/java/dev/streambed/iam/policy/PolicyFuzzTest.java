package dev.streambed.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.iam.IamError;
import dev.streambed.kernel.error.AwsException;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

/**
 * Fuzzing IAM's policy parser and evaluator: any document is read, or refused as IAM refuses it
 * (MalformedPolicyDocument), in bounded time; a document that was read evaluates any request to a
 * decision, never an exception.
 */
class PolicyFuzzTest {
  private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(Arbitraries.of("\"*\"", "\"s3:*\"", "\"dynamodb:Get*\"", "\"arn:aws:dynamodb:*:*:table/x\"",
        "\"arn:aws:iam::123456789012:root\"", "\"${aws:username}\"", "\"2012-10-17\"", "\"Allow\"", "\"Deny\"", "1",
        "true", "null", "[]", "{}", "\"arn:aws\"", "\"a:b\"", "\"10.0.0.0/8\"", "\"2020-01-01T00:00:00Z\"", "\"?*?*\""),
        Arbitraries.strings().ofMaxLength(20).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""));
  }

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> keys = Arbitraries.of("Version", "Statement", "Effect", "Action", "NotAction", "Resource",
        "NotResource", "Principal", "Condition", "Sid", "StringEquals", "IpAddress", "DateLessThan", "Bool",
        "ForAnyValue:StringLike", "ArnLike", "NumericLessThan", "Null", "AWS", "Service", "aws:SourceArn", "x");
    Arbitrary<String> leaf = values();
    Arbitrary<String> member = net.jqwik.api.Combinators.combine(keys, leaf).as((k, v) -> "\"" + k + "\":" + v);
    Arbitrary<String> object = member.list().ofMaxSize(6).map(m -> "{" + String.join(",", m) + "}");
    Arbitrary<String> statement = net.jqwik.api.Combinators.combine(object, object).as((a, b) ->
        a.length() > 2 && b.length() > 2 ? a.substring(0, a.length() - 1) + ",\"Condition\":{\"StringLike\":" + b + "}}" : a);
    Arbitrary<String> document = net.jqwik.api.Combinators.combine(leaf, statement.list().ofMaxSize(4)).as((v, s) ->
        "{\"Version\":" + v + ",\"Statement\":[" + String.join(",", s) + "]}");
    return Arbitraries.oneOf(document, Arbitraries.strings().ofMaxLength(120),
        Arbitraries.of("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"));
  }

  @Property
  void documentsAreReadOrRefused(@ForAll("documents") String text) {
    for (PolicyDocument.Kind kind : PolicyDocument.Kind.values()) {
      Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        PolicyDocument d;
        try {
          d = PolicyDocument.parse(text, kind);
        } catch (AwsException e) {
          assertThat(e.errorCode()).isIn(IamError.MALFORMED_POLICY_DOCUMENT, IamError.VALIDATION_ERROR);
          return;
        }
        Decision decision = EVALUATOR.evaluate(List.of(d), AuthorizationRequest.of("dynamodb:GetItem",
            "arn:aws:dynamodb:us-east-1:123456789012:table/x").with("aws:SourceIp", "10.1.2.3")
            .with("aws:CurrentTime", "2026-01-01T00:00:00Z"));
        assertThat(decision).isNotNull();
      });
    }
  }
}
