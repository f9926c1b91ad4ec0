package dev.streambed.lambda;

import static dev.streambed.lambda.FunctionStore.encode;
import static dev.streambed.lambda.FunctionStore.read;

import dev.streambed.iam.Iam;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The EventInvokeConfig of a function, version or alias: how often an asynchronous invocation
 * is retried, how old its event may grow, and where its outcome is sent. Put replaces a config,
 * Update changes only what it names; destinations are checked as AWS checks them
 * ({@link DestinationChecks}); Lambda's messages throughout.
 */
public final class EventInvokeConfigs {
  private static final String KIND = "invoke";
  static final String DESTINATION_PATTERN = "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):"
      + "([a-zA-Z0-9\\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
  private static final Pattern DESTINATION = Pattern.compile(DESTINATION_PATTERN);

  private final Functions functions;
  private final Aliases aliases;
  private final FunctionStore store;
  private final Storage storage;
  private final Clock clock;
  private final DestinationChecks destinations;

  public EventInvokeConfigs(Functions functions, Aliases aliases, Storage storage, Clock clock, Iam iam) {
    this.functions = functions;
    this.aliases = aliases;
    this.store = new FunctionStore(storage);
    this.storage = storage;
    this.clock = clock;
    this.destinations = new DestinationChecks(functions, iam);
  }

  /**
   * A config as stored and shown; null members are not set.
   *
   * @param functionArn the ARN with its qualifier ($LATEST, a version or an alias)
   */
  public record EventInvokeConfig(String functionArn, long lastModifiedMillis, Integer maximumRetryAttempts,
      Integer maximumEventAgeInSeconds, String onSuccess, String onFailure) {}

  /** What a Put or Update asks for: null members are not given; a destination "" is one without ARN. */
  public record Change(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds, boolean hasDestinations,
      String onSuccess, String onFailure) {}

  public EventInvokeConfig put(FunctionRef ref, Change c) {
    check(c);
    String qualified = existing(ref);
    checkDestinations(ref, c);
    EventInvokeConfig config = new EventInvokeConfig(qualified, clock.millis(), c.maximumRetryAttempts(),
        c.maximumEventAgeInSeconds(), blankToNull(c.onSuccess()), blankToNull(c.onFailure()));
    storage.commit(new Batch().put(key(ref), encode(config)));
    return config;
  }

  public EventInvokeConfig update(FunctionRef ref, Change c) {
    check(c);
    existing(ref);
    EventInvokeConfig current = get(ref);
    checkDestinations(ref, c);
    EventInvokeConfig config = new EventInvokeConfig(current.functionArn(), clock.millis(),
        c.maximumRetryAttempts() == null ? current.maximumRetryAttempts() : c.maximumRetryAttempts(),
        c.maximumEventAgeInSeconds() == null ? current.maximumEventAgeInSeconds() : c.maximumEventAgeInSeconds(),
        c.hasDestinations() ? blankToNull(c.onSuccess()) : current.onSuccess(),
        c.hasDestinations() ? blankToNull(c.onFailure()) : current.onFailure());
    storage.commit(new Batch().put(key(ref), encode(config)));
    return config;
  }

  /** The config of a function, version or alias ($LATEST unless qualified). */
  public EventInvokeConfig get(FunctionRef ref) {
    Entry e = storage.get(key(ref));
    if (e == null) {
      throw missing(ref);
    }
    return read(e.value(), EventInvokeConfig.class);
  }

  /** The config an invocation of this qualifier runs under, or null. */
  public EventInvokeConfig find(FunctionRef ref) {
    Entry e = storage.get(key(ref));
    return e == null ? null : read(e.value(), EventInvokeConfig.class);
  }

  public void delete(FunctionRef ref) {
    get(ref);
    storage.commit(new Batch().delete(key(ref)));
  }

  /** Every config of a function, by qualifier. */
  public List<EventInvokeConfig> list(FunctionRef ref) {
    existing(ref.unqualified());
    return store.all(FunctionStore.settingPrefix(ref.account(), ref.region(), ref.name(), KIND),
        EventInvokeConfig.class);
  }

  private static void check(Change c) {
    if (c.maximumRetryAttempts() == null && c.maximumEventAgeInSeconds() == null && !c.hasDestinations()) {
      throw Functions.invalid("You must specify at least one of error handling or destination setting.");
    }
    if (c.maximumRetryAttempts() != null && (c.maximumRetryAttempts() < 0 || c.maximumRetryAttempts() > 2)) {
      throw AwsException.validation("1 validation error detected: Value '" + c.maximumRetryAttempts()
          + "' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value "
          + (c.maximumRetryAttempts() < 0 ? "greater than or equal to 0" : "less than or equal to 2"));
    }
    Integer age = c.maximumEventAgeInSeconds();
    if (age != null && (age < 60 || age > 21600)) {
      throw AwsException.validation("1 validation error detected: Value '" + age + "' at "
          + "'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value "
          + (age < 60 ? "greater than or equal to 60" : "less than or equal to 21600"));
    }
    pattern(c.onSuccess(), "onSuccess");
    pattern(c.onFailure(), "onFailure");
  }

  private static void pattern(String destination, String member) {
    if (destination != null && !DESTINATION.matcher(destination).matches()) {
      throw AwsException.validation("1 validation error detected: Value '" + destination + "' at 'destinationConfig."
          + member + ".destination' failed to satisfy constraint: Member must satisfy regular expression pattern: "
          + DESTINATION_PATTERN);
    }
  }

  /** The function, version or alias named, as the qualified ARN the config is shown under. */
  private String existing(FunctionRef ref) {
    String qualifier = ref.qualifier() == null ? "$LATEST" : ref.qualifier();
    try {
      if (qualifier.equals("$LATEST") || Functions.isNumber(qualifier)) {
        functions.get(ref.qualified(qualifier));
      } else {
        aliases.get(ref.unqualified(), qualifier);
      }
    } catch (AwsException e) {
      if (e.errorCode() == LambdaError.RESOURCE_NOT_FOUND) {
        throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "The function doesn't exist.");
      }
      throw e;
    }
    return ref.qualified(qualifier).arn();
  }

  /** Destinations as AWS checks them, for the version the qualifier names (its role sends). */
  private void checkDestinations(FunctionRef ref, Change c) {
    String qualifier = ref.qualifier() == null ? "$LATEST" : ref.qualifier();
    destinations.check(ref, functions.resolve(ref.qualified(qualifier)).config(), c.onSuccess(), c.onFailure());
  }

  private static AwsException missing(FunctionRef ref) {
    String qualifier = ref.qualifier() == null ? "$LATEST" : ref.qualifier();
    return new AwsException(LambdaError.RESOURCE_NOT_FOUND, "The function " + ref.qualified(qualifier).arn()
        + " doesn't have an EventInvokeConfig");
  }

  private static byte[] key(FunctionRef ref) {
    return FunctionStore.settingKey(ref.account(), ref.region(), ref.name(), KIND,
        ref.qualifier() == null ? "$LATEST" : ref.qualifier());
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
