package dev.streambed.server;

import dev.streambed.console.Console;
import dev.streambed.console.Services;
import dev.streambed.dynamodb.DynamoDb;
import dev.streambed.dynamodb.api.DynamoDbApi;
import dev.streambed.iam.Iam;
import dev.streambed.iam.api.IamApi;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.kernel.protocol.QueryService;
import dev.streambed.kernel.protocol.RestService;
import dev.streambed.kernel.protocol.WebSite;
import dev.streambed.lambda.Aliases;
import dev.streambed.lambda.Deliveries;
import dev.streambed.lambda.Functions;
import dev.streambed.lambda.InvocationLogs;
import dev.streambed.lambda.Invocations;
import dev.streambed.lambda.runtime.Environments;
import dev.streambed.lambda.esm.EventSourceMappings;
import dev.streambed.lambda.esm.FailureDestinations;
import dev.streambed.lambda.esm.LambdaDestination;
import dev.streambed.lambda.esm.Pollers;
import dev.streambed.lambda.api.LambdaApi;
import dev.streambed.logs.Logs;
import dev.streambed.logs.api.LogsApi;
import dev.streambed.server.auth.ConsoleAccess;
import dev.streambed.server.auth.ConsoleLogin;
import dev.streambed.server.auth.Enforcement;
import dev.streambed.server.auth.Keys;
import dev.streambed.server.auth.SigV4Verifier;
import dev.streambed.server.http.Authentication;
import dev.streambed.server.http.FrontDoor;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.message.MessageAttribute;
import dev.streambed.sqs.api.SqsApi;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;
import dev.streambed.storage.memory.MemoryStorage;
import dev.streambed.storage.rocksdb.RocksStorage;
import dev.streambed.streams.Streams;
import dev.streambed.streams.api.StreamsApi;
import dev.streambed.sts.Sts;
import dev.streambed.sts.StsApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A running Streambed: the store, every service over it, and the front door. This is the only
 * place that sees everything; it wires the services and owns their lifetime.
 */
public final class StreambedServer implements AutoCloseable {
  private final Config config;
  private final Clock clock;
  private final Storage storage;
  private final FrontDoor frontDoor;
  private final DynamoDb dynamoDb;
  private final Iam iam;
  private final Sts sts;
  private final Logs logs;
  private final Sqs sqs;
  private final Functions functions;
  private final Invocations invocations;
  private final Pollers pollers;
  private final EventSourceMappings mappings;
  /** Function environments and their runtime directory: kept across a reset, their functions stopped. */
  private final Environments environments;
  private final FailureDestinations failureDestinations;
  private final Console console;
  private final boolean ownsStorage;
  private final Maintenance maintenance = new Maintenance();
  private final ConsoleLogin consoleLogin;
  /** Set once a reset gave the front door to the server that took over. */
  private volatile boolean handedOver;

  private StreambedServer(Config config, Clock clock, Storage storage, boolean ownsStorage, DynamoDb dynamoDb, Iam iam, Sts sts,
      Logs logs, Sqs sqs, Functions functions, Environments environments, Invocations invocations,
      EventSourceMappings mappings, Pollers pollers, FailureDestinations failureDestinations, Console console,
      FrontDoor frontDoor, ConsoleLogin consoleLogin) {
    this.console = console;
    this.consoleLogin = consoleLogin;
    this.sqs = sqs;
    this.environments = environments;
    this.mappings = mappings;
    this.ownsStorage = ownsStorage;
    this.failureDestinations = failureDestinations;
    this.functions = functions;
    this.pollers = pollers;
    this.invocations = invocations;
    this.config = config;
    this.clock = clock;
    this.storage = storage;
    this.dynamoDb = dynamoDb;
    this.iam = iam;
    this.sts = sts;
    this.logs = logs;
    this.frontDoor = frontDoor;
    // Reads hide expired log events at once; the sweep frees them from idle streams too.
    maintenance.every(60, "log retention sweep", logs::deleteExpiredEvents);
    // Receives already skip messages past their queue's retention; this frees idle queues' space.
    maintenance.every(60, "queue retention sweep", sqs::deleteExpiredMessages);
    // AWS deletes expired items within days; the interval is --ttl-sweep-interval.
    maintenance.every(config.ttlSweepInterval(), "time-to-live sweep", dynamoDb.timeToLive()::sweep);
    // Rollover and trimming also happen when a stream is read or written; this covers idle ones.
    maintenance.every(10, "stream upkeep", dynamoDb.streams()::maintain);
  }

