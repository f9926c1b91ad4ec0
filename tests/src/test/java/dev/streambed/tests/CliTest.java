package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's AWS CLI commands, run as written against a server on a free port. */
class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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
  void tutorialTableFromTheCli() throws Exception {
    JsonNode created = ok(aws.run("dynamodb", "create-table", "--table-name", "UsersPost",
        "--attribute-definitions", "AttributeName=user_id,AttributeType=S", "AttributeName=post_id,AttributeType=S",
        "--key-schema", "AttributeName=user_id,KeyType=HASH", "AttributeName=post_id,KeyType=RANGE",
        "--billing-mode", "PAY_PER_REQUEST",
        "--stream-specification", "StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES"));
    assertThat(created.at("/TableDescription/TableStatus").asText()).isEqualTo("CREATING");
    // The region comes from the request's signature.
    assertThat(created.at("/TableDescription/TableArn").asText())
        .isEqualTo("arn:aws:dynamodb:eu-west-1:000000000000:table/UsersPost");
    ok(aws.run("dynamodb", "wait", "table-exists", "--table-name", "UsersPost"));

    ok(aws.run("dynamodb", "put-item", "--table-name", "UsersPost", "--item",
        "{\"user_id\":{\"S\":\"john\"},\"post_id\":{\"S\":\"2\"},\"post_content\":{\"S\":\"Hello\"}}"));
    JsonNode updated = ok(aws.run("dynamodb", "update-item", "--table-name", "UsersPost",
        "--key", "{\"user_id\":{\"S\":\"john\"},\"post_id\":{\"S\":\"2\"}}",
        "--update-expression", "SET post_content = :c",
        "--expression-attribute-values", "{\":c\":{\"S\":\"Hello, edited\"}}", "--return-values", "ALL_NEW"));
    assertThat(updated.at("/Attributes/post_content/S").asText()).isEqualTo("Hello, edited");
    JsonNode got = ok(aws.run("dynamodb", "get-item", "--table-name", "UsersPost",
        "--key", "{\"user_id\":{\"S\":\"john\"},\"post_id\":{\"S\":\"2\"}}"));
    assertThat(got.at("/Item/post_content/S").asText()).isEqualTo("Hello, edited");
    JsonNode described = ok(aws.run("dynamodb", "describe-table", "--table-name", "UsersPost"));
    assertThat(described.at("/Table/ItemCount").asLong()).isEqualTo(1);
    assertThat(described.at("/Table/StreamSpecification/StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");

    ok(aws.run("dynamodb", "delete-item", "--table-name", "UsersPost",
        "--key", "{\"user_id\":{\"S\":\"john\"},\"post_id\":{\"S\":\"2\"}}"));
    ok(aws.run("dynamodb", "delete-table", "--table-name", "UsersPost"));
    ok(aws.run("dynamodb", "wait", "table-not-exists", "--table-name", "UsersPost"));
  }

  @Test
  void cliShowsAwsErrors() throws Exception {
    AwsCli.Result r = aws.run("dynamodb", "describe-table", "--table-name", "absent");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("An error occurred (ResourceNotFoundException) when calling the "
        + "DescribeTable operation: Requested resource not found: Table: absent not found");
  }
}
