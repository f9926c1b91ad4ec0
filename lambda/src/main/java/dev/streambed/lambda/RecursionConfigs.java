package dev.streambed.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;

/**
 * A function's RecursiveLoop setting: Terminate (AWS's default) stops a function that invokes
 * itself in a loop through other services, Allow lets it run. Kept as AWS keeps it; Streambed's
 * services do not detect such loops.
 */
public final class RecursionConfigs {
  private static final String KIND = "recursion";

  private final Functions functions;
  private final Storage storage;

  RecursionConfigs(Functions functions, Storage storage) {
    this.functions = functions;
    this.storage = storage;
  }

  public String put(FunctionRef ref, String recursiveLoop) {
    if (!"Terminate".equals(recursiveLoop) && !"Allow".equals(recursiveLoop)) {
      throw AwsException.validation("1 validation error detected: Value '" + recursiveLoop + "' at 'recursiveLoop' "
          + "failed to satisfy constraint: Member must satisfy enum value set: [Terminate, Allow]");
    }
    functions.get(ref.unqualified());
    storage.commit(new Batch().put(key(ref), recursiveLoop.getBytes(UTF_8)));
    return recursiveLoop;
  }

  public String get(FunctionRef ref) {
    functions.get(ref.unqualified());
    Entry e = storage.get(key(ref));
    return e == null ? "Terminate" : new String(e.value(), UTF_8);
  }

  private static byte[] key(FunctionRef ref) {
    return FunctionStore.settingKey(ref.account(), ref.region(), ref.name(), KIND, "$LATEST");
  }
}
