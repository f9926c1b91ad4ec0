package dev.streambed.bench;

import dev.streambed.bench.embedded.PrintSize;
import dev.streambed.bench.embedded.Timings;
import dev.streambed.bench.http.BlockingExchange;
import dev.streambed.bench.http.RawRequests;
import dev.streambed.embedded.Snapshot;
import dev.streambed.embedded.StartingPosition;
import dev.streambed.embedded.Streambed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The embedded API's own costs, in this JVM: how long start() takes until a first request is
 * answered, cold and warm; how long close() takes; and how long reset() takes, empty and with
 * state (a table with a stream and items, a function with a trigger that processed them).
 */
@Command(
    name = "embedded",
    mixinStandardHelpOptions = true,
    description = "Start, stop and reset an embedded Streambed in this JVM, again and again, and time each step.")
final class EmbeddedCommand implements Callable<Integer> {
  @Option(names = "--rounds", defaultValue = "30", description = "measured starts, and resets of each kind")
  int rounds;

  @Option(names = "--warmup-rounds", defaultValue = "10", description = "unmeasured starts and resets first")
  int warmupRounds;

  @Option(names = "--items", defaultValue = "20", description = "items written before each reset with state")
  int items;

  @Override
  public Integer call() throws Exception {
    System.out.printf(Locale.ROOT, "Embedded Streambed, %d measured rounds after %d warm-up rounds (%s, %d cores)%n",
        rounds, warmupRounds, System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors());

    long t0 = System.nanoTime();
    Streambed first = Streambed.start();
    long started = System.nanoTime();
    firstRequest(first);
    long t1 = System.nanoTime();
    first.close();
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "  first start in this JVM, to the first answer    %8.2f ms (start() returned after %.2f ms)%n",
        (t1 - t0) / 1e6, (started - t0) / 1e6);
    System.out.printf(Locale.ROOT, "  first close                                     %8.2f ms%n", (t2 - t1) / 1e6);

    Timings start = new Timings("start, to the first answer (raw HTTP)", rounds);
    Timings sdk = new Timings("start, to the first answer (its SDK client)", rounds);
    Timings close = new Timings("close", rounds);
    for (int i = -warmupRounds; i < rounds; i++) {
      long a = System.nanoTime();
      Streambed s = Streambed.start();
      firstRequest(s);
      long b = System.nanoTime();
      s.close();
      long c = System.nanoTime();
      Streambed t = Streambed.start();
      t.dynamoDb().listTables();
      long d = System.nanoTime();
      t.close();
      if (i >= 0) {
        start.add(b - a);
        close.add(c - b);
        sdk.add(d - c);
      }
    }

    Timings emptyReset = new Timings("reset, empty", rounds);
    Timings fullReset = new Timings("reset, with a table, " + items + " items, a trigger", rounds);
    Timings snapshotReset = new Timings("reset to a snapshot of that state", rounds);
    try (Streambed s = Streambed.start()) {
      DynamoDbClient ddb = s.dynamoDb();
      Snapshot saved = null;
      for (int i = -warmupRounds; i < rounds; i++) {
        long a = System.nanoTime();
        s.reset();
        long b = System.nanoTime();
        fill(s, ddb);
        long c = System.nanoTime();
        s.reset();
        long d = System.nanoTime();
        if (saved == null) {
          fill(s, ddb);
          saved = s.snapshot();
        }
        long e = System.nanoTime();
        s.reset(saved);
        long f = System.nanoTime();
        if (i >= 0) {
          emptyReset.add(b - a);
          fullReset.add(d - c);
          snapshotReset.add(f - e);
        }
      }
    }
    System.out.println(start);
    System.out.println(sdk);
    System.out.println(close);
    System.out.println(emptyReset);
    System.out.println(fullReset);
    System.out.println(snapshotReset);
    return 0;
  }

  /** A table with a stream, a function with a trigger on it, and items it processed. */
  private void fill(Streambed s, DynamoDbClient ddb) {
    ddb.createTable(b -> b.tableName("Orders").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH"))
        .streamSpecification(x -> x.streamEnabled(true).streamViewType("NEW_IMAGE")));
    s.deploy(PrintSize.class).withTrigger("Orders", 100, StartingPosition.TRIM_HORIZON);
    for (int i = 0; i < items; i++) {
      String id = "o-" + i;
      ddb.putItem(b -> b.tableName("Orders").item(Map.of("id", AttributeValue.fromS(id))));
    }
    s.awaitQuiescent();
  }

  /** Sends ListTables on a new connection; it must be answered 200, as start() returned ready. */
  private static void firstRequest(Streambed s) throws IOException {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", s.port());
    byte[] request = new RawRequests("127.0.0.1:" + s.port()).listTables();
    BlockingExchange.Response r = BlockingExchange.send(address, request, 10_000);
    if (r.status() != 200) {
      throw new IllegalStateException("ListTables answered " + r.status() + ": " + r.body());
    }
  }
}
