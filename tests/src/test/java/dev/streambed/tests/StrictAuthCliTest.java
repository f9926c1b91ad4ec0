package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * {@code --auth strict} with the AWS CLI and boto3, which sign as botocore does (and presign
 * URLs), and with a function's own credentials: the STS keys Lambda hands its environment sign
 * the function's calls back to the endpoint.
 */
class StrictAuthCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Streambed streambed;

  @BeforeAll
  static void start() {
    streambed = Streambed.start(StrictAuthTest.strict(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  @Test
  void theCliSignsWithTheRootKeyAndIsRefusedWithAWrongOne() throws Exception {
    AwsCli good = new AwsCli(streambed.endpoint().toString(), StrictAuthTest.ROOT_KEY, StrictAuthTest.ROOT_SECRET);
    AwsCli.Result me = good.run("sts", "get-caller-identity");
    assertThat(me.exitCode()).as(me.stderr()).isZero();
    assertThat(JSON.readTree(me.stdout()).get("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:root");
    AwsCli.Result tables = good.run("dynamodb", "list-tables");
    assertThat(tables.exitCode()).as(tables.stderr()).isZero();

    AwsCli bad = new AwsCli(streambed.endpoint().toString(), StrictAuthTest.ROOT_KEY, "wrong");
    AwsCli.Result refused = bad.run("dynamodb", "list-tables");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("(InvalidSignatureException)")
        .contains("The request signature we calculated does not match the signature you provided.");
    AwsCli.Result iam = bad.run("iam", "list-roles");
    assertThat(iam.stderr()).contains("(SignatureDoesNotMatch)");
    AwsCli stranger = new AwsCli(streambed.endpoint().toString(), "AKIANOBODY0000000000", "x");
    assertThat(stranger.run("lambda", "list-functions").stderr()).contains("(UnrecognizedClientException)")
        .contains("The security token included in the request is invalid.");
  }

  @Test
  void boto3SignsAndPresigns(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("strict.py");
    Files.writeString(script, String.join("\n",
        "import json, sys, urllib.request, urllib.error, boto3, botocore.exceptions",
        "e = sys.argv[1]",
        "def client(name, key, secret):",
        "    return boto3.client(name, endpoint_url=e, region_name='us-east-1',",
        "                        aws_access_key_id=key, aws_secret_access_key=secret)",
        "out = {}",
        "out['tables'] = client('dynamodb', sys.argv[2], sys.argv[3]).list_tables()['TableNames']",
        "try:",
        "    client('dynamodb', 'AKIANOBODY0000000000', 'x').list_tables()",
        "except botocore.exceptions.ClientError as err:",
        "    out['unknown'] = err.response['Error']",
        "url = client('sts', sys.argv[2], sys.argv[3]).generate_presigned_url('get_caller_identity', ExpiresIn=60, HttpMethod='GET')",
        "out['presigned'] = urllib.request.urlopen(url).read().decode()",
        "try:",
        "    urllib.request.urlopen(url.replace('X-Amz-Signature=', 'X-Amz-Signature=0'))",
        "except urllib.error.HTTPError as err:",
        "    out['altered'] = err.code",
        "print(json.dumps(out))",
        ""));
    Process p = new ProcessBuilder("python3", script.toString(), streambed.endpoint().toString(),
        StrictAuthTest.ROOT_KEY, StrictAuthTest.ROOT_SECRET).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    JsonNode out = JSON.readTree(printed);
    assertThat(out.get("tables").isArray()).isTrue();
    assertThat(out.at("/unknown/Code").asText()).isEqualTo("UnrecognizedClientException");
    assertThat(out.at("/unknown/Message").asText()).isEqualTo("The security token included in the request is invalid.");
    assertThat(out.get("presigned").asText()).contains("<Arn>arn:aws:iam::000000000000:root</Arn>");
    assertThat(out.get("altered").asInt()).isEqualTo(403);
  }

  @Test
  void aFunctionSignsWithTheCredentialsOfItsRole() {
    Clients root = Clients.of(streambed.endpoint(), StrictAuthTest.ROOT_KEY, StrictAuthTest.ROOT_SECRET);
    String role = root.iam().createRole(b -> b.roleName("strict-fn-role")
        .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)).role().arn();
    var lambda = root.lambda();
    lambda.createFunction(b -> b.functionName("whoami").runtime(Runtime.PYTHON3_12).role(role).timeout(30)
        .handler("lambda_function.lambda_handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py", String.join("\n",
            "import boto3",
            "def lambda_handler(event, context):",
            "    return boto3.client('sts').get_caller_identity()['Arn']",
            ""))))));
    var r = lambda.invoke(b -> b.functionName("whoami"));
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(r.payload().asUtf8String()).isEqualTo("\"arn:aws:sts::000000000000:assumed-role/strict-fn-role/whoami\"");
  }

  @Test
  void theRootKeyPairAndTheModesComeFromTheEnvironment(@TempDir Path dir) throws Exception {
    try (StreambedCommand.Running server = StreambedCommand.start(dir, java.util.Map.of("STREAMBED_AUTH", "strict",
        "STREAMBED_IAM", "enforce", "STREAMBED_ROOT_ACCESS_KEY", "AKIAENVROOT000000001",
        "STREAMBED_ROOT_SECRET_KEY", "env/root/secret"), "--port", "0")) {
      String endpoint = server.endpoint().toString();
      AwsCli rootCli = new AwsCli(endpoint, "AKIAENVROOT000000001", "env/root/secret");
      AwsCli.Result me = rootCli.run("sts", "get-caller-identity");
      assertThat(me.exitCode()).as(me.stderr()).isZero();
      assertThat(JSON.readTree(me.stdout()).get("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:root");
      assertThat(new AwsCli(endpoint, "AKIAENVROOT000000001", "wrong").run("dynamodb", "list-tables").stderr())
          .contains("(InvalidSignatureException)");

      assertThat(rootCli.run("iam", "create-user", "--user-name", "dave").exitCode()).isZero();
      JsonNode key = JSON.readTree(rootCli.run("iam", "create-access-key", "--user-name", "dave").stdout())
          .get("AccessKey");
      AwsCli dave = new AwsCli(endpoint, key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText());
      AwsCli.Result denied = dave.run("dynamodb", "list-tables");
      assertThat(denied.exitCode()).isNotZero();
      assertThat(denied.stderr()).contains("(AccessDeniedException)").contains("User: arn:aws:iam::000000000000:user/dave"
          + " is not authorized to perform: dynamodb:ListTables on resource: *");
    }
  }
}
