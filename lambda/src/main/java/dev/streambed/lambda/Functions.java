package dev.streambed.lambda;

import static dev.streambed.lambda.FunctionStore.encode;
import static dev.streambed.lambda.FunctionStore.read;

import dev.streambed.iam.Iam;
import dev.streambed.iam.Role;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Decoded;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;

/**
 * The Lambda control plane: functions, their published versions, tags and reserved
 * concurrency, with Lambda's validation and messages. Aliases are in {@link Aliases}.
 *
 * <p>Functions become Active as soon as they are created: CreateFunction answers Pending as AWS
 * does and the next read reports Active, so the SDK's and CLI's waiters return at their first
 * poll; updates answer LastUpdateStatus InProgress and then read Successful.
 */
public final class Functions {
  /** Every runtime Lambda accepts, in the order AWS lists them in its refusal. */
  public static final List<String> RUNTIMES = FunctionChecks.RUNTIMES;
  /** Function names that are aliases: no $ and not all digits. */
  private static final Pattern ALIAS_NAME = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9-_]+");
  public static final long MAX_ZIPPED = 52_428_800L;
  public static final long MAX_UNZIPPED = 262_144_000L;
  /** The account's concurrency, and the share no function may reserve. */
  public static final int ACCOUNT_CONCURRENCY = 1000;
  public static final int MIN_UNRESERVED = 100;

  private final FunctionStore store;
  private final Storage storage;
  /** Each invocation reads its function's state: decoded once per change (see {@link Decoded}). */
  private final Decoded<FunctionState> states = new Decoded<>(4096, bytes -> read(bytes, FunctionState.class));
  private final Clock clock;
  private final Iam iam;
  private final EventInvokeConfigs eventInvokeConfigs;
  private final Policies policies;
  private final RecursionConfigs recursionConfigs;

  public Functions(Storage storage, Clock clock, Iam iam) {
    this.store = new FunctionStore(storage);
    this.storage = storage;
    this.clock = clock;
    this.iam = iam;
    Aliases aliases = new Aliases(this, storage);
    this.eventInvokeConfigs = new EventInvokeConfigs(this, aliases, storage, clock, iam);
    this.policies = new Policies(this, aliases, storage);
    this.recursionConfigs = new RecursionConfigs(this, storage);
  }

  /** The functions' RecursiveLoop settings. */
  public RecursionConfigs recursionConfigs() {
    return recursionConfigs;
  }

  /** The functions' resource-based policies (kept with each function, deleted with it). */
  public Policies policies() {
    return policies;
  }

  /** The functions' EventInvokeConfigs (kept with each function, deleted with it). */
  public EventInvokeConfigs eventInvokeConfigs() {
    return eventInvokeConfigs;
  }

  /**
   * What CreateFunction asks for; null members take Lambda's defaults.
   *
   * @param environment the Environment's Variables, or null when no Environment was given
   * @param publish whether to publish version 1 at once (Publish)
   */
  public record CreateRequest(String name, String runtime, String handler, String role,
      String description, Integer timeout, Integer memorySize, Map<String, String> environment,
      List<String> architectures, byte[] zip, Map<String, String> tags, String packageType,
      FunctionConfig.Logging logging, String deadLetterTarget, boolean publish) {}

  /** What UpdateFunctionConfiguration may change; null members stay as they are. */
  public record ConfigurationUpdate(String runtime, String handler, String role, String description,
      Integer timeout, Integer memorySize, Map<String, String> environment, String revisionId,
      FunctionConfig.Logging logging, String deadLetterTarget) {}

  /** A configuration and the ARN it is shown under (qualified by an alias or version when asked so). */
  public record Resolved(FunctionConfig config, String functionArn) {}

  // ---------------------------------------------------------------- functions

  public FunctionConfig create(String account, String region, CreateRequest r) {
    String name = FunctionRef.toCreate(r.name(), account, region).name();
    FunctionChecks.rolePattern(r.role());
    int timeout = r.timeout() == null ? 3 : r.timeout();
    int memory = r.memorySize() == null ? 128 : r.memorySize();
    FunctionChecks.limits(timeout, memory);
    List<String> architectures = FunctionChecks.architectures(r.architectures());
    if (r.packageType() != null && !r.packageType().equals("Zip")) {
      throw invalid("Streambed runs functions packaged as Zip only; PackageType " + r.packageType()
          + " is not supported.");
    }
    FunctionChecks.runtime(r.runtime());
    if (r.zip() == null) {
      throw invalid("Please provide a source for function code.");
    }
    if (r.handler() == null) {
      throw invalid("Handler is required when PackageType is Zip.");
    }
    FunctionChecks.zip(r.zip());
    FunctionChecks.environment(r.environment());
    FunctionChecks.tagCount(r.tags());
    checkRole(r.role(), account, "arn:aws:lambda:" + region + ":" + account + ":function:" + name);
    String sha = FunctionChecks.sha256(r.zip());
    long now = clock.millis();
    FunctionConfig f = new FunctionConfig("$LATEST", account, region, name, r.runtime(), r.handler(),
        r.role(), r.description() == null ? "" : r.description(), timeout, memory,
        ordered(r.environment()), architectures, sha,
        r.zip().length, now, UUID.randomUUID().toString(),
        r.tags() == null ? Map.of() : Map.copyOf(r.tags()), 512, r.logging(), r.deadLetterTarget());
    byte[] key = FunctionStore.stateKey(account, region, name);
    Batch batch = new Batch().expectVersion(key, Storage.ABSENT).put(FunctionStore.codeKey(sha), r.zip());
    if (r.publish()) {
      // Publish: version 1 is taken from $LATEST as created, so publishing again answers it.
      batch.put(key, encode(new FunctionState(f, 1, f.revisionId(), null, false)))
          .put(FunctionStore.versionKey(account, region, name, 1),
              encode(f.asVersion("1", f.description(), now, UUID.randomUUID().toString())));
    } else {
      batch.put(key, encode(new FunctionState(f, 0, null, null, false)));
    }
    try {
      storage.commit(batch);
    } catch (VersionConflictException exists) {
      throw new AwsException(LambdaError.RESOURCE_CONFLICT, "Function already exist: " + name);
    }
    if (r.publish()) {
      // AWS answers a published creation with $LATEST's configuration numbered as version 1.
      FunctionConfig.Builder shown = f.toBuilder();
      shown.version = "1";
      return shown.build();
    }
    return f;
  }

  /**
   * The configuration a reference names: $LATEST when unqualified, a published version, or the
   * version an alias points at; ResourceNotFoundException otherwise.
   */
  public Resolved resolve(FunctionRef ref) {
    return resolve(ref, false);
  }

  /**
   * The configuration an invocation through the reference runs: as {@link #resolve}, but an alias
   * that routes part of its traffic sends each invocation to its additional version with that
   * version's weight, as Lambda does.
   */
  public Resolved resolveForInvocation(FunctionRef ref) {
    return resolve(ref, true);
  }

  private Resolved resolve(FunctionRef ref, boolean route) {
    FunctionConfig latest = state(ref).latest();
    String q = ref.qualifier();
    if (q == null) {
      return new Resolved(latest, latest.arn());
    }
    if (q.equals("$LATEST")) {
      return new Resolved(latest, latest.arn() + ":$LATEST");
    }
    if (isNumber(q)) {
      return new Resolved(version(ref, q), latest.arn() + ":" + q);
    }
    Entry alias = storage.get(FunctionStore.aliasKey(ref.account(), ref.region(), ref.name(), q));
    if (alias == null) {
      throw notFound(ref.arn());
    }
    Alias a = read(alias.value(), Alias.class);
    String chosen = a.functionVersion();
    if (route && a.weights() != null) {
      double draw = java.util.concurrent.ThreadLocalRandom.current().nextDouble();
      for (Map.Entry<String, Double> w : a.weights().entrySet()) {
        if (draw < w.getValue()) {
          chosen = w.getKey();
          break;
        }
        draw -= w.getValue();
      }
    }
    FunctionConfig target = chosen.equals("$LATEST") ? latest : version(ref, chosen);
    return new Resolved(target, a.arn());
  }

  /** Whether the function exists (its qualifier is not looked at). */
  public boolean exists(FunctionRef ref) {
    return storage.get(FunctionStore.stateKey(ref.account(), ref.region(), ref.name())) != null;
  }

  /** The configuration a reference names (see {@link #resolve}). */
  public FunctionConfig get(FunctionRef ref) {
    return resolve(ref).config();
  }

  /** The functions of an account in a region, by name ($LATEST). */
  public List<FunctionConfig> list(String account, String region) {
    return store.all(FunctionStore.statePrefix(account, region), FunctionState.class).stream()
        .map(FunctionState::latest).toList();
  }

  public FunctionConfig updateCode(FunctionRef ref, byte[] zip, String revisionId, List<String> architectures) {
    FunctionChecks.zip(zip);
    String sha = FunctionChecks.sha256(zip);
    List<String> newArchitectures = architectures == null ? null : FunctionChecks.architectures(architectures);
    return update(ref, revisionId, f -> {
      FunctionConfig.Builder b = f.toBuilder();
      b.codeSha256 = sha;
      b.codeSize = zip.length;
      if (newArchitectures != null) {
        b.architectures = newArchitectures;
      }
      return b;
    }, new Batch().put(FunctionStore.codeKey(sha), zip));
  }

  public FunctionConfig updateConfiguration(FunctionRef ref, ConfigurationUpdate u) {
    if (u.role() != null) {
      FunctionChecks.rolePattern(u.role());
    }
    if (u.runtime() != null) {
      FunctionChecks.runtime(u.runtime());
    }
    if (u.role() != null) {
      checkRole(u.role(), ref.account(), unqualified(ref).arn());
    }
    return update(ref, u.revisionId(), f -> {
      FunctionConfig.Builder b = f.toBuilder();
      b.timeout = u.timeout() == null ? f.timeout() : u.timeout();
      b.memorySize = u.memorySize() == null ? f.memorySize() : u.memorySize();
      FunctionChecks.limits(b.timeout, b.memorySize);
      b.runtime = u.runtime() == null ? f.runtime() : u.runtime();
      b.handler = u.handler() == null ? f.handler() : u.handler();
      b.role = u.role() == null ? f.role() : u.role();
      b.description = u.description() == null ? f.description() : u.description();
      b.environment = u.environment() == null ? f.environment() : ordered(u.environment());
      FunctionChecks.environment(u.environment());
      b.logging = u.logging() == null ? f.logging() : u.logging();
      if (u.deadLetterTarget() != null) {
        b.deadLetterTarget = u.deadLetterTarget().isEmpty() ? null : u.deadLetterTarget();
      }
      return b;
    }, new Batch());
  }

  /**
   * An update of $LATEST: a new LastModified and RevisionId, and the update stays in progress
   * until the function is next read (see {@link #settle}); another update before that is refused
   * as AWS refuses one while an update runs.
   */
  private FunctionConfig update(FunctionRef ref, String revisionId,
      java.util.function.Function<FunctionConfig, FunctionConfig.Builder> change, Batch also) {
    FunctionState[] result = new FunctionState[1];
    changeState(ref, s -> {
      if (s.updating()) {
        throw new AwsException(LambdaError.RESOURCE_CONFLICT, "The operation cannot be performed at this time. "
            + "An update is in progress for resource: " + s.latest().arn());
      }
      checkRevision(s.latest().revisionId(), revisionId);
      FunctionConfig.Builder b = change.apply(s.latest());
      b.lastModifiedMillis = clock.millis();
      b.revisionId = UUID.randomUUID().toString();
      result[0] = s.withLatest(b.build()).updating(true);
      return result[0];
    }, also);
    return result[0].latest();
  }

  /**
   * Ends an update in progress: the read of a function that reports it Successful. Lambda takes
   * about a second; Streambed's updates are done when answered, so the first read settles them
   * and the SDK's and CLI's waiters return at their first poll.
   */
  public void settle(FunctionRef ref) {
    byte[] key = FunctionStore.stateKey(ref.account(), ref.region(), ref.name());
    Entry e = storage.get(key);
    if (e == null) {
      return;
    }
    FunctionState s = read(e.value(), FunctionState.class);
    if (s.updating()) {
      try {
        storage.commit(new Batch().expectVersion(key, e.version()).put(key, encode(s.updating(false))));
      } catch (VersionConflictException raced) {
        // another writer changed the state: its own update decides
      }
    }
  }

  /**
   * DeleteFunction: the whole function with its versions and aliases, or, with a version as
   * qualifier, that version only (deleting a version that does not exist succeeds, as on AWS).
   * Aliases and $LATEST cannot be deleted by qualifier, and AWS says so before it looks for the
   * function.
   */
  public void delete(FunctionRef ref) {
    FunctionRef base = unqualified(ref);
    String q = ref.qualifier();
    if ("$LATEST".equals(q)) {
      throw invalid("$LATEST version cannot be deleted without deleting the function.");
    }
    if (q != null && ALIAS_NAME.matcher(q).matches()) {
      throw invalid("Deletion of aliases is not currently supported.");
    }
    state(base);
    if (q != null) {
      if (!isNumber(q)) {
        throw notFound(base.arn());
      }
      storage.commit(new Batch().delete(
          FunctionStore.versionKey(ref.account(), ref.region(), ref.name(), Integer.parseInt(q))));
      return;
    }
    Batch batch = new Batch().delete(FunctionStore.stateKey(ref.account(), ref.region(), ref.name()));
    store.keys(FunctionStore.versionPrefix(ref.account(), ref.region(), ref.name())).forEach(batch::delete);
    store.keys(FunctionStore.aliasPrefix(ref.account(), ref.region(), ref.name())).forEach(batch::delete);
    store.keys(FunctionStore.settingPrefix(ref.account(), ref.region(), ref.name())).forEach(batch::delete);
    storage.commit(batch);
  }

  /** A function's code by its SHA-256 (as CodeSha256 shows it), or null. */
  public byte[] code(String codeSha256) {
    Entry e = storage.get(FunctionStore.codeKey(codeSha256));
    return e == null ? null : e.value();
  }

  /**
   * The total size of the functions' code and their number, for GetAccountSettings: every
   * published version counts its code again, as AWS counts it.
   */
  public long[] usage(String account, String region) {
    long total = 0;
    List<FunctionConfig> all = list(account, region);
    for (FunctionConfig f : all) {
      total += f.codeSize();
    }
    for (FunctionConfig v : store.all(FunctionStore.versionPrefix(account, region), FunctionConfig.class)) {
      total += v.codeSize();
    }
    return new long[] {total, all.size()};
  }

  // ---------------------------------------------------------------- versions

  /** $LATEST and every published version of a function, oldest version first. */
  public List<FunctionConfig> versions(FunctionRef ref) {
    List<FunctionConfig> out = new ArrayList<>();
    out.add(state(unqualified(ref)).latest());
    out.addAll(store.all(FunctionStore.versionPrefix(ref.account(), ref.region(), ref.name()), FunctionConfig.class));
    return out;
  }

  /**
   * PublishVersion: $LATEST as a new numbered version, unless it has not changed since the last
   * publication, in which case that version is answered again, as AWS does.
   */
  public FunctionConfig publish(FunctionRef ref, String codeSha256, String description, String revisionId) {
    byte[] key = FunctionStore.stateKey(ref.account(), ref.region(), ref.name());
    while (true) {
      Entry e = storage.get(key);
      if (e == null) {
        throw notFound(unqualified(ref).arn());
      }
      FunctionState state = read(e.value(), FunctionState.class);
      FunctionConfig latest = state.latest();
      checkRevision(latest.revisionId(), revisionId);
      if (codeSha256 != null && !codeSha256.equals(latest.codeSha256())) {
        throw invalid("CodeSHA256 (" + codeSha256 + ") is different from current CodeSHA256 in $LATEST ("
            + latest.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.");
      }
      if (state.lastVersion() > 0 && latest.revisionId().equals(state.publishedRevisionId())) {
        return version(ref, Integer.toString(state.lastVersion()));
      }
      int number = state.lastVersion() + 1;
      FunctionConfig published = latest.asVersion(Integer.toString(number),
          description == null ? latest.description() : description, clock.millis(), UUID.randomUUID().toString());
      FunctionState next = new FunctionState(latest, number, latest.revisionId(), state.reservedConcurrency(),
          state.updating());
      try {
        storage.commit(new Batch().expectVersion(key, e.version()).put(key, encode(next))
            .put(FunctionStore.versionKey(ref.account(), ref.region(), ref.name(), number), encode(published)));
        return published;
      } catch (VersionConflictException raced) {
        Thread.onSpinWait();
      }
    }
  }

  FunctionConfig version(FunctionRef ref, String number) {
    Entry e = storage.get(FunctionStore.versionKey(ref.account(), ref.region(), ref.name(), Integer.parseInt(number)));
    if (e == null) {
      throw notFound(new FunctionRef(ref.account(), ref.region(), ref.name(), number).arn());
    }
    return read(e.value(), FunctionConfig.class);
  }

  // ---------------------------------------------------------------- tags

  /** Tags of the function (they belong to the function as a whole, kept on $LATEST). */
  public Map<String, String> tags(FunctionRef ref) {
    noQualifierForTags(ref);
    return state(ref).latest().tags();
  }

  public void tag(FunctionRef ref, Map<String, String> tags) {
    noQualifierForTags(ref);
    if (tags == null || tags.isEmpty()) {
      throw invalid("An error occurred and the request cannot be processed.");
    }
    change(ref, null, f -> {
      Map<String, String> merged = new TreeMap<>(f.tags());
      merged.putAll(tags);
      FunctionChecks.tagCount(merged);
      return f.withTags(merged);
    }, new Batch());
  }

  public void untag(FunctionRef ref, List<String> keys) {
    noQualifierForTags(ref);
    if (keys == null) {
      throw AwsException.validation("1 validation error detected: Value null at 'tagKeys' failed to "
          + "satisfy constraint: Member must not be null");
    }
    change(ref, null, f -> {
      Map<String, String> remaining = new TreeMap<>(f.tags());
      keys.forEach(remaining::remove);
      return f.withTags(remaining);
    }, new Batch());
  }

  private static void noQualifierForTags(FunctionRef ref) {
    if (ref.qualifier() != null) {
      throw invalid("Tags on function aliases and versions are not supported. Please specify a function ARN.");
    }
  }

  // ---------------------------------------------------------------- concurrency

  /** PutFunctionConcurrency. */
  public int reserveConcurrency(FunctionRef ref, int reserved) {
    if (ref.qualifier() != null) {
      throw invalid("This operation is permitted on Lambda functions only. Aliases and versions do "
          + "not support this operation. Please specify either a function name or an unqualified function ARN.");
    }
    if (storage.get(FunctionStore.stateKey(ref.account(), ref.region(), ref.name())) == null) {
      throw notFound(ref.arn() + ":$LATEST");
    }
    if (reserved < 0) {
      throw AwsException.validation("1 validation error detected: Value '" + reserved + "' at "
          + "'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value "
          + "greater than or equal to 0");
    }
    int others = 0;
    for (FunctionState s : store.all(FunctionStore.statePrefix(ref.account(), ref.region()), FunctionState.class)) {
      if (!s.latest().name().equals(ref.name()) && s.reservedConcurrency() != null) {
        others += s.reservedConcurrency();
      }
    }
    if (ACCOUNT_CONCURRENCY - others - reserved < MIN_UNRESERVED) {
      throw new AwsException(LambdaError.INVALID_PARAMETER_VALUE_UNTYPED, "Specified ReservedConcurrentExecutions for function decreases account's "
          + "UnreservedConcurrentExecution below its minimum value of [" + MIN_UNRESERVED + "].");
    }
    changeState(ref, s -> new FunctionState(s.latest(), s.lastVersion(), s.publishedRevisionId(), reserved,
        s.updating()));
    return reserved;
  }

  /** GetFunctionConcurrency: the reservation, or null when the function has none. */
  public Integer reservedConcurrency(FunctionRef ref) {
    return state(unqualified(ref)).reservedConcurrency();
  }

  /** DeleteFunctionConcurrency. */
  public void releaseConcurrency(FunctionRef ref) {
    changeState(ref, s -> new FunctionState(s.latest(), s.lastVersion(), s.publishedRevisionId(), null,
        s.updating()));
  }

  /** The concurrency no function has reserved, for GetAccountSettings. */
  public int unreservedConcurrency(String account, String region) {
    int reserved = 0;
    for (FunctionState s : store.all(FunctionStore.statePrefix(account, region), FunctionState.class)) {
      if (s.reservedConcurrency() != null) {
        reserved += s.reservedConcurrency();
      }
    }
    return ACCOUNT_CONCURRENCY - reserved;
  }

  // ---------------------------------------------------------------- state

  /** The function's state; ResourceNotFoundException naming the reference (with its qualifier) when missing. */
  FunctionState state(FunctionRef ref) {
    Entry e = storage.get(FunctionStore.stateKey(ref.account(), ref.region(), ref.name()));
    if (e == null) {
      throw notFound(ref.arn());
    }
    return states.of(e);
  }

  /** Replaces $LATEST by {@code change} of it, together with {@code also}, as one atomic write. */
  private FunctionConfig change(FunctionRef ref, String revisionId, UnaryOperator<FunctionConfig> change,
      Batch also) {
    FunctionState[] result = new FunctionState[1];
    changeState(ref, s -> {
      checkRevision(s.latest().revisionId(), revisionId);
      result[0] = s.withLatest(change.apply(s.latest()));
      return result[0];
    }, also);
    return result[0].latest();
  }

  private void changeState(FunctionRef ref, UnaryOperator<FunctionState> change) {
    changeState(ref, change, new Batch());
  }

  /** An optimistic read-change-write of a function's state, retried when another writer won. */
  private void changeState(FunctionRef ref, UnaryOperator<FunctionState> change, Batch also) {
    byte[] key = FunctionStore.stateKey(ref.account(), ref.region(), ref.name());
    while (true) {
      Entry e = storage.get(key);
      if (e == null) {
        throw notFound(unqualified(ref).arn());
      }
      FunctionState next = change.apply(read(e.value(), FunctionState.class));
      Batch batch = new Batch().expectVersion(key, e.version()).put(key, encode(next));
      also.writes().forEach(w -> batch.put(w.key(), w.value()));
      try {
        storage.commit(batch);
        return;
      } catch (VersionConflictException raced) {
        Thread.onSpinWait();
      }
    }
  }

  // ---------------------------------------------------------------- validation

  static FunctionRef unqualified(FunctionRef ref) {
    return new FunctionRef(ref.account(), ref.region(), ref.name(), null);
  }

  /** The variables in the order given, as Lambda shows them; null stays null. */
  private static Map<String, String> ordered(Map<String, String> variables) {
    return variables == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }

  static boolean isNumber(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  static AwsException invalid(String message) {
    return new AwsException(LambdaError.INVALID_PARAMETER_VALUE, message);
  }

  static AwsException notFound(String arn) {
    return new AwsException(LambdaError.RESOURCE_NOT_FOUND, "Function not found: " + arn);
  }

  static void checkRevision(String current, String given) {
    if (given != null && !given.equals(current)) {
      throw new AwsException(LambdaError.PRECONDITION_FAILED, "The Revision Id provided does not "
          + "match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    }
  }

  /**
   * Refuses a function name CreateFunction would refuse, in Lambda's words (for callers that
   * check a name before they have the rest of a request: the console).
   */
  public static void validateName(String name) {
    FunctionRef.toCreate(name, "000000000000", "us-east-1");
  }

  /**
   * The role must exist and trust Lambda, as AWS checks when it creates the function: Lambda
   * assumes it for the function, so the trust policy sees the function's account and ARN as
   * aws:SourceAccount and aws:SourceArn.
   */
  private void checkRole(String roleArn, String account, String functionArn) {
    Role role = iam.roles().find(roleArn);
    if (role == null || !iam.serviceMayAssume(role, "lambda.amazonaws.com", account, functionArn)) {
      throw invalid("The role defined for the function cannot be assumed by Lambda.");
    }
  }

  /** CodeSha256 as Lambda shows it: the base64 of the zip's SHA-256. */
  public static String sha256(byte[] zip) {
    return FunctionChecks.sha256(zip);
  }
}
