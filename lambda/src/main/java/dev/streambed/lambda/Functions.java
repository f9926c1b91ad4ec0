package dev.streambed.lambda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.iam.Iam;
import dev.streambed.iam.Role;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Lambda control plane: creating, reading, listing, updating and deleting functions, with
 * Lambda's validation and messages. Code is stored once per content under its SHA-256.
 *
 * <p>Functions become Active as soon as they are created: CreateFunction answers Pending as AWS
 * does and the next read reports Active, so the SDK's and CLI's waiters return at their first
 * poll; updates answer LastUpdateStatus InProgress and then read Successful.
 *
 * <p>Storage keys: {@code 0x40 | account/region/name} holds a configuration,
 * {@code 0x41 | sha256} the code.
 */
public final class Functions {
  private static final byte CONFIG = 0x40;
  private static final byte CODE = 0x41;
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
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

  private final Storage storage;
  private final Clock clock;
  private final Iam iam;

  public Functions(Storage storage, Clock clock, Iam iam) {
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

  public FunctionConfig create(String account, String region, CreateRequest r) {
    validateName(r.name());
    if (r.role() == null || !ROLE.matcher(r.role()).matches()) {
      throw AwsException.validation("1 validation error detected: Value '" + r.role() + "' at 'role' "
          + "failed to satisfy constraint: Member must satisfy regular expression pattern: " + ROLE_PATTERN);
    }
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
    checkRole(r.role());
    String sha = sha256(r.zip());
    long now = clock.millis();
    FunctionConfig f = new FunctionConfig(account, region, r.name(), r.runtime(), r.handler(), r.role(),
        r.description() == null ? "" : r.description(), timeout, memory,
        r.environment() == null ? Map.of() : Map.copyOf(r.environment()), architectures, sha,
        r.zip().length, now, UUID.randomUUID().toString(), r.tags() == null ? Map.of() : Map.copyOf(r.tags()), 512);
    byte[] key = configKey(account, region, r.name());
    try {
      storage.commit(new Batch().expectVersion(key, Storage.ABSENT).put(key, encode(f))
          .put(codeKey(sha), r.zip()));
    } catch (dev.streambed.storage.VersionConflictException exists) {
      throw new AwsException(LambdaError.RESOURCE_CONFLICT, "Function already exist: " + r.name());
    }
    return f;
  }

  /** The function a reference names, or ResourceNotFoundException. */
  public FunctionConfig get(FunctionRef ref) {
    if (ref.qualifier() != null && !ref.qualifier().equals("$LATEST")) {
      throw notFound(ref.arn());
    }
    Entry e = storage.get(configKey(ref.account(), ref.region(), ref.name()));
    if (e == null) {
      throw notFound(ref.arn());
    }
    return decode(e.value());
  }

  /** The functions of an account in a region, by name. */
  public List<FunctionConfig> list(String account, String region) {
    byte[] prefix = prefix(account, region);
    List<FunctionConfig> out = new ArrayList<>();
    for (Entry e : storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE)) {
      out.add(decode(e.value()));
    }
    return out;
  }

  public FunctionConfig updateCode(FunctionRef ref, byte[] zip, String revisionId) {
    FunctionConfig f = get(ref);
    checkRevision(f, revisionId);
    checkZip(zip);
    String sha = sha256(zip);
    FunctionConfig updated = new FunctionConfig(f.account(), f.region(), f.name(), f.runtime(),
        f.handler(), f.role(), f.description(), f.timeout(), f.memorySize(), f.environment(),
        f.architectures(), sha, zip.length, clock.millis(), UUID.randomUUID().toString(), f.tags(),
        f.ephemeralStorage());
    storage.commit(new Batch().put(configKey(f.account(), f.region(), f.name()), encode(updated))
        .put(codeKey(sha), zip));
    return updated;
  }

