package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.time.MutableClock;
import dev.streambed.sqs.queue.QueueRef;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Long polling (WaitTimeSeconds) through the SDK. The server's clock stands still unless a test
 * moves it, so a poll can only end early because something woke it: a send, a visibility that
 * ended, or the clock reaching the end of the wait.
 */
@Timeout(120)
class SqsLongPollTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private static final ExecutorService POLLERS = Executors.newCachedThreadPool();
  private static Streambed streambed;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    streambed = Streambed.start(CLOCK);
    sqs = streambed.sqs();
  }

  @AfterAll
  static void stop() {
    POLLERS.shutdownNow();
    sqs.close();
    streambed.close();
  }

  private static String queue(String name, Map<String, String> attributes) {
    return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
  }

  private static CompletableFuture<List<Message>> poll(Supplier<List<Message>> receive) {
    return CompletableFuture.supplyAsync(receive, POLLERS);
  }

  private static CompletableFuture<List<Message>> poll(String url, int waitSeconds) {
    return poll(() -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(waitSeconds)
        .messageSystemAttributeNamesWithStrings("All")).messages());
  }

  private static int waiting(String name) {
    return streambed.server().sqs().longPolls().waiting(new QueueRef("000000000000", "us-east-1", name));
  }

  /**
   * Until the server holds the polls (they are registered before they first look), which takes
   * the moment a request needs to arrive; failing, rather than spinning on, when it never does.
   */
  private static void until(BooleanSupplier condition) {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > giveUp || Thread.currentThread().isInterrupted()) {
        throw new AssertionError("the server never reached the state waited for");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void aSendWakesAWaitingReceive() throws Exception {
    String url = queue("woken", Map.of());
    CompletableFuture<List<Message>> waiting = poll(url, 20);
    until(() -> waiting("woken") == 1);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
    assertThat(waiting.get()).extracting(Message::body).containsExactly("hello");
    assertThat(waiting("woken")).isZero();
  }

  @Test
  void aWaitWithNothingEndsEmptyWhenItsTimeHasPassed() throws Exception {
    String url = queue("quiet", Map.of());
    CompletableFuture<List<Message>> waiting = poll(url, 5);
    until(() -> waiting("quiet") == 1);
    CLOCK.advance(Duration.ofSeconds(4));
    assertThat(waiting).isNotDone();
    CLOCK.advance(Duration.ofSeconds(1));
    assertThat(waiting.get()).isEmpty();
  }

  @Test
  void theQueuesReceiveWaitTimeMakesEveryReceiveALongPoll() throws Exception {
    String url = queue("patient", Map.of("ReceiveMessageWaitTimeSeconds", "20"));
    CompletableFuture<List<Message>> waiting = poll(() -> sqs.receiveMessage(b -> b.queueUrl(url)).messages());
    until(() -> waiting("patient") == 1);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("worth the wait"));
    assertThat(waiting.get()).extracting(Message::body).containsExactly("worth the wait");
    // WaitTimeSeconds 0 asks for a short poll on such a queue.
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0)).messages()).isEmpty();
  }

  @Test
  void aMessageWhoseVisibilityEndsWakesTheWaiter() throws Exception {
    String url = queue("returning", Map.of("VisibilityTimeout", "30"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("again"));
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).hasSize(1);
    CompletableFuture<List<Message>> waiting = poll(url, 20);
    until(() -> waiting("returning") == 1);
    CLOCK.advance(Duration.ofSeconds(30));
    List<Message> got = waiting.get();
    assertThat(got).extracting(Message::body).containsExactly("again");
    assertThat(got.get(0).attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
  }

  @Test
  void aDelayedMessageWakesTheWaiterWhenItsDelayEnds() throws Exception {
    String url = queue("late", Map.of());
    CompletableFuture<List<Message>> waiting = poll(url, 20);
    until(() -> waiting("late") == 1);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("after ten").delaySeconds(10));
    CLOCK.advance(Duration.ofSeconds(9));
    assertThat(waiting).isNotDone();
    CLOCK.advance(Duration.ofSeconds(1));
    assertThat(waiting.get()).extracting(Message::body).containsExactly("after ten");
  }

  @Test
  void eachMessageGoesToOneOfSeveralWaiters() throws Exception {
    String url = queue("shared", Map.of());
    CompletableFuture<List<Message>> one = poll(url, 20);
    CompletableFuture<List<Message>> two = poll(url, 20);
    until(() -> waiting("shared") == 2);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("first"));
    CompletableFuture.anyOf(one, two).get();
    until(() -> waiting("shared") == 1);
    assertThat(one.isDone() ^ two.isDone()).isTrue();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("second"));
    assertThat(List.of(one.get().get(0).body(), two.get().get(0).body())).containsExactlyInAnyOrder("first", "second");
  }

  @Test
  void aClientThatGoesAwayLeavesNoWaiterBehindToSwallowMessages() throws Exception {
    String url = queue("abandoned", Map.of());
    byte[] body = ("{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":20}").getBytes(StandardCharsets.UTF_8);
    try (Socket client = new Socket(streambed.endpoint().getHost(), streambed.port())) {
      OutputStream out = client.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: " + streambed.endpoint().getAuthority()
          + "\r\nX-Amz-Target: AmazonSQS.ReceiveMessage\r\nContent-Type: application/x-amz-json-1.0"
          + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      until(() -> waiting("abandoned") == 1);
    }
    until(() -> waiting("abandoned") == 0);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("not lost"));
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).extracting(Message::body)
        .containsExactly("not lost");
  }

  @Test
  void requestsBehindALongPollOnOneConnectionAreAnsweredInOrder() throws Exception {
    String url = queue("pipelined", Map.of());
    byte[] poll = ("{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":20}").getBytes(StandardCharsets.UTF_8);
    byte[] attributes = ("{\"QueueUrl\":\"" + url + "\",\"AttributeNames\":[\"QueueArn\"]}")
        .getBytes(StandardCharsets.UTF_8);
    try (Socket client = new Socket(streambed.endpoint().getHost(), streambed.port())) {
      OutputStream out = client.getOutputStream();
      out.write(request("ReceiveMessage", poll));
      out.write(request("GetQueueAttributes", attributes));
      out.flush();
      until(() -> waiting("pipelined") == 1);
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("first answer"));
      String answers = readAnswers(client, 2);
      assertThat(answers.indexOf("first answer")).isPositive()
          .isLessThan(answers.indexOf("arn:aws:sqs:us-east-1:000000000000:pipelined"));
    }
  }

  private static byte[] request(String operation, byte[] body) {
    String head = "POST / HTTP/1.1\r\nHost: " + streambed.endpoint().getAuthority()
        + "\r\nX-Amz-Target: AmazonSQS." + operation + "\r\nContent-Type: application/x-amz-json-1.0"
        + "\r\nContent-Length: " + body.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = java.util.Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /** Reads {@code n} HTTP responses (each with a Content-Length) and returns them as text. */
  private static String readAnswers(Socket client, int n) throws Exception {
    java.io.DataInputStream in = new java.io.DataInputStream(client.getInputStream());
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int length = -1;
      String line;
      while (!(line = readLine(in)).isEmpty()) {
        all.append(line).append('\n');
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      byte[] body = new byte[length];
      in.readFully(body);
      all.append(new String(body, StandardCharsets.UTF_8)).append('\n');
    }
    return all.toString();
  }

  private static String readLine(java.io.DataInputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new java.io.EOFException();
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
