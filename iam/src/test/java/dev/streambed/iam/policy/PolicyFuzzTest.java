package dev.streambed.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.fuzz.Fuzz;
import dev.streambed.fuzz.Gen;
import dev.streambed.iam.IamError;
import dev.streambed.kernel.error.AwsException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing IAM's policy parser and evaluator: any document is read, or refused as IAM refuses it
 * (MalformedPolicyDocument), in bounded time; a document that was read evaluates any request to a
 * decision, never an exception.
 */
class PolicyFuzzTest {
  private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

  private static final List<String> VALUES = List.of("\"*\"", "\"s3:*\"", "\"dynamodb:Get*\"",
      "\"arn:aws:dynamodb:*:*:table/x\"", "\"arn:aws:iam::123456789012:root\"", "\"${aws:username}\"", "\"2012-10-17\"",
      "\"Allow\"", "\"Deny\"", "1", "true", "null", "[]", "{}", "\"arn:aws\"", "\"a:b\"", "\"10.0.0.0/8\"",
      "\"2020-01-01T00:00:00Z\"", "\"?*?*\"");
  private static final List<String> KEYS = List.of("Version", "Statement", "Effect", "Action", "NotAction", "Resource",
      "NotResource", "Principal", "Condition", "Sid", "StringEquals", "IpAddress", "DateLessThan", "Bool",
      "ForAnyValue:StringLike", "ArnLike", "NumericLessThan", "Null", "AWS", "Service", "aws:SourceArn", "x");

  /** A value of a policy's own, or a string of anything but quotes and backslashes. */
  private static String value(Random r) {
    return r.nextBoolean() ? Gen.pick(r, VALUES)
        : "\"" + Gen.string(r, 20).replace("\\", "").replace("\"", "") + "\"";
  }

  /** An object of up to six members of policy keys and values. */
  private static String object(Random r) {
    return "{" + String.join(",", Gen.list(r, 6, x -> "\"" + Gen.pick(x, KEYS) + "\":" + value(x))) + "}";
  }

  /** An object, with a second one as its StringLike condition when both have members. */
  private static String statement(Random r) {
    String a = object(r);
    String b = object(r);
    return a.length() > 2 && b.length() > 2
        ? a.substring(0, a.length() - 1) + ",\"Condition\":{\"StringLike\":" + b + "}}" : a;
  }

  /** A document of up to four statements, any text, or the one document that allows everything. */
  private static String document(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> "{\"Version\":" + value(r) + ",\"Statement\":["
          + String.join(",", Gen.list(r, 4, PolicyFuzzTest::statement)) + "]}";
      case 1 -> Gen.string(r, 120);
      default -> "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    };
  }

  @Test
  void documentsAreReadOrRefused() {
    Fuzz.check(PolicyFuzzTest::document, text -> {
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
    });
  }
}
