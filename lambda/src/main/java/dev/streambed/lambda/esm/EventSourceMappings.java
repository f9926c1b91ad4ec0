package dev.streambed.lambda.esm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.iam.Iam;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.lambda.FunctionConfig;
import dev.streambed.lambda.FunctionRef;
import dev.streambed.lambda.Functions;
import dev.streambed.lambda.LambdaError;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Decoded;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import dev.streambed.streams.Streams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Event source mappings of DynamoDB streams: their settings with Lambda's defaults, ranges and
 * errors, and the check AWS makes when one is created: the function's role must be able to
 * read the stream.
 *
 * <p>Mappings settle at once: CreateEventSourceMapping answers 202 Creating (and an update
 * Updating, Enabling or Disabling; a delete Deleting), as AWS does, and the next read shows
 * Enabled or Disabled.
 *
 * <p>Storage keys: {@code 0x44 uuid} holds a mapping.
 */
public final class EventSourceMappings {
  private static final byte MAPPING = 0x44;
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Pattern STREAM_ARN =
      Pattern.compile("arn:aws[a-zA-Z-]*:dynamodb:[a-z0-9-]+:\\d{12}:table/[^/]+/stream/.+");
  /** The actions a function's role needs on a stream, as AWS's refusal names them. */
  static final List<String> STREAM_ACTIONS = List.of("dynamodb:GetRecords", "dynamodb:GetShardIterator",
      "dynamodb:DescribeStream", "dynamodb:ListStreams");

  private final Storage storage;
  private final Clock clock;
  private final Functions functions;
  private final Streams streams;
  private final Iam iam;
  private final List<java.util.function.Consumer<String>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Calls {@code listener} with a mapping's UUID after it was created, updated or deleted. */
  public void onChange(java.util.function.Consumer<String> listener) {
    listeners.add(listener);
  }

  private void changed(String uuid) {
    for (java.util.function.Consumer<String> l : listeners) {
      l.accept(uuid);
    }
  }

  private final List<java.util.function.Consumer<String>> resultListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Calls {@code listener} with a mapping's UUID when its LastProcessingResult changed. */
  public void onResult(java.util.function.Consumer<String> listener) {
    resultListeners.add(listener);
  }

  /** Records what the mapping's last batch did (LastProcessingResult), when that changed. */
  public void recordResult(String uuid, String result) {
    while (true) {
      Entry e = storage.get(key(uuid));
      if (e == null) {
        return;
      }
      MappingConfig m = decoded.of(e);
      if (result.equals(m.lastProcessingResult())) {
        return;
      }
      MappingConfig updated = new MappingConfig(m.uuid(), m.account(), m.region(), m.functionArn(),
          m.eventSourceArn(), m.batchSize(), m.maximumBatchingWindowInSeconds(), m.startingPosition(),
          m.parallelizationFactor(), m.maximumRetryAttempts(), m.maximumRecordAgeInSeconds(),
          m.bisectBatchOnFunctionError(), m.tumblingWindowInSeconds(), m.functionResponseTypes(),
          m.filterPatterns(), m.onFailure(), m.enabled(), m.lastModifiedMillis(), result);
      try {
        storage.commit(new Batch().expectVersion(key(uuid), e.version()).put(key(uuid), encode(updated)));
        resultListeners.forEach(l -> l.accept(uuid));
        return;
      } catch (VersionConflictException raced) {
        Thread.onSpinWait();
      }
    }
  }

  public EventSourceMappings(Storage storage, Clock clock, Functions functions, Streams streams, Iam iam) {
    this.storage = storage;
    this.clock = clock;
    this.functions = functions;
    this.streams = streams;
    this.iam = iam;
  }

  /**
   * What CreateEventSourceMapping and UpdateEventSourceMapping carry; null members are not given.
   *
   * @param onFailure the OnFailure destination, empty when OnFailure is given without one
   * @param onSuccess the OnSuccess destination, empty when OnSuccess is given without one
   */
  public record Settings(String functionName, String eventSourceArn, Integer batchSize,
      Integer maximumBatchingWindowInSeconds, String startingPosition, Integer parallelizationFactor,
      Integer maximumRetryAttempts, Integer maximumRecordAgeInSeconds, Boolean bisectBatchOnFunctionError,
      Integer tumblingWindowInSeconds, List<String> functionResponseTypes, List<String> filterPatterns,
      String onFailure, Boolean enabled, String onSuccess) {

    /** Settings without an OnSuccess destination, which no mapping takes. */
    public Settings(String functionName, String eventSourceArn, Integer batchSize,
        Integer maximumBatchingWindowInSeconds, String startingPosition, Integer parallelizationFactor,
        Integer maximumRetryAttempts, Integer maximumRecordAgeInSeconds, Boolean bisectBatchOnFunctionError,
        Integer tumblingWindowInSeconds, List<String> functionResponseTypes, List<String> filterPatterns,
        String onFailure, Boolean enabled) {
      this(functionName, eventSourceArn, batchSize, maximumBatchingWindowInSeconds, startingPosition,
          parallelizationFactor, maximumRetryAttempts, maximumRecordAgeInSeconds, bisectBatchOnFunctionError,
          tumblingWindowInSeconds, functionResponseTypes, filterPatterns, onFailure, enabled, null);
    }
  }

