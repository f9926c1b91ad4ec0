package dev.streambed.embedded;

import dev.streambed.kernel.time.MutableClock;
import dev.streambed.lambda.LambdaConfig;
import dev.streambed.lambda.runtime.JavaMode;
import dev.streambed.server.Config;
import dev.streambed.server.SecurityConfig;
import dev.streambed.server.StorageConfig;
import dev.streambed.storage.rocksdb.RocksStorage;
import dev.streambed.streams.StreamsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How an embedded {@link Streambed} is set up; {@link #start} starts it. Every setting has the
 * default a test wants: a free port, {@code us-east-1}, account {@code 000000000000}, everything
 * in memory, the system clock, one shard per stream, Java functions inside this JVM.
 */
public final class StreambedBuilder {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private int port;
  private String region = "us-east-1";
  private String account = Config.DEFAULT_ACCOUNT;
  private Path dataDir;
  private boolean temporaryDataDir;
  private RocksStorage.Durability fsync = StorageConfig.MEMORY.fsync();
  private Duration fsyncInterval = StorageConfig.MEMORY.fsyncInterval();
  private Instant controllableFrom;
  private int streamShards = StreamsConfig.DEFAULTS.shardsPerStream();
  private Duration shardRollover = StreamsConfig.DEFAULTS.rolloverPeriod();
  private Duration ttlSweepInterval = Config.DEFAULT_TTL_SWEEP;
  private int lambdaConcurrency = LambdaConfig.DEFAULTS.concurrency();
  private Duration lambdaIdleStop = LambdaConfig.DEFAULTS.idleStop();
  private JavaMode javaMode = JavaMode.IN_PROCESS;
  private boolean strictAuth;
  private boolean enforceIam;
  private String rootAccessKey = SdkClients.ACCESS_KEY;
  private String rootSecretKey = SdkClients.SECRET_KEY;

  StreambedBuilder() {}

  /**
   * Listens on this port of 127.0.0.1. Without it (or with 0) a free port is picked, so that
   * instances started side by side (parallel test classes) never collide; {@link Streambed#endpoint}
   * tells which.
   */
  public StreambedBuilder port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    this.port = port;
    return this;
  }

  /** The region of the SDK clients handed out, and of requests whose signature names none. */
  public StreambedBuilder region(String region) {
    this.region = Objects.requireNonNull(region, "region");
    return this;
  }

  /** The account id in every ARN (twelve digits). */
  public StreambedBuilder account(String accountId) {
    if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException("an account id is twelve digits: " + accountId);
    }
    this.account = accountId;
    return this;
  }

  /** Keeps everything in memory (the default): fastest, gone on {@link Streambed#close}. */
  public StreambedBuilder inMemory() {
    this.dataDir = null;
    this.temporaryDataDir = false;
    return this;
  }

  /**
   * Keeps everything in a RocksDB database in {@code dir}, which outlives the instance: a
   * Streambed started again over it finds its tables, items, streams, functions and triggers.
   */
  public StreambedBuilder dataDir(Path dir) {
    this.dataDir = Objects.requireNonNull(dir, "dir");
    this.temporaryDataDir = false;
    return this;
  }

  /** Keeps everything in RocksDB in a new temporary directory, deleted on {@link Streambed#close}. */
  public StreambedBuilder temporaryDataDir() {
    this.dataDir = null;
    this.temporaryDataDir = true;
    return this;
  }

  /**
   * With a data directory: the write-ahead log is synced to the disk before every write is
   * answered, so that not even a power loss takes an acknowledged write ({@code --fsync always}).
   * Slower than the default, {@link #fsyncEvery}.
   */
  public StreambedBuilder fsyncEveryWrite() {
    this.fsync = RocksStorage.Durability.ALWAYS;
    return this;
  }

  /**
   * With a data directory: the write-ahead log is synced to the disk every {@code interval}
   * (the default, every 100 ms; {@code --fsync interval --fsync-interval}): a process that ends
   * without {@link Streambed#close} loses nothing acknowledged, a power loss at most the interval.
   */
  public StreambedBuilder fsyncEvery(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("the fsync interval must be a millisecond or more: " + interval);
    }
    this.fsync = RocksStorage.Durability.INTERVAL;
    this.fsyncInterval = interval;
    return this;
  }

  /** Reads time from the machine's clock (the default). */
  public StreambedBuilder systemClock() {
    this.controllableFrom = null;
    return this;
  }

  /**
   * Reads time from a clock that stands still until {@link Streambed#advance} moves it, starting
   * now: time to live, stream retention and rollover, iterator expiry, batching windows, retry
   * ages and log times all follow it.
   */
  public StreambedBuilder controllableClock() {
    return controllableClock(Instant.now());
  }

  /** A controllable clock (see {@link #controllableClock()}) that starts at {@code start}. */
  public StreambedBuilder controllableClock(Instant start) {
    this.controllableFrom = Objects.requireNonNull(start, "start");
    return this;
  }

  /** How many shards of a stream take writes at once (1 to 1000; AWS varies it with load). */
  public StreambedBuilder streamShards(int shards) {
    this.streamShards = shards;
    return this;
  }

  /** How long a stream shard takes writes before a child takes over (AWS's is about four hours). */
  public StreambedBuilder shardRollover(Duration period) {
    this.shardRollover = Objects.requireNonNull(period, "period");
    return this;
  }

  /**
   * How often time to live deletes expired items on its own (ten seconds by default; AWS takes
   * up to days). {@link Streambed#advance} deletes them at once whatever this is.
   */
  public StreambedBuilder ttlSweepInterval(Duration interval) {
    this.ttlSweepInterval = Objects.requireNonNull(interval, "interval");
    return this;
  }

  /** How many execution environments one function version may run at once (32 by default). */
  public StreambedBuilder lambdaConcurrency(int environments) {
    this.lambdaConcurrency = environments;
    return this;
  }

  /** How long an execution environment nobody invokes stays warm (five minutes by default). */
  public StreambedBuilder lambdaIdleStop(Duration idle) {
    this.lambdaIdleStop = Objects.requireNonNull(idle, "idle");
    return this;
  }

  /**
   * Where Java functions deployed as zips run: inside this JVM, each in a class loader of its own
   * (true, the default: fast), or each in a JVM of its own through AWS's runtime interface
   * client, as on AWS (false). Handlers deployed from the classpath always run inside this JVM.
   */
  public StreambedBuilder javaFunctionsInProcess(boolean inProcess) {
    this.javaMode = inProcess ? JavaMode.IN_PROCESS : JavaMode.PROCESS;
    return this;
  }

  /**
   * Checks every request's AWS Signature Version 4 against known keys, as AWS does (the server's
   * {@code --auth strict}): the root key pair ({@link #rootKeys}), IAM users' access keys and STS
   * credentials, including those handed to functions. The SDK clients of {@link Streambed} sign
   * with the root key pair.
   */
  public StreambedBuilder strictAuth(boolean strict) {
    this.strictAuth = strict;
    return this;
  }

  /**
   * The root key pair under strict authentication (allowed everything; the first IAM users and
   * roles are made with it). Default: access key {@code test}, secret {@code test}, the
   * credentials the SDK clients use without strict authentication.
   */
  public StreambedBuilder rootKeys(String accessKeyId, String secretAccessKey) {
    this.rootAccessKey = java.util.Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.rootSecretKey = java.util.Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    return this;
  }

  /**
   * Authorizes every API call with IAM's policies for the calling identity, as AWS does (the
   * server's {@code --iam enforce}); calls from function code are authorized against the
   * function's role.
   */
  public StreambedBuilder enforceIam(boolean enforce) {
    this.enforceIam = enforce;
    return this;
  }

  private SecurityConfig security(SecurityConfig open) {
    SecurityConfig s = strictAuth ? open.withStrictAuth(rootAccessKey, rootSecretKey) : open;
    return s.withIamEnforced(enforceIam);
  }

  /** Starts Streambed: the store, every service and the endpoint; ready when this returns. */
  public Streambed start() {
    // Checked before anything is created, so that a bad setting leaves nothing behind.
    StreamsConfig streams = new StreamsConfig(streamShards, shardRollover);
    LambdaConfig lambda = new LambdaConfig(lambdaConcurrency, lambdaIdleStop, javaMode);
    Config.defaults().withTtlSweepInterval(ttlSweepInterval);
    Path temporary = null;
    if (temporaryDataDir) {
      try {
        temporary = Files.createTempDirectory("streambed-data-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary data directory", e);
      }
    }
    Path dir = temporary != null ? temporary : dataDir;
    Config config = new Config("127.0.0.1", port, region, account, Config.DEFAULT_MAX_BODY,
        streams, ttlSweepInterval, lambda, dir == null ? StorageConfig.MEMORY : new StorageConfig(dir, fsync, fsyncInterval),
        security(SecurityConfig.open(Config.DEFAULT_MAX_BODY)));
    return Streambed.start(config, controllableFrom == null ? null : new MutableClock(controllableFrom), temporary);
  }
}
