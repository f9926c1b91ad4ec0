package dev.streambed.tests;

import static dev.streambed.tests.IamRolesTest.decode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * The AWS managed policies through GetPolicy, GetPolicyVersion and ListPolicies, as AWS lists them:
 * ids, paths, default versions and dates are AWS's ListPolicies answer of March 2026; each document is
 * pinned by the SHA-256 of AWS's GetPolicyVersion document in canonical form (keys sorted, no
 * whitespace), and the statements the managed policy reference shows are checked by name.
 */
class AwsManagedPoliciesTest {
  /** One row of AWS's ListPolicies answer, and the digest of its default version's document. */
  record Listed(String name, String path, String policyId, String version, String created, String updated,
      String documentSha256) {
    String arn() {
      return "arn:aws:iam::aws:policy" + path + name;
    }
  }

  static final List<Listed> AWS = List.of(
      new Listed("AWSLambdaBasicExecutionRole", "/service-role/", "ANPAJNCQGXC42545SKXIK", "v1",
          "2015-04-09T15:03:43Z", "2015-04-09T15:03:43Z", "8992968b3dd4b9898b807c3af58ac8e5322f8991eef973e4ccdf877b1fed99cf"),
      new Listed("AWSLambdaDynamoDBExecutionRole", "/service-role/", "ANPAIP7WNAGMIPYNW4WQG", "v1",
          "2015-04-09T15:09:29Z", "2015-04-09T15:09:29Z", "c491ac9f9c9e8884527a3d2bd68433a4d0f9be39fb08eeafce1fda7a30a2266a"),
      new Listed("AWSLambdaInvocation-DynamoDB", "/", "ANPAJTHQ3EKCQALQDYG5G", "v1",
          "2015-02-06T18:40:47Z", "2015-02-06T18:40:47Z", "e56900554fb9dbc0710b22f2406e48f78a6679ecf656e3d57eb02451c42ad20f"),
      new Listed("AWSLambdaRole", "/service-role/", "ANPAJX4DPCRGTC4NFDUXI", "v1",
          "2015-02-06T18:41:28Z", "2015-02-06T18:41:28Z", "6ce4123fa9437da861eb3a0cacad59ef42e1c6a6813d84b2563ed4908738ff51"),
      new Listed("AWSLambdaSQSQueueExecutionRole", "/service-role/", "ANPAJFWJZI6JNND4TSELK", "v1",
          "2018-06-14T21:50:45Z", "2018-06-14T21:50:45Z", "9c815ac4bb8ffa25885f9742a823fe493b91e27e0ca24d689ed6ffd3c600475b"),
      new Listed("AWSLambda_FullAccess", "/", "ANPAZKAPJZG4OXQPYWZ5D", "v7",
          "2020-11-17T21:14:08Z", "2026-02-12T18:00:51Z", "dadfb112b167aa730b6d4081f99e717cc8d1a5fc4b3a568bb7690b9b81736821"),
      new Listed("AWSLambda_ReadOnlyAccess", "/", "ANPAZKAPJZG4IERNVMNPE", "v5",
          "2020-11-17T21:10:32Z", "2026-02-12T18:02:55Z", "ba6a30114815d4a080fe879da9d31817c7e6d3de1d0112a344432a0f8907e4db"),
      new Listed("AmazonDynamoDBFullAccess", "/", "ANPAINUGF2JSOSUY76KYA", "v15",
          "2015-02-06T18:40:11Z", "2021-01-29T17:38:30Z", "67e5018242445a92546f779d6902797163059e5057a1770b8f376effa0b09316"),
      new Listed("AmazonDynamoDBReadOnlyAccess", "/", "ANPAIY2XFNA232XJ6J7X2", "v15",
          "2015-02-06T18:40:12Z", "2024-11-18T17:38:15Z", "77aacea374aca26d62a866cd7cb101128d63064835aef52ebdc20db78e7766c1"),
      new Listed("CloudWatchLogsFullAccess", "/", "ANPAJ3ZGNWK2R5HW5BQFO", "v8",
          "2015-02-06T18:40:02Z", "2026-02-12T18:00:33Z", "923043d72c559452bb2a5a1d18656adf0048bd3e28299d40a609829ddbaca4bf"),
      new Listed("CloudWatchLogsReadOnlyAccess", "/", "ANPAJ2YIYDYSNNEHK3VKW", "v12",
          "2015-02-06T18:40:03Z", "2026-02-12T17:59:13Z", "c1f3c57b6167f5eb1fcb5649bdcc97bc04e4183d9cbfa6b3c529b2e83a5fd435"));

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

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

  static Stream<Listed> listed() {
    return AWS.stream();
  }