  /**
   * CreateEventSourceMapping, checking in AWS's order: the request's schema (FunctionName,
   * StartingPosition's values) first; then, as AWS's recorded answers show
   * (test_event_source_mapping_exceptions), a missing EventSourceArn, an OnSuccess destination,
   * the function, and only then what the event source needs (a DynamoDB stream, with its
   * StartingPosition): a mapping of a function that does not exist is "Function does not exist"
   * whatever else it lacks.
   */
  public MappingConfig create(String account, String region, Settings s) {
    if (s.functionName() == null) {
      throw AwsException.validation("1 validation error detected: Value null at 'functionName' failed "
          + "to satisfy constraint: Member must not be null");
    }
    if (s.startingPosition() != null && !Set.of("LATEST", "AT_TIMESTAMP", "TRIM_HORIZON").contains(s.startingPosition())) {
      throw AwsException.validation("1 validation error detected: Value '" + s.startingPosition()
          + "' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: "
          + "[LATEST, AT_TIMESTAMP, TRIM_HORIZON]");
    }
    if (s.eventSourceArn() == null) {
      throw invalid("Unrecognized event source.");
    }
    refuseOnSuccess(s);
    Target target = target(s.functionName(), account, region);
    if (!STREAM_ARN.matcher(s.eventSourceArn()).matches()) {
      throw invalid("Unrecognized event source.");
    }
    if (s.startingPosition() == null) {
      throw invalid("1 validation error detected: Value null at 'startingPosition' failed to satisfy "
          + "constraint: Member must not be null.");
    }
    if (s.startingPosition().equals("AT_TIMESTAMP")) {
      throw invalid("Unsupported starting position for arn type: " + s.eventSourceArn());
    }
    if (!streams.exists(s.eventSourceArn())) {
      throw invalid("Stream not found: " + s.eventSourceArn());
    }
    MappingConfig m = validated(new MappingConfig(UUID.randomUUID().toString(), account, region,
        target.shownArn(), s.eventSourceArn(),
        or(s.batchSize(), 100), or(s.maximumBatchingWindowInSeconds(), 0), s.startingPosition(),
        or(s.parallelizationFactor(), 1), or(s.maximumRetryAttempts(), -1),
        or(s.maximumRecordAgeInSeconds(), -1), s.bisectBatchOnFunctionError() != null && s.bisectBatchOnFunctionError(),
        or(s.tumblingWindowInSeconds(), 0), s.functionResponseTypes() == null ? List.of() : List.copyOf(s.functionResponseTypes()),
        s.filterPatterns() == null ? List.of() : List.copyOf(s.filterPatterns()),
        s.onFailure() == null || s.onFailure().isEmpty() ? null : s.onFailure(),
        s.enabled() == null || s.enabled(), clock.millis(), "No records processed"));
    for (MappingConfig other : all()) {
      if (other.eventSourceArn().equals(m.eventSourceArn()) && other.functionArn().equals(m.functionArn())) {
        throw new AwsException(LambdaError.RESOURCE_CONFLICT, "The event source arn (\" "
            + m.eventSourceArn() + " \") and function (\" " + target.config().name() + " \") provided "
            + "mapping already exists. Please update or delete the existing mapping with UUID " + other.uuid());
      }
    }
    checkRoleCanRead(target.config(), m.eventSourceArn());
    checkRoleCanSend(target.config(), m.onFailure());
    storage.commit(new Batch().expectVersion(key(m.uuid()), Storage.ABSENT).put(key(m.uuid()), encode(m)));
    changed(m.uuid());
    return m;
  }

