package dev.streambed.server;

import dev.streambed.dynamodb.DynamoDb;
import dev.streambed.dynamodb.api.DynamoDbApi;
import dev.streambed.iam.Iam;
import dev.streambed.iam.api.IamApi;
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
import dev.streambed.server.http.FrontDoor;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.message.MessageAttribute;
import dev.streambed.sqs.api.SqsApi;
import dev.streambed.storage.Storage;
import dev.streambed.storage.memory.MemoryStorage;
import dev.streambed.storage.rocksdb.RocksStorage;
import dev.streambed.streams.Streams;
import dev.streambed.streams.api.StreamsApi;
import dev.streambed.sts.Sts;
import dev.streambed.sts.StsApi;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running Streambed: the store, every service over it, and the front door. This is the only
 * place that sees everything; it wires the services and owns their lifetime.
 */
public final class StreambedServer implements AutoCloseable {
  private final Config config;
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
  private final FailureDestinations failureDestinations;
  private final boolean ownsStorage;
  private final Maintenance maintenance = new Maintenance();

  private StreambedServer(Config config, Storage storage, boolean ownsStorage, DynamoDb dynamoDb, Iam iam, Sts sts,
      Logs logs, Sqs sqs, Functions functions, Invocations invocations, Pollers pollers,
      FailureDestinations failureDestinations, FrontDoor frontDoor) {
    this.sqs = sqs;
    this.ownsStorage = ownsStorage;
    this.failureDestinations = failureDestinations;
    this.functions = functions;
    this.pollers = pollers;
    this.invocations = invocations;
    this.config = config;
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
    Storage storage = config.storage().persistent()
        ? RocksStorage.open(config.storage().dataDir(), config.storage().fsync(), config.storage().fsyncInterval())
        : new MemoryStorage();
    return start(config, clock, storage, true);
  }

  /**
   * A server over a store the caller owns (and closes): a server started again over the same
   * store finds its tables, streams, functions and the mappings' checkpoints where they were.
   */
  public static StreambedServer start(Config config, Clock clock, Storage storage) {
    return start(config, clock, storage, false);
  }

  private static StreambedServer start(Config config, Clock clock, Storage storage, boolean ownsStorage) {
    Streams streams = new Streams(storage, clock, config.streams());
    DynamoDb dynamoDb = new DynamoDb(storage, clock, streams);
    SecureRandom random = new SecureRandom();
    Iam iam = new Iam(storage, clock, random);
    Sts sts = new Sts(storage, clock, iam, random);
    Logs logs = new Logs(storage, clock);
    Sqs sqs = new Sqs(storage, clock);
    Functions functions = new Functions(storage, clock, iam);
    String[] endpoint = {"http://127.0.0.1:" + config.port()};
    Invocations invocations = new Invocations(functions,
        new Environments(config.lambda().idleStop(), config.lambda().javaMode(), clock),
        new InvocationLogs(logs, iam), iam, sts, () -> endpoint[0], config.lambda().concurrency(),
        config.lambda().retryDelay(), queueDeliveries(sqs), clock);
    EventSourceMappings mappings = new EventSourceMappings(storage, clock, functions, streams, iam);
    // On-failure destinations by service: a function here; queues and topics are registered by
    // the services that serve them.
    FailureDestinations destinations = new FailureDestinations();
    destinations.register("lambda", new LambdaDestination(invocations));
    // A queue receives the record as its message body, as AWS sends it.
    destinations.register("sqs", (arn, mapping, record) -> sqs.send(arn, new String(record, StandardCharsets.UTF_8)));
    Pollers pollers = new Pollers(mappings, functions, invocations, streams, storage, clock, destinations);
    try {
      FrontDoor frontDoor = FrontDoor.start(config.host(), config.port(),
          List.of(DynamoDbApi.service(dynamoDb), StreamsApi.service(streams), LogsApi.service(logs),
              SqsApi.service(sqs, () -> endpoint[0])),
          List.of(IamApi.service(iam, sts), StsApi.service(sts)), List.of(LambdaApi.service(functions, new Aliases(functions, storage), mappings, invocations)),
          config.region(), config.accountId(), config.maxBodyBytes());
      StreambedServer server = new StreambedServer(config, storage, ownsStorage, dynamoDb, iam, sts, logs, sqs,
          functions, invocations, pollers, destinations, frontDoor);
      endpoint[0] = server.endpoint();
      return server;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sqs.close();
      pollers.close();
      invocations.close();
      if (ownsStorage) {
        storage.close();
      }
      throw new IllegalStateException("interrupted while binding", e);
    } catch (RuntimeException e) {
      sqs.close();
      pollers.close();
      invocations.close();
      if (ownsStorage) {
        storage.close();
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

  /** CloudWatch Logs, for services that write or follow logs without HTTP. */
  public Logs logs() {
    return logs;
  }

  @Override
  public void close() {
    maintenance.close();
    frontDoor.close();
    sqs.close();
    pollers.close();
    invocations.close();
    dynamoDb.close();
    if (ownsStorage) {
      storage.close();
    }
  }
}
