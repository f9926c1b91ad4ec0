package dev.streambed.tests.differential;

import dev.streambed.tests.Streambed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * Sends the same requests to Streambed and to Amazon DynamoDB Local and compares the answers:
 * status, response members (items by value, sets as sets, numbers by value), error code and
 * message. DynamoDB Local's answer is first corrected by every {@link KnownDifference}, so where
 * AWS is known to answer otherwise, AWS's answer is the one Streambed must give.
 *
 * <p>Differences are collected, not thrown at once, so one run shows every difference of a
 * sequence; {@link #assertNoDifferences()} fails with all of them.
 */
public final class Differential implements AutoCloseable {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Streambed streambed;
  private final DynamoDbClient ours;
  private final DynamoDbClient oracle;
  private final URI oursEndpoint;
  private final URI oracleEndpoint;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> differences = new ArrayList<>();
  private final Map<String, CreateTableRequest> schemas = new java.util.HashMap<>();
  private Normalizer normalizer = new Normalizer(false);
  private int steps;
  private String context = "";
  private DynamoDbResponse lastOurs;

  private final java.time.Clock clock;

  private Differential(Streambed streambed, URI oracleEndpoint, java.time.Clock clock) {
    this.streambed = streambed;
    this.clock = clock;
    this.oursEndpoint = streambed.endpoint();
    this.oracleEndpoint = oracleEndpoint;
    this.ours = client(oursEndpoint);
    this.oracle = client(oracleEndpoint);
  }

  /** A fresh Streambed server and the run's shared DynamoDB Local. */
  public static Differential start() {
    return new Differential(Streambed.start(), DynamoDbLocal.shared().endpoint(), java.time.Clock.systemUTC());
  }

  /** A fresh Streambed server reading time from {@code clock}, and the run's shared DynamoDB Local. */
  public static Differential start(java.time.Clock clock) {
    return new Differential(Streambed.start(clock), DynamoDbLocal.shared().endpoint(), clock);
  }

  /** An SDK client as a user would build one, but without retries: every answer is seen once. */
  static DynamoDbClient client(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(Step.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** A table name no other sequence of this run uses (DynamoDB Local is shared by all). */
  public static String tableName(String base) {
    return base + "-" + TABLES.incrementAndGet();
  }

  /** Text added to every reported difference, such as the seed of a random sequence. */
  public void context(String text) {
    this.context = text;
  }

  /** Compares numbers by their text too ("1.5" differs from "1.50"), not only by value. */
  public void compareNumberText(boolean strict) {
    this.normalizer = new Normalizer(strict);
  }

  public DynamoDbClient ours() {
    return ours;
  }

  public DynamoDbClient oracle() {
    return oracle;
  }

  /** Sends one request to both, compares, and returns Streambed's answer. */
  public Answer step(DynamoDbRequest request) {
    String table = tableName(request);
    Step step = new Step(++steps, operation(request), table, request, table == null ? null : schemas.get(table), clock.millis());
    Answer mine = call(ours, request);
    if (request instanceof CreateTableRequest create && !mine.failed()) {
      schemas.put(create.tableName(), create);
    }
    Answer theirs = KnownDifference.correct(step, call(oracle, request));
    compare(step, mine, theirs);
    return mine;
  }

  /**
   * Sends a request that must name something differently on each side (an ARN: DynamoDB Local
   * puts its own region in it), built by {@code request} from that side's ARN of {@code table}.
   */
  public Answer stepWithArn(String table, Function<String, DynamoDbRequest> request) {
    String oursArn = ours.describeTable(b -> b.tableName(table)).table().tableArn();
    String oracleArn = oracle.describeTable(b -> b.tableName(table)).table().tableArn();
    DynamoDbRequest mine = request.apply(oursArn);
    Step step = new Step(++steps, operation(mine), table, mine, schemas.get(table), clock.millis());
    Answer answer = call(ours, mine);
    Answer theirs = KnownDifference.correct(step, call(oracle, request.apply(oracleArn)));
    compare(step, answer, theirs);
    return answer;
  }

  /** Sends the same body to both as operation {@code target}, outside any SDK. */
  public Answer raw(String label, String target, String body) {
    Step step = new Step(++steps, "raw:" + label, null, target + " " + body, null, clock.millis());
    Answer mine = post(oursEndpoint, target, body);
    Answer theirs = KnownDifference.correct(step, post(oracleEndpoint, target, body));
    compare(step, mine, theirs);
    return mine;
  }

  /**
   * Compares what each side answered to a sequence of its own requests (pages of a Scan, the
   * segments of a parallel scan), as {@code read} reduces that sequence to a comparable tree.
   * Known differences apply as to a step of {@code request} (which may waive the comparison).
   */
  public void compareEach(String label, DynamoDbRequest request, Function<DynamoDbClient, Object> read) {
    String table = tableName(request);
    Step step = new Step(++steps, label, table, request, table == null ? null : schemas.get(table), clock.millis());
    compare(step, Answer.ok(200, read.apply(ours)), KnownDifference.correct(step, Answer.ok(200, read.apply(oracle))));
  }

  /** The normalizer of this sequence, for trees built by {@link #compareEach}. */
  Normalizer normalizer() {
    return normalizer;
  }

  /** One side's answer to a request, normalized, without comparing it. */
  Answer answer(DynamoDbClient client, DynamoDbRequest request) {
    return call(client, request);
  }

  /** The differences seen so far, one text each. */
  public List<String> differences() {
    return List.copyOf(differences);
  }

  public void assertNoDifferences() {
    if (!differences.isEmpty()) {
      String all = String.join("\n\n", differences);
      differences.clear();
      throw new AssertionError("Streambed and DynamoDB Local (corrected to AWS) differ:\n\n" + all);
    }
  }

  private void compare(Step step, Answer mine, Answer theirs) {
    List<String> diffs = new ArrayList<>();
    diff("", mine.tree(), theirs.tree(), diffs);
    if (!diffs.isEmpty()) {
      differences.add("step " + step.index() + " " + step.operation()
          + (context.isEmpty() ? "" : " [" + context + "]") + "\n  request:   " + shorten(step.request())
          + "\n  streambed: " + shorten(mine) + "\n  expected:  " + shorten(theirs)
          + "\n  at: " + String.join("\n      ", diffs));
    }
  }

  private static void diff(String path, Object a, Object b, List<String> out) {
    if (b instanceof Map<?, ?> waived && waived.get(KnownDifference.WAIVED) != null) {
      return;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      Set<Object> keys = new TreeSet<>();
      keys.addAll(ma.keySet());
      keys.addAll(mb.keySet());
      for (Object k : keys) {
        diff(path + "." + k, ma.get(k), mb.get(k), out);
      }
    } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
      for (int i = 0; i < la.size(); i++) {
        diff(path + "[" + i + "]", la.get(i), lb.get(i), out);
      }
    } else if (b instanceof String s && s.startsWith(KnownDifference.WAIVED)) {
      return;

    } else if (!Objects.equals(a, b)) {
      out.add(path + ": streambed " + shorten(a) + ", expected " + shorten(b));
    }
  }

  private static String shorten(Object o) {
    String s = String.valueOf(o);
    return s.length() > 600 ? s.substring(0, 600) + "...(" + s.length() + " chars)" : s;
  }

  /** Streambed's answer to the last {@link #step}, as the SDK returned it (null after an error). */
  public DynamoDbResponse lastResponse() {
    return lastOurs;
  }

  private Answer call(DynamoDbClient client, DynamoDbRequest request) {
    if (client == ours) {
      lastOurs = null;
    }
    try {
      DynamoDbResponse response = invoke(client, request);
      if (client == ours) {
        lastOurs = response;
      }
      return Answer.ok(response.sdkHttpResponse().statusCode(), normalizer.tree(response));
    } catch (AwsServiceException e) {
      Map<String, Object> extra = new TreeMap<>();
      if (e instanceof ConditionalCheckFailedException c && c.hasItem()) {
        extra.put("Item", normalizer.tree(c.item()));
      }
      if (e instanceof TransactionCanceledException t && t.hasCancellationReasons()) {
        extra.put("CancellationReasons", normalizer.tree(t.cancellationReasons()));
      }
      return Answer.error(e.statusCode(), e.awsErrorDetails().errorCode(),
          e.awsErrorDetails().errorMessage(), extra);
    } catch (SdkException e) {
      return Answer.error(-1, "client:" + e.getClass().getSimpleName(), e.getMessage(), Map.of());
    }
  }

  private Answer post(URI endpoint, String target, String body) {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "DynamoDB_20120810." + target)
        .header("X-Amz-Date", "20250101T000000Z")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDTEST/20250101/" + Step.REGION
            + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = JSON.readTree(response.body());
      } catch (IOException notJson) {
        return Answer.error(response.statusCode(), "not JSON", response.body(), Map.of());
      }
      if (response.statusCode() == 200) {
        return Answer.ok(200, JSON.convertValue(json, Map.class));
      }
      String type = json.path("__type").asText("");
      String code = type.substring(type.indexOf('#') + 1);
      JsonNode message = json.has("message") ? json.get("message") : json.get("Message");
      return Answer.error(response.statusCode(), code,
          message == null || message.isNull() ? null : message.asText(), Map.of());
    } catch (IOException e) {
      return Answer.error(-1, "io:" + e.getClass().getSimpleName(), e.getMessage(), Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static final Map<Class<?>, Function<DynamoDbRequest, String>> TABLE_NAMES = Map.ofEntries(
      Map.entry(CreateTableRequest.class, r -> ((CreateTableRequest) r).tableName()),
      Map.entry(DescribeTableRequest.class, r -> ((DescribeTableRequest) r).tableName()),
      Map.entry(UpdateTableRequest.class, r -> ((UpdateTableRequest) r).tableName()),
      Map.entry(DeleteTableRequest.class, r -> ((DeleteTableRequest) r).tableName()),
      Map.entry(PutItemRequest.class, r -> ((PutItemRequest) r).tableName()),
      Map.entry(GetItemRequest.class, r -> ((GetItemRequest) r).tableName()),
      Map.entry(UpdateItemRequest.class, r -> ((UpdateItemRequest) r).tableName()),
      Map.entry(DeleteItemRequest.class, r -> ((DeleteItemRequest) r).tableName()),
      Map.entry(software.amazon.awssdk.services.dynamodb.model.QueryRequest.class,
          r -> ((software.amazon.awssdk.services.dynamodb.model.QueryRequest) r).tableName()),
      Map.entry(ScanRequest.class, r -> ((ScanRequest) r).tableName()),
      Map.entry(UpdateTimeToLiveRequest.class, r -> ((UpdateTimeToLiveRequest) r).tableName()),
      Map.entry(DescribeTimeToLiveRequest.class, r -> ((DescribeTimeToLiveRequest) r).tableName()));

  private static String tableName(DynamoDbRequest request) {
    Function<DynamoDbRequest, String> f = TABLE_NAMES.get(request.getClass());
    return f == null ? null : f.apply(request);
  }

  private static String operation(DynamoDbRequest request) {
    String simple = request.getClass().getSimpleName();
    return simple.substring(0, simple.length() - "Request".length());
  }

  private static DynamoDbResponse invoke(DynamoDbClient c, DynamoDbRequest r) {
    if (r instanceof CreateTableRequest x) {
      return c.createTable(x);
    } else if (r instanceof DescribeTableRequest x) {
      return c.describeTable(x);
    } else if (r instanceof ListTablesRequest x) {
      return c.listTables(x);
    } else if (r instanceof UpdateTableRequest x) {
      return c.updateTable(x);
    } else if (r instanceof DeleteTableRequest x) {
      return c.deleteTable(x);
    } else if (r instanceof PutItemRequest x) {
      return c.putItem(x);
    } else if (r instanceof GetItemRequest x) {
      return c.getItem(x);
    } else if (r instanceof UpdateItemRequest x) {
      return c.updateItem(x);
    } else if (r instanceof DeleteItemRequest x) {
      return c.deleteItem(x);
    } else if (r instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest x) {
      return c.query(x);
    } else if (r instanceof ScanRequest x) {
      return c.scan(x);
    } else if (r instanceof BatchGetItemRequest x) {
      return c.batchGetItem(x);
    } else if (r instanceof UpdateTimeToLiveRequest x) {
      return c.updateTimeToLive(x);
    } else if (r instanceof DescribeTimeToLiveRequest x) {
      return c.describeTimeToLive(x);
    } else if (r instanceof software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest x) {
      return c.batchWriteItem(x);
    } else if (r instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest x) {
      return c.transactWriteItems(x);
    } else if (r instanceof software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest x) {
      return c.transactGetItems(x);
    } else if (r instanceof ExecuteStatementRequest x) {
      return c.executeStatement(x);
    } else if (r instanceof BatchExecuteStatementRequest x) {
      return c.batchExecuteStatement(x);
    } else if (r instanceof ExecuteTransactionRequest x) {
      return c.executeTransaction(x);
    } else if (r instanceof DescribeLimitsRequest x) {
      return c.describeLimits(x);
    } else if (r instanceof TagResourceRequest x) {
      return c.tagResource(x);
    } else if (r instanceof UntagResourceRequest x) {
      return c.untagResource(x);
    } else if (r instanceof ListTagsOfResourceRequest x) {
      return c.listTagsOfResource(x);
    }
    throw new IllegalArgumentException("no differential dispatch for " + r.getClass().getSimpleName());
  }

  @Override
  public void close() {
    ours.close();
    oracle.close();
    streambed.close();
  }
}
