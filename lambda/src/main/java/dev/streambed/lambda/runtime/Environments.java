package dev.streambed.lambda.runtime;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execution environments of every function version: a pool per version up to its concurrency,
 * reused while warm, stopped after an idle time. Python and Node.js run as processes through
 * Streambed's own bootstraps with the machine's {@code python3} and {@code node};
 * {@code provided.*} runs the function's own {@code bootstrap}; Java runs in a JVM of its own
 * through AWS's runtime interface client, or in Streambed's JVM ({@link JavaMode}).
 */
public final class Environments implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Environments.class);
  private static final DateTimeFormatter STREAM_DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  /** Every environment of the pool is busy and the pool is at its concurrency. */
  public static final class Throttled extends RuntimeException {
    Throttled() {
      super("concurrency exhausted", null, false, false);
    }
  }

  private final Path root;
  /** Code directories unpacked so far, by content hash. */
  private final java.util.concurrent.ConcurrentHashMap<String, Path> unpacked = new java.util.concurrent.ConcurrentHashMap<>();
  private final Path bootstraps;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "lambda-environment-reaper");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Pool> pools = new ConcurrentHashMap<>();
  private static final long INIT_LIMIT_NANOS = 10_000_000_000L;
  private final Duration idleTimeout;
  private final JavaMode javaMode;
  private final Clock clock;
  private final JavaCommand javaCommand;
  private volatile boolean closed;

  private static final class Pool {
    final Deque<Environment> idle = new ArrayDeque<>();
    final List<Environment> all = new ArrayList<>();
    final Map<Environment, Long> lastUsed = new java.util.HashMap<>();
  }

  /** An environment taken for one invocation, and whether it was started for it. */
  private record Taken(Environment env, boolean fresh, long startedMillis) {}

  public Environments(Duration idleTimeout) {
    this(idleTimeout, JavaMode.PROCESS, Clock.systemUTC());
  }

  /**
   * @param idleTimeout how long an unused environment stays warm
   * @param javaMode where Java functions run unless they choose with {@link JavaMode#VARIABLE}
   * @param clock the time idleness is measured by
   */
  public Environments(Duration idleTimeout, JavaMode javaMode, Clock clock) {
    this.idleTimeout = idleTimeout;
    this.javaMode = javaMode;
    this.clock = clock;
    try {
      root = Files.createTempDirectory("streambed-lambda-");
      bootstraps = Files.createDirectories(root.resolve("runtime"));
      try (InputStream in = Environments.class.getResourceAsStream("bootstrap.py")) {
        Files.copy(in, bootstraps.resolve("bootstrap.py"), StandardCopyOption.REPLACE_EXISTING);
      }
      try (InputStream in = Environments.class.getResourceAsStream("bootstrap.js")) {
        if (in != null) {
          Files.copy(in, bootstraps.resolve("bootstrap.js"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Lambda runtime directory", e);
    }
    javaCommand = new JavaCommand(bootstraps.resolve("java"));
    long every = Math.max(1, Math.min(30, idleTimeout.toSeconds()));
    reaper.scheduleWithFixedDelay(this::stopIdle, every, every, TimeUnit.SECONDS);
  }

  /**
   * The unpacked code directory of a zip, unpacked once per content. Every file is made
   * executable, as a provided runtime's {@code bootstrap} must be.
   */
  public Path unpack(String codeSha256, byte[] zip) {
    return unpack(codeSha256, () -> zip);
  }

  /**
   * As {@link #unpack(String, byte[])}, reading the zip only when this content was not unpacked
   * yet: every invocation names its code, and a function's zip can be megabytes.
   */
  public Path unpack(String codeSha256, java.util.function.Supplier<byte[]> zip) {
    Path known = unpacked.get(codeSha256);
    if (known != null) {
      return known;
    }
    Path dir = unpackNow(codeSha256, zip);
    unpacked.put(codeSha256, dir);
    return dir;
  }

  private Path unpackNow(String codeSha256, java.util.function.Supplier<byte[]> zipped) {
    Path dir = root.resolve("code").resolve(HexFormat.of().formatHex(codeSha256.getBytes(StandardCharsets.UTF_8)));
    if (Files.isDirectory(dir)) {
      return dir;
    }
    byte[] zip = zipped.get();
    try {
      Path tmp = Files.createDirectories(root.resolve("code")).resolve(dir.getFileName() + ".tmp" + System.nanoTime());
      Files.createDirectories(tmp);
      try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
        ZipEntry e;
        while ((e = in.getNextEntry()) != null) {
          Path target = tmp.resolve(e.getName()).normalize();
          if (!target.startsWith(tmp)) {
            continue;
          }
          if (e.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().setExecutable(true, false);
          }
        }
      }
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        deleteTree(tmp);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs one invocation: in an idle environment of the spec's pool, or a new one (a cold
   * start); {@link Throttled} when the pool is at its concurrency.
   */
  public Outcome invoke(RuntimeSpec spec, String requestId, String functionArn, byte[] payload,
      String clientContext) {
    Taken taken = acquire(spec);
    Environment env = taken.env();
    boolean cold = taken.fresh();
    // Log lines are timed by the injected clock, as CloudWatch Logs reads them (retention,
    // PutLogEvents' window); durations and the timeout by the machine's.
    long startMillis = clock.millis();
    long startNanos = System.nanoTime();
    long deadline = System.currentTimeMillis() + spec.timeoutSeconds() * 1000L;
    Invocation p = env.invoke(requestId, payload, deadline, functionArn, clientContext);
    boolean timedOut = false;
    long limitNanos = spec.timeoutSeconds() * 1_000_000_000L;
    try {
      // A cold start's init has ten seconds of its own, as on AWS; the function's timeout runs
      // from when the runtime takes the event.
      CompletableFuture.anyOf(p.taken, p.done).get(limitNanos + (cold ? INIT_LIMIT_NANOS : 0), TimeUnit.NANOSECONDS);
      if (!p.done.isDone()) {
        long takenAt;
        synchronized (env) {
          takenAt = p.deliveredNanos;
        }
        p.done.get(Math.max(0, takenAt + limitNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      timedOut = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timedOut = true;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    Outcome o = InvocationLog.outcome(spec, requestId, env, p, cold ? taken.startedMillis() : 0,
        startMillis, startNanos, timedOut, clock);
    if (timedOut) {
      // Lambda stops an environment whose invocation ran out of time.
      env.kill();
    }
    release(spec, env);
    return o;
  }

  private Taken acquire(RuntimeSpec spec) {
    Pool pool = pools.computeIfAbsent(spec.poolKey(), k -> new Pool());
    synchronized (pool) {
      long cutoff = clock.millis() - idleTimeout.toMillis();
      while (!pool.idle.isEmpty()) {
        Environment env = pool.idle.pollLast();
        // One idle past its time is stopped now, even if the sweep has not come by yet.
        if (env.alive() && pool.lastUsed.getOrDefault(env, 0L) >= cutoff) {
          return new Taken(env, false, 0);
        }
        pool.all.remove(env);
        pool.lastUsed.remove(env);
        env.kill();
      }
      pool.all.removeIf(e -> !e.alive());
      if (pool.all.size() >= spec.maxConcurrency()) {
        throw new Throttled();
      }
      long started = clock.millis();
      String logStream = logStreamName(spec.version());
      Environment env;
      try {
        env = start(spec, logStream);
      } catch (IOException | RuntimeException e) {
        throw new RuntimeFailure(spec.runtime(), e);
      }
      pool.all.add(env);
      return new Taken(env, true, started);
    }
  }

  private Environment start(RuntimeSpec spec, String logStream) throws IOException {
    if (spec.runtime().startsWith("java") && javaMode(spec) == JavaMode.IN_PROCESS) {
      InProcessEnvironment env = new InProcessEnvironment(spec, logStream, clock);
      env.start();
      return env;
    }
    // Streambed's bootstraps mark the end of each invocation's output; for the others Streambed does.
    ProcessEnvironment.Marks marks = spec.runtime().startsWith("python") || spec.runtime().startsWith("nodejs")
        ? ProcessEnvironment.Marks.BOOTSTRAP : ProcessEnvironment.Marks.SERVER;
    ProcessEnvironment env = new ProcessEnvironment(spec, logStream, marks, clock);
    try {
      env.start(group, wrapped(spec, command(spec)), variables(spec, logStream));
    } catch (IOException | RuntimeException e) {
      env.kill();
      throw e;
    }
    return env;
  }

  private JavaMode javaMode(RuntimeSpec spec) {
    String chosen = spec.environment().get(JavaMode.VARIABLE);
    JavaMode mode = JavaMode.parse(chosen);
    if (chosen != null && mode == null) {
      LOG.warn("{}: {}={} is neither process nor in-process; running it as {}", spec.functionName(),
          JavaMode.VARIABLE, chosen, javaMode);
    }
    return mode == null ? javaMode : mode;
  }

  private void release(RuntimeSpec spec, Environment env) {
    Pool pool = pools.get(spec.poolKey());
    if (pool == null) {
      env.kill();
      return;
    }
    synchronized (pool) {
      if (closed || !env.alive()) {
        pool.all.remove(env);
        pool.lastUsed.remove(env);
        env.kill();
        return;
      }
      pool.lastUsed.put(env, clock.millis());
      pool.idle.addLast(env);
    }
  }

  /** A runtime this machine cannot start (its interpreter is missing, say). */
  public static final class RuntimeFailure extends RuntimeException {
    RuntimeFailure(String runtime, Exception cause) {
      super("the " + runtime + " runtime could not start: " + cause.getMessage(), cause);
    }
  }

  /**
   * The runtime's command behind the function's AWS_LAMBDA_EXEC_WRAPPER, as Lambda starts it: the
   * wrapper runs with the command as its arguments. Started through the shell, so a wrapper that
   * is not there ends the runtime with the shell's exit status 127, as AWS reports.
   */
  private static List<String> wrapped(RuntimeSpec spec, List<String> command) {
    String wrapper = spec.environment().get("AWS_LAMBDA_EXEC_WRAPPER");
    if (wrapper == null || wrapper.isEmpty()) {
      return command;
    }
    List<String> out = new java.util.ArrayList<>(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\"", wrapper));
    out.addAll(command);
    return out;
  }

  private List<String> command(RuntimeSpec spec) throws IOException {
    String runtime = spec.runtime();
    if (runtime.startsWith("python3")) {
      return List.of("python3", "-u", bootstraps.resolve("bootstrap.py").toString());
    }
    if (runtime.startsWith("nodejs")) {
      Path js = bootstraps.resolve("bootstrap.js");
      if (!Files.exists(js)) {
        throw new IOException("no Node.js bootstrap is installed");
      }
      return List.of("node", js.toString());
    }
    if (runtime.startsWith("java")) {
      return javaCommand.command(spec);
    }
    if (runtime.startsWith("provided")) {
      Path bootstrap = spec.code().resolve("bootstrap");
      if (!Files.isRegularFile(bootstrap)) {
        throw new IOException("the function has no bootstrap file");
      }
      return List.of(bootstrap.toString());
    }
    throw new IOException("Streambed does not run " + runtime + " functions yet");
  }

  private static Map<String, String> variables(RuntimeSpec spec, String logStream) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
    v.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
    v.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
    v.put("AWS_LAMBDA_LOG_GROUP_NAME", spec.logGroup());
    v.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
    v.put("AWS_REGION", spec.region());
    v.put("AWS_DEFAULT_REGION", spec.region());
    v.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
    v.put("_HANDLER", spec.handler());
    v.put("LAMBDA_TASK_ROOT", spec.code().toString());
    v.put("LAMBDA_RUNTIME_DIR", spec.code().getParent().toString());
    v.put("TZ", ":UTC");
    v.put("LANG", "en_US.UTF-8");
    v.put("AWS_ACCESS_KEY_ID", spec.accessKeyId());
    v.put("AWS_SECRET_ACCESS_KEY", spec.secretAccessKey());
    v.put("AWS_SESSION_TOKEN", spec.sessionToken());
    v.put("AWS_ENDPOINT_URL", spec.endpointUrl());
    v.put("PYTHONUNBUFFERED", "1");
    if (spec.runtime().startsWith("java")) {
      // AWS's Java runtime client writes each LambdaLogger message as a frame of its telemetry
      // log protocol to this descriptor; stdout keeps the frames in order with printed lines.
      v.put("_LAMBDA_TELEMETRY_LOG_FD", "1");
    }
    v.putAll(spec.environment());
    return v;
  }

  /** {@code YYYY/MM/DD/[VERSION]} and 32 hexadecimal digits, one per environment. */
  private String logStreamName(String version) {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    return STREAM_DATE.format(clock.instant()) + "/[" + version + "]" + HexFormat.of().formatHex(id);
  }

  private void stopIdle() {
    long cutoff = clock.millis() - idleTimeout.toMillis();
    for (Pool pool : pools.values()) {
      synchronized (pool) {
        pool.idle.removeIf(env -> {
          if (pool.lastUsed.getOrDefault(env, 0L) < cutoff || !env.alive()) {
            pool.all.remove(env);
            pool.lastUsed.remove(env);
            env.kill();
            return true;
          }
          return false;
        });
      }
    }
  }

  /** How many environments are running, for tests and the console. */
  public int running() {
    int n = 0;
    for (Pool pool : pools.values()) {
      synchronized (pool) {
        n += (int) pool.all.stream().filter(Environment::alive).count();
      }
    }
    return n;
  }

  /**
   * Stops every environment of every function, as if none had ever run (a reset of the server);
   * the runtime directory, its unpacked code and the threads stay for the functions to come.
   */
  public void stopAll() {
    for (Pool pool : pools.values()) {
      synchronized (pool) {
        pool.all.forEach(Environment::kill);
        pool.all.clear();
        pool.idle.clear();
        pool.lastUsed.clear();
      }
    }
    pools.clear();
  }

  @Override
  public void close() {
    closed = true;
    reaper.shutdownNow();
    for (Pool pool : pools.values()) {
      synchronized (pool) {
        pool.all.forEach(Environment::kill);
        pool.all.clear();
        pool.idle.clear();
      }
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    deleteTree(root);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("could not delete {}", dir, e);
    }
  }
}