  @ParameterizedTest
  @MethodSource("listed")
  void getPolicyAndItsDefaultVersionAnswerAsAws(Listed aws) throws Exception {
    Policy p = iam.getPolicy(r -> r.policyArn(aws.arn())).policy();
    assertThat(p.policyName()).isEqualTo(aws.name());
    assertThat(p.arn()).isEqualTo(aws.arn());
    assertThat(p.path()).isEqualTo(aws.path());
    assertThat(p.policyId()).isEqualTo(aws.policyId());
    assertThat(p.defaultVersionId()).isEqualTo(aws.version());
    assertThat(p.createDate()).isEqualTo(Instant.parse(aws.created()));
    assertThat(p.updateDate()).isEqualTo(Instant.parse(aws.updated()));
    assertThat(p.isAttachable()).isTrue();
    assertThat(p.attachmentCount()).isZero();
    assertThat(p.permissionsBoundaryUsageCount()).isZero();
    assertThat(p.description()).isNotBlank();

    PolicyVersion v = iam.getPolicyVersion(r -> r.policyArn(aws.arn()).versionId(aws.version())).policyVersion();
    assertThat(v.versionId()).isEqualTo(aws.version());
    assertThat(v.isDefaultVersion()).isTrue();
    // A version's date is when AWS published it, which is the policy's UpdateDate.
    assertThat(v.createDate()).isEqualTo(Instant.parse(aws.updated()));
    assertThat(sha256(canonical(decode(v.document())))).as(aws.name() + " document").isEqualTo(aws.documentSha256());

    assertThat(iam.listPolicyVersions(r -> r.policyArn(aws.arn())).versions())
        .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(aws.version(), true));
  }

  @Test
  void listPoliciesShowsEachAsAwsListsIt() {
    Map<String, Policy> listed = iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.AWS)).policies().stream()
        .collect(Collectors.toMap(Policy::arn, Function.identity()));
    for (Listed aws : AWS) {
      Policy p = listed.get(aws.arn());
      assertThat(p).as(aws.name()).isNotNull();
      assertThat(p.policyId()).isEqualTo(aws.policyId());
      assertThat(p.defaultVersionId()).isEqualTo(aws.version());
      assertThat(p.updateDate()).isEqualTo(Instant.parse(aws.updated()));
    }
  }

  /** The statements the audit of the documents found missing, read back through the SDK. */
  @Test
  void theStatementsOfTheManagedPolicyReference() throws Exception {
    JsonNode full = document("AWSLambda_FullAccess");
    assertThat(actions(full.get(0))).contains("kms:DescribeKey", "lambda:*", "logs:DescribeLogGroups");
    assertThat(actions(full.get(2))).contains("logs:StartLiveTail", "logs:StopLiveTail", "logs:FilterLogEvents");
    assertThat(full.get(2).get("Resource").asText()).isEqualTo("arn:aws:logs:*:*:log-group:/aws/lambda/*");
    assertThat(full.get(3).get("Action").asText()).isEqualTo("iam:CreateServiceLinkedRole");
    assertThat(full.get(3).at("/Condition/StringEquals/iam:AWSServiceName").asText()).isEqualTo("lambda.amazonaws.com");

    JsonNode readOnly = document("AWSLambda_ReadOnlyAccess");
    assertThat(actions(readOnly.get(0))).contains("cloudformation:ListStacks", "lambda:Get*", "lambda:List*")
        .doesNotContain("cloudformation:GetTemplate", "logs:GetLogEvents");
    assertThat(readOnly.get(1).get("Resource").asText()).isEqualTo("arn:aws:logs:*:*:log-group:/aws/lambda/*");
    assertThat(actions(readOnly.get(1))).contains("logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartLiveTail");

    assertThat(actions(document("CloudWatchLogsFullAccess").get(0)))
        .contains("logs:*", "cloudwatch:GenerateQuery", "cloudwatch:GenerateQueryResultsSummary");
    JsonNode ddbRead = document("AmazonDynamoDBReadOnlyAccess");
    assertThat(ddbRead.get(1).get("Sid").asText()).isEqualTo("CCIAccess");
    assertThat(ddbRead.get(1).get("Resource").asText())
        .isEqualTo("arn:aws:cloudwatch:*:*:insight-rule/DynamoDBContributorInsights*");
  }

  private static JsonNode document(String name) throws Exception {
    Listed aws = AWS.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    String doc = iam.getPolicyVersion(r -> r.policyArn(aws.arn()).versionId(aws.version())).policyVersion().document();
    return CANONICAL.readTree(decode(doc)).get("Statement");
  }

  private static List<String> actions(JsonNode statement) {
    JsonNode a = statement.get("Action");
    return a.isArray() ? Stream.of(CANONICAL.convertValue(a, String[].class)).toList() : List.of(a.asText());
  }

  private static String canonical(String json) throws Exception {
    return CANONICAL.writeValueAsString(CANONICAL.readValue(json, Object.class));
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