  public static StreambedServer start(Config config) {
    return start(config, Clock.systemUTC());
  }

  public static StreambedServer start(Config config, Clock clock) {
    return start(config, clock, open(config.storage()), true, null, null);
  }

  private static Storage open(StorageConfig storage) {
    return storage.persistent()
        ? RocksStorage.open(storage.dataDir(), storage.fsync(), storage.fsyncInterval())
        : new MemoryStorage();
  }

  /**
   * A server over a store the caller owns (and closes): a server started again over the same
   * store finds its tables, streams, functions and the mappings' checkpoints where they were.
   */
  public static StreambedServer start(Config config, Clock clock, Storage storage) {
    return start(config, clock, storage, false, null, null);
  }

  /**
   * Wires every service over {@code storage}, served by {@code door} and running functions in
   * {@code kept} environments (a reset's), or in new ones when these are null.
   */
  private static StreambedServer start(Config config, Clock clock, Storage storage, boolean ownsStorage,
      FrontDoor door, Environments kept) {
    Streams streams = new Streams(storage, clock, config.streams());
    DynamoDb dynamoDb = new DynamoDb(storage, clock, streams);
    SecureRandom random = new SecureRandom();
    Iam iam = new Iam(storage, clock, random);
    Sts sts = new Sts(storage, clock, iam, random);
    Logs logs = new Logs(storage, clock);
    Sqs sqs = new Sqs(storage, clock);
    Functions functions = new Functions(storage, clock, iam);
    String[] endpoint = {"http://127.0.0.1:" + config.port()};
    Environments environments = kept != null ? kept
        : new Environments(config.lambda().idleStop(), config.lambda().javaMode(), clock);
    Invocations invocations = new Invocations(functions, environments, new InvocationLogs(logs, iam), iam, sts,
        () -> endpoint[0], config.lambda().concurrency(), config.lambda().retryDelay(), queueDeliveries(sqs), storage, clock);
    EventSourceMappings mappings = new EventSourceMappings(storage, clock, functions, streams, iam);
    // On-failure destinations by service: a function here; queues and topics are registered by
    // the services that serve them.
    FailureDestinations destinations = new FailureDestinations();
    destinations.register("lambda", new LambdaDestination(invocations));
    // A queue receives the record as its message body, as AWS sends it.
    destinations.register("sqs", (arn, mapping, record) -> sqs.send(arn, new String(record, StandardCharsets.UTF_8)));
    Pollers pollers = new Pollers(mappings, functions, invocations, streams, storage, clock, destinations);
    SecurityConfig security = config.security();
    Keys keys = new Keys(security.rootAccessKey(), security.rootSecretKey(), config.accountId(), iam, sts, clock);
    // Strict authentication's console asks for keys and authorizes with the API's policies.
    Enforcement enforcement = security.enforceIam() ? new Enforcement(iam, sts) : null;
    ConsoleLogin consoleLogin = security.strictAuth() ? ConsoleLogin.strict(keys, enforcement, config.region())
        : ConsoleLogin.open(config.accountId());
    Console console = new Console(new Services(dynamoDb, iam, logs, functions, invocations, mappings,
        config.accountId(), config.region(), () -> endpoint[0]), config.host(), new ConsoleAccess(consoleLogin));
    try {
      List<JsonService> json = List.of(DynamoDbApi.service(dynamoDb), StreamsApi.service(streams),
          LogsApi.service(logs), SqsApi.service(sqs, () -> endpoint[0]));
      List<QueryService> query = List.of(IamApi.service(iam, sts), StsApi.service(sts));
      List<RestService> rest = List.of(LambdaApi.service(functions, new Aliases(functions, storage), mappings,
          invocations));
      if (enforcement != null) {
        json = json.stream().map(enforcement::wrap).toList();
        query = query.stream().map(enforcement::wrap).toList();
        rest = rest.stream().map(enforcement::wrap).toList();
      }
      // The console signs its visitors in under strict authentication, and authorizes each page
      // with the API's policies, since its pages call the services past the API's checks.
      List<WebSite> sites = List.of(console);
      // The keys are this server's (its IAM users, its STS sessions): a reset's server brings its own.
      Authentication authentication = security.strictAuth()
          ? Authentication.strict(new SigV4Verifier(keys, clock)) : Authentication.OPEN;
      FrontDoor frontDoor = door != null ? door : FrontDoor.start(config.host(), config.port(), json, query, rest,
          sites, config.region(), config.accountId(), authentication,
          security.limits().withMaxBodyBytes(config.maxBodyBytes()));
      frontDoor.serve(json, query, rest, sites, authentication);
      StreambedServer server = new StreambedServer(config, clock, storage, ownsStorage, dynamoDb, iam, sts, logs, sqs,
          functions, environments, invocations, mappings, pollers, destinations, console, frontDoor, consoleLogin);
      endpoint[0] = server.endpoint();
      // Event invocations a previous run accepted go on once functions are told where Streambed is.
      invocations.resumeAsync();
      return server;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      console.close();
      sqs.close();
      pollers.close();
      invocations.close();
      environments.close();
      if (ownsStorage) {
        storage.close();
      }
      throw new IllegalStateException("interrupted while binding", e);
    } catch (RuntimeException e) {
      console.close();
      sqs.close();
      pollers.close();
      invocations.close();
      environments.close();
      if (ownsStorage) {
        storage.close();
      }
      if (door != null) {
        door.close();
      }
      throw e;
    }
  }

