package dev.streambed.dynamodb.table;

import dev.streambed.dynamodb.DynamoDbError;
import dev.streambed.dynamodb.item.ItemKeys;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeType;
import dev.streambed.kernel.value.ItemCodec;
import dev.streambed.kernel.value.ItemSize;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import dev.streambed.streams.KeyElement;
import dev.streambed.streams.StreamSpec;
import dev.streambed.streams.Streams;

/**
 * The DynamoDB control plane: creating, describing, listing, updating and deleting tables, and
 * their tags, with DynamoDB's validation and messages.
 *
 * <p>Tables become ACTIVE as soon as they are created or updated: CreateTable and UpdateTable
 * answer CREATING and UPDATING as AWS does, and the next DescribeTable reports ACTIVE, so the
 * SDK and CLI waiters return at their first poll.
 */
public final class Tables {
  private static final String INVALID = "One or more parameter values were invalid: ";
  private static final DateTimeFormatter STREAM_LABEL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final Set<String> VIEW_TYPES =
      Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");

  /** Live item count and size of a table, and of each of its indexes by name. */
  public record Usage(long itemCount, long sizeBytes, Map<String, Usage> indexes) {
    public Usage(long itemCount, long sizeBytes) {
      this(itemCount, sizeBytes, Map.of());
    }
  }

  /** A page of table names. */
  public record NamePage(List<String> names, String lastEvaluated) {}

  private final TableCatalog catalog;
  private final Storage storage;
  private final Clock clock;
  private final Streams streams;
  private final Backfills backfills;

  public Tables(TableCatalog catalog, Storage storage, Clock clock, Streams streams, Backfills backfills) {
    this.catalog = catalog;
    this.storage = storage;
    this.clock = clock;
    this.streams = streams;
    this.backfills = backfills;
  }

  public TableCatalog catalog() {
    return catalog;
  }

