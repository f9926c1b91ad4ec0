package dev.streambed.tests;

import static dev.streambed.tests.IamRolesTest.assertAwsError;
import static dev.streambed.tests.IamRolesTest.decode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.User;

/** IAM users, their access keys and policies, through the SDK. */
class IamUsersTest {
  private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}]}";

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

  @Test
  void usersAndAccessKeys() {
    User created = iam.createUser(r -> r.userName("alice").path("/devs/")).user();
    assertThat(created.arn()).isEqualTo("arn:aws:iam::000000000000:user/devs/alice");
    assertThat(created.userId()).startsWith("AIDA").hasSize(21);
    assertThat(iam.getUser(r -> r.userName("alice")).user().userId()).isEqualTo(created.userId());
    assertThat(iam.listUsers().users()).extracting(User::userName).contains("alice");
    assertAwsError(() -> iam.createUser(r -> r.userName("alice")), 409, "EntityAlreadyExists",
        "User with name alice already exists.");
    assertAwsError(() -> iam.getUser(r -> r.userName("wrong-user-name")), 404, "NoSuchEntity",
        "The user with name wrong-user-name cannot be found.");

    AccessKey key = iam.createAccessKey(r -> r.userName("alice")).accessKey();
    assertThat(key.accessKeyId()).startsWith("AKIA").hasSize(20);
    assertThat(key.secretAccessKey()).hasSize(40);
    assertThat(key.statusAsString()).isEqualTo("Active");
    iam.createAccessKey(r -> r.userName("alice"));
    assertAwsError(() -> iam.createAccessKey(r -> r.userName("alice")), 409, "LimitExceeded",
        "Cannot exceed quota for AccessKeysPerUser: 2");
    assertThat(iam.listAccessKeys(r -> r.userName("alice")).accessKeyMetadata())
        .extracting(AccessKeyMetadata::accessKeyId).hasSize(2).contains(key.accessKeyId());

    assertAwsError(() -> iam.deleteUser(r -> r.userName("alice")), 409, "DeleteConflict",
        "Cannot delete entity, must delete access keys first.");
    for (AccessKeyMetadata k : iam.listAccessKeys(r -> r.userName("alice")).accessKeyMetadata()) {
      iam.deleteAccessKey(r -> r.userName("alice").accessKeyId(k.accessKeyId()));
    }
    assertAwsError(() -> iam.deleteAccessKey(r -> r.userName("alice").accessKeyId(key.accessKeyId())), 404,
        "NoSuchEntity", "The Access Key with id " + key.accessKeyId() + " cannot be found.");
    iam.deleteUser(r -> r.userName("alice"));
    assertAwsError(() -> iam.deleteUser(r -> r.userName("alice")), 404, "NoSuchEntity",
        "The user with name alice cannot be found.");
  }

  @Test
  void userPolicies() {
    iam.createUser(r -> r.userName("bob"));
    String arn = iam.createPolicy(r -> r.policyName("bob-policy").policyDocument(DOC)).policy().arn();
    iam.attachUserPolicy(r -> r.userName("bob").policyArn(arn));
    assertThat(iam.listAttachedUserPolicies(r -> r.userName("bob")).attachedPolicies())
        .extracting(p -> p.policyArn()).containsExactly(arn);
    assertThat(iam.listEntitiesForPolicy(r -> r.policyArn(arn)).policyUsers())
        .extracting(u -> u.userName()).containsExactly("bob");
    assertAwsError(() -> iam.attachUserPolicy(r -> r.userName("non-existent-user").policyArn(arn)), 404,
        "NoSuchEntity", "The user with name non-existent-user cannot be found.");
    iam.putUserPolicy(r -> r.userName("bob").policyName("inline").policyDocument(DOC));
    assertThat(decode(iam.getUserPolicy(r -> r.userName("bob").policyName("inline")).policyDocument())).isEqualTo(DOC);
    assertThat(iam.listUserPolicies(r -> r.userName("bob")).policyNames()).containsExactly("inline");

    assertAwsError(() -> iam.deleteUser(r -> r.userName("bob")), 409, "DeleteConflict",
        "Cannot delete entity, must detach all policies first.");
    iam.detachUserPolicy(r -> r.userName("bob").policyArn(arn));
    assertAwsError(() -> iam.deleteUser(r -> r.userName("bob")), 409, "DeleteConflict",
        "Cannot delete entity, must delete policies first.");
    iam.deleteUserPolicy(r -> r.userName("bob").policyName("inline"));
    assertAwsError(() -> iam.getUserPolicy(r -> r.userName("bob").policyName("inline")), 404, "NoSuchEntity",
        "The user policy with name inline cannot be found.");
    iam.deleteUser(r -> r.userName("bob"));
  }
}
