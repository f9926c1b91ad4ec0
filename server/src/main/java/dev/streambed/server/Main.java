package dev.streambed.server;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import dev.streambed.lambda.LambdaConfig;
import dev.streambed.lambda.runtime.JavaMode;
import dev.streambed.streams.StreamsConfig;
import picocli.CommandLine.Option;

/** The {@code streambed} command line. */
@Command(name = "streambed", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "DynamoDB, DynamoDB Streams, Lambda, IAM, STS and CloudWatch Logs on one local endpoint.",
    subcommands = {Main.Start.class, Main.Blueprint.class, Main.DemoCommand.class, Main.Export.class, Main.Import.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code streambed start}: serve until interrupted. */
  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Serve the AWS APIs on one endpoint until stopped (Ctrl-C or SIGTERM).")
  static final class Start implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "${env:STREAMBED_HOST:-127.0.0.1}",
        description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:STREAMBED_PORT:-4566}",
        description = "Port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--region", defaultValue = "${env:STREAMBED_REGION:-us-east-1}",
        description = "Region for requests whose signature names none (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--account", defaultValue = "${env:STREAMBED_ACCOUNT:-000000000000}",
        description = "Account id in ARNs (default: ${DEFAULT-VALUE}).")
    String account;

    @Option(names = "--log-level", defaultValue = "${env:STREAMBED_LOG_LEVEL:-info}",
        description = "Log level: error, warn, info, debug, trace (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--stream-shards", defaultValue = "${env:STREAMBED_STREAM_SHARDS:-1}",
        description = "Shards each DynamoDB stream writes to at once; partition keys are spread "
            + "over them by hash (default: ${DEFAULT-VALUE}).")
    int streamShards;

    @Option(names = "--shard-rollover", defaultValue = "${env:STREAMBED_SHARD_ROLLOVER:-PT4H}",
        description = "How long a stream shard takes writes before it closes and a child shard "
            + "takes over, as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    java.time.Duration shardRollover;

    @Option(names = "--stream-status-transition",
        defaultValue = "${env:STREAMBED_STREAM_STATUS_TRANSITION:-PT0S}",
        description = "How long a stream reports ENABLING after it is enabled and DISABLING after "
            + "it is disabled, as an ISO-8601 duration; zero skips those states "
            + "(default: ${DEFAULT-VALUE}).")
    java.time.Duration streamStatusTransition;

    @Option(names = "--ttl-sweep-interval", defaultValue = "${env:STREAMBED_TTL_SWEEP_INTERVAL:-PT10S}",
        description = "How often time to live deletes expired items, as an ISO-8601 duration; "
            + "until then an expired item stays readable, as on AWS (default: ${DEFAULT-VALUE}).")
    java.time.Duration ttlSweepInterval;

    @Option(names = "--lambda-concurrency", defaultValue = "${env:STREAMBED_LAMBDA_CONCURRENCY:-32}",
        description = "Execution environments one function version may run at once unless it "
            + "reserves concurrency; past that, invocations are throttled (default: ${DEFAULT-VALUE}).")
    int lambdaConcurrency;

    @Option(names = "--lambda-idle-stop", defaultValue = "${env:STREAMBED_LAMBDA_IDLE_STOP:-PT5M}",
        description = "How long an execution environment nobody invokes stays warm before it is "
            + "stopped, as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    java.time.Duration lambdaIdleStop;

    @Option(names = "--lambda-retry-delay", defaultValue = "${env:STREAMBED_LAMBDA_RETRY_DELAY:-PT1M}",
        description = "How long a failed asynchronous invocation waits before its first retry, as an "
            + "ISO-8601 duration; the second retry waits twice as long. AWS waits a minute "
            + "(default: ${DEFAULT-VALUE}).")
    java.time.Duration lambdaRetryDelay;

    @Option(names = "--java-runtime", defaultValue = "${env:STREAMBED_JAVA_RUNTIME:-process}",
        description = "Where Java functions run: process (a JVM of their own, as on AWS) or "
            + "in-process (in Streambed's JVM, faster); a function may choose with its "
            + "STREAMBED_JAVA_RUNTIME environment variable (default: ${DEFAULT-VALUE}).")
    String javaRuntime;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "${env:STREAMBED_DATA_DIR}", paramLabel = "DIR",
        description = "Keep all state in a RocksDB database in DIR, across restarts and crashes "
            + "(default: in memory, gone when Streambed stops).")
    java.nio.file.Path dataDir;

    @Option(names = "--fsync", defaultValue = "${env:STREAMBED_FSYNC:-interval}", paramLabel = "WHEN",
        converter = FsyncConverter.class,
        description = "With --data-dir: when the write-ahead log is synced to the disk: 'interval' "
            + "(every --fsync-interval; a killed process loses nothing acknowledged, a power loss at "
            + "most the interval) or 'always' (before every answer; nothing acknowledged is lost) "
            + "(default: ${DEFAULT-VALUE}).")
    dev.streambed.storage.rocksdb.RocksStorage.Durability fsync;

    @Option(names = "--fsync-interval", defaultValue = "${env:STREAMBED_FSYNC_INTERVAL:-PT0.1S}",
        paramLabel = "DURATION",
        description = "With --fsync interval: how often the write-ahead log is synced, as an ISO-8601 "
            + "duration (default: ${DEFAULT-VALUE}).")
    java.time.Duration fsyncInterval;

    @Option(names = "--auth", defaultValue = "${env:STREAMBED_AUTH:-open}", paramLabel = "MODE",
        description = "open: any credentials are accepted; strict: every request's SigV4 signature is "
            + "verified against the root key pair, IAM users' access keys and STS credentials "
            + "(default: ${DEFAULT-VALUE}).")
    String auth;

    @Option(names = "--root-access-key", defaultValue = "${env:STREAMBED_ROOT_ACCESS_KEY}", paramLabel = "KEY",
        description = "With --auth strict: the access key id of the account's root, allowed everything.")
    String rootAccessKey;

    @Option(names = "--root-secret-key", defaultValue = "${env:STREAMBED_ROOT_SECRET_KEY}", paramLabel = "SECRET",
        description = "With --auth strict: the root key's secret (better given as STREAMBED_ROOT_SECRET_KEY).")
    String rootSecretKey;

    @Option(names = "--iam", defaultValue = "${env:STREAMBED_IAM:-off}", paramLabel = "MODE",
        description = "off: every caller may do anything; enforce: every call is authorized with IAM's "
            + "policies for the caller, as AWS does (default: ${DEFAULT-VALUE}).")
    String iam;

    @Option(names = "--max-connections", defaultValue = "${env:STREAMBED_MAX_CONNECTIONS:-10000}",
        description = "Connections served at once; more are closed as they come (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", defaultValue = "${env:STREAMBED_IDLE_TIMEOUT:-PT5M}", paramLabel = "DURATION",
        description = "How long a connection may sit with no request before it is closed, as an ISO-8601 "
            + "duration (default: ${DEFAULT-VALUE}).")
    java.time.Duration idleTimeout;

    @Option(names = "--request-timeout", defaultValue = "${env:STREAMBED_REQUEST_TIMEOUT:-PT60S}",
        paramLabel = "DURATION",
        description = "How long a request may take to arrive whole, from its first byte, as an ISO-8601 "
            + "duration (default: ${DEFAULT-VALUE}).")
    java.time.Duration requestTimeout;

    @Option(names = "--exit-when-ready", hidden = true,
        description = "Exit as soon as the endpoint is ready (used to warm the launcher's class cache).")
    boolean exitWhenReady;

    private SecurityConfig security() {
      String authMode = auth.toLowerCase(java.util.Locale.ROOT);
      String iamMode = iam.toLowerCase(java.util.Locale.ROOT);
      if (!authMode.equals("open") && !authMode.equals("strict")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--auth must be open or strict, not " + auth);
      }
      if (!iamMode.equals("off") && !iamMode.equals("enforce")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--iam must be off or enforce, not " + iam);
      }
      try {
        SecurityConfig s = SecurityConfig.open(Config.DEFAULT_MAX_BODY).withIamEnforced(iamMode.equals("enforce"))
            .withLimits(dev.streambed.server.http.Limits.defaults(Config.DEFAULT_MAX_BODY)
                .withMaxConnections(maxConnections).withIdleTimeout(idleTimeout).withRequestTimeout(requestTimeout));
        return authMode.equals("strict") ? s.withStrictAuth(rootAccessKey, rootSecretKey) : s;
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }

    @Override
    public Integer call() {
      // Set before any logger exists: slf4j-simple reads its levels once.
      System.setProperty("org.slf4j.simpleLogger.log.dev.streambed", logLevel.toLowerCase(java.util.Locale.ROOT));
      JavaMode javaMode = JavaMode.parse(javaRuntime);
      if (javaMode == null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--java-runtime must be process or in-process, not " + javaRuntime);
      }
      LambdaConfig lambda;
      StreamsConfig streams;
      try {
        lambda = new LambdaConfig(lambdaConcurrency, lambdaIdleStop, javaMode, lambdaRetryDelay);
        streams = new StreamsConfig(streamShards, shardRollover, streamStatusTransition);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      SecurityConfig security = security();
      Config config = new Config(host, port, region, account, Config.DEFAULT_MAX_BODY,
          streams, ttlSweepInterval, lambda,
          new StorageConfig(dataDir, fsync, fsyncInterval), security);
      if (!security.strictAuth() && !loopback(host)) {
        System.err.println("Warning: Streambed listens on " + host + " without --auth strict: anyone who "
            + "can reach it may do anything, with any credentials. Use --auth strict (with a root key "
            + "pair) to check who is calling.");
      }
      StreambedServer server;
      try {
        server = StreambedServer.start(config);
      } catch (dev.streambed.storage.rocksdb.StorageOpenException | dev.streambed.server.http.FrontDoor.CannotListen e) {
        System.err.println("Streambed cannot start: " + e.getMessage());
        return 2;
      }
      if (exitWhenReady) {
        // Used by the launcher to record a class-data archive of a full start.
        System.out.println("Streambed ready on " + server.endpoint());
        server.close();
        return 0;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
        System.err.println("Streambed stopped");
        // A stop asked for by SIGINT or SIGTERM is a clean exit, not a failure.
        Runtime.getRuntime().halt(0);
      }, "streambed-shutdown"));
      System.out.println("Streambed ready on " + server.endpoint());
      System.out.flush();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
  }

  /** Whether an address to listen on is this machine's loopback (127.0.0.0/8, ::1, localhost). */
  static boolean loopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** {@code streambed export}: a data directory's whole state as a snapshot directory. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the whole state kept in a data directory (Streambed not running on it) "
          + "to a snapshot directory: manifest.json and entries.jsonl.gz.")
  static final class Export implements Callable<Integer> {
    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The data directory to read.")
    java.nio.file.Path dataDir;

    @CommandLine.Parameters(index = "0", paramLabel = "SNAPSHOT", description = "A new or empty directory to write.")
    java.nio.file.Path snapshot;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
      if (!java.nio.file.Files.isDirectory(dataDir)) {
        spec.commandLine().getErr().println("Streambed cannot export: " + dataDir + " is no data directory.");
        return 2;
      }
      try (dev.streambed.storage.rocksdb.RocksStorage storage = openData(dataDir)) {
        long n = Snapshots.export(storage, snapshot);
        spec.commandLine().getOut().println("Exported " + n + " entries from " + dataDir + " to " + snapshot);
        return 0;
      } catch (dev.streambed.storage.rocksdb.StorageOpenException | Snapshots.SnapshotException e) {
        spec.commandLine().getErr().println("Streambed cannot export: " + e.getMessage());
        return 2;
      }
    }
  }

  /** {@code streambed import}: a snapshot into a new data directory. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Read a snapshot written by `streambed export` into a new or empty data directory; "
          + "then `streambed start --data-dir DIR` serves it.")
  static final class Import implements Callable<Integer> {
    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The data directory to fill.")
    java.nio.file.Path dataDir;

    @CommandLine.Parameters(index = "0", paramLabel = "SNAPSHOT", description = "The snapshot directory to read.")
    java.nio.file.Path snapshot;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
      try {
        Snapshots.manifest(snapshot);
      } catch (Snapshots.SnapshotException e) {
        spec.commandLine().getErr().println("Streambed cannot import: " + e.getMessage());
        return 2;
      }
      try (dev.streambed.storage.rocksdb.RocksStorage storage = openData(dataDir)) {
        long n = Snapshots.importInto(snapshot, storage);
        spec.commandLine().getOut().println("Imported " + n + " entries from " + snapshot + " into " + dataDir);
        return 0;
      } catch (dev.streambed.storage.rocksdb.StorageOpenException | Snapshots.SnapshotException e) {
        spec.commandLine().getErr().println("Streambed cannot import: " + e.getMessage());
        return 2;
      }
    }
  }

  private static dev.streambed.storage.rocksdb.RocksStorage openData(java.nio.file.Path dir) {
    return dev.streambed.storage.rocksdb.RocksStorage.open(dir, dev.streambed.storage.rocksdb.RocksStorage.Durability.ALWAYS,
        java.time.Duration.ofSeconds(1));
  }

  /** Reads {@code --fsync}: interval or always. */
  static final class FsyncConverter implements CommandLine.ITypeConverter<dev.streambed.storage.rocksdb.RocksStorage.Durability> {
    @Override
    public dev.streambed.storage.rocksdb.RocksStorage.Durability convert(String value) {
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "interval" -> dev.streambed.storage.rocksdb.RocksStorage.Durability.INTERVAL;
        case "always" -> dev.streambed.storage.rocksdb.RocksStorage.Durability.ALWAYS;
        default -> throw new CommandLine.TypeConversionException("'" + value + "' is neither 'interval' nor 'always'");
      };
    }
  }

  /** {@code streambed blueprint}: list the function blueprints, or write one as a zip. */
  @Command(name = "blueprint", mixinStandardHelpOptions = true,
      description = "List the Lambda function blueprints, or write one as a zip for create-function.")
  static final class Blueprint implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
        description = "The blueprint to write; without it, the blueprints are listed.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Where to write the zip (default: NAME.zip).")
    java.nio.file.Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
      java.io.PrintWriter out = spec.commandLine().getOut();
      if (name == null) {
        for (dev.streambed.lambda.Blueprints.Blueprint b : dev.streambed.lambda.Blueprints.ALL) {
          out.printf("%-34s %-12s %-32s %s%n", b.name(), b.runtime(), b.handler(), b.description());
        }
        out.flush();
        return 0;
      }
      dev.streambed.lambda.Blueprints.Blueprint b = dev.streambed.lambda.Blueprints.find(name);
      if (b == null) {
        spec.commandLine().getErr().println("No blueprint named " + name + "; `streambed blueprint` lists them.");
        return 2;
      }
      java.nio.file.Path target = output == null ? java.nio.file.Path.of(name + ".zip") : output;
      java.nio.file.Files.write(target, dev.streambed.lambda.Blueprints.zip(b));
      out.println("Wrote " + target + ": runtime " + b.runtime() + ", handler " + b.handler());
      out.flush();
      return 0;
    }
  }

  /** {@code streambed demo}: the tutorial's steps against a fresh in-memory Streambed. */
  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Run the DynamoDB Streams and Lambda tutorial against a fresh in-memory Streambed "
          + "and print what each step shows.")
  static final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      // The demo's own lines are the output; the server's would only interleave with them.
      System.setProperty("org.slf4j.simpleLogger.log.dev.streambed", "error");
      java.io.PrintWriter out = spec.commandLine().getOut();
      if (!onPath("python3")) {
        spec.commandLine().getErr().println("The demo's function runs on python3.12, which needs `python3` "
            + "on the PATH; none was found.");
        return 1;
      }
      Config config = Config.defaults().withPort(0);
      try (StreambedServer server = StreambedServer.start(config)) {
        new dev.streambed.server.demo.Demo(server, config.region(), config.accountId(), out).run();
        return 0;
      } catch (RuntimeException e) {
        out.flush();
        spec.commandLine().getErr().println("The demo stopped: " + e.getMessage());
        return 1;
      }
    }

    private static boolean onPath(String command) {
      String path = System.getenv("PATH");
      if (path == null) {
        return false;
      }
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
          return true;
        }
      }
      return false;
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"streambed " + (v == null ? "development" : v)};
    }
  }
}
