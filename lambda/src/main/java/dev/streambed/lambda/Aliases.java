package dev.streambed.lambda;

import static dev.streambed.lambda.FunctionStore.encode;
import static dev.streambed.lambda.FunctionStore.read;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Aliases of functions: names for a version, optionally sharing traffic with another. */
public final class Aliases {
  private static final String NAME_PATTERN = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(NAME_PATTERN);

  private final Functions functions;
  private final FunctionStore store;
  private final Storage storage;

  public Aliases(Functions functions, Storage storage) {
    this.functions = functions;
    this.store = new FunctionStore(storage);
    this.storage = storage;
  }

  /** CreateAlias. */
  public Alias create(FunctionRef ref, String name, String functionVersion, String description,
      Map<String, Double> weights) {
    checkName(name);
    // AWS names the version asked for when the function itself is missing.
    FunctionConfig latest = functions.state(functionVersion == null ? ref.unqualified()
        : ref.qualified(functionVersion)).latest();
    checkTarget(ref, functionVersion, weights);
    Alias alias = new Alias(latest.arn(), name, functionVersion, description == null ? "" : description,
        weights == null || weights.isEmpty() ? null : Map.copyOf(weights), UUID.randomUUID().toString());
    byte[] key = FunctionStore.aliasKey(ref.account(), ref.region(), ref.name(), name);
    try {
      storage.commit(new Batch().expectVersion(key, Storage.ABSENT).put(key, encode(alias)));
    } catch (VersionConflictException exists) {
      throw new AwsException(LambdaError.RESOURCE_CONFLICT, "Alias already exists: " + alias.arn());
    }
    return alias;
  }

  /** GetAlias. */
  public Alias get(FunctionRef ref, String name) {
    functions.state(Functions.unqualified(ref));
    Entry e = storage.get(FunctionStore.aliasKey(ref.account(), ref.region(), ref.name(), name));
    if (e == null) {
      throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "Cannot find alias arn: "
          + new FunctionRef(ref.account(), ref.region(), ref.name(), name).arn());
    }
    return read(e.value(), Alias.class);
  }

  /** ListAliases, optionally only those pointing at one version. */
  public List<Alias> list(FunctionRef ref, String functionVersion) {
    functions.state(Functions.unqualified(ref));
    return store.all(FunctionStore.aliasPrefix(ref.account(), ref.region(), ref.name()), Alias.class).stream()
        .filter(a -> functionVersion == null || functionVersion.equals(a.functionVersion()))
        .toList();
  }

  /** UpdateAlias: null members stay as they are; an empty weight map removes the routing. */
  public Alias update(FunctionRef ref, String name, String functionVersion, String description,
      Map<String, Double> weights, String revisionId) {
    byte[] key = FunctionStore.aliasKey(ref.account(), ref.region(), ref.name(), name);
    functions.state(Functions.unqualified(ref));
    while (true) {
      Entry e = storage.get(key);
      if (e == null) {
        throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "Alias not found: " + ref.qualified(name).arn());
      }
      Alias current = read(e.value(), Alias.class);
      Functions.checkRevision(current.revisionId(), revisionId);
      String version = functionVersion == null ? current.functionVersion() : functionVersion;
      Map<String, Double> w = weights == null ? current.weights() : weights.isEmpty() ? null : Map.copyOf(weights);
      checkTarget(ref, version, w);
      Alias updated = new Alias(current.functionArn(), name, version,
          description == null ? current.description() : description, w, UUID.randomUUID().toString());
      try {
        storage.commit(new Batch().expectVersion(key, e.version()).put(key, encode(updated)));
        return updated;
      } catch (VersionConflictException raced) {
        Thread.onSpinWait();
      }
    }
  }

  /** DeleteAlias; deleting a missing alias succeeds, as on AWS. */
  public void delete(FunctionRef ref, String name) {
    functions.state(Functions.unqualified(ref));
    storage.commit(new Batch().delete(FunctionStore.aliasKey(ref.account(), ref.region(), ref.name(), name)));
  }

  /** Whether a qualifier names an alias (not a version, not $LATEST). */
  static boolean isAliasName(String qualifier) {
    return NAME.matcher(qualifier).matches();
  }

  /** Alias names: not only digits (those are versions), as AWS's pattern says. */
  private static void checkName(String name) {
    if (name == null || name.length() > 128 || !NAME.matcher(name).matches()) {
      throw AwsException.validation("1 validation error detected: Value '" + name + "' at 'name' failed to "
          + "satisfy constraint: Member must satisfy regular expression pattern: " + NAME_PATTERN);
    }
  }

  private void checkTarget(FunctionRef ref, String functionVersion, Map<String, Double> weights) {
    if (weights != null && !weights.isEmpty()) {
      if (weights.size() > 1) {
        throw Functions.invalid("Number of items in AdditionalVersionWeights cannot be greater than 1");
      }
      for (Map.Entry<String, Double> w : weights.entrySet()) {
        if (w.getValue() == null || w.getValue() < 0 || w.getValue() > 1) {
          throw AwsException.validation("1 validation error detected: Value '{" + w.getKey() + "=" + w.getValue()
              + "}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value "
              + "must satisfy constraint: [Member must have value less than or equal to 1.0, Member must "
              + "have value greater than or equal to 0.0, Member must not be null]");
        }
        if (!Functions.isNumber(w.getKey())) {
          throw AwsException.validation("1 validation error detected: Value '{" + w.getKey() + "=" + w.getValue()
              + "}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must "
              + "satisfy constraint: [Member must have length less than or equal to 1024, Member must have "
              + "length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]");
        }
      }
      if ("$LATEST".equals(functionVersion)) {
        // One of the refusals AWS words without the Type member.
        throw new AwsException(LambdaError.INVALID_PARAMETER_VALUE_UNTYPED,
            "$LATEST is not supported for an alias pointing to more than 1 version");
      }
      for (String v : weights.keySet()) {
        if (v.equals(functionVersion)) {
          throw Functions.invalid("Invalid function version " + v + ". Function version " + v
              + " is already included in routing configuration.");
        }
      }
    }
    if (!"$LATEST".equals(functionVersion)) {
      if (functionVersion == null || !Functions.isNumber(functionVersion)) {
        throw AwsException.validation("1 validation error detected: Value '" + functionVersion + "' at "
            + "'functionVersion' failed to satisfy constraint: Member must satisfy regular expression "
            + "pattern: (\\$LATEST|[0-9]+)");
      }
      functions.version(ref, functionVersion);
    }
    if (weights != null) {
      for (String v : weights.keySet()) {
        functions.version(ref, v);
      }
    }
  }
}
