package dev.streambed.tests;

import static dev.streambed.tests.IamRolesTest.TRUST;
import static dev.streambed.tests.IamRolesTest.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsResponse;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Tags of roles, users and managed policies through the SDK, with the limits and errors AWS
 * answers (recorded AWS answers, February 2026).
 */
class IamTagsTest {
  private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}";
  private static final String KEY_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";
  private static Streambed streambed;
  private static IamClient iam;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    iam = streambed.iam();
  }

  @AfterAll
  static void stop() {
    iam.close();
    streambed.close();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static List<Tag> many(int n) {
    return IntStream.range(0, n).mapToObj(i -> tag(Integer.toString(i), Integer.toString(i))).toList();
  }

  @Test
  void usersAreTaggedUntaggedAndListed() {
    iam.createUser(r -> r.userName("tagged-user").tags(tag("Environment", "Test")));
    assertThat(iam.listUserTags(r -> r.userName("tagged-user")).tags()).containsExactly(tag("Environment", "Test"));
    iam.tagUser(r -> r.userName("tagged-user").tags(tag("key-1", "value-1"), tag("key-2", "value-2")));
    iam.untagUser(r -> r.userName("tagged-user").tagKeys("Environment", "key-2", "never-there"));
    assertThat(iam.listUserTags(r -> r.userName("tagged-user")).tags()).containsExactly(tag("key-1", "value-1"));
    assertThat(iam.getUser(r -> r.userName("tagged-user")).user().tags()).containsExactly(tag("key-1", "value-1"));
    // A user's keys are unique regardless of case, as a role's are.
    iam.tagUser(r -> r.userName("tagged-user").tags(tag("KEY-1", "again")));
    assertThat(iam.listUserTags(r -> r.userName("tagged-user")).tags()).containsExactly(tag("KEY-1", "again"));

    String missing = "The user with name nonexistent-user cannot be found.";
    assertAwsError(() -> iam.tagUser(r -> r.userName("nonexistent-user").tags(tag("a", "b"))), 404, "NoSuchEntity", missing);
    assertAwsError(() -> iam.untagUser(r -> r.userName("nonexistent-user").tagKeys("a")), 404, "NoSuchEntity", missing);
    assertAwsError(() -> iam.listUserTags(r -> r.userName("nonexistent-user")), 404, "NoSuchEntity", missing);
    assertAwsError(() -> iam.tagUser(r -> r.userName("tagged-user").tags(tag("dup", "1"), tag("DUP", "2"))), 400,
        "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  }

  @Test
  void theRequestsTagsAreCheckedBeforeTheEntityIsLookedUp() {
    // 51 tags for a role that does not exist: the request is refused first.
    assertAwsError(() -> iam.tagRole(r -> r.roleName("test-nonexistent-role").tags(many(51))), 400, "ValidationError",
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    assertAwsError(() -> iam.createRole(r -> r.roleName("too-many").assumeRolePolicyDocument(TRUST).tags(many(51))), 400,
        "ValidationError", "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have "
            + "length less than or equal to 50");
    assertAwsError(() -> iam.createRole(r -> r.roleName("long-key").assumeRolePolicyDocument(TRUST)
        .tags(tag("k".repeat(129), "value"))), 400, "ValidationError", "1 validation error detected: Value at "
        + "'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128");
    assertAwsError(() -> iam.createRole(r -> r.roleName("long-value").assumeRolePolicyDocument(TRUST)
        .tags(tag("key", "v".repeat(257)))), 400, "ValidationError", "1 validation error detected: Value at "
        + "'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256");
    assertAwsError(() -> iam.createRole(r -> r.roleName("bad-key").assumeRolePolicyDocument(TRUST)
        .tags(tag("ok", "1"), tag("not#ok", "2"))), 400, "ValidationError", "1 validation error detected: Value at "
        + "'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: " + KEY_PATTERN);
    assertAwsError(() -> iam.createUser(r -> r.userName("dup-user").tags(tag("mykey", "1"), tag("MyKey", "2"))), 400,
        "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");

    iam.createRole(r -> r.roleName("untagged").assumeRolePolicyDocument(TRUST));
    assertAwsError(() -> iam.untagRole(r -> r.roleName("untagged").tagKeys(many(51).stream().map(Tag::key).toList())),
        400, "ValidationError", "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: "
            + "Member must have length less than or equal to 50");
    assertAwsError(() -> iam.untagRole(r -> r.roleName("untagged").tagKeys("k".repeat(129))), 400, "ValidationError",
        "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: "
            + "[Member must have length less than or equal to 128, Member must have length greater than or equal to 1, "
            + "Member must satisfy regular expression pattern: " + KEY_PATTERN + ", Member must not be null]");
  }

  @Test
  void managedPoliciesHaveCaseSensitiveTagsListedShortestKeyFirst() {
    String arn = iam.createPolicy(r -> r.policyName("tagged-policy").policyDocument(DOC)
        .tags(tag("abc", "first"), tag("b", "second"), tag("z", "third"), tag("a", "fourth"))).policy().arn();
    assertThat(iam.listPolicyTags(r -> r.policyArn(arn)).tags())
        .containsExactly(tag("a", "fourth"), tag("b", "second"), tag("z", "third"), tag("abc", "first"));
    iam.untagPolicy(r -> r.policyArn(arn).tagKeys("abc", "b", "z", "a"));
    assertThat(iam.listPolicyTags(r -> r.policyArn(arn)).tags()).isEmpty();

    // "a" and "A" are two tags of a policy.
    iam.tagPolicy(r -> r.policyArn(arn).tags(tag("somekey", "somevalue"), tag("a", "lowercase"), tag("A", "uppercase")));
    iam.untagPolicy(r -> r.policyArn(arn).tagKeys("a"));
    assertThat(iam.listPolicyTags(r -> r.policyArn(arn)).tags())
        .containsExactly(tag("A", "uppercase"), tag("somekey", "somevalue"));
    assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().tags())
        .containsExactlyInAnyOrder(tag("A", "uppercase"), tag("somekey", "somevalue"));

    ListPolicyTagsResponse page1 = iam.listPolicyTags(r -> r.policyArn(arn).maxItems(1));
    assertThat(page1.isTruncated()).isTrue();
    assertThat(page1.tags()).containsExactly(tag("A", "uppercase"));
    ListPolicyTagsResponse page2 = iam.listPolicyTags(r -> r.policyArn(arn).marker(page1.marker()));
    assertThat(page2.isTruncated()).isFalse();
    assertThat(page2.tags()).containsExactly(tag("somekey", "somevalue"));

    assertAwsError(() -> iam.tagPolicy(r -> r.policyArn(arn).tags(tag("dup", "1"), tag("dup", "2"))), 400,
        "InvalidInput", "Duplicate tag keys found.");
    String missing = "arn:aws:iam::000000000000:policy/NotAPolicy";
    assertAwsError(() -> iam.tagPolicy(r -> r.policyArn(missing).tags(tag("a", "b"))), 404, "NoSuchEntity",
        "Policy " + missing + " was not found.");
    assertAwsError(() -> iam.untagPolicy(r -> r.policyArn(missing).tagKeys("a")), 404, "NoSuchEntity",
        "Policy " + missing + " was not found.");
  }

  @Test
  void anEntityHoldsAtMostFiftyTags() {
    iam.createUser(r -> r.userName("fifty").tags(many(50)));
    iam.tagUser(r -> r.userName("fifty").tags(tag("0", "replaced")));
    assertThat(iam.listUserTagsPaginator(r -> r.userName("fifty")).tags()).hasSize(50);
    assertAwsError(() -> iam.tagUser(r -> r.userName("fifty").tags(tag("one-more", "x"))), 409, "LimitExceeded",
        "Cannot exceed quota for TagsPerUser: 50");
  }
}
