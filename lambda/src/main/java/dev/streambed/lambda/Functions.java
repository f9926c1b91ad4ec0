package dev.streambed.lambda;

import static dev.streambed.lambda.FunctionStore.encode;
import static dev.streambed.lambda.FunctionStore.read;

import dev.streambed.iam.Iam;
import dev.streambed.iam.Role;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.Batch;
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
  public static final List<String> RUNTIMES = List.of("nodejs20.x", "python3.14", "provided.al2023",
      "python3.12", "python3.13", "nodejs24.x", "nodejs22.x", "java25", "python3.10", "python3.11",
      "java21", "ruby3.3", "ruby3.4", "ruby3.2", "python3.8", "python3.9", "java17", "nodejs16.x",
      "dotnet10", "dotnet8", "java11", "dotnet6", "nodejs18.x", "provided.al2", "java8.al2");
  private static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
  private static final Pattern ROLE = Pattern.compile(ROLE_PATTERN);
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]+");
  public static final long MAX_ZIPPED = 52_428_800L;
  public static final long MAX_UNZIPPED = 262_144_000L;
  /** The account's concurrency, and the share no function may reserve. */
  public static final int ACCOUNT_CONCURRENCY = 1000;
  public static final int MIN_UNRESERVED = 100;

  private final FunctionStore store;
  private final Storage storage;
  private final Clock clock;
  private final Iam iam;

  public Functions(Storage storage, Clock clock, Iam iam) {
    this.store = new FunctionStore(storage);
    this.storage = storage;
    this.clock = clock;
    this.iam = iam;
  }

  /** What CreateFunction asks for; null members take Lambda's defaults. */
  public record CreateRequest(String name, String runtime, String handler, String role,
      String description, Integer timeout, Integer memorySize, Map<String, String> environment,
      List<String> architectures, byte[] zip, Map<String, String> tags, String packageType) {}

  /** What UpdateFunctionConfiguration may change; null members stay as they are. */
  public record ConfigurationUpdate(String runtime, String handler, String role, String description,
      Integer timeout, Integer memorySize, Map<String, String> environment, String revisionId) {}

  /** A configuration and the ARN it is shown under (qualified by an alias or version when asked so). */
  public record Resolved(FunctionConfig config, String functionArn) {}

  // ---------------------------------------------------------------- functions

  public FunctionConfig create(String account, String region, CreateRequest r) {
    validateName(r.name());
    checkRolePattern(r.role());
    int timeout = r.timeout() == null ? 3 : r.timeout();
    int memory = r.memorySize() == null ? 128 : r.memorySize();
    checkLimits(timeout, memory);
    List<String> architectures = architectures(r.architectures());
    if (r.packageType() != null && !r.packageType().equals("Zip")) {
      throw invalid("Streambed runs functions packaged as Zip only; PackageType " + r.packageType()
          + " is not supported.");
    }
    checkRuntime(r.runtime());
    if (r.zip() == null) {
      throw invalid("Please provide a source for function code.");
    }
    if (r.handler() == null) {
      throw invalid("Handler is required when PackageType is Zip.");
    }
    checkZip(r.zip());
    checkRole(r.role(), account, "arn:aws:lambda:" + region + ":" + account + ":function:" + r.name());
    String sha = sha256(r.zip());
    FunctionConfig f = new FunctionConfig("$LATEST", account, region, r.name(), r.runtime(), r.handler(),
        r.role(), r.description() == null ? "" : r.description(), timeout, memory,
        r.environment() == null ? Map.of() : Map.copyOf(r.environment()), architectures, sha,
        r.zip().length, clock.millis(), UUID.randomUUID().toString(),
        r.tags() == null ? Map.of() : Map.copyOf(r.tags()), 512);
    byte[] key = FunctionStore.stateKey(account, region, r.name());
    try {
      storage.commit(new Batch().expectVersion(key, Storage.ABSENT)
          .put(key, encode(new FunctionState(f, 0, null, null))).put(FunctionStore.codeKey(sha), r.zip()));
    } catch (VersionConflictException exists) {
      throw new AwsException(LambdaError.RESOURCE_CONFLICT, "Function already exist: " + r.name());
    }
    return f;
  }

  /**
   * The configuration a reference names: $LATEST when unqualified, a published version, or the
   * version an alias points at; ResourceNotFoundException otherwise.
   */
  public Resolved resolve(FunctionRef ref) {
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
    FunctionConfig target = a.functionVersion().equals("$LATEST") ? latest : version(ref, a.functionVersion());
    return new Resolved(target, a.arn());
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

  public FunctionConfig updateCode(FunctionRef ref, byte[] zip, String revisionId) {
    checkZip(zip);
    String sha = sha256(zip);
    return change(ref, revisionId, f -> new FunctionConfig(f.version(), f.account(), f.region(), f.name(),
        f.runtime(), f.handler(), f.role(), f.description(), f.timeout(), f.memorySize(), f.environment(),
        f.architectures(), sha, zip.length, clock.millis(), UUID.randomUUID().toString(), f.tags(),
        f.ephemeralStorage()), new Batch().put(FunctionStore.codeKey(sha), zip));
  }

  public FunctionConfig updateConfiguration(FunctionRef ref, ConfigurationUpdate u) {
    if (u.role() != null) {
      checkRolePattern(u.role());
    }
    if (u.runtime() != null) {
      checkRuntime(u.runtime());
    }
    if (u.role() != null) {
      checkRole(u.role(), ref.account(), unqualified(ref).arn());
    }
    return change(ref, u.revisionId(), f -> {
      int timeout = u.timeout() == null ? f.timeout() : u.timeout();
      int memory = u.memorySize() == null ? f.memorySize() : u.memorySize();
      checkLimits(timeout, memory);
      return new FunctionConfig(f.version(), f.account(), f.region(), f.name(),
          u.runtime() == null ? f.runtime() : u.runtime(), u.handler() == null ? f.handler() : u.handler(),
          u.role() == null ? f.role() : u.role(), u.description() == null ? f.description() : u.description(),
          timeout, memory, u.environment() == null ? f.environment() : Map.copyOf(u.environment()),
          f.architectures(), f.codeSha256(), f.codeSize(), clock.millis(), UUID.randomUUID().toString(),
          f.tags(), f.ephemeralStorage());
    }, new Batch());
  }

  /**
   * DeleteFunction: the whole function with its versions and aliases, or, with a version as
   * qualifier, that version only.
   */
  public void delete(FunctionRef ref) {
    FunctionRef base = unqualified(ref);
    String q = ref.qualifier();
    state(base);
    if (q != null && !q.equals("$LATEST")) {
      if (!isNumber(q)) {
        throw invalid("Deletion of aliases is not currently supported.");
      }
      byte[] vk = FunctionStore.versionKey(ref.account(), ref.region(), ref.name(), Integer.parseInt(q));
      if (storage.get(vk) == null) {
        throw notFound(base.arn());
      }
      storage.commit(new Batch().delete(vk));
      return;
    }
    Batch batch = new Batch().delete(FunctionStore.stateKey(ref.account(), ref.region(), ref.name()));
    store.keys(FunctionStore.versionPrefix(ref.account(), ref.region(), ref.name())).forEach(batch::delete);
    store.keys(FunctionStore.aliasPrefix(ref.account(), ref.region(), ref.name())).forEach(batch::delete);
    storage.commit(batch);
  }

  /** A function's code by its SHA-256 (as CodeSha256 shows it), or null. */
  public byte[] code(String codeSha256) {
    Entry e = storage.get(FunctionStore.codeKey(codeSha256));
    return e == null ? null : e.value();
  }

  /** The total size of the functions' code and their number, for GetAccountSettings. */
  public long[] usage(String account, String region) {
    long total = 0;
    List<FunctionConfig> all = list(account, region);
    for (FunctionConfig f : all) {
      total += f.codeSize();
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
      FunctionState next = new FunctionState(latest, number, latest.revisionId(), state.reservedConcurrency());
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
      if (merged.size() > 50) {
        throw invalid("Number of tags exceeds resource tag limit.");
      }
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
      throw invalid("Specified ReservedConcurrentExecutions for function decreases account's "
          + "UnreservedConcurrentExecution below its minimum value of [" + MIN_UNRESERVED + "].");
    }
    changeState(ref, s -> new FunctionState(s.latest(), s.lastVersion(), s.publishedRevisionId(), reserved));
    return reserved;
  }

  /** GetFunctionConcurrency: the reservation, or null when the function has none. */
  public Integer reservedConcurrency(FunctionRef ref) {
    return state(unqualified(ref)).reservedConcurrency();
  }

  /** DeleteFunctionConcurrency. */
  public void releaseConcurrency(FunctionRef ref) {
    changeState(ref, s -> new FunctionState(s.latest(), s.lastVersion(), s.publishedRevisionId(), null));
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

  FunctionState state(FunctionRef ref) {
    Entry e = storage.get(FunctionStore.stateKey(ref.account(), ref.region(), ref.name()));
    if (e == null) {
      throw notFound(unqualified(ref).arn());
    }
    return read(e.value(), FunctionState.class);
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

  /** Refuses a function name Lambda would refuse, in its words. */
  public static void validateName(String name) {
    if (name == null) {
      throw AwsException.validation("1 validation error detected: Value null at 'functionName' "
          + "failed to satisfy constraint: Member must not be null");
    }
    if (name.length() > 64 || !NAME.matcher(name).matches()) {
      throw AwsException.validation("1 validation error detected: Value '" + name + "' at "
          + "'functionName' failed to satisfy constraint: Member must satisfy regular expression "
          + "pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
          + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
    }
  }

  private static void checkRolePattern(String role) {
    if (role == null || !ROLE.matcher(role).matches()) {
      throw AwsException.validation("1 validation error detected: Value '" + role + "' at 'role' "
          + "failed to satisfy constraint: Member must satisfy regular expression pattern: " + ROLE_PATTERN);
    }
  }

  private static void checkLimits(int timeout, int memory) {
    if (timeout < 1) {
      throw AwsException.validation("1 validation error detected: Value '" + timeout + "' at 'timeout' "
          + "failed to satisfy constraint: Member must have value greater than or equal to 1");
    }
    if (timeout > 900) {
      throw AwsException.validation("1 validation error detected: Value '" + timeout + "' at 'timeout' "
          + "failed to satisfy constraint: Member must have value less than or equal to 900");
    }
    if (memory < 128) {
      throw AwsException.validation("1 validation error detected: Value '" + memory + "' at "
          + "'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128");
    }
    if (memory > 10240) {
      throw AwsException.validation("1 validation error detected: Value '" + memory + "' at "
          + "'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240");
    }
  }

  private static List<String> architectures(List<String> given) {
    if (given == null) {
      return List.of("x86_64");
    }
    if (given.size() > 1) {
      throw AwsException.validation("1 validation error detected: Value '" + given + "' at "
          + "'architectures' failed to satisfy constraint: Member must have length less than or equal to 1");
    }
    if (given.isEmpty() || !Set.of("x86_64", "arm64").contains(given.get(0))) {
      throw AwsException.validation("1 validation error detected: Value '" + given + "' at "
          + "'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member "
          + "must satisfy enum value set: [x86_64, arm64], Member must not be null]");
    }
    return List.copyOf(given);
  }

  private static void checkRuntime(String runtime) {
    if (runtime == null || !RUNTIMES.contains(runtime)) {
      throw invalid("Value " + runtime + " at 'runtime' failed to satisfy constraint: Member must "
          + "satisfy enum value set: " + RUNTIMES + " or be a valid ARN");
    }
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

  /** Refuses what is not a zip, or unpacks larger than Lambda allows. */
  private static void checkZip(byte[] zip) {
    if (zip.length > MAX_ZIPPED) {
      throw new AwsException(LambdaError.REQUEST_TOO_LARGE, "Zipped size must be smaller than "
          + MAX_ZIPPED + " bytes");
    }
    long unzipped = 0;
    int entries = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      byte[] buffer = new byte[8192];
      while (in.getNextEntry() != null) {
        entries++;
        int n;
        while ((n = in.read(buffer)) > 0) {
          unzipped += n;
          if (unzipped > MAX_UNZIPPED) {
            throw invalid("Unzipped size must be smaller than " + MAX_UNZIPPED + " bytes");
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      entries = 0;
    }
    if (entries == 0) {
      throw invalid("Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
  }

  /** CodeSha256 as Lambda shows it: the base64 of the zip's SHA-256. */
  public static String sha256(byte[] zip) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
