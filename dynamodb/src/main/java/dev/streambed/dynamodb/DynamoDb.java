package dev.streambed.dynamodb;

import dev.streambed.dynamodb.item.IndexMaintainer;
import dev.streambed.dynamodb.item.Items;
import dev.streambed.dynamodb.item.Reads;
import dev.streambed.dynamodb.item.StreamRecorder;
import dev.streambed.dynamodb.item.TimeToLive;
import dev.streambed.dynamodb.item.Transactions;
import dev.streambed.dynamodb.item.WritePath;
import dev.streambed.dynamodb.partiql.StatementGroups;
import dev.streambed.dynamodb.partiql.Statements;
import dev.streambed.dynamodb.table.Backfills;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.dynamodb.table.TableRef;
import dev.streambed.dynamodb.table.Tables;
import dev.streambed.storage.Storage;
import dev.streambed.streams.Streams;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The DynamoDB service: tables and items over one store. The HTTP front door, the embedded API
 * and the console all call these same objects.
 */
public final class DynamoDb implements AutoCloseable {
  private final Tables tables;
  private final Items items;
  private final WritePath writePath;
  private final Reads reads;
  private final Transactions transactions;
  private final TimeToLive timeToLive;
  private final Streams streams;
  private final Statements statements;
  private final StatementGroups statementGroups;
  private final Backfills backfills;
  private final ExecutorService ownExecutor;

  /** The service, backfilling new indexes on a thread of its own that {@link #close} stops. */
  public DynamoDb(Storage storage, Clock clock, Streams streams) {
    this(storage, clock, streams, null);
  }

  /**
   * The service, backfilling new indexes on {@code backfillExecutor} (which stays the caller's
   * to stop), or on a thread of its own when that is null.
   */
  public DynamoDb(Storage storage, Clock clock, Streams streams, Executor backfillExecutor) {
    TableCatalog catalog = new TableCatalog(storage);
    this.streams = streams;
    this.ownExecutor = backfillExecutor == null ? Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dynamodb-index-backfill");
      t.setDaemon(true);
      return t;
    }) : null;
    this.backfills = new Backfills(storage, catalog, backfillExecutor == null ? ownExecutor : backfillExecutor);
    this.tables = new Tables(catalog, storage, clock, streams, backfills);
    this.writePath = new WritePath(storage);
    writePath.addContributor(new IndexMaintainer(t -> {
      Table latest = catalog.find(new TableRef(t.account(), t.region(), t.name()));
      return latest != null && latest.id().equals(t.id()) ? latest : t;
    }));
    writePath.addContributor(new StreamRecorder(streams));
    this.items = new Items(writePath);
    this.reads = new Reads(storage);
    this.transactions = new Transactions(writePath, clock);
    this.timeToLive = new TimeToLive(storage, catalog, writePath, clock);
    this.statements = new Statements(items, reads);
    this.statementGroups = new StatementGroups(statements, items, transactions);
    backfills.resume();
  }

  /** Stops the backfills of new indexes (they resume from the start on the next start). */
  @Override
  public void close() {
    backfills.close();
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
      try {
        ownExecutor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The streams of the tables, fed by the one write path. */
  public Streams streams() {
    return streams;
  }

  /** Time to live: settings per table, and the sweep that deletes expired items. */
  public TimeToLive timeToLive() {
    return timeToLive;
  }

  public Transactions transactions() {
    return transactions;
  }

  /** PartiQL statements, run as the item operations they stand for. */
  public Statements statements() {
    return statements;
  }

  /** PartiQL's BatchExecuteStatement and ExecuteTransaction. */
  public StatementGroups statementGroups() {
    return statementGroups;
  }

  public Reads reads() {
    return reads;
  }

  public Tables tables() {
    return tables;
  }

  public Items items() {
    return items;
  }

  /** The one write path, where streams and indexes add what they derive from each change. */
  public WritePath writePath() {
    return writePath;
  }
}
