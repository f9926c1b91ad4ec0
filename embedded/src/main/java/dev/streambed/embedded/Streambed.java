package dev.streambed.embedded;

import dev.streambed.iam.Role;
import dev.streambed.iam.Roles;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.time.MutableClock;
import dev.streambed.server.Config;
import dev.streambed.server.StreambedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Streambed inside this JVM: DynamoDB, DynamoDB Streams, Lambda with its triggers, IAM, STS,
 * CloudWatch Logs and SQS on one endpoint of 127.0.0.1, with ready AWS SDK clients, handlers
 * deployed from the classpath, and what tests need to wait and move time without sleeping.
 *
 * <pre>{@code
 * try (Streambed streambed = Streambed.builder().start()) {
 *   DynamoDbClient ddb = streambed.dynamoDb();
 *   ... create a table with a stream ...
 *   DeployedFunction fn = streambed.deploy(MyHandler.class).withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
 *   ddb.putItem(...);
 *   streambed.awaitQuiescent();
 *   assertThat(fn.output()).contains(...);
 * }
 * }</pre>
 *
 * <p>The client methods need the AWS SDK for Java v2 on the classpath, in the user's version:
 * {@code software.amazon.awssdk:dynamodb} for DynamoDB and DynamoDB Streams, {@code lambda},
 * {@code iam}, {@code sts}, {@code cloudwatchlogs}, {@code sqs} for the others; each needs only
 * its own. Sync clients use the SDK's default HTTP client on the classpath, async ones its
 * default async client ({@code netty-nio-client}); {@link #configure} points any other builder here.
 *
 * <p>Thread-safe. {@link #close} frees everything it holds: threads, the port, function
 * processes and temporary directories.
 */
public final class Streambed implements AutoCloseable {
  /** How long {@link #awaitQuiescent()} waits: long enough for a loaded CI machine's cold start. */
  public static final Duration DEFAULT_QUIESCENCE_TIMEOUT = Duration.ofSeconds(30);

  /** What a function deployed here needs for a stream trigger and its logs, as AWS's tutorial grants. */
  static final String TRIGGER_POLICY = "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole";
  private static final String LAMBDA_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private final Config config;
  private final MutableClock controllable;
  private final Path temporaryDataDir;
  private final URI endpoint;
  private volatile StreambedServer server;
  private volatile SdkClients clients;
  private volatile boolean closed;

  private Streambed(Config config, StreambedServer server, MutableClock controllable, Path temporaryDataDir) {
    this.config = config;
    this.server = server;
    this.controllable = controllable;
    this.temporaryDataDir = temporaryDataDir;
    this.endpoint = URI.create(server.endpoint());
  }

  /** A builder with every setting at the default a test wants. */
  public static StreambedBuilder builder() {
    return new StreambedBuilder();
  }

  /** Starts Streambed with the defaults: a free port, in memory, the system clock. */
  public static Streambed start() {
    return builder().start();
  }

  static Streambed start(Config config, MutableClock controllable, Path temporaryDataDir) {
    StreambedServer server;
    try {
      server = StreambedServer.start(config, controllable != null ? controllable : Clock.systemUTC());
    } catch (RuntimeException e) {
      deleteTree(temporaryDataDir);
      throw e;
    }
    return new Streambed(config, server, controllable, temporaryDataDir);
  }

  // ---------------------------------------------------------------- where it is

  /** The endpoint URL of every service, e.g. {@code http://127.0.0.1:38127}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  public String region() {
    return config.region();
  }

  public String accountId() {
    return config.accountId();
  }

  /** The directory RocksDB keeps the state in, or empty when it is kept in memory. */
  public java.util.Optional<Path> dataDir() {
    return java.util.Optional.ofNullable(config.storage().dataDir());
  }

  /** The clock every service reads. */
  public Clock clock() {
    return controllable != null ? controllable : Clock.systemUTC();
  }

  /** What time it is for Streambed. */
  public Instant now() {
    return clock().instant();
  }

  // ---------------------------------------------------------------- SDK clients

  private SdkClients clients() {
    if (closed) {
      throw new IllegalStateException("this Streambed is closed");
    }
    SdkClients c = clients;
    if (c == null) {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("this Streambed is closed");
        }
        if (clients == null) {
          clients = config.security().strictAuth()
              ? new SdkClients(endpoint, config.region(), config.security().rootAccessKey(),
                  config.security().rootSecretKey())
              : new SdkClients(endpoint, config.region(), SdkClients.ACCESS_KEY, SdkClients.SECRET_KEY);
        }
        c = clients;
      }
    }
    return c;
  }

  /**
   * Points a client builder of any AWS service at this Streambed (endpoint, region and test
   * credentials), for clients with settings of their own: an HTTP client, retries, overrides.
   * The caller builds and closes the client.
   */
  public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
    return clients().configure(Objects.requireNonNull(builder, "builder"));
  }

  /** A DynamoDB client for this Streambed, made once and closed with it. */
  public DynamoDbClient dynamoDb() {
    return clients().dynamoDb();
  }

  public DynamoDbAsyncClient dynamoDbAsync() {
    return clients().dynamoDbAsync();
  }

  /** A DynamoDB Streams client (in the SDK's {@code dynamodb} module). */
  public DynamoDbStreamsClient dynamoDbStreams() {
    return clients().dynamoDbStreams();
  }

  public DynamoDbStreamsAsyncClient dynamoDbStreamsAsync() {
    return clients().dynamoDbStreamsAsync();
  }

  public LambdaClient lambda() {
    return clients().lambda();
  }

  public LambdaAsyncClient lambdaAsync() {
    return clients().lambdaAsync();
  }

  /** An IAM client, for the {@code aws-global} region as IAM is global. */
  public IamClient iam() {
    return clients().iam();
  }

  public IamAsyncClient iamAsync() {
    return clients().iamAsync();
  }

  public StsClient sts() {
    return clients().sts();
  }

  public StsAsyncClient stsAsync() {
    return clients().stsAsync();
  }

  public CloudWatchLogsClient cloudWatchLogs() {
    return clients().cloudWatchLogs();
  }

  public CloudWatchLogsAsyncClient cloudWatchLogsAsync() {
    return clients().cloudWatchLogsAsync();
  }

  public SqsClient sqs() {
    return clients().sqs();
  }

  public SqsAsyncClient sqsAsync() {
    return clients().sqsAsync();
  }

  // ---------------------------------------------------------------- functions

  /**
   * A handler class of this JVM's classpath as a function, to set up and {@link FunctionDeployment#deploy}.
   * It runs inside this JVM in a class loader of its own (its statics are not the test's), finds
   * its libraries on the test's classpath, and is called as Lambda's Java runtime calls it:
   * {@code RequestHandler}, {@code RequestStreamHandler} or a named method, with events such as
   * {@code DynamodbEvent} read by AWS's serialization.
   */
  public FunctionDeployment function(Class<?> handlerClass) {
    return FunctionDeployment.ofClass(this, Objects.requireNonNull(handlerClass, "handlerClass"));
  }

  /** Deploys a handler class of the classpath with the defaults (its simple name, a new role). */
  public DeployedFunction deploy(Class<?> handlerClass) {
    return function(handlerClass).deploy();
  }

  /**
   * A deployment package for any runtime Lambda names ({@code python3.12}, {@code nodejs20.x},
   * {@code provided.al2023}, {@code java21}...), with its handler as CreateFunction takes it.
   * Python and Node.js run on this machine's {@code python3} and {@code node}; Java zips run
   * inside this JVM unless {@link StreambedBuilder#javaFunctionsInProcess} said otherwise.
   */
  public FunctionDeployment function(String runtime, String handler, byte[] zip) {
    Objects.requireNonNull(handler, "handler");
    String name = handler.replaceAll("[^a-zA-Z0-9_-]+", "-").replaceAll("^-+|-+$", "");
    return new FunctionDeployment(this, Objects.requireNonNull(runtime, "runtime"), handler,
        Objects.requireNonNull(zip, "zip"), false, name.isEmpty() ? "function" : name);
  }

  /** A deployment package read from a zip file; see {@link #function(String, String, byte[])}. */
  public FunctionDeployment function(String runtime, String handler, Path zip) {
    try {
      return function(runtime, handler, Files.readAllBytes(zip));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + zip, e);
    }
  }

  /**
   * Every line a function wrote to CloudWatch Logs ({@code /aws/lambda/NAME}), all its log
   * streams merged in time order, each without the newline its log event ends with; empty when
   * it wrote none.
   */
  public List<String> logLines(String functionName) {
    return FunctionLogs.lines(server().logs(), config.accountId(), config.region(), functionName);
  }

  /** The role of a deployed function: one trusting Lambda with the trigger policy, made once per name. */
  String triggerRole(String roleName) {
    String name = roleName.length() > 64 ? roleName.substring(0, 64) : roleName;
    Roles roles = server().iam().roles();
    try {
      return roles.get(config.accountId(), name).arn();
    } catch (AwsException missing) {
      Role role = roles.create(config.accountId(), name, "/", LAMBDA_TRUST,
          "Runs a function deployed by the embedded Streambed API", null, List.of());
      roles.attach(config.accountId(), name, TRIGGER_POLICY);
      return role.arn();
    }
  }

  // ---------------------------------------------------------------- test helpers

  /**
   * Waits until every stream trigger has processed every record written so far, or throws
   * {@link NotQuiescentException} after {@link #DEFAULT_QUIESCENCE_TIMEOUT}.
   */
  public void awaitQuiescent() {
    awaitQuiescent(DEFAULT_QUIESCENCE_TIMEOUT);
  }

  /**
   * Waits until every stream trigger has processed every record written so far: each has invoked
   * its function for them (or filtered them out, or given them up after its retries) and moved
   * past them. Woken by the triggers themselves, so it returns as soon as they are done. Throws
   * {@link NotQuiescentException} naming every trigger still busy and its position after
   * {@code timeout}. Records held back by a batching window, or a retry's back-off, keep a
   * trigger busy until the clock passes them; with a controllable clock, {@link #advance} it.
   */
  public void awaitQuiescent(Duration timeout) {
    StreambedServer s = server();
    Quiescence.await(s.pollers(), s.eventSourceMappings(), s.streams(), timeout);
  }

  /**
   * Moves the controllable clock forward and runs at once what that time brings: items whose
   * time to live passed are deleted (with their REMOVE stream records), stream shards roll over
   * and old records are trimmed, log events and queue messages past their retention go, batching
   * windows that ended close, and retries see their records' new age.
   *
   * @throws IllegalStateException when this Streambed reads the system clock
   */
  public void advance(Duration by) {
    if (controllable == null) {
      throw new IllegalStateException("advance needs a controllable clock: "
          + "Streambed.builder().controllableClock().start()");
    }
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + by);
    }
    controllable.advance(by);
    server().upkeep();
  }

  /**
   * Empties every service: tables, items, streams, functions, triggers, roles, logs and queues
   * are gone, running functions and triggers are stopped. The endpoint, its port and the clients
   * handed out stay, and the clock stays where it is. Takes a few milliseconds in memory (a new
   * store and new services); with a data directory, the directory is emptied too.
   */
  public synchronized void reset() {
    reset(Snapshot.EMPTY);
  }

  /** Everything stored now, to {@link #reset(Snapshot)} to later (for example after a class's setup). */
  public Snapshot snapshot() {
    return new Snapshot(server().entries());
  }

  /**
   * Returns to a {@link #snapshot}: as {@link #reset()}, then the snapshot's state is served
   * again, its triggers resuming from the positions they had.
   */
  public synchronized void reset(Snapshot snapshot) {
    if (closed) {
      throw new IllegalStateException("this Streambed is closed");
    }
    server = server.reset(snapshot.entries());
  }

  StreambedServer server() {
    StreambedServer s = server;
    if (closed) {
      throw new IllegalStateException("this Streambed is closed");
    }
    return s;
  }

  /** Stops everything: the SDK clients handed out, every service, the port, temporary directories. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (clients != null) {
        clients.close();
      }
    } finally {
      server.close();
      deleteTree(temporaryDataDir);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  @Override
  public String toString() {
    return "Streambed on " + endpoint;
  }
}
