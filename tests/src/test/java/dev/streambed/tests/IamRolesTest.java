package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** IAM roles through the AWS SDK, compared with what AWS answers (aws-reference/recorded/test_iam). */
class IamRolesTest {
  static final String TRUST = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
      + "\"Principal\": {\"Service\": \"lambda.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}";
  static final String LAMBDA_DDB = "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole";

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

  static void assertAwsError(ThrowingCallable call, int status, String code, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(status);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    });
  }

  static String decode(String document) {
    return URLDecoder.decode(document, StandardCharsets.UTF_8);
  }

  @Test
  void createGetListAndDeleteARole() {
    Role created = iam.createRole(r -> r.roleName("describe-me").path("/service-role/")
        .assumeRolePolicyDocument(TRUST).tags(Tag.builder().key("test").value("value").build())).role();
    assertThat(created.arn()).isEqualTo("arn:aws:iam::000000000000:role/service-role/describe-me");
    assertThat(created.path()).isEqualTo("/service-role/");
    assertThat(created.roleId()).startsWith("AROA").hasSize(21);
    assertThat(decode(created.assumeRolePolicyDocument())).isEqualTo(TRUST);
    assertThat(created.tags()).containsExactly(Tag.builder().key("test").value("value").build());
    // As AWS: CreateRole's answer carries no MaxSessionDuration; GetRole's does, and RoleLastUsed.
    assertThat(created.maxSessionDuration()).isNull();
    assertThat(created.createDate()).isNotNull();

    Role got = iam.getRole(r -> r.roleName("describe-me")).role();
    assertThat(got.maxSessionDuration()).isEqualTo(3600);
    assertThat(got.roleLastUsed()).isNotNull();
    assertThat(got.roleId()).isEqualTo(created.roleId());
    assertThat(got.createDate()).isEqualTo(created.createDate());

    Role listed = iam.listRoles(r -> r.pathPrefix("/service-role/")).roles().stream()
        .filter(x -> x.roleName().equals("describe-me")).findFirst().orElseThrow();
    assertThat(listed.maxSessionDuration()).isEqualTo(3600);
    assertThat(listed.tags()).isEmpty();

    iam.deleteRole(r -> r.roleName("describe-me"));
    assertAwsError(() -> iam.getRole(r -> r.roleName("describe-me")), 404, "NoSuchEntity",
        "The role with name describe-me cannot be found.");
  }

  @Test
  void refusesWhatAwsRefuses() {
    iam.createRole(r -> r.roleName("twice").assumeRolePolicyDocument(TRUST));
    assertAwsError(() -> iam.createRole(r -> r.roleName("twice").assumeRolePolicyDocument(TRUST)),
        409, "EntityAlreadyExists", "Role with name twice already exists.");
    // Role names are unique regardless of case.
    assertAwsError(() -> iam.createRole(r -> r.roleName("TWICE").assumeRolePolicyDocument(TRUST)),
        409, "EntityAlreadyExists", "Role with name TWICE already exists.");
    assertAwsError(() -> iam.createRole(r -> r.roleName("bad-json").assumeRolePolicyDocument("{\"Version\": ")),
        400, "MalformedPolicyDocument", "This policy contains invalid Json");
    assertAwsError(() -> iam.createRole(r -> r.roleName("no-principal").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}")),
        400, "MalformedPolicyDocument", "Missing required field Principal");
    assertAwsError(() -> iam.createRole(r -> r.roleName("bad name!").assumeRolePolicyDocument(TRUST)),
        400, "ValidationError", "1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy "
            + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    assertAwsError(() -> iam.createRole(r -> r.roleName("bad-path").path("no-slash").assumeRolePolicyDocument(TRUST)),
        400, "ValidationError", "The specified value for path is invalid. It must begin and end with / and contain "
            + "only alphanumeric characters and/or / characters.");
    assertAwsError(() -> iam.createRole(r -> r.roleName("short").maxSessionDuration(60).assumeRolePolicyDocument(TRUST)),
        400, "ValidationError", "1 validation error detected: Value '60' at 'maxSessionDuration' failed to satisfy "
            + "constraint: Member must have value greater than or equal to 3600");
    assertAwsError(() -> iam.deleteRole(r -> r.roleName("missing")), 404, "NoSuchEntity",
        "The role with name missing cannot be found.");
  }

  @Test
  void updatesTrustDescriptionDurationAndTags() {
    iam.createRole(r -> r.roleName("updated").assumeRolePolicyDocument(TRUST).description("first"));
    iam.updateRole(r -> r.roleName("updated").description("second").maxSessionDuration(7200));
    String ec2 = TRUST.replace("lambda", "ec2");
    iam.updateAssumeRolePolicy(r -> r.roleName("updated").policyDocument(ec2));
    iam.tagRole(r -> r.roleName("updated").tags(Tag.builder().key("a").value("1").build(),
        Tag.builder().key("b").value("2").build()));
    iam.untagRole(r -> r.roleName("updated").tagKeys("a"));
    Role role = iam.getRole(r -> r.roleName("updated")).role();
    assertThat(role.description()).isEqualTo("second");
    assertThat(role.maxSessionDuration()).isEqualTo(7200);
    assertThat(decode(role.assumeRolePolicyDocument())).isEqualTo(ec2);
    assertThat(role.tags()).containsExactly(Tag.builder().key("b").value("2").build());
    assertThat(iam.listRoleTags(r -> r.roleName("updated")).tags()).hasSize(1);
    // Tag keys are unique regardless of case.
    iam.tagRole(r -> r.roleName("updated").tags(Tag.builder().key("B").value("3").build()));
    assertThat(iam.listRoleTags(r -> r.roleName("updated")).tags())
        .containsExactly(Tag.builder().key("B").value("3").build());
    assertAwsError(() -> iam.tagRole(r -> r.roleName("updated").tags(Tag.builder().key("x").value("1").build(),
        Tag.builder().key("X").value("2").build())), 400, "InvalidInput",
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    assertAwsError(() -> iam.updateAssumeRolePolicy(r -> r.roleName("updated").policyDocument("nope")),
        400, "MalformedPolicyDocument", "This policy contains invalid Json");
    assertAwsError(() -> iam.updateRole(r -> r.roleName("nobody").description("x")), 404, "NoSuchEntity",
        "The role with name nobody cannot be found.");
  }

  /** Which members each answer carries (recorded AWS answers, February 2026). */
  @Test
  void createAndUpdateDescriptionAnswerTheirOwnShapes() {
    Role created = iam.createRole(r -> r.roleName("described").assumeRolePolicyDocument(TRUST)
        .description("what it does")).role();
    assertThat(created.description()).isNull();
    assertThat(created.maxSessionDuration()).isNull();
    Role updated = iam.updateRoleDescription(r -> r.roleName("described").description("what it does now")).role();
    assertThat(updated.description()).isEqualTo("what it does now");
    assertThat(updated.maxSessionDuration()).isNull();
    assertThat(updated.roleLastUsed()).isNull();
    assertThat(iam.getRole(r -> r.roleName("described")).role().maxSessionDuration()).isEqualTo(3600);
    assertThat(iam.listRoles().roles()).filteredOn(r -> r.roleName().equals("described"))
        .extracting(Role::description).containsExactly("what it does now");
    // A trust policy may only allow the ways of assuming the role, and names no resource.
    String other = TRUST.replace("sts:AssumeRole", "sts:GetCallerIdentity");
    assertAwsError(() -> iam.updateAssumeRolePolicy(r -> r.roleName("described").policyDocument(other)), 400,
        "MalformedPolicyDocument", "AssumeRole policy may only specify STS AssumeRole actions.");
    String withResource = TRUST.replace("\"Action\"", "\"Resource\": \"*\", \"Action\"");
    assertAwsError(() -> iam.updateAssumeRolePolicy(r -> r.roleName("described").policyDocument(withResource)), 400,
        "MalformedPolicyDocument", "Has prohibited field Resource");
  }

  @Test
  void listsRolesInPages() {
    for (String n : List.of("page-c", "page-a", "page-b")) {
      iam.createRole(r -> r.roleName(n).path("/paged/").assumeRolePolicyDocument(TRUST));
    }
    ListRolesResponse first = iam.listRoles(r -> r.pathPrefix("/paged/").maxItems(2));
    assertThat(first.roles()).extracting(Role::roleName).containsExactly("page-a", "page-b");
    assertThat(first.isTruncated()).isTrue();
    ListRolesResponse second = iam.listRoles(r -> r.pathPrefix("/paged/").maxItems(2).marker(first.marker()));
    assertThat(second.roles()).extracting(Role::roleName).containsExactly("page-c");
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.marker()).isNull();
    assertThat(iam.listRolesPaginator(r -> r.pathPrefix("/paged/").maxItems(1)).roles())
        .extracting(Role::roleName).containsExactly("page-a", "page-b", "page-c");
  }

  @Test
  void deleteIsRefusedWhilePoliciesRemain() {
    iam.createRole(r -> r.roleName("busy").assumeRolePolicyDocument(TRUST));
    iam.attachRolePolicy(r -> r.roleName("busy").policyArn(LAMBDA_DDB));
    assertAwsError(() -> iam.deleteRole(r -> r.roleName("busy")), 409, "DeleteConflict",
        "Cannot delete entity, must detach all policies first.");
    iam.detachRolePolicy(r -> r.roleName("busy").policyArn(LAMBDA_DDB));
    iam.putRolePolicy(r -> r.roleName("busy").policyName("inline").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:*\",\"Resource\":\"*\"}]}"));
    assertAwsError(() -> iam.deleteRole(r -> r.roleName("busy")), 409, "DeleteConflict",
        "Cannot delete entity, must delete policies first.");
    iam.deleteRolePolicy(r -> r.roleName("busy").policyName("inline"));
    iam.deleteRole(r -> r.roleName("busy"));
  }

  @Test
  void inlineRolePolicies() {
    String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"apigatway:PUT\"],"
        + "\"Resource\":[\"arn:aws:apigateway:us-east-1::/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Faaeeieije\"]}]}";
    iam.createRole(r -> r.roleName("inline").assumeRolePolicyDocument(TRUST));
    iam.putRolePolicy(r -> r.roleName("inline").policyName("b-policy").policyDocument(doc));
    iam.putRolePolicy(r -> r.roleName("inline").policyName("a-policy").policyDocument(doc));
    var got = iam.getRolePolicy(r -> r.roleName("inline").policyName("b-policy"));
    assertThat(got.roleName()).isEqualTo("inline");
    assertThat(got.policyName()).isEqualTo("b-policy");
    // The document comes back as sent, already-encoded text included (AWS's recording shows the same).
    assertThat(decode(got.policyDocument())).isEqualTo(doc);
    assertThat(iam.listRolePolicies(r -> r.roleName("inline")).policyNames()).containsExactly("a-policy", "b-policy");
    iam.deleteRolePolicy(r -> r.roleName("inline").policyName("a-policy"));
    assertAwsError(() -> iam.getRolePolicy(r -> r.roleName("inline").policyName("a-policy")), 404, "NoSuchEntity",
        "The role policy with name a-policy cannot be found.");
    assertAwsError(() -> iam.putRolePolicy(r -> r.roleName("inline").policyName("p").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}]}")),
        400, "MalformedPolicyDocument", "Policy statement must contain resources.");
  }
}
