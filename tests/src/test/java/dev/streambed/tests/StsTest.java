package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS through the SDK: who the caller is, and temporary credentials that remember their role. */
class StsTest {
  private static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";

  private static Streambed streambed;
  private static IamClient iam;
  private static StsClient sts;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    iam = streambed.iam();
    sts = streambed.sts();
  }

  @AfterAll
  static void stop() {
    sts.close();
    iam.close();
    streambed.close();
  }

  private static StsClient signedWith(Credentials c) {
    return streambed.sts(StaticCredentialsProvider.create(
        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
  }

  @Test
  void anUnknownKeyIsTheAccountRoot() {
    GetCallerIdentityResponse me = sts.getCallerIdentity();
    assertThat(me.account()).isEqualTo("000000000000");
    assertThat(me.arn()).isEqualTo("arn:aws:iam::000000000000:root");
    assertThat(me.userId()).isEqualTo("000000000000");
  }

  @Test
  void aUsersKeyIsThatUser() {
    String userId = iam.createUser(r -> r.userName("keyed")).user().userId();
    AccessKey key = iam.createAccessKey(r -> r.userName("keyed")).accessKey();
    try (StsClient asUser = streambed.sts(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))) {
      GetCallerIdentityResponse me = asUser.getCallerIdentity();
      assertThat(me.arn()).isEqualTo("arn:aws:iam::000000000000:user/keyed");
      assertThat(me.userId()).isEqualTo(userId);
      assertThat(me.account()).isEqualTo("000000000000");
    }
  }

  @Test
  void assumeRoleGivesCredentialsThatMapBackToTheSession() {
    String roleId = iam.createRole(r -> r.roleName("assumable").assumeRolePolicyDocument(TRUST_ACCOUNT)).role().roleId();
    Instant before = Instant.now();
    AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/assumable")
        .roleSessionName("my-session"));
    Credentials c = assumed.credentials();
    assertThat(c.accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(c.secretAccessKey()).hasSize(40);
    assertThat(c.sessionToken()).isNotBlank();
    assertThat(c.expiration()).isBetween(before.plus(Duration.ofMinutes(59)), before.plus(Duration.ofMinutes(61)));
    assertThat(assumed.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::000000000000:assumed-role/assumable/my-session");
    assertThat(assumed.assumedRoleUser().assumedRoleId()).isEqualTo(roleId + ":my-session");

    try (StsClient asRole = signedWith(c)) {
      GetCallerIdentityResponse me = asRole.getCallerIdentity();
      assertThat(me.arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/assumable/my-session");
      assertThat(me.userId()).isEqualTo(roleId + ":my-session");
      assertThatThrownBy(() -> asRole.getSessionToken()).isInstanceOfSatisfying(StsException.class, e -> {
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      });
    }
    // A role's session is no user: IAM asks for the user's name (recorded AWS answer, February 2026).
    try (IamClient asRole = IamClient.builder()
        .endpointOverride(streambed.endpoint()).region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
            c.secretAccessKey(), c.sessionToken())))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
      IamRolesTest.assertAwsError(() -> asRole.deleteAccessKey(r -> r.accessKeyId("AKIAIOSFODNN7EXAMPLE")), 400,
          "ValidationError", "Must specify userName when calling with non-User credentials");
      IamRolesTest.assertAwsError(() -> asRole.getUser(), 400,
          "ValidationError", "Must specify userName when calling with non-User credentials");
    }
    // The server can trace the key to its session, as a later signature check will.
    assertThat(streambed.server().sts().identityOf(c.accessKeyId(), "000000000000").arn())
        .isEqualTo("arn:aws:sts::000000000000:assumed-role/assumable/my-session");
  }

  @Test
  void assumeRoleIsRefusedWhenTheTrustPolicyDoesNotAllowTheCaller() {
    iam.createRole(r -> r.roleName("lambda-only").assumeRolePolicyDocument(IamRolesTest.TRUST));
    assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/lambda-only")
        .roleSessionName("s1"))).isInstanceOfSatisfying(StsException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:root is not "
              + "authorized to perform: sts:AssumeRole on resource: arn:aws:iam::000000000000:role/lambda-only");
        });
    assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/missing-role")
        .roleSessionName("s1"))).isInstanceOfSatisfying(StsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
  }

  @Test
  void aUserNeedsItsOwnPermissionWhenTheTrustNamesOnlyTheAccount() {
    iam.createRole(r -> r.roleName("for-users").assumeRolePolicyDocument(TRUST_ACCOUNT));
    iam.createUser(r -> r.userName("carol"));
    AccessKey key = iam.createAccessKey(r -> r.userName("carol")).accessKey();
    try (StsClient asCarol = streambed.sts(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))) {
      assertThatThrownBy(() -> asCarol.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/for-users")
          .roleSessionName("carol"))).isInstanceOf(StsException.class)
          .hasMessageContaining("User: arn:aws:iam::000000000000:user/carol is not authorized to perform: sts:AssumeRole");
      iam.putUserPolicy(r -> r.userName("carol").policyName("assume").policyDocument(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
              + "\"Resource\":\"arn:aws:iam::000000000000:role/for-*\"}]}"));
      assertThat(asCarol.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/for-users")
          .roleSessionName("carol")).assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::000000000000:assumed-role/for-users/carol");
    }
  }

  @Test
  void sessionTokensAndValidation() {
    Credentials c = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
    assertThat(c.accessKeyId()).startsWith("ASIA");
    try (StsClient withToken = signedWith(c)) {
      assertThat(withToken.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::000000000000:root");
    }
    iam.createRole(r -> r.roleName("short-lived").assumeRolePolicyDocument(TRUST_ACCOUNT));
    assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/short-lived")
        .roleSessionName("s2").durationSeconds(7200))).isInstanceOfSatisfying(StsException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        });
    assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/short-lived")
        .roleSessionName("s2").durationSeconds(7200))).hasMessageContaining(
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    // A role ARN without a partition, a service or a resource (recorded AWS answers, March 2026).
    for (String bad : new String[] {"nothing-valid-in-here", "arn::b:::something/test-role",
        "arn:a::::something/test-role", "arn:a:::something/test-role", "arn:a:a::aaaaaaaaaa:"}) {
      assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(bad).roleSessionName("Session1")))
          .isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(bad + " is invalid");
          });
    }
  }
}