  /** A mapping by UUID, or ResourceNotFoundException. */
  public MappingConfig get(String uuid) {
    Entry e = uuid == null ? null : storage.get(key(uuid));
    if (e == null) {
      throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "The resource you requested does not exist.");
    }
    return decoded.of(e);
  }

  /** ListEventSourceMappings: by function (as named, with its qualifier) and/or event source. */
  public List<MappingConfig> list(String account, String region, String functionName, String eventSourceArn) {
    String functionArn = functionName == null ? null : FunctionRef.parse(functionName, account, region).arn();
    List<MappingConfig> out = new ArrayList<>();
    for (MappingConfig m : all()) {
      if (!m.account().equals(account) || !m.region().equals(region)) {
        continue;
      }
      if (functionArn != null && !m.functionArn().equals(functionArn)) {
        continue;
      }
      if (eventSourceArn != null && !m.eventSourceArn().equals(eventSourceArn)) {
        continue;
      }
      out.add(m);
    }
    return out;
  }

  /** UpdateEventSourceMapping: the members given replace the mapping's; the rest stay. */
  public MappingConfig update(String uuid, Settings s) {
    while (true) {
      Entry e = uuid == null ? null : storage.get(key(uuid));
      if (e == null) {
        throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "The resource you requested does not exist.");
      }
      MappingConfig m = decode(e.value());
      refuseOnSuccess(s);
      String functionArn = m.functionArn();
      FunctionConfig function = null;
      if (s.functionName() != null) {
        Target t = target(s.functionName(), m.account(), m.region());
        functionArn = t.shownArn();
        function = t.config();
      }
      MappingConfig updated = validated(new MappingConfig(m.uuid(), m.account(), m.region(), functionArn,
          m.eventSourceArn(), or(s.batchSize(), m.batchSize()),
          or(s.maximumBatchingWindowInSeconds(), m.maximumBatchingWindowInSeconds()), m.startingPosition(),
          or(s.parallelizationFactor(), m.parallelizationFactor()),
          or(s.maximumRetryAttempts(), m.maximumRetryAttempts()),
          or(s.maximumRecordAgeInSeconds(), m.maximumRecordAgeInSeconds()),
          s.bisectBatchOnFunctionError() == null ? m.bisectBatchOnFunctionError() : s.bisectBatchOnFunctionError(),
          or(s.tumblingWindowInSeconds(), m.tumblingWindowInSeconds()),
          s.functionResponseTypes() == null ? m.functionResponseTypes() : List.copyOf(s.functionResponseTypes()),
          s.filterPatterns() == null ? m.filterPatterns() : List.copyOf(s.filterPatterns()),
          s.onFailure() == null ? m.onFailure() : s.onFailure().isEmpty() ? null : s.onFailure(),
          s.enabled() == null ? m.enabled() : s.enabled(), clock.millis(), m.lastProcessingResult()));
      if (function != null) {
        checkRoleCanRead(function, m.eventSourceArn());
      }
      if (updated.onFailure() != null && (function != null || !updated.onFailure().equals(m.onFailure()))) {
        checkRoleCanSend(function != null ? function : target(m.functionArn(), m.account(), m.region()).config(),
            updated.onFailure());
      }
      try {
        storage.commit(new Batch().expectVersion(key(uuid), e.version()).put(key(uuid), encode(updated)));
      } catch (VersionConflictException raced) {
        Thread.onSpinWait();
        continue;
      }
      if (!updated.sameSettings(m)) {
        changed(uuid);
      }
      return updated;
    }
  }

  /** DeleteEventSourceMapping: returns the mapping as it was. */
  public MappingConfig delete(String uuid) {
    MappingConfig m = get(uuid);
    storage.commit(new Batch().delete(key(uuid)));
    changed(uuid);
    return m;
  }

  /** Every mapping, of every account and region. */
  public List<MappingConfig> all() {
    byte[] prefix = {MAPPING};
    List<MappingConfig> out = new ArrayList<>();
    for (Entry e : storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE)) {
      out.add(decode(e.value()));
    }
    return out;
  }

  // ---------------------------------------------------------------- checks

  /** The function a mapping calls, and the ARN the mapping shows for it. */
  private record Target(FunctionConfig config, String shownArn) {}

  private Target target(String functionName, String account, String region) {
    FunctionRef ref = FunctionRef.parse(functionName, account, region);
    Functions.Resolved resolved;
    try {
      resolved = functions.resolve(ref);
    } catch (AwsException e) {
      if (e.errorCode() == LambdaError.RESOURCE_NOT_FOUND) {
        throw invalid("Function does not exist");
      }
      throw e;
    }
    String shown = ref.qualifier() == null ? resolved.config().arn() : ref.arn();
    return new Target(resolved.config(), shown);
  }

  /**
   * AWS checks, when a mapping is created, that the function's role may read the stream; without
   * the four actions it refuses with this message (the tutorial's step without the
   * AWSLambdaDynamoDBExecutionRole policy). The poller reads as the role's session named after the
   * function, and, unlike a function's own calls and its log writes, without
   * lambda:SourceFunctionArn (AWS Lambda Developer Guide, "Using source function ARN to control
   * function access behavior": reads of event sources of mappings do not carry it).
   */
  private void checkRoleCanRead(FunctionConfig function, String streamArn) {
    String session = Iam.sessionArn(function.role(), function.name());
    for (String action : STREAM_ACTIONS) {
      if (!iam.isAllowed(session, action, streamArn)) {
        throw invalid("Cannot access stream " + streamArn + ". Please ensure the role can perform the "
            + "GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.");
      }
    }
  }

  /**
   * AWS checks, when a mapping is given an on-failure destination, that the function's role may
   * send to it: a queue needs sqs:SendMessage, a topic sns:Publish. Without it the mapping is
   * refused with "The provided execution role does not have permissions to call SendMessage on
   * SQS" (InvalidParameterValueException, as AWS answers stream mappings with such a queue).
   */
  private void checkRoleCanSend(FunctionConfig function, String destinationArn) {
    if (destinationArn == null) {
      return;
    }
    String service = FailureDestinations.serviceOf(destinationArn);
    String[] need = "sqs".equals(service) ? new String[] {"sqs:SendMessage", "SendMessage", "SQS"}
        : "sns".equals(service) ? new String[] {"sns:Publish", "Publish", "SNS"} : null;
    if (need != null && !iam.isAllowed(Iam.sessionArn(function.role(), function.name()), need[0], destinationArn)) {
      throw invalid("The provided execution role does not have permissions to call " + need[1] + " on " + need[2]);
    }
  }

  /**
   * No event source mapping takes an OnSuccess destination (Lambda API reference, DestinationConfig:
   * "Not supported in CreateEventSourceMapping or UpdateEventSourceMapping"); AWS refuses it before
   * it looks the function up.
   */
  private static void refuseOnSuccess(Settings s) {
    if (s.onSuccess() != null) {
      throw unsupportedDestination();
    }
  }

  private static AwsException unsupportedDestination() {
    return invalid("Unsupported DestinationConfig parameter for given event source mapping type.");
  }

  private static MappingConfig validated(MappingConfig m) {
    range("batchSize", m.batchSize(), 1, 10000);
    range("maximumBatchingWindowInSeconds", m.maximumBatchingWindowInSeconds(), 0, 300);
    range("parallelizationFactor", m.parallelizationFactor(), 1, 10);
    range("maximumRetryAttempts", m.maximumRetryAttempts(), -1, 10000);
    range("maximumRecordAgeInSeconds", m.maximumRecordAgeInSeconds(), -1, 604800);
    if (m.maximumRecordAgeInSeconds() >= 0 && m.maximumRecordAgeInSeconds() < 60) {
      throw invalid("MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)");
    }
    range("tumblingWindowInSeconds", m.tumblingWindowInSeconds(), 0, 900);
    for (String t : m.functionResponseTypes()) {
      if (!t.equals("ReportBatchItemFailures")) {
        throw AwsException.validation("1 validation error detected: Value '[" + t + "]' at "
            + "'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: "
            + "[Member must satisfy enum value set: [ReportBatchItemFailures]]");
      }
    }
    for (String p : m.filterPatterns()) {
      if (p == null || !FilterPatterns.valid(p)) {
        throw invalid("Invalid filter pattern definition.");
      }
    }
    // AWS takes a queue, a topic or a bucket for a stream's failed batches. Streambed also takes a
    // function (invoked asynchronously with the record), which needs no other service.
    if (m.onFailure() != null && !m.onFailure().matches("arn:aws[a-zA-Z-]*:(sqs|sns|s3|lambda):.*")) {
      throw unsupportedDestination();
    }
    return m;
  }

  private static void range(String member, int value, int min, int max) {
    if (value < min) {
      throw AwsException.validation("1 validation error detected: Value '" + value + "' at '" + member
          + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
    }
    if (value > max) {
      throw AwsException.validation("1 validation error detected: Value '" + value + "' at '" + member
          + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
    }
  }

  private static int or(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }

  private static AwsException invalid(String message) {
    return new AwsException(LambdaError.INVALID_PARAMETER_VALUE, message);
  }

  // ---------------------------------------------------------------- storage

  private static byte[] key(String uuid) {
    byte[] u = uuid.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[u.length + 1];
    k[0] = MAPPING;
    System.arraycopy(u, 0, k, 1, u.length);
    return k;
  }

  private static byte[] encode(MappingConfig m) {
    try {
      return JSON.writeValueAsBytes(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each batch reads its mapping (its settings, its last result): decoded once per change. */
  private final Decoded<MappingConfig> decoded = new Decoded<>(4096, EventSourceMappings::decode);

  private static MappingConfig decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, MappingConfig.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
