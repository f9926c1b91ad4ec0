package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's stream from the AWS CLI: a UsersPost table whose stream is enabled with
 * NEW_AND_OLD_IMAGES, one update, one insert and one delete, and the three records read back
 * with {@code aws dynamodbstreams}.
 */
class StreamsCliTest {
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

  private static String post(String user, String post, String content) {
    return "{\"user_id\":{\"S\":\"" + user + "\"},\"post_id\":{\"S\":\"" + post + "\"},"
        + "\"post_content\":{\"S\":\"" + content + "\"}}";
  }

  @Test
  void theTutorialsThreeChangesAreReadBackFromTheStream() throws Exception {
    ok(aws.run("dynamodb", "create-table", "--table-name", "UsersPost",
        "--attribute-definitions", "AttributeName=user_id,AttributeType=S", "AttributeName=post_id,AttributeType=S",
        "--key-schema", "AttributeName=user_id,KeyType=HASH", "AttributeName=post_id,KeyType=RANGE",
        "--billing-mode", "PAY_PER_REQUEST"));
    ok(aws.run("dynamodb", "put-item", "--table-name", "UsersPost", "--item", post("john", "2", "Second post")));

    // Step 1: enable the stream with new and old images.
    JsonNode enabled = ok(aws.run("dynamodb", "update-table", "--table-name", "UsersPost",
        "--stream-specification", "StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES"));
    String streamArn = enabled.at("/TableDescription/LatestStreamArn").asText();
    assertThat(streamArn).startsWith("arn:aws:dynamodb:eu-west-1:000000000000:table/UsersPost/stream/");
    JsonNode listed = ok(aws.run("dynamodbstreams", "list-streams", "--table-name", "UsersPost"));
    assertThat(listed.at("/Streams/0/StreamArn").asText()).isEqualTo(streamArn);

    // Step 4: update John's second post, insert a post for Alice, delete it again.
    ok(aws.run("dynamodb", "update-item", "--table-name", "UsersPost",
        "--key", "{\"user_id\":{\"S\":\"john\"},\"post_id\":{\"S\":\"2\"}}",
        "--update-expression", "SET post_content = :c",
        "--expression-attribute-values", "{\":c\":{\"S\":\"Second post, edited\"}}"));
    ok(aws.run("dynamodb", "put-item", "--table-name", "UsersPost", "--item", post("alice", "1", "Second post, edited")));
    ok(aws.run("dynamodb", "delete-item", "--table-name", "UsersPost",
        "--key", "{\"user_id\":{\"S\":\"alice\"},\"post_id\":{\"S\":\"1\"}}"));

    JsonNode stream = ok(aws.run("dynamodbstreams", "describe-stream", "--stream-arn", streamArn));
    assertThat(stream.at("/StreamDescription/StreamStatus").asText()).isEqualTo("ENABLED");
    assertThat(stream.at("/StreamDescription/StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(stream.at("/StreamDescription/TableName").asText()).isEqualTo("UsersPost");
    assertThat(stream.at("/StreamDescription/KeySchema/1/AttributeName").asText()).isEqualTo("post_id");
    List<JsonNode> records = new ArrayList<>();
    for (JsonNode shard : stream.at("/StreamDescription/Shards")) {
      String iterator = ok(aws.run("dynamodbstreams", "get-shard-iterator", "--stream-arn", streamArn,
          "--shard-id", shard.get("ShardId").asText(), "--shard-iterator-type", "TRIM_HORIZON"))
          .get("ShardIterator").asText();
      JsonNode page = ok(aws.run("dynamodbstreams", "get-records", "--shard-iterator", iterator));
      page.get("Records").forEach(records::add);
      assertThat(page.get("NextShardIterator").asText()).isNotEmpty();
    }

    assertThat(records).hasSize(3);
    JsonNode modify = records.get(0);
    assertThat(modify.get("eventName").asText()).isEqualTo("MODIFY");
    assertThat(modify.at("/dynamodb/OldImage/post_content/S").asText()).isEqualTo("Second post");
    assertThat(modify.at("/dynamodb/NewImage/post_content/S").asText()).isEqualTo("Second post, edited");
    assertThat(modify.at("/dynamodb/Keys/user_id/S").asText()).isEqualTo("john");
    JsonNode insert = records.get(1);
    assertThat(insert.get("eventName").asText()).isEqualTo("INSERT");
    assertThat(insert.at("/dynamodb/NewImage/user_id/S").asText()).isEqualTo("alice");
    assertThat(insert.at("/dynamodb").has("OldImage")).isFalse();
    JsonNode remove = records.get(2);
    assertThat(remove.get("eventName").asText()).isEqualTo("REMOVE");
    assertThat(remove.at("/dynamodb/OldImage/user_id/S").asText()).isEqualTo("alice");
    assertThat(remove.at("/dynamodb").has("NewImage")).isFalse();
    for (JsonNode r : records) {
      assertThat(r.get("eventSource").asText()).isEqualTo("aws:dynamodb");
      assertThat(r.get("awsRegion").asText()).isEqualTo("eu-west-1");
      assertThat(r.at("/dynamodb/StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
      assertThat(r.at("/dynamodb/SequenceNumber").asText()).matches("\\d{21,40}");
      assertThat(r.at("/dynamodb/ApproximateCreationDateTime").isMissingNode()).isFalse();
    }
  }
}
