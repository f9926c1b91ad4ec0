package dev.streambed.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.streambed.embedded.Streambed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The extension's lifecycles, run through the JUnit Platform as a build runs test classes: the
 * sample classes below are not run on their own (nested classes are not picked by the build),
 * only here, and their results read back.
 */
class LifecycleTest {
  /** What the sample classes saw, by name. */
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  private static EngineExecutionResults run(Map<String, String> configuration, Class<?>... classes) {
    var kit = EngineTestKit.engine("junit-jupiter").configurationParameters(configuration);
    for (Class<?> c : classes) {
      kit = kit.selectors(selectClass(c));
    }
    return kit.execute();
  }

  /** Runs the classes and fails with the samples' own failures, if any. */
  private static long passing(Class<?>... classes) {
    return passing(Map.of(), classes);
  }

  private static long passing(Map<String, String> configuration, Class<?>... classes) {
    EngineExecutionResults results = run(configuration, classes);
    List<Throwable> failures = results.allEvents().failed().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
    failures.forEach(Throwable::printStackTrace);
    assertThat(failures).isEmpty();
    return results.testEvents().succeeded().count();
  }

  private static void table(DynamoDbClient ddb, String name) {
    ddb.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH")));
  }

  // ---------------------------------------------------------------- one instance per class

  @WithStreambed
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class SharedByTheClass {
    @BeforeAll
    static void setUp(DynamoDbClient ddb) {
      table(ddb, "FromBeforeAll");
    }

    @Test
    @Order(1)
    void first(Streambed streambed, DynamoDbClient ddb) {
      SEEN.put("shared.first", streambed);
      assertThat(ddb.listTables().tableNames()).containsExactly("FromBeforeAll");
      table(ddb, "FromTheFirstTest");
    }

    @Test
    @Order(2)
    void second(Streambed streambed, DynamoDbClient ddb) {
      SEEN.put("shared.second", streambed);
      assertThat(ddb.listTables().tableNames()).containsExactly("FromBeforeAll");
    }

    @Nested
    class Inner {
      @Test
      void sharesTheEnclosingInstance(Streambed streambed) {
        SEEN.put("shared.nested", streambed);
      }
    }
  }

  @Test
  void aClassSharesOneInstanceReturnedToItsSetUpBetweenTests() {
    assertThat(passing(SharedByTheClass.class)).isEqualTo(3);
    Streambed first = (Streambed) SEEN.get("shared.first");
    assertThat(SEEN.get("shared.second")).isSameAs(first);
    assertThat(SEEN.get("shared.nested")).isSameAs(first);
    assertClosed(first);
  }

  // ---------------------------------------------------------------- one instance per test

  @WithStreambed(scope = Scope.TEST)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class OnePerTest {
    @Test
    @Order(1)
    void first(Streambed streambed, DynamoDbClient ddb) {
      SEEN.put("perTest.first", streambed);
      table(ddb, "Mine");
    }

    @Test
    @Order(2)
    void second(Streambed streambed, DynamoDbClient ddb) {
      SEEN.put("perTest.second", streambed);
      assertThat(ddb.listTables().tableNames()).isEmpty();
      assertClosed((Streambed) SEEN.get("perTest.first"));
    }
  }

  @Test
  void eachTestCanHaveAnInstanceOfItsOwn() {
    assertThat(passing(OnePerTest.class)).isEqualTo(2);
    assertThat(SEEN.get("perTest.second")).isNotSameAs(SEEN.get("perTest.first"));
  }

  @WithStreambed(scope = Scope.TEST)
  static class InjectedBeforeItStarts {
    @BeforeAll
    static void tooEarly(Streambed streambed) {
      SEEN.put("early", streambed);
    }

    @Test
    void never() {
    }
  }

  @Test
  void anInstancePerTestCannotBeInjectedBeforeAllAndSaysSo() {
    EngineExecutionResults results = run(Map.of(), InjectedBeforeItStarts.class);
    List<Throwable> failures = results.allEvents().failed().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
    assertThat(failures).singleElement().satisfies(f -> assertThat(f)
        .hasMessageContaining("No Streambed is running for")
        .hasMessageContaining("it cannot be injected into @BeforeAll"));
    assertThat(SEEN).doesNotContainKey("early");
  }

  // ---------------------------------------------------------------- the programmatic form

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class RegisteredStatic {
    static final Instant START = Instant.parse("2031-05-01T12:00:00Z");

    @RegisterExtension
    static StreambedExtension streambed = StreambedExtension.builder()
        .configure(b -> b.controllableClock(START)).region("ap-southeast-2").build();

    @Test
    @Order(1)
    void movesTimeAndCreatesATable(DynamoDbClient ddb) {
      streambed.streambed().advance(Duration.ofHours(2));
      table(ddb, "Temporary");
      assertThat(ddb.describeTable(b -> b.tableName("Temporary")).table().tableArn()).contains(":ap-southeast-2:");
      SEEN.put("static.first", streambed.streambed());
    }

    @Test
    @Order(2)
    void findsTheTableGoneAndTheClockWhereItWas(Streambed injected, DynamoDbClient ddb) {
      assertThat(injected).isSameAs(streambed.streambed()).isSameAs(SEEN.get("static.first"));
      assertThat(ddb.listTables().tableNames()).isEmpty();
      assertThat(injected.now()).isEqualTo(START.plus(Duration.ofHours(2)));
    }
  }