  /** Lambda's destination records and dead letters, sent to SQS as the Lambda service sends them. */
  private static Deliveries queueDeliveries(Sqs sqs) {
    return (queueArn, body, attributes, traceHeader) -> {
      Map<String, MessageAttribute> sqsAttributes = new LinkedHashMap<>();
      attributes.forEach((name, a) -> sqsAttributes.put(name, new MessageAttribute(a.dataType(), a.value(), null)));
      sqs.send(queueArn, body, sqsAttributes,
          Map.of("AWSTraceHeader", new MessageAttribute("String", traceHeader, null)));
    };
  }

  public int port() {
    return frontDoor.port();
  }

  /** The endpoint URL clients are pointed at. */
  public String endpoint() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  public DynamoDb dynamoDb() {
    return dynamoDb;
  }

  /** DynamoDB Streams, for in-process readers that wait for records instead of polling. */
  public Streams streams() {
    return dynamoDb.streams();
  }

  /** IAM: roles, policies and the policy evaluator other services ask. */
  public Iam iam() {
    return iam;
  }

  /** STS: who signed a request, and temporary credentials. */
  public Sts sts() {
    return sts;
  }

  /** The event source mappings' pollers: {@link Pollers#quiescent()} tells when they caught up. */
  public Pollers pollers() {
    return pollers;
  }

  /**
   * Where event source mappings send the records of discarded batches, by the service of the
   * destination's ARN; a service that serves queues or topics registers its sender here.
   */
  public FailureDestinations failureDestinations() {
    return failureDestinations;
  }

  /** Lambda's event source mappings: the triggers' control plane, as the Lambda API drives it. */
  public EventSourceMappings eventSourceMappings() {
    return mappings;
  }

  /** Lambda's invocations, for in-process callers such as event source mappings. */
  public Invocations invocations() {
    return invocations;
  }

