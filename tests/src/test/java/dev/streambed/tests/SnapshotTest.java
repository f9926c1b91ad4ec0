package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.server.Config;
import dev.streambed.server.StorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** {@code streambed export} and {@code import}: a whole state carried from one data directory to another. */
class SnapshotTest {
  private static Streambed start(Path dir) {
    return Streambed.start(Config.defaults().withStorage(StorageConfig.in(dir)), Clock.systemUTC());
  }

  @Test
  void aStateExportedAndImportedIsServedWhole(@TempDir Path tmp) throws Exception {
    Path source = tmp.resolve("source");
    String sha;
    String streamArn;
    try (Streambed s = start(source); DynamoDbClient ddb = s.dynamoDb();
        LambdaClient lambda = LambdaFunctionsTest.lambda(s.endpoint())) {
      streamArn = ddb.createTable(b -> b.tableName("shared").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
          .keySchema(k -> k.attributeName("id").keyType("HASH"))
          .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
          .tableDescription().latestStreamArn();
      for (int i = 0; i < 2500; i++) {
        String id = "item-" + i;
        ddb.putItem(b -> b.tableName("shared").item(Map.of("id", AttributeValue.fromS(id))));
      }
      String role = s.iam().createRole(b -> b.roleName("shared-role")
          .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)).role().arn();
      sha = lambda.createFunction(b -> b.functionName("shared-fn").runtime(Runtime.PYTHON3_12).role(role)
          .handler("lambda_function.lambda_handler")
          .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.CODE)))).codeSha256();
    }

    Path snapshot = tmp.resolve("snapshot");
    StreambedCommand.Result exported = StreambedCommand.run(tmp, "export", "--data-dir", source.toString(), snapshot.toString());
    assertThat(exported.exitCode()).as(exported.stderr()).isZero();
    assertThat(exported.stdout()).startsWith("Exported ").contains(" entries from " + source + " to " + snapshot);
    JsonNode manifest = new ObjectMapper().readTree(snapshot.resolve("manifest.json").toFile());
    assertThat(manifest.get("storageFormat").asInt()).isEqualTo(1);
    assertThat(manifest.get("entries").asLong()).isGreaterThan(5000);
    assertThat(snapshot.resolve("entries.jsonl.gz")).isRegularFile();

    Path target = tmp.resolve("target");
    StreambedCommand.Result imported = StreambedCommand.run(tmp, "import", "--data-dir", target.toString(), snapshot.toString());
    assertThat(imported.exitCode()).as(imported.stderr()).isZero();
    assertThat(imported.stdout()).isEqualTo("Imported " + manifest.get("entries").asLong() + " entries from "
        + snapshot + " into " + target + "\n");

    try (Streambed s = start(target); DynamoDbClient ddb = s.dynamoDb();
        LambdaClient lambda = LambdaFunctionsTest.lambda(s.endpoint())) {
      assertThat(ddb.scan(b -> b.tableName("shared").select("COUNT")).count()).isEqualTo(2500);
      assertThat(ddb.describeTable(b -> b.tableName("shared")).table().latestStreamArn()).isEqualTo(streamArn);
      assertThat(lambda.getFunctionConfiguration(b -> b.functionName("shared-fn")).codeSha256()).isEqualTo(sha);
      assertThat(lambda.invoke(b -> b.functionName("shared-fn")).payload().asUtf8String()).isEqualTo("\"hi\"");
    }

    // A second import into a data directory that holds data is refused, and changes nothing.
    StreambedCommand.Result again = StreambedCommand.run(tmp, "import", "--data-dir", target.toString(), snapshot.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.stderr()).isEqualTo("Streambed cannot import: The data directory is not empty; import into a new one.\n");
    StreambedCommand.Result over = StreambedCommand.run(tmp, "export", "--data-dir", source.toString(), snapshot.toString());
    assertThat(over.exitCode()).isEqualTo(2);
    assertThat(over.stderr()).isEqualTo("Streambed cannot export: Cannot export to " + snapshot + ": it is not empty.\n");
    Files.writeString(tmp.resolve("nothing"), "");
    StreambedCommand.Result none = StreambedCommand.run(tmp, "import", "--data-dir", tmp.resolve("t2").toString(),
        tmp.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.stderr()).contains("holds no Streambed snapshot");
  }
}