  @Test
  void aStaticFieldRegistersOneInstanceForTheClass() {
    assertThat(passing(RegisteredStatic.class)).isEqualTo(2);
    assertClosed((Streambed) SEEN.get("static.first"));
  }

  static class RegisteredPerTest {
    static final List<Streambed> SEEN_HERE = Collections.synchronizedList(new ArrayList<>());

    @RegisterExtension
    StreambedExtension streambed = StreambedExtension.builder().build();

    @Test
    void one(DynamoDbClient ddb) {
      SEEN_HERE.add(streambed.streambed());
      table(ddb, "Mine");
    }

    @Test
    void two(DynamoDbClient ddb) {
      SEEN_HERE.add(streambed.streambed());
      table(ddb, "Mine");
    }
  }

  @Test
  void anInstanceFieldRegistersAnInstancePerTest() {
    RegisteredPerTest.SEEN_HERE.clear();
    assertThat(passing(RegisteredPerTest.class)).isEqualTo(2);
    assertThat(RegisteredPerTest.SEEN_HERE).hasSize(2).doesNotHaveDuplicates();
    RegisteredPerTest.SEEN_HERE.forEach(LifecycleTest::assertClosed);
  }

  // ---------------------------------------------------------------- classes in parallel

  static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);

  @WithStreambed
  static class ParallelOne {
    @Test
    void ownsItsTables(Streambed streambed, DynamoDbClient ddb) throws Exception {
      inParallel("parallel.one", streambed, ddb);
    }
  }

  @WithStreambed
  static class ParallelTwo {
    @Test
    void ownsItsTables(Streambed streambed, DynamoDbClient ddb) throws Exception {
      inParallel("parallel.two", streambed, ddb);
    }
  }

  static void inParallel(String name, Streambed streambed, DynamoDbClient ddb) throws Exception {
    table(ddb, "Same");
    // Both classes' instances are up at this moment, on their own ports.
    BOTH_RUNNING.await(60, TimeUnit.SECONDS);
    assertThat(ddb.listTables().tableNames()).containsExactly("Same");
    SEEN.put(name, streambed.port());
  }

  @Test
  void classesRunningInParallelNeverShareAnInstanceOrAPort() {
    assertThat(passing(Map.of(
        "junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.mode.default", "same_thread",
        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
        "junit.jupiter.execution.parallel.config.strategy", "fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"),
        ParallelOne.class, ParallelTwo.class)).isEqualTo(2);
    assertThat(SEEN.get("parallel.one")).isNotEqualTo(SEEN.get("parallel.two"));
  }

  @WithStreambed
  static class ConcurrentMethods {
    @Test
    void one() {
    }
  }

  @Test
  void aSharedInstanceRefusesTestsRunningAtOnce() {
    EngineExecutionResults results = run(Map.of(
        "junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.mode.default", "concurrent"), ConcurrentMethods.class);
    List<Event> failed = results.testEvents().failed().list();
    assertThat(failed).singleElement().satisfies(e -> assertThat(
        e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
        .hasMessageContaining("they run one at a time"));
  }

  @dev.streambed.junit5.Streambed(scope = Scope.TEST)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ShortNamePerTest {
    @Test
    @Order(1)
    void first(Streambed streambed, DynamoDbClient ddb) {
      SEEN.put("short.first", streambed);
      table(ddb, "Mine");
    }

    @Test
    @Order(2)
    void second(Streambed streambed, DynamoDbClient ddb) {
      SEEN.put("short.second", streambed);
      assertThat(ddb.listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void theShortNameHasTheSameScopes() {
    assertThat(passing(ShortNamePerTest.class)).isEqualTo(2);
    assertThat(SEEN.get("short.second")).isNotSameAs(SEEN.get("short.first"));
    assertClosed((Streambed) SEEN.get("short.first"));
    assertClosed((Streambed) SEEN.get("short.second"));
  }

  @dev.streambed.junit5.Streambed(region = "eu-west-1")
  @WithStreambed(region = "us-west-2")
  static class BothAnnotations {
    @Test
    void never(Streambed streambed) {
      SEEN.put("both", streambed);
    }
  }

  @Test
  void bothAnnotationsOnOneClassAreRefused() {
    EngineExecutionResults results = run(Map.of(), BothAnnotations.class);
    List<Throwable> failures = results.allEvents().failed().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
    assertThat(failures).singleElement().satisfies(f -> assertThat(f)
        .hasMessage(BothAnnotations.class.getName() + " has both @Streambed and @WithStreambed, "
            + "which may disagree on its settings: keep one"));
    assertThat(SEEN).doesNotContainKey("both");
  }

  static void assertClosed(Streambed streambed) {
    org.assertj.core.api.Assertions.assertThatThrownBy(streambed::dynamoDb)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
