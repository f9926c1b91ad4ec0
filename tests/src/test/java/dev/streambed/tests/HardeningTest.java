package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.server.Config;
import dev.streambed.server.SecurityConfig;
import dev.streambed.server.http.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * What the front door bounds of what a client controls: connections, idle and slow connections,
 * header size, requests pipelined behind a long poll, and DynamoDB's expression limits, each
 * answered with AWS's error where AWS has one; and a warning for a server open to the network.
 */
class HardeningTest {
  private static Streambed streambed;

  @BeforeAll
  static void start() {
    Limits limits = Limits.defaults(Config.DEFAULT_MAX_BODY)
        .withIdleTimeout(Duration.ofMillis(300)).withRequestTimeout(Duration.ofMillis(300));
    streambed = Streambed.start(Config.defaults().withSecurity(SecurityConfig.open(Config.DEFAULT_MAX_BODY)
        .withLimits(limits)), Clock.systemUTC());
    streambed.dynamoDb().createTable(b -> b.tableName("limits").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH")));
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", streambed.port());
    // A bound on the test itself, never reached when the server does what it should.
    s.setSoTimeout(30_000);
    return s;
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String listTables(String extraHeaders) {
    String body = "{}";
    return "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
        + "X-Amz-Target: DynamoDB_20120810.ListTables\r\n" + extraHeaders + "Content-Length: " + body.length()
        + "\r\n\r\n" + body;
  }

  @Test
  void aConnectionPastTheLimitIsClosedAndTheOthersAreServed() throws Exception {
    // A server of its own, so that no other client holds one of its four connections.
    Limits four = Limits.defaults(Config.DEFAULT_MAX_BODY).withMaxConnections(4);
    try (Streambed small = Streambed.start(Config.defaults().withSecurity(SecurityConfig.open(Config.DEFAULT_MAX_BODY)
        .withLimits(four)), Clock.systemUTC())) {
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket s = new Socket("127.0.0.1", small.port());
          s.setSoTimeout(30_000);
          s.getOutputStream().write(listTables("").getBytes(StandardCharsets.US_ASCII));
          assertThat(readResponseBody(s.getInputStream())).contains("\"TableNames\"");
          held.add(s);
        }
        try (Socket extra = new Socket("127.0.0.1", small.port())) {
          extra.setSoTimeout(30_000);
          assertThat(extra.getInputStream().read()).isEqualTo(-1);
        }
        for (Socket s : held) {
          s.getOutputStream().write(listTables("").getBytes(StandardCharsets.US_ASCII));
          assertThat(readResponseBody(s.getInputStream())).contains("\"TableNames\"");
        }
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (Socket s = connect()) {
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void aRequestThatDoesNotArriveInTimeIsARequestTimeout() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTa"
          .getBytes(StandardCharsets.US_ASCII));
      String answer = readAll(s.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout").contains("connection: close")
          .endsWith("{\"__type\":\"com.amazon.coral.service#RequestTimeoutException\",\"message\":\"Your socket "
              + "connection to the server was not read from or written to within the timeout period. Idle "
              + "connections will be closed.\"}");
    }
  }

  /**
   * A client that keeps a request coming a byte at a time, each well within the idle timeout, is
   * still bound by the request timeout: the connection ends before the request is whole. (Whether
   * the client reads the 408 first or a reset depends on bytes it sends after the close.)
   */
  @Test
  void aRequestDrippingInFasterThanTheIdleTimeoutIsCutOff() throws Exception {
    Limits slowIdle = Limits.defaults(Config.DEFAULT_MAX_BODY)
        .withIdleTimeout(Duration.ofSeconds(30)).withRequestTimeout(Duration.ofMillis(300));
    try (Streambed own = Streambed.start(Config.defaults().withSecurity(SecurityConfig.open(Config.DEFAULT_MAX_BODY)
        .withLimits(slowIdle)), Clock.systemUTC());
        Socket s = new Socket("127.0.0.1", own.port())) {
      s.setSoTimeout(30_000);
      byte[] request = listTables("").getBytes(StandardCharsets.US_ASCII);
      boolean[] whole = new boolean[1];
      Thread drip = new Thread(() -> {
        try {
          // The whole request would take seconds to arrive.
          for (byte b : request) {
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
            Thread.sleep(50);
          }
          whole[0] = true;
        } catch (IOException | InterruptedException closed) {
          // The server closed the connection: the drip is over.
        }
      });
      drip.start();
      String answer;
      try {
        answer = readAll(s.getInputStream());
      } catch (java.net.SocketException reset) {
        answer = "reset";
      }
      drip.join();
      assertThat(whole[0]).as("the server took the request whole").isFalse();
      assertThat(answer).doesNotContain("200 OK");
      if (!answer.equals("reset")) {
        assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout");
      }
    }
  }

  /** Requests one after another, each well within the idle timeout, keep a connection open past it. */
  @Test
  void aConnectionInUseIsNeverIdle() throws Exception {
    Limits limits = Limits.defaults(Config.DEFAULT_MAX_BODY).withIdleTimeout(Duration.ofSeconds(2));
    try (Streambed own = Streambed.start(Config.defaults().withSecurity(SecurityConfig.open(Config.DEFAULT_MAX_BODY)
        .withLimits(limits)), Clock.systemUTC());
        Socket s = new Socket("127.0.0.1", own.port())) {
      s.setSoTimeout(30_000);
      java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      // Fifteen requests 200 ms apart: the connection lives three seconds, past its idle timeout.
      for (int i = 0; i < 15; i++) {
        s.getOutputStream().write(listTables("").getBytes(StandardCharsets.US_ASCII));
        assertThat(in.readLine()).as("answer %d", i).isEqualTo("HTTP/1.1 200 OK");
        int length = 0;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        assertThat(in.skip(length)).isEqualTo(length);
        Thread.sleep(200);
      }
    }
  }

  @Test
  void aHeaderBlockPastTheLimitIsRefused() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write(listTables("X-Big: " + "a".repeat(70_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = readAll(s.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 400").contains("SerializationException");
    }
    assertThat(streambed.dynamoDb().listTables().tableNames()).contains("limits");
  }

  @Test
  void requestsPipelinedBehindALongPollAreAllAnsweredInOrder() throws Exception {
    String url = streambed.sqs().createQueue(b -> b.queueName("pipelined")).queueUrl();
    String receive = "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":1}";
    StringBuilder all = new StringBuilder("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
        + "X-Amz-Target: AmazonSQS.ReceiveMessage\r\nContent-Length: " + receive.length() + "\r\n\r\n" + receive);
    for (int i = 0; i < 40; i++) {
      all.append(listTables(""));
    }
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(all.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 41; i++) {
        bodies.add(readResponseBody(in));
      }
      assertThat(bodies.get(0)).isEqualTo("{}");
      assertThat(bodies.subList(1, 41)).allMatch(b -> b.contains("\"TableNames\""));
    }
  }

  /** Reads one HTTP response (status line, headers with Content-Length, body); returns its body. */
  private static String readResponseBody(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed after " + head);
      }
      head.write(c);
      matched = (c == '\r' || c == '\n') && "\r\n\r\n".charAt(matched) == c ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    String h = head.toString(StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
    int at = h.indexOf("content-length: ") + "content-length: ".length();
    int length = Integer.parseInt(h.substring(at, h.indexOf('\r', at)).trim());
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Test
  void expressionsPastDynamoDbsLimitsAreRefusedInItsWords() {
    DynamoDbClient ddb = streambed.dynamoDb();
    Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("a"));
    String justRight = "SET a = :v" + " ".repeat(4096 - "SET a = :v".length());
    ddb.updateItem(b -> b.tableName("limits").key(key).updateExpression(justRight)
        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x"))));
    assertThatThrownBy(() -> ddb.updateItem(b -> b.tableName("limits").key(key).updateExpression(justRight + " ")
        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x")))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;");
    String operators = "a < :v" + " and a < :v".repeat(150);
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("limits").item(key).conditionExpression(operators)
        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x")))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("Invalid ConditionExpression: The expression contains too many operators; operator count: 301");
  }

  private static AttributeValue nested(int levels) {
    AttributeValue v = AttributeValue.fromS("x");
    for (int i = 1; i < levels; i++) {
      v = AttributeValue.fromM(Map.of("m", v));
    }
    return v;
  }

  @Test
  void documentsAndStatementsPastDynamoDbsLimitsAreRefusedInItsWords() {
    DynamoDbClient ddb = streambed.dynamoDb();
    ddb.putItem(b -> b.tableName("limits").item(Map.of("id", AttributeValue.fromS("deep"), "d", nested(20))));
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("limits").item(Map.of("id", AttributeValue.fromS("deeper"),
        "d", nested(40))))).isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("Nesting Levels have exceeded supported limits: Attributes in the item have nested "
            + "levels beyond supported limit");
    assertThat(ddb.getItem(b -> b.tableName("limits").key(Map.of("id", AttributeValue.fromS("deeper")))).hasItem())
        .isFalse();
    String statement = "SELECT * FROM \"limits\" WHERE id = 'deep'";
    assertThat(ddb.executeStatement(b -> b.statement(statement + " ".repeat(8192 - statement.length()))).items())
        .hasSize(1);
    assertThatThrownBy(() -> ddb.executeStatement(b -> b.statement(statement + " ".repeat(8193 - statement.length()))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageContaining("failed to satisfy constraint: Member must have length less than or equal to 8192");
  }

  @Test
  void listeningBeyondLoopbackWithoutStrictAuthIsWarnedAbout(@TempDir Path dir) throws Exception {
    StreambedCommand.Result open = StreambedCommand.run(dir, "start", "--host", "0.0.0.0", "--port", "0",
        "--exit-when-ready");
    assertThat(open.exitCode()).as(open.stderr()).isZero();
    assertThat(open.stderr()).contains("Warning: Streambed listens on 0.0.0.0 without --auth strict");
    StreambedCommand.Result local = StreambedCommand.run(dir, "start", "--port", "0", "--exit-when-ready");
    assertThat(local.stderr()).doesNotContain("Warning");
    StreambedCommand.Result strict = StreambedCommand.run(dir, "start", "--host", "0.0.0.0", "--port", "0",
        "--auth", "strict", "--root-access-key", "AKIAROOT", "--root-secret-key", "s", "--exit-when-ready");
    assertThat(strict.exitCode()).as(strict.stderr()).isZero();
    assertThat(strict.stderr()).doesNotContain("Warning");
    StreambedCommand.Result noKey = StreambedCommand.run(dir, "start", "--auth", "strict", "--port", "0",
        "--exit-when-ready");
    assertThat(noKey.exitCode()).isNotZero();
    assertThat(noKey.stderr()).contains("--auth strict needs the root key pair");
  }
}
