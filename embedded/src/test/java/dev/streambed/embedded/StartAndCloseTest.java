package dev.streambed.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Starting an embedded Streambed, its endpoint and settings, and what close gives back. */
class StartAndCloseTest {

  @Test
  void startsOnAFreePortOfLoopbackAndServesDynamoDb() {
    try (Streambed streambed = Streambed.start()) {
      assertThat(streambed.endpoint().toString()).startsWith("http://127.0.0.1:");
      assertThat(streambed.port()).isPositive().isEqualTo(streambed.endpoint().getPort());
      DynamoDbClient ddb = streambed.dynamoDb();
      TestTables.withStream(ddb, "Orders");
      assertThat(ddb.describeTable(b -> b.tableName("Orders")).table().tableStatus()).isEqualTo(TableStatus.ACTIVE);
      assertThat(streambed.dynamoDb()).as("one client, made once").isSameAs(ddb);
    }
  }

  @Test
  void instancesSideBySideHaveTheirOwnPortsAndState() {
    try (Streambed a = Streambed.start(); Streambed b = Streambed.start()) {
      assertThat(a.port()).isNotEqualTo(b.port());
      TestTables.withStream(a.dynamoDb(), "OnlyInA");
      assertThat(a.dynamoDb().listTables().tableNames()).containsExactly("OnlyInA");
      assertThat(b.dynamoDb().listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void regionAndAccountShowInArnsAndInWhoTheCallerIs() {
    try (Streambed streambed = Streambed.builder().region("eu-west-1").account("123456789012").start()) {
      assertThat(streambed.region()).isEqualTo("eu-west-1");
      String streamArn = TestTables.withStream(streambed.dynamoDb(), "Orders");
      assertThat(streamArn).startsWith("arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/");
      assertThat(streambed.sts().getCallerIdentity().account()).isEqualTo("123456789012");
    }
  }

  @Test
  void aFixedPortIsTheOneListenedOn() throws IOException {
    int free;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      free = probe.getLocalPort();
    }
    try (Streambed streambed = Streambed.builder().port(free).start()) {
      assertThat(streambed.port()).isEqualTo(free);
      assertThat(streambed.dynamoDb().listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void closeFreesThePortTheThreadsTheProcessesAndTheTemporaryDataDirectory() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    Streambed streambed = Streambed.builder().temporaryDataDir().start();
    int port = streambed.port();
    TestTables.withStream(streambed.dynamoDb(), "Orders");
    streambed.deploy(dev.streambed.embedded.handlers.PrintChanges.class)
        .withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
    TestTables.put(streambed.dynamoDb(), "Orders", "1");
    streambed.awaitQuiescent();
    // A Python function runs in a process of its own, warm after its first call.
    streambed.function("python3.12", "app.handler", DeployTest.zip("app.py",
        "def handler(event, context):\n    return 'ok'\n")).deploy();
    assertThat(streambed.lambda().invoke(b -> b.functionName("app-handler")).payload().asUtf8String())
        .isEqualTo("\"ok\"");
    List<ProcessHandle> processes = ProcessHandle.current().descendants().toList();
    assertThat(processes).isNotEmpty();
    Path dataDir = streambed.dataDir().orElseThrow();
    assertThat(dataDir).isDirectory();
    Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
    started.removeAll(before);
    // The JVM's shared pool is nobody's to stop; its idle workers end on their own.
    started.removeIf(t -> t.getName().startsWith("ForkJoinPool.commonPool"));
    assertThat(started).isNotEmpty();

    streambed.close();

    for (Thread t : started) {
      t.join(10_000);
    }
    assertThat(started).filteredOn(Thread::isAlive).isEmpty();
    for (ProcessHandle p : processes) {
      p.onExit().get(10, TimeUnit.SECONDS);
    }
    assertThat(processes).filteredOn(ProcessHandle::isAlive).isEmpty();
    assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 1000))
        .isInstanceOf(ConnectException.class);
    assertThat(dataDir).doesNotExist();
    assertThatThrownBy(streambed::dynamoDb).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void aDataDirectoryOutlivesTheInstance(@TempDir Path dir) {
    try (Streambed first = Streambed.builder().dataDir(dir).start()) {
      assertThat(first.dataDir()).contains(dir);
      TestTables.withStream(first.dynamoDb(), "Kept");
      TestTables.put(first.dynamoDb(), "Kept", "1");
    }
    try (Streambed second = Streambed.builder().dataDir(dir).start()) {
      assertThat(second.dynamoDb().getItem(b -> b.tableName("Kept")
          .key(java.util.Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("1"))))
          .item()).containsKey("id");
    }
  }

  @Test
  void eachTemporaryDataDirectoryIsNew() {
    try (Streambed first = Streambed.builder().temporaryDataDir().start()) {
      TestTables.withStream(first.dynamoDb(), "Orders");
      try (Streambed second = Streambed.builder().temporaryDataDir().start()) {
        assertThat(second.dataDir()).isNotEqualTo(first.dataDir());
        assertThatThrownBy(() -> second.dynamoDb().describeTable(b -> b.tableName("Orders")))
            .isInstanceOf(ResourceNotFoundException.class);
      }
    }
  }

  @Test
  void inMemoryHasNoDataDirectory() {
    try (Streambed streambed = Streambed.start()) {
      assertThat(streambed.dataDir()).isEmpty();
    }
  }

  @Test
  void strictAuthChecksSignaturesAndTheClientsSignWithTheRootKeys() {
    try (Streambed streambed = Streambed.builder().strictAuth(true).rootKeys("AKIDROOTEXAMPLE", "root-secret").start();
        DynamoDbClient stranger = DynamoDbClient.builder().endpointOverride(streambed.endpoint())
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDSTRANGER", "guess")))
            .build()) {
      assertThat(streambed.dynamoDb().listTables().tableNames()).isEmpty();
      assertThatThrownBy(stranger::listTables)
          .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class)
          .satisfies(e -> assertThat(((software.amazon.awssdk.services.dynamodb.model.DynamoDbException) e)
              .awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
    }
  }

  @Test
  void enforcedIamRefusesAUserWithoutPolicies() {
    try (Streambed streambed = Streambed.builder().strictAuth(true).enforceIam(true).start()) {
      streambed.iam().createUser(b -> b.userName("nobody"));
      var key = streambed.iam().createAccessKey(b -> b.userName("nobody")).accessKey();
      try (DynamoDbClient nobody = DynamoDbClient.builder().endpointOverride(streambed.endpoint())
          .region(software.amazon.awssdk.regions.Region.US_EAST_1)
          .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
              software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
          .build()) {
        assertThatThrownBy(nobody::listTables)
            .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class)
            .hasMessageContaining("User: arn:aws:iam::000000000000:user/nobody is not authorized to perform: dynamodb:ListTables");
      }
      assertThat(streambed.dynamoDb().listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void badSettingsAreRefusedBeforeAnythingStarts() {
    assertThatThrownBy(() -> Streambed.builder().account("12345")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Streambed.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Streambed.builder().streamShards(0).start()).isInstanceOf(IllegalArgumentException.class);
  }
}
