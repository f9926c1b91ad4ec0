package dev.streambed.lambda;

import dev.streambed.kernel.error.AwsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;

/** Lambda's checks of a function's configuration and code, with its messages. */
final class FunctionChecks {
  /** Every runtime Lambda accepts, in the order AWS lists them in its refusal. */
  static final List<String> RUNTIMES = List.of("nodejs20.x", "python3.14", "provided.al2023",
      "python3.12", "python3.13", "nodejs24.x", "nodejs22.x", "java25", "python3.10", "python3.11",
      "java21", "ruby3.3", "ruby3.4", "ruby3.2", "python3.8", "python3.9", "java17", "nodejs16.x",
      "dotnet10", "dotnet8", "java11", "dotnet6", "nodejs18.x", "provided.al2", "java8.al2");
  /**
   * Runtimes of Lambda's API model that Lambda no longer accepts for new functions or updates.
   * AWS's refusal is recorded for java8, go1.x, provided, ruby2.7, nodejs14.x, python3.7,
   * dotnetcore3.1 and nodejs12.x; the others are assumed to be refused alike.
   */
  static final Set<String> DEPRECATED = Set.of("nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10",
      "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "java8", "python2.7", "python3.6", "python3.7",
      "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "go1.x", "ruby2.5", "ruby2.7", "provided");
  static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
  private static final Pattern ROLE = Pattern.compile(ROLE_PATTERN);

  private FunctionChecks() {}

  static void rolePattern(String role) {
    if (role == null || !ROLE.matcher(role).matches()) {
      throw AwsException.validation("1 validation error detected: Value '" + role + "' at 'role' "
          + "failed to satisfy constraint: Member must satisfy regular expression pattern: " + ROLE_PATTERN);
    }
  }

  static void limits(int timeout, int memory) {
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

  static List<String> architectures(List<String> given) {
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

  static void runtime(String runtime) {
    if (runtime != null && DEPRECATED.contains(runtime)) {
      throw Functions.invalid("The runtime parameter of " + runtime + " is no longer supported for creating or "
          + "updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating "
          + "functions.");
    }
    if (runtime == null || !RUNTIMES.contains(runtime)) {
      throw Functions.invalid("Value " + runtime + " at 'runtime' failed to satisfy constraint: Member must "
          + "satisfy enum value set: " + RUNTIMES + " or be a valid ARN");
    }
  }

  /**
   * At most 4 KB of environment, measured as Lambda measures it: the variables as compact JSON,
   * in the order given.
   */
  static void environment(java.util.Map<String, String> variables) {
    if (variables == null) {
      return;
    }
    StringBuilder json = new StringBuilder("{");
    for (java.util.Map.Entry<String, String> v : variables.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(quote(v.getKey())).append(':').append(quote(v.getValue()));
    }
    String measured = json.append('}').toString();
    if (measured.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 4096) {
      throw Functions.invalid("Lambda was unable to configure your environment variables because the environment "
          + "variables you have provided exceeded the 4KB limit. String measured: " + measured);
    }
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** At most 50 tags on a function. */
  static void tagCount(java.util.Map<String, String> tags) {
    if (tags != null && tags.size() > 50) {
      throw Functions.invalid("Number of tags exceeds resource tag limit.");
    }
  }

  /** Refuses what is not a zip, or unpacks larger than Lambda allows. */
  static void zip(byte[] zip) {
    if (zip.length > Functions.MAX_ZIPPED) {
      throw new AwsException(LambdaError.REQUEST_TOO_LARGE, "Zipped size must be smaller than "
          + Functions.MAX_ZIPPED + " bytes");
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
          if (unzipped > Functions.MAX_UNZIPPED) {
            throw Functions.invalid("Unzipped size must be smaller than " + Functions.MAX_UNZIPPED + " bytes");
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      entries = 0;
    }
    if (entries == 0) {
      throw Functions.invalid("Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
  }

  /** CodeSha256 as Lambda shows it: the base64 of the zip's SHA-256. */
  static String sha256(byte[] zip) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
