package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tutorial's execution role, made with the AWS CLI as a user would. */
class IamCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static Streambed streambed;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    aws = new AwsCli(streambed.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private static JsonNode ok(AwsCli.Result r) throws Exception {
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }

  @Test
  void tutorialExecutionRoleFromTheCli() throws Exception {
    JsonNode created = ok(aws.run("iam", "create-role", "--role-name", "LambdaDemoDynamoDBStream-role",
        "--path", "/service-role/", "--assume-role-policy-document", TRUST));
    assertThat(created.at("/Role/Arn").asText())
        .isEqualTo("arn:aws:iam::000000000000:role/service-role/LambdaDemoDynamoDBStream-role");
    // The CLI decodes the URL-encoded document back into JSON.
    assertThat(created.at("/Role/AssumeRolePolicyDocument/Statement/0/Principal/Service").asText())
        .isEqualTo("lambda.amazonaws.com");

    for (String arn : List.of("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
        "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess")) {
      ok(aws.run("iam", "attach-role-policy", "--role-name", "LambdaDemoDynamoDBStream-role", "--policy-arn", arn));
    }
    JsonNode attached = ok(aws.run("iam", "list-attached-role-policies", "--role-name", "LambdaDemoDynamoDBStream-role"));
    List<String> names = new ArrayList<>();
    attached.at("/AttachedPolicies").forEach(p -> names.add(p.get("PolicyName").asText()));
    assertThat(names).containsExactly("AWSLambdaBasicExecutionRole", "AWSLambdaDynamoDBExecutionRole",
        "AmazonDynamoDBReadOnlyAccess");

    JsonNode version = ok(aws.run("iam", "get-policy-version", "--policy-arn",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole", "--version-id", "v1"));
    assertThat(version.at("/PolicyVersion/Document/Statement/0/Action").toString()).contains("dynamodb:GetRecords");

    AwsCli.Result missing = aws.run("iam", "get-role", "--role-name", "nope");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("(NoSuchEntity)", "The role with name nope cannot be found.");

    JsonNode me = ok(aws.run("sts", "get-caller-identity"));
    assertThat(me.get("Account").asText()).isEqualTo("000000000000");
    assertThat(me.get("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:root");

    // What Lambda's event source mapping will ask: the role may read the stream.
    assertThat(streambed.server().iam().isAllowed(created.at("/Role/Arn").asText(), "dynamodb:GetRecords",
        "arn:aws:dynamodb:eu-west-1:000000000000:table/UsersPost/stream/2026-01-01T00:00:00.000")).isTrue();
  }
}
