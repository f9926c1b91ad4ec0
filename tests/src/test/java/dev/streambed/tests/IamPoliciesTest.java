package dev.streambed.tests;

import static dev.streambed.tests.IamRolesTest.TRUST;
import static dev.streambed.tests.IamRolesTest.assertAwsError;
import static dev.streambed.tests.IamRolesTest.decode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/** Managed policies (AWS's and the account's own), their versions and attachments, through the SDK. */
class IamPoliciesTest {
  private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}";
  private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess";

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
  void awsManagedPoliciesArePresentUnderTheirArns() {
    Policy basic = iam.getPolicy(r -> r.policyArn(BASIC)).policy();
    assertThat(basic.policyName()).isEqualTo("AWSLambdaBasicExecutionRole");
    assertThat(basic.path()).isEqualTo("/service-role/");
    assertThat(basic.defaultVersionId()).isEqualTo("v1");
    assertThat(basic.isAttachable()).isTrue();
    PolicyVersion v = iam.getPolicyVersion(r -> r.policyArn(BASIC).versionId("v1")).policyVersion();
    assertThat(decode(v.document())).contains("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents");
    assertThat(v.isDefaultVersion()).isTrue();

    assertThat(iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.AWS)).policies())
        .extracting(Policy::arn)
        .contains(BASIC, READ_ONLY, "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
            "arn:aws:iam::aws:policy/AWSLambdaInvocation-DynamoDB", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole",
            "arn:aws:iam::aws:policy/AWSLambda_FullAccess", "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess",
            "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess", "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess",
            "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole");
    // AWS's own policies are refused with AccessDenied, worded per operation (recorded, February 2026).
    assertAwsError(() -> iam.deletePolicy(r -> r.policyArn(BASIC)), 403, "AccessDenied",
        "Cannot delete policies outside your own account.");
    assertAwsError(() -> iam.deletePolicyVersion(r -> r.policyArn(BASIC).versionId("v2")), 403, "AccessDenied",
        "Cannot delete policy versions for policies outside your own account.");
    assertAwsError(() -> iam.setDefaultPolicyVersion(r -> r.policyArn(BASIC).versionId("v2")), 403, "AccessDenied",
        "Cannot update policies outside your own account.");
    assertAwsError(() -> iam.getPolicyVersion(r -> r.policyArn(BASIC).versionId("v2-does-not-exist")), 400,
        "ValidationError", "1 validation error detected: Value at 'versionId' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
    // GetPolicy shows an AWS managed policy's tags, none (recorded, February 2026).
    assertThat(iam.getPolicy(r -> r.policyArn(BASIC)).policy().hasTags()).isTrue();
  }

  @Test
  void createPolicyAnswersAsAws() {
    Policy p = iam.createPolicy(r -> r.policyName("shape").policyDocument(DOC)).policy();
    assertThat(p.arn()).isEqualTo("arn:aws:iam::000000000000:policy/shape");
    assertThat(p.path()).isEqualTo("/");
    assertThat(p.defaultVersionId()).isEqualTo("v1");
    assertThat(p.attachmentCount()).isZero();
    assertThat(p.permissionsBoundaryUsageCount()).isZero();
    assertThat(p.isAttachable()).isTrue();
    assertThat(p.policyId()).startsWith("ANPA");
    assertThat(p.createDate()).isEqualTo(p.updateDate());
    assertAwsError(() -> iam.createPolicy(r -> r.policyName("shape").policyDocument(DOC)), 409,
        "EntityAlreadyExists", "A policy called shape already exists. Duplicate names are not allowed.");
    // Text that is not JSON, for a managed policy (recorded AWS answer, February 2026).
    assertAwsError(() -> iam.createPolicy(r -> r.policyName("bad").policyDocument("{")), 400,
        "MalformedPolicyDocument", "Syntax errors in policy.");
    assertAwsError(() -> iam.createPolicy(r -> r.policyName("old").policyDocument(DOC.replace("2012-10-17", "2008-10-17"))),
        400, "MalformedPolicyDocument", "Policy document must be version 2012-10-17 or greater.");
    Policy described = iam.createPolicy(r -> r.policyName("described").description("what it is").policyDocument(DOC)).policy();
    assertThat(described.description()).isNull();
    assertThat(described.hasTags()).isFalse();
    Policy got = iam.getPolicy(r -> r.policyArn(described.arn())).policy();
    assertThat(got.description()).isEqualTo("what it is");
    assertThat(got.hasTags()).isTrue();
    assertThat(got.tags()).isEmpty();
    assertAwsError(() -> iam.getPolicy(r -> r.policyArn("arn:aws:iam::000000000000:policy/non-existent-policy")),
        404, "NoSuchEntity", "Policy arn:aws:iam::000000000000:policy/non-existent-policy was not found.");
    assertAwsError(() -> iam.deletePolicy(r -> r.policyArn("arn:aws:iam::000000000000:policy/non-existent-policy")),
        404, "NoSuchEntity", "Policy arn:aws:iam::000000000000:policy/non-existent-policy was not found.");
  }

  @Test
  void attachingChecksTheArnAsAwsDoes() {
    iam.createRole(r -> r.roleName("attach-errors").assumeRolePolicyDocument(TRUST));
    Policy p = iam.createPolicy(r -> r.policyName("attachable").policyDocument(DOC)).policy();
    assertAwsError(() -> iam.attachRolePolicy(r -> r.roleName("attach-errors").policyArn("longpolicynamebutnoarn")),
        400, "ValidationError", "ARN longpolicynamebutnoarn is not valid.");
    assertAwsError(() -> iam.attachRolePolicy(r -> r.roleName("attach-errors").policyArn("attachable")),
        400, "ValidationError", "ARN attachable is not valid.");
    assertAwsError(() -> iam.attachRolePolicy(r -> r.roleName("attach-errors").policyArn(p.arn() + "123")),
        404, "NoSuchEntity", "Policy " + p.arn() + "123 does not exist or is not attachable.");
    iam.attachRolePolicy(r -> r.roleName("attach-errors").policyArn(p.arn()));
    assertAwsError(() -> iam.attachRolePolicy(r -> r.roleName("nobody").policyArn(p.arn())),
        404, "NoSuchEntity", "The role with name nobody cannot be found.");
  }

  @Test
  void attachmentsAreCountedAndListed() {
    iam.createRole(r -> r.roleName("attached").assumeRolePolicyDocument(TRUST));
    Policy own = iam.createPolicy(r -> r.policyName("counted").path("/team/").policyDocument(DOC)).policy();
    assertThat(own.arn()).isEqualTo("arn:aws:iam::000000000000:policy/team/counted");
    iam.attachRolePolicy(r -> r.roleName("attached").policyArn(own.arn()));
    iam.attachRolePolicy(r -> r.roleName("attached").policyArn(READ_ONLY));
    // Attaching twice changes nothing.
    iam.attachRolePolicy(r -> r.roleName("attached").policyArn(READ_ONLY));

    assertThat(iam.listAttachedRolePolicies(r -> r.roleName("attached")).attachedPolicies())
        .containsExactly(AttachedPolicy.builder().policyName("counted").policyArn(own.arn()).build(),
            AttachedPolicy.builder().policyName("AmazonDynamoDBReadOnlyAccess").policyArn(READ_ONLY).build());
    // Pages follow attachment order.
    assertThat(iam.listAttachedRolePoliciesPaginator(r -> r.roleName("attached").maxItems(1)).attachedPolicies())
        .extracting(AttachedPolicy::policyName).containsExactly("counted", "AmazonDynamoDBReadOnlyAccess");
    assertThat(iam.getPolicy(r -> r.policyArn(own.arn())).policy().attachmentCount()).isEqualTo(1);
    assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL).onlyAttached(true)).policies())
        .extracting(Policy::policyName).contains("counted");
    var entities = iam.listEntitiesForPolicy(r -> r.policyArn(own.arn()));
    assertThat(entities.policyRoles()).extracting(x -> x.roleName()).containsExactly("attached");
    assertThat(entities.policyUsers()).isEmpty();

    assertAwsError(() -> iam.deletePolicy(r -> r.policyArn(own.arn())), 409, "DeleteConflict",
        "Cannot delete a policy attached to entities.");
    iam.detachRolePolicy(r -> r.roleName("attached").policyArn(own.arn()));
    assertAwsError(() -> iam.detachRolePolicy(r -> r.roleName("attached").policyArn(own.arn())), 404,
        "NoSuchEntity", "Policy " + own.arn() + " was not found.");
    iam.deletePolicy(r -> r.policyArn(own.arn()));
  }

  @Test
  void policyVersions() {
    Policy p = iam.createPolicy(r -> r.policyName("versioned").policyDocument(DOC)).policy();
    String v2doc = DOC.replace("GetItem", "Query");
    PolicyVersion v2 = iam.createPolicyVersion(r -> r.policyArn(p.arn()).policyDocument(v2doc).setAsDefault(true))
        .policyVersion();
    assertThat(v2.versionId()).isEqualTo("v2");
    assertThat(v2.isDefaultVersion()).isTrue();
    assertThat(iam.getPolicy(r -> r.policyArn(p.arn())).policy().defaultVersionId()).isEqualTo("v2");
    assertThat(decode(iam.getPolicyVersion(r -> r.policyArn(p.arn()).versionId("v2")).policyVersion().document()))
        .isEqualTo(v2doc);
    assertThat(iam.listPolicyVersions(r -> r.policyArn(p.arn())).versions())
        .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("v2", true), org.assertj.core.groups.Tuple.tuple("v1", false));

    assertAwsError(() -> iam.deletePolicyVersion(r -> r.policyArn(p.arn()).versionId("v2")), 409,
        "DeleteConflict", "Cannot delete the default version of a policy.");
    assertAwsError(() -> iam.getPolicyVersion(r -> r.policyArn(p.arn()).versionId("v9")), 404, "NoSuchEntity",
        "Policy " + p.arn() + " version v9 does not exist or is not attachable.");
    String missing = "arn:aws:iam::000000000000:policy/TestNonExistingPolicy";
    assertAwsError(() -> iam.getPolicyVersion(r -> r.policyArn(missing).versionId("v1")), 404, "NoSuchEntity",
        "Policy " + missing + " version v1 does not exist or is not attachable.");
    assertAwsError(() -> iam.setDefaultPolicyVersion(r -> r.policyArn(missing).versionId("v1")), 404, "NoSuchEntity",
        "Policy " + missing + " version v1 does not exist or is not attachable.");
    assertAwsError(() -> iam.setDefaultPolicyVersion(r -> r.policyArn(p.arn()).versionId("version2")), 400,
        "ValidationError", "1 validation error detected: Value at 'versionId' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
    assertAwsError(() -> iam.listEntitiesForPolicy(r -> r.policyArn(missing)), 404, "NoSuchEntity",
        "Policy " + missing + " does not exist or is not attachable.");
    assertAwsError(() -> iam.deletePolicy(r -> r.policyArn(p.arn())), 409, "DeleteConflict",
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. "
            + "The default version is deleted with the policy.");
    for (int i = 0; i < 3; i++) {
      iam.createPolicyVersion(r -> r.policyArn(p.arn()).policyDocument(DOC));
    }
    assertAwsError(() -> iam.createPolicyVersion(r -> r.policyArn(p.arn()).policyDocument(DOC)), 409,
        "LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new version, "
            + "you must delete an existing version.");
    iam.setDefaultPolicyVersion(r -> r.policyArn(p.arn()).versionId("v1"));
    for (String v : new String[] {"v2", "v3", "v4", "v5"}) {
      iam.deletePolicyVersion(r -> r.policyArn(p.arn()).versionId(v));
    }
    assertThat(iam.createPolicyVersion(r -> r.policyArn(p.arn()).policyDocument(DOC)).policyVersion().versionId())
        .isEqualTo("v6");
    iam.deletePolicyVersion(r -> r.policyArn(p.arn()).versionId("v6"));
    iam.deletePolicy(r -> r.policyArn(p.arn()));
  }
}