  /** Lambda's functions. */
  public Functions functions() {
    return functions;
  }

  /** SQS, for services that send to queues without HTTP (event source mapping destinations). */
  public Sqs sqs() {
    return sqs;
  }

  /**
   * How the web console lets a person in: with {@code --auth strict} it must ask for a key pair
   * and check it here (its site under {@link ConsoleLogin#PATH_PREFIX} is not asked for SigV4).
   */
  public ConsoleLogin consoleLogin() {
    return consoleLogin;
  }

  /** The store under every service, for tools and tests that look at what is kept; only read it. */
  public Storage storage() {
    return storage;
  }

  /** CloudWatch Logs, for services that write or follow logs without HTTP. */
  public Logs logs() {
    return logs;
  }

  /**
   * Runs now the upkeep that the passing of time triggers, which otherwise waits for its next
   * interval: time-to-live deletions of the items expired by the clock, stream rollover and
   * trimming, and the retention of log events and queue messages. A test that moved the clock
   * calls this to see at once what that time would have brought.
   */
  public void upkeep() {
    dynamoDb.timeToLive().sweep();
    dynamoDb.streams().maintain();
    logs.deleteExpiredEvents();
    sqs.deleteExpiredMessages();
  }

  /** Every entry of the store, in key order: the whole state, to {@link #reset} to later. */
  public List<Entry> entries() {
    List<Entry> all = new ArrayList<>();
    byte[] from = new byte[0];
    while (true) {
      List<Entry> page = storage.range(from, null, false, 1000);
      all.addAll(page);
      if (page.size() < 1000) {
        return all;
      }
      byte[] last = page.get(page.size() - 1).key();
      from = java.util.Arrays.copyOf(last, last.length + 1);
    }
  }

  /**
   * A server holding only {@code contents} (entries from {@link #entries}, or none for an empty
   * one), behind this server's front door: its port and its clients' connections stay. This
   * server's services are stopped (their pollers, threads and every function environment) and
   * its store emptied: a new one in memory, or a data directory deleted and created again; a
   * store its caller owns is emptied in place. The runtime directory of functions and its threads
   * are kept for the new server. The server returned serves from then on; this one is done and
   * its {@link #close} does nothing more.
   */
  public StreambedServer reset(List<Entry> contents) {
    handedOver = true;
    stopServices();
    environments.stopAll();
    Storage fresh;
    if (ownsStorage) {
      storage.close();
      if (config.storage().persistent()) {
        deleteContents(config.storage().dataDir());
      }
      fresh = open(config.storage());
    } else {
      deleteEntries(storage);
      fresh = storage;
    }
    try {
      Batch batch = new Batch();
      int n = 0;
      for (Entry e : contents) {
        batch.put(e.key(), e.value());
        if (++n % 1000 == 0) {
          fresh.commit(batch);
          batch = new Batch();
        }
      }
      if (!batch.isEmpty()) {
        fresh.commit(batch);
      }
    } catch (RuntimeException e) {
      if (ownsStorage) {
        fresh.close();
      }
      frontDoor.close();
      environments.close();
      throw e;
    }
    return start(config.withPort(port()), clock, fresh, ownsStorage, frontDoor, environments);
  }

  private static void deleteEntries(Storage storage) {
    while (true) {
      List<Entry> page = storage.range(new byte[0], null, false, 1000);
      if (page.isEmpty()) {
        return;
      }
      Batch batch = new Batch();
      page.forEach(e -> batch.delete(e.key()));
      storage.commit(batch);
    }
  }

  private static void deleteContents(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty the data directory " + dir, e);
    }
  }

  private void stopServices() {
    maintenance.close();
    console.close();
    sqs.close();
    pollers.close();
    invocations.close();
    dynamoDb.close();
  }

  @Override
  public void close() {
    if (handedOver) {
      return;
    }
    frontDoor.close();
    stopServices();
    environments.close();
    if (ownsStorage) {
      storage.close();
    }
  }
}