  public Table create(String account, String region, CreateTableRequest r) {
    Map<String, String> types = definitions(r.attributeDefinitions());
    KeySchema keySchema = keySchema(r.keySchema(), types);
    List<String> keyNames = new ArrayList<>(keySchema.hasRange()
        ? List.of(keySchema.hashName(), keySchema.rangeName()) : List.of(keySchema.hashName()));
    String billing = r.billingMode() == null ? "PROVISIONED" : r.billingMode();
    Table.Throughput throughput;
    long now = clock.millis();
    if (billing.equals("PAY_PER_REQUEST")) {
      if (r.hasProvisionedThroughput()) {
        throw AwsException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits "
            + "can be specified when BillingMode is PAY_PER_REQUEST");
      }
      throughput = Table.Throughput.ON_DEMAND;
    } else {
      if (!r.hasProvisionedThroughput()) {
        throw AwsException.validation("No provisioned throughput specified for the table");
      }
      throughput = new Table.Throughput(r.readCapacityUnits(), r.writeCapacityUnits(), 0, 0, 0);
    }
    List<SecondaryIndex> indexes = new ArrayList<>();
    if (r.localIndexes() != null) {
      if (r.localIndexes().size() > 5) {
        throw AwsException.validation(INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
      }
      if (!keySchema.hasRange()) {
        throw AwsException.validation(INVALID + "Table KeySchema does not have a range key, which "
            + "is required when specifying a LocalSecondaryIndex");
      }
      for (CreateTableRequest.IndexRequest ir : r.localIndexes()) {
        KeySchema ks = indexKeySchema(ir, types, keyNames);
        if (!ks.hasRange()) {
          throw AwsException.validation(INVALID + "Index KeySchema does not have a range key for index: " + ir.name());
        }
        if (!ks.hashName().equals(keySchema.hashName())) {
          throw AwsException.validation(INVALID + "Index KeySchema does not have the same leading "
              + "hash key as table KeySchema for index: " + ir.name() + ". index hash key: "
              + ks.hashName() + ", table hash key: " + keySchema.hashName());
        }
        indexes.add(new SecondaryIndex(ir.name(), false, ks, projection(ir), ir.nonKeyAttributes(), null, now));
      }
    }
    if (r.globalIndexes() != null) {
      if (r.globalIndexes().size() > 20) {
        throw AwsException.validation(INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
      }
      for (CreateTableRequest.IndexRequest ir : r.globalIndexes()) {
        KeySchema ks = indexKeySchema(ir, types, keyNames);
        indexes.add(new SecondaryIndex(ir.name(), true, ks, projection(ir), ir.nonKeyAttributes(),
            indexThroughput(ir, billing), now));
      }
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (SecondaryIndex i : indexes) {
      if (!names.add(i.name())) {
        throw AwsException.validation(INVALID + "Duplicate index name: " + i.name());
      }
    }
    if (!types.keySet().containsAll(keyNames)) {
      throw AwsException.validation(INVALID + "Some index key attributes are not defined in "
          + "AttributeDefinitions. Keys: " + keyNames + ", AttributeDefinitions: " + types.keySet());
    }
    if (types.size() != keyNames.size()) {
      // AWS's words, as an AWS engineer quoted them in aws/aws-sdk-java issue #335.
      throw AwsException.validation(INVALID + "Some AttributeDefinitions are not used. "
          + "AttributeDefinitions: " + types.keySet() + ", keys used: " + keyNames);
    }
    Table.StreamSettings stream = Table.StreamSettings.NONE;
    if (Boolean.TRUE.equals(r.streamEnabled())) {
      stream = new Table.StreamSettings(true, requireViewType(r.streamViewType()),
          freeLabel(arnOf(account, region, r.tableName()), now));
    } else if (r.streamViewType() != null && Boolean.FALSE.equals(r.streamEnabled())) {
      throw AwsException.validation(INVALID
          + "StreamViewType cannot be specified when StreamEnabled is false");
    }
    Table table = new Table(account, region, r.tableName(), UUID.randomUUID().toString(), now,
        keySchema, List.copyOf(r.attributeDefinitions()), billing, throughput,
        billing.equals("PAY_PER_REQUEST") ? now : 0, stream,
        Boolean.TRUE.equals(r.deletionProtection()),
        r.tableClass(),
        r.tags() == null ? Map.of() : Map.copyOf(r.tags()), indexes, r.warmThroughput());
    if (stream.enabled()) {
      // The stream exists before the table can take a write, so no write goes unrecorded.
      streams.create(streamSpec(table, now));
      try {
        catalog.create(table);
      } catch (RuntimeException e) {
        streams.discard(table.latestStreamArn());
        throw e;
      }
    } else {
      catalog.create(table);
    }
    return table;
  }

  private static Map<String, String> definitions(List<Table.AttributeDefinition> definitions) {
    Map<String, String> types = new LinkedHashMap<>();
    for (Table.AttributeDefinition d : definitions) {
      if (types.put(d.name(), d.type()) != null) {
        throw AwsException.validation(INVALID + "Duplicate AttributeName in AttributeDefinitions");
      }
    }
    return types;
  }

  private static KeySchema keySchema(List<CreateTableRequest.KeyElement> elements,
      Map<String, String> types) {
    CreateTableRequest.KeyElement hash = elements.get(0);
    if (!"HASH".equals(hash.keyType())) {
      throw AwsException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
    CreateTableRequest.KeyElement range = elements.size() > 1 ? elements.get(1) : null;
    if (range != null) {
      if (!"RANGE".equals(range.keyType())) {
        throw AwsException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
      }
      if (range.attributeName().equals(hash.attributeName())) {
        throw AwsException.validation(
            "Both the Hash Key and the Range Key element in the KeySchema have the same name");
      }
    }
    List<String> keyNames = new ArrayList<>();
    keyNames.add(hash.attributeName());
    if (range != null) {
      keyNames.add(range.attributeName());
    }
    if (!types.keySet().containsAll(keyNames)) {
      throw AwsException.validation(INVALID + "Some index key attributes are not defined in "
          + "AttributeDefinitions. Keys: " + keyNames + ", AttributeDefinitions: " + types.keySet());
    }
    return new KeySchema(hash.attributeName(), AttributeType.valueOf(types.get(hash.attributeName())),
        range == null ? null : range.attributeName(),
        range == null ? null : AttributeType.valueOf(types.get(range.attributeName())));
  }

  /** An index's key schema, with its attributes added to {@code keyNames} (all keys in use). */
  private static KeySchema indexKeySchema(CreateTableRequest.IndexRequest ir, Map<String, String> types,
      List<String> keyNames) {
    List<CreateTableRequest.KeyElement> elements = ir.keySchema();
    for (CreateTableRequest.KeyElement e : elements) {
      if (!keyNames.contains(e.attributeName())) {
        keyNames.add(e.attributeName());
      }
    }
    return keySchema(elements, types);
  }

  private static String projection(CreateTableRequest.IndexRequest ir) {
    String type = ir.projectionType() == null ? "ALL" : ir.projectionType();
    boolean hasNonKey = ir.nonKeyAttributes() != null && !ir.nonKeyAttributes().isEmpty();
    if (type.equals("INCLUDE") && !hasNonKey) {
      throw AwsException.validation(INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    }
    if (!type.equals("INCLUDE") && hasNonKey) {
      throw AwsException.validation(INVALID + "ProjectionType is " + type
          + ", but NonKeyAttributes is specified");
    }
    return type;
  }

  private static Table.Throughput indexThroughput(CreateTableRequest.IndexRequest ir, String billing) {
    if (billing.equals("PAY_PER_REQUEST")) {
      if (ir.hasProvisionedThroughput()) {
        throw AwsException.validation(INVALID + "ProvisionedThroughput should not be specified for "
            + "index: " + ir.name() + " when BillingMode is PAY_PER_REQUEST");
      }
      return Table.Throughput.ON_DEMAND;
    }
    if (!ir.hasProvisionedThroughput()) {
      throw AwsException.validation(INVALID + "ProvisionedThroughput must be specified for index: " + ir.name());
    }
    return new Table.Throughput(ir.readCapacityUnits(), ir.writeCapacityUnits(), 0, 0, 0);
  }

  private static String requireViewType(String viewType) {
    if (viewType == null) {
      throw AwsException.validation(INVALID + "You must specify a StreamViewType when enabling a stream");
    }
    if (!VIEW_TYPES.contains(viewType)) {
      throw AwsException.validation("1 validation error detected: Value '" + viewType
          + "' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must "
          + "satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
    }
    return viewType;
  }

  private static String label(long millis) {
    return STREAM_LABEL.format(Instant.ofEpochMilli(millis));
  }

  private static String arnOf(String account, String region, String table) {
    return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table;
  }

  /**
   * The label of a new stream: its creation time, moved on by a millisecond while a stream of
   * the table with that label still exists (a table re-created, or its stream re-enabled, within
   * the same millisecond), so every stream has an ARN of its own.
   */
  private String freeLabel(String tableArn, long now) {
    long millis = now;
    while (streams.exists(tableArn + "/stream/" + label(millis))) {
      millis++;
    }
    return label(millis);
  }

  private static StreamSpec streamSpec(Table t, long now) {
    List<KeyElement> keys = new ArrayList<>(2);
    keys.add(new KeyElement(t.keySchema().hashName(), "HASH"));
    if (t.keySchema().hasRange()) {
      keys.add(new KeyElement(t.keySchema().rangeName(), "RANGE"));
    }
    return new StreamSpec(t.account(), t.region(), t.name(), t.arn(), t.stream().latestLabel(),
        t.stream().viewType(), List.copyOf(keys), now);
  }

  public Table describe(TableRef ref) {
    return catalog.describe(ref);
  }

  public NamePage list(String account, String region, String exclusiveStart, int limit) {
    List<String> all = catalog.names(account, region);
    List<String> page = new ArrayList<>();
    String last = null;
    for (String name : all) {
      if (exclusiveStart != null && name.compareTo(exclusiveStart) <= 0) {
        continue;
      }
      if (page.size() == limit) {
        last = page.get(page.size() - 1);
        break;
      }
      page.add(name);
    }
    return new NamePage(page, last);
  }

  public Table update(TableRef ref, UpdateTableRequest r) {
    Table t = catalog.describe(ref);
    boolean changed = false;
    String billing = t.billingMode();
    Table.Throughput throughput = t.throughput();
    long billingChanged = t.billingModeChangedMillis();
    long now = clock.millis();
    if (r.billingMode() != null && !r.billingMode().equals(t.billingMode())) {
      billing = r.billingMode();
      changed = true;
      if (billing.equals("PAY_PER_REQUEST")) {
        if (r.hasProvisionedThroughput()) {
          throw AwsException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits "
              + "can be specified when BillingMode is PAY_PER_REQUEST");
        }
        throughput = Table.Throughput.ON_DEMAND;
        billingChanged = now;
      } else if (!r.hasProvisionedThroughput()) {
        throw AwsException.validation("No provisioned throughput specified for the table");
      }
    }
    if (r.hasProvisionedThroughput()) {
      if (billing.equals("PAY_PER_REQUEST")) {
        throw AwsException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits "
            + "can be specified when BillingMode is PAY_PER_REQUEST");
      }
      long read = r.readCapacityUnits();
      long write = r.writeCapacityUnits();
      if (read == throughput.readUnits() && write == throughput.writeUnits() && !changed) {
        throw AwsException.validation("The provisioned throughput for the table will not change. "
            + "The requested value equals the current value. Current ReadCapacityUnits provisioned "
            + "for the table: " + read + ". Requested ReadCapacityUnits: " + read + ". Current "
            + "WriteCapacityUnits provisioned for the table: " + write + ". Requested "
            + "WriteCapacityUnits: " + write + ". Refer to the Amazon DynamoDB Developer Guide for "
            + "current limits and how to request higher limits.");
      }
      boolean increase = read > throughput.readUnits() || write > throughput.writeUnits();
      boolean decrease = read < throughput.readUnits() || write < throughput.writeUnits();
      throughput = new Table.Throughput(read, write,
          increase ? now : throughput.lastIncreaseMillis(),
          decrease ? now : throughput.lastDecreaseMillis(),
          throughput.decreasesToday() + (decrease ? 1 : 0));
      changed = true;
    }
    Table.StreamSettings stream = t.stream();
    if (r.streamEnabled() != null) {
      if (r.streamEnabled()) {
        if (stream.enabled()) {
          throw AwsException.validation("Table already has an enabled stream: TableName: " + t.name());
        }
        stream = new Table.StreamSettings(true, requireViewType(r.streamViewType()),
            freeLabel(t.arn(), now));
      } else {
        if (!stream.enabled()) {
          throw AwsException.validation("Table already has no enabled stream: TableName: " + t.name());
        }
        stream = new Table.StreamSettings(false, null, stream.latestLabel());
      }
      changed = true;
    }
    boolean protection = t.deletionProtection();
    if (r.deletionProtection() != null) {
      protection = r.deletionProtection();
      changed = true;
    }
    String tableClass = t.tableClass();
    if (r.tableClass() != null) {
      tableClass = r.tableClass();
      changed = true;
    }
    if (!changed) {
      throw AwsException.validation("At least one of ProvisionedThroughput, BillingMode, "
          + "UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates "
          + "is required");
    }
    Table updated = new Table(t.account(), t.region(), t.name(), t.id(), t.createdMillis(),
        t.keySchema(), t.attributeDefinitions(), billing, throughput, billingChanged, stream,
        protection, tableClass, t.tags(), t.indexes(), t.warmThroughput());
    boolean enabling = stream.enabled() && !t.stream().enabled();
    boolean disabling = !stream.enabled() && t.stream().enabled();
    if (enabling) {
      streams.create(streamSpec(updated, now));
    }
    catalog.replace(updated);
    if (disabling) {
      streams.disable(t.latestStreamArn());
    }
    return updated;
  }

  /** What UpdateTable's index changes did: the table, and the status to show per changed index. */
  public record IndexChange(Table table, Map<String, String> statuses) {}

  /**
   * Applies GlobalSecondaryIndexUpdates. A new index is part of the table at once (writes keep
   * it up to date) and is backfilled in the background: the answer shows it CREATING without
   * Backfilling, as AWS's does, DescribeTable then CREATING with Backfilling true until every
   * item already there has its entry, and then ACTIVE.
   */
  public IndexChange updateIndexes(TableRef ref, List<Table.AttributeDefinition> definitions,
      List<IndexUpdate> updates) {
    Table t = catalog.describe(ref);
    long onlineChanges = updates.stream().filter(u -> !u.action().equals("Update")).count();
    // An index still backfilling counts as an online change in progress, unless it is the one
    // being deleted (AWS lets an index be deleted while it backfills).
    boolean backfilling = t.indexes().stream().anyMatch(i -> !i.readable() && updates.stream()
        .noneMatch(u -> u.action().equals("Delete") && u.indexName().equals(i.name())));
    for (IndexUpdate u : updates) {
      SecondaryIndex existing = t.index(u.indexName());
      if (u.action().equals("Create") && existing != null) {
        // Checked before anything else of the request, as AWS does (and DynamoDB Local's words).
        if (!existing.readable()) {
          throw new AwsException(DynamoDbError.RESOURCE_IN_USE,
              "Attempt to change a resource which is still in use: Index is being created.");
        }
        throw AwsException.validation("Attempting to create an index which already exists");
      }
    }
    if (onlineChanges > 1 || (onlineChanges == 1 && backfilling)) {
      throw new AwsException(DynamoDbError.LIMIT_EXCEEDED, "Subscriber limit exceeded: Only 1 online "
          + "index can be created or deleted simultaneously per table");
    }
    Map<String, String> statuses = new LinkedHashMap<>();
    // The answer still shows an index being deleted, as DELETING.
    Table shown = null;
    for (IndexUpdate u : updates) {
      SecondaryIndex existing = t.index(u.indexName());
      switch (u.action()) {
        case "Create": {
          Map<String, String> types = new LinkedHashMap<>();
          for (Table.AttributeDefinition d : t.attributeDefinitions()) {
            types.put(d.name(), d.type());
          }
          if (definitions != null) {
            for (Table.AttributeDefinition d : definitions) {
              String before = types.put(d.name(), d.type());
              if (before != null && !before.equals(d.type())) {
                throw AwsException.validation(INVALID + "Cannot change the type of attribute "
                    + d.name() + " used as a key");
              }
            }
          }
          List<String> keyNames = new ArrayList<>();
          KeySchema ks = indexKeySchema(u.create(), types, keyNames);
          if (t.indexes().stream().filter(SecondaryIndex::global).count() >= 20) {
            throw new AwsException(DynamoDbError.LIMIT_EXCEEDED,
                "GlobalSecondaryIndex count exceeds the per-table limit of 20");
          }
          SecondaryIndex index = new SecondaryIndex(u.indexName(), true, ks, projection(u.create()),
              u.create().nonKeyAttributes(), indexThroughput(u.create(), t.billingMode()), clock.millis(),
              SecondaryIndex.Backfill.BACKFILLING);
          List<SecondaryIndex> indexes = new ArrayList<>(t.indexes());
          indexes.add(index);
          // The definitions the request names come first, then the table's others, as DynamoDB
          // Local lists them.
          List<Table.AttributeDefinition> defs = new ArrayList<>();
          for (Table.AttributeDefinition d : definitions == null ? List.<Table.AttributeDefinition>of() : definitions) {
            if (keyNames.contains(d.name()) && defs.stream().noneMatch(x -> x.name().equals(d.name()))) {
              defs.add(new Table.AttributeDefinition(d.name(), types.get(d.name())));
            }
          }
          for (Table.AttributeDefinition d : t.attributeDefinitions()) {
            if (defs.stream().noneMatch(x -> x.name().equals(d.name()))) {
              defs.add(d);
            }
          }
          for (String name : keyNames) {
            if (defs.stream().noneMatch(d -> d.name().equals(name))) {
              defs.add(new Table.AttributeDefinition(name, types.get(name)));
            }
          }
          t = new Table(t.account(), t.region(), t.name(), t.id(), t.createdMillis(), t.keySchema(),
              defs, t.billingMode(), t.throughput(), t.billingModeChangedMillis(), t.stream(),
              t.deletionProtection(), t.tableClass(), t.tags(), indexes, t.warmThroughput());
          catalog.replace(t);
          backfills.start(t, index);
          statuses.put(u.indexName(), "CREATING");
          break;
        }
        case "Delete": {
          if (existing == null) {
            // DynamoDB Local's words; what AWS says to deleting an unknown index is not recorded.
            throw new AwsException(DynamoDbError.RESOURCE_NOT_FOUND, "Requested resource not found");
          }
          List<SecondaryIndex> indexes = new ArrayList<>(t.indexes());
          indexes.remove(existing);
          Table remaining = withoutUnusedDefinitions(t.withIndexes(indexes));
          // The answer still lists the index, as DELETING, with the definitions left after it.
          shown = new Table(t.account(), t.region(), t.name(), t.id(), t.createdMillis(), t.keySchema(),
              remaining.attributeDefinitions(), t.billingMode(), t.throughput(), t.billingModeChangedMillis(),
              t.stream(), t.deletionProtection(), t.tableClass(), t.tags(), t.indexes(), t.warmThroughput());
          t = remaining;
          catalog.replace(t);
          backfills.cancel(t, existing.name());
          deleteRange(dev.streambed.dynamodb.item.IndexEntries.indexPrefix(t, existing));
          statuses.put(u.indexName(), "DELETING");
          break;
        }
        default: {
          if (existing == null || !existing.global()) {
            // As AWS answered an update of an unknown index (aws-controllers-k8s' API quirks lab,
            // DDB-TABLE-456: "Requested resource not found: Index ghost for table ...").
            throw new AwsException(DynamoDbError.RESOURCE_NOT_FOUND,
                "Requested resource not found: Index " + u.indexName() + " for table " + t.name());
          }
          if (t.isOnDemand()) {
            throw AwsException.validation(INVALID + "ProvisionedThroughput should not be specified "
                + "for index: " + u.indexName() + " when BillingMode is PAY_PER_REQUEST");
          }
          SecondaryIndex changed = existing.withThroughput(
              new Table.Throughput(u.readCapacityUnits(), u.writeCapacityUnits(), clock.millis(), 0, 0));
          List<SecondaryIndex> indexes = new ArrayList<>(t.indexes());
          indexes.set(indexes.indexOf(existing), changed);
          t = t.withIndexes(indexes);
          catalog.replace(t);
          statuses.put(u.indexName(), "UPDATING");
        }
      }
    }
    return new IndexChange(shown != null ? shown : t, statuses);
  }

  /** The table without the attribute definitions no key of it or of its indexes uses any more. */
  private static Table withoutUnusedDefinitions(Table t) {
    Set<String> used = new HashSet<>();
    List<KeySchema> schemas = new ArrayList<>();
    schemas.add(t.keySchema());
    t.indexes().forEach(i -> schemas.add(i.keySchema()));
    for (KeySchema ks : schemas) {
      used.add(ks.hashName());
      if (ks.hasRange()) {
        used.add(ks.rangeName());
      }
    }
    List<Table.AttributeDefinition> defs = t.attributeDefinitions().stream()
        .filter(d -> used.contains(d.name())).toList();
    return new Table(t.account(), t.region(), t.name(), t.id(), t.createdMillis(), t.keySchema(), defs,
        t.billingMode(), t.throughput(), t.billingModeChangedMillis(), t.stream(), t.deletionProtection(),
        t.tableClass(), t.tags(), t.indexes(), t.warmThroughput());
  }

  private void deleteRange(byte[] prefix) {
    byte[] end = Keys.prefixEnd(prefix);
    while (true) {
      List<Entry> chunk = storage.range(prefix, end, false, 1000);
      if (chunk.isEmpty()) {
        return;
      }
      Batch batch = new Batch();
      for (Entry e : chunk) {
        batch.delete(e.key());
      }
      storage.commit(batch);
    }
  }

  public Table delete(TableRef ref) {
    Table t = catalog.describe(ref);
    if (t.deletionProtection()) {
      throw AwsException.validation("Resource cannot be deleted as it is currently protected "
          + "against deletion. Disable deletion protection first.");
    }
    catalog.remove(t);
    backfills.cancelAll(t);
    if (t.stream().enabled()) {
      // As on AWS, the stream of a deleted table stays readable for 24 hours.
      streams.disable(t.latestStreamArn());
    }
    deleteRange(ItemKeys.tablePrefix(t));
    for (SecondaryIndex index : t.indexes()) {
      deleteRange(dev.streambed.dynamodb.item.IndexEntries.indexPrefix(t, index));
    }
    return t;
  }

  /** Counts a table's items and their size, as DescribeTable's ItemCount and TableSizeBytes. */
  public Usage usage(Table t) {
    Usage table = count(ItemKeys.tablePrefix(t));
    if (t.indexes().isEmpty()) {
      return table;
    }
    Map<String, Usage> indexes = new LinkedHashMap<>();
    for (SecondaryIndex i : t.indexes()) {
      indexes.put(i.name(), count(dev.streambed.dynamodb.item.IndexEntries.indexPrefix(t, i)));
    }
    return new Usage(table.itemCount(), table.sizeBytes(), indexes);
  }

  private Usage count(byte[] prefix) {
    byte[] end = Keys.prefixEnd(prefix);
    long count = 0;
    long size = 0;
    byte[] from = prefix;
    while (true) {
      List<Entry> chunk = storage.range(from, end, false, 1000);
      for (Entry e : chunk) {
        count++;
        size += ItemSize.of(ItemCodec.decode(e.value()));
      }
      if (chunk.size() < 1000) {
        break;
      }
      from = Keys.successor(chunk.get(chunk.size() - 1).key());
    }
    return new Usage(count, size);
  }

  // Tags

  public Table byArn(String arn) {
    Table t = null;
    String[] parts = arn == null ? new String[0] : arn.split(":", 6);
    if (parts.length == 6 && parts[0].equals("arn") && parts[2].equals("dynamodb")
        && parts[5].startsWith("table/")) {
      String rest = parts[5].substring("table/".length());
      if (!rest.contains("/")) {
        t = catalog.find(new TableRef(parts[4], parts[3], rest));
      }
    } else {
      throw AwsException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    }
    if (t == null) {
      throw new AwsException(DynamoDbError.RESOURCE_NOT_FOUND,
          "Requested resource not found: ResourcArn: " + arn + " not found");
    }
    return t;
  }

  public void tag(String arn, Map<String, String> tags) {
    Table t = byArn(arn);
    Map<String, String> merged = new LinkedHashMap<>(t.tags());
    merged.putAll(tags);
    if (merged.size() > 50) {
      throw new AwsException(DynamoDbError.LIMIT_EXCEEDED,
          "The number of tags exceeds the limit for this resource");
    }
    catalog.replace(withTags(t, merged));
  }

  public void untag(String arn, List<String> keys) {
    Table t = byArn(arn);
    Map<String, String> remaining = new LinkedHashMap<>(t.tags());
    for (String k : new HashSet<>(keys)) {
      remaining.remove(k);
    }
    catalog.replace(withTags(t, remaining));
  }

  private static Table withTags(Table t, Map<String, String> tags) {
    return new Table(t.account(), t.region(), t.name(), t.id(), t.createdMillis(), t.keySchema(),
        t.attributeDefinitions(), t.billingMode(), t.throughput(), t.billingModeChangedMillis(),
        t.stream(), t.deletionProtection(), t.tableClass(), Map.copyOf(tags), t.indexes(), t.warmThroughput());
  }
}