  public FunctionConfig updateConfiguration(FunctionRef ref, ConfigurationUpdate u) {
    FunctionConfig f = get(ref);
    checkRevision(f, u.revisionId());
    if (u.role() != null && !ROLE.matcher(u.role()).matches()) {
      throw AwsException.validation("1 validation error detected: Value '" + u.role() + "' at 'role' "
          + "failed to satisfy constraint: Member must satisfy regular expression pattern: " + ROLE_PATTERN);
    }
    int timeout = u.timeout() == null ? f.timeout() : u.timeout();
    int memory = u.memorySize() == null ? f.memorySize() : u.memorySize();
    checkLimits(timeout, memory);
    if (u.runtime() != null) {
      checkRuntime(u.runtime());
    }
    if (u.role() != null) {
      checkRole(u.role());
    }
    FunctionConfig updated = new FunctionConfig(f.account(), f.region(), f.name(),
        u.runtime() == null ? f.runtime() : u.runtime(), u.handler() == null ? f.handler() : u.handler(),
        u.role() == null ? f.role() : u.role(), u.description() == null ? f.description() : u.description(),
        timeout, memory, u.environment() == null ? f.environment() : Map.copyOf(u.environment()),
        f.architectures(), f.codeSha256(), f.codeSize(), clock.millis(), UUID.randomUUID().toString(),
        f.tags(), f.ephemeralStorage());
    storage.commit(new Batch().put(configKey(f.account(), f.region(), f.name()), encode(updated)));
    return updated;
  }

  public void delete(FunctionRef ref) {
    FunctionConfig f = get(ref);
    storage.commit(new Batch().delete(configKey(f.account(), f.region(), f.name())));
  }

  /** A function's code by its SHA-256 (as CodeSha256 shows it), or null. */
  public byte[] code(String codeSha256) {
    Entry e = storage.get(codeKey(codeSha256));
    return e == null ? null : e.value();
  }

  // ---------------------------------------------------------------- validation

  static AwsException invalid(String message) {
    return new AwsException(LambdaError.INVALID_PARAMETER_VALUE, message);
  }

  static AwsException notFound(String arn) {
    return new AwsException(LambdaError.RESOURCE_NOT_FOUND, "Function not found: " + arn);
  }

  private static void validateName(String name) {
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

  /** The role must exist and trust Lambda, as AWS checks when it creates the function. */
  private void checkRole(String roleArn) {
    Role role = iam.roles().find(roleArn);
    if (role == null || !iam.serviceMayAssume(role, "lambda.amazonaws.com")) {
      throw invalid("The role defined for the function cannot be assumed by Lambda.");
    }
  }

  private static void checkRevision(FunctionConfig f, String revisionId) {
    if (revisionId != null && !revisionId.equals(f.revisionId())) {
      throw new AwsException(LambdaError.PRECONDITION_FAILED, "The Revision Id provided does not "
          + "match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
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
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
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

  // ---------------------------------------------------------------- storage

  private static byte[] prefix(String account, String region) {
    return key(CONFIG, account + "/" + region + "/");
  }

  private static byte[] configKey(String account, String region, String name) {
    return key(CONFIG, account + "/" + region + "/" + name);
  }

  private static byte[] codeKey(String sha) {
    return key(CODE, sha);
  }

  private static byte[] key(byte kind, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[t.length + 1];
    k[0] = kind;
    System.arraycopy(t, 0, k, 1, t.length);
    return k;
  }

  private static byte[] encode(FunctionConfig f) {
    try {
      return JSON.writeValueAsBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FunctionConfig decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, FunctionConfig.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The total size of all functions' code in an account and region, for GetAccountSettings. */
  public Map<String, Long> usage(String account, String region) {
    long total = 0;
    List<FunctionConfig> all = list(account, region);
    for (FunctionConfig f : all) {
      total += f.codeSize();
    }
    Map<String, Long> usage = new LinkedHashMap<>();
    usage.put("TotalCodeSize", total);
    usage.put("FunctionCount", (long) all.size());
    return usage;
  }
}
