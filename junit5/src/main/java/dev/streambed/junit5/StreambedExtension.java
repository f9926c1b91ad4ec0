package dev.streambed.junit5;

import dev.streambed.embedded.Snapshot;
import dev.streambed.embedded.Streambed;
import dev.streambed.embedded.StreambedBuilder;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithStreambed} and {@link dev.streambed.junit5.Streambed}, and
 * its programmatic form:
 *
 * <pre>{@code
 * @RegisterExtension
 * static StreambedExtension streambed = StreambedExtension.builder().controllableClock().build();
 * }</pre>
 *
 * A static field gives the class one instance, returned between tests to the state it had when
 * the first test began (as {@link Scope#CLASS}); an instance field gives every test
 * its own (as {@link Scope#TEST}). Either way {@link #streambed()} is the running
 * instance, and parameters of the types {@link WithStreambed} lists are injected.
 */
public final class StreambedExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StreambedExtension.class);

  /** Null for the annotation's form: its settings are read from the test class. */
  private final Settings given;
  /** The instance this extension started, for {@link #streambed()} (the programmatic form). */
  private volatile Streambed current;

  /** The annotations' form: JUnit creates it for either annotation. */
  public StreambedExtension() {
    this.given = null;
  }

  private StreambedExtension(Settings settings) {
    this.given = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The running instance of the programmatic form.
   *
   * @throws IllegalStateException outside a test of the class that registered this extension
   */
  public Streambed streambed() {
    Streambed s = current;
    if (s == null) {
      throw new IllegalStateException("Streambed runs only during the tests of the class that registered it");
    }
    return s;
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public void beforeAll(ExtensionContext context) {
    Settings settings = settings(context);
    if (given != null || settings.scope() == Scope.CLASS) {
      // A nested class finds its enclosing class's instance in the store and shares it.
      instance(context, settings, true);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Instance found = find(context);
    if (found == null) {
      found = instance(context, settings(context), false);
    }
    if (found.resets && context.getExecutionMode() == ExecutionMode.CONCURRENT) {
      throw new ExtensionConfigurationException("A Streambed shared by a class's tests is reset between "
          + "them, so they run one at a time: run the class's tests in one thread (JUnit's "
          + "@Execution(SAME_THREAD), or junit.jupiter.execution.parallel.mode.default=same_thread with "
          + "mode.classes.default=concurrent), give each test its own instance (scope TEST), or keep the "
          + "state between tests (resetBetweenTests false)");
    }
    found.beforeTest();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Instance found = find(context);
    if (found != null) {
      found.afterTest();
    }
  }

  private Object key() {
    return given == null ? WithStreambed.class : this;
  }

  private Instance find(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(key(), Instance.class);
  }

  /** The instance stored in this context (or an enclosing one), started if there is none. */
  private Instance instance(ExtensionContext context, Settings settings, boolean shared) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(key(), k -> {
      Instance started = new Instance(settings.start(), shared && settings.resetBetweenTests());
      current = started.streambed;
      return started;
    }, Instance.class);
  }

  private Settings settings(ExtensionContext context) {
    if (given != null) {
      return given;
    }
    for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
      var with = AnnotationSupport.findAnnotation(c, WithStreambed.class);
      var named = AnnotationSupport.findAnnotation(c, dev.streambed.junit5.Streambed.class);
      if (with.isPresent() && named.isPresent()) {
        throw new ExtensionConfigurationException(c.getName() + " has both @Streambed and @WithStreambed, "
            + "which may disagree on its settings: keep one");
      }
      if (with.isPresent()) {
        return Settings.of(with.get());
      }
      if (named.isPresent()) {
        return Settings.of(named.get());
      }
    }
    throw new IllegalStateException("StreambedExtension without @Streambed or @WithStreambed: register it with "
        + "@RegisterExtension static StreambedExtension streambed = StreambedExtension.builder().build();");
  }

  // ---------------------------------------------------------------- parameters

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return Injectable.supports(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Instance found = find(context);
    if (found == null && context.getTestMethod().isEmpty()
        && (given != null || settings(context).scope() == Scope.CLASS)) {
      // A constructor of a class whose instance is made before its @BeforeAll (PER_CLASS lifecycle).
      found = instance(context, settings(context), true);
    }
    if (found == null) {
      throw new ParameterResolutionException("No Streambed is running for " + parameter.getDeclaringExecutable()
          + ": with a new instance for each test (scope TEST, or an instance field), it cannot be injected "
          + "into @BeforeAll, @AfterAll or a constructor");
    }
    return Injectable.resolve(parameter.getParameter().getType(), found.streambed);
  }

  /** A started instance and what it returns to between tests, closed by JUnit with its context. */
  @SuppressWarnings("deprecation")
  private final class Instance implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final Streambed streambed;
    final boolean resets;
    private Snapshot baseline;

    Instance(Streambed streambed, boolean resets) {
      this.streambed = streambed;
      this.resets = resets;
    }

    synchronized void beforeTest() {
      if (resets && baseline == null) {
        // What the class set up before its first test (in @BeforeAll) is what each test starts from.
        baseline = streambed.snapshot();
      }
    }

    synchronized void afterTest() {
      if (resets) {
        streambed.reset(baseline);
      }
    }

    @Override
    public void close() {
      if (current == streambed) {
        current = null;
      }
      streambed.close();
    }
  }

  /** What a Streambed is started with. */
  private record Settings(Scope scope, boolean resetBetweenTests, Consumer<StreambedBuilder> setup) {
    static Settings of(WithStreambed a) {
      return of(a.scope(), a.resetBetweenTests(), a.region(), a.account(), a.streamShards(), a.controllableClock());
    }

    static Settings of(dev.streambed.junit5.Streambed a) {
      return of(a.scope(), a.resetBetweenTests(), a.region(), a.account(), a.streamShards(), a.controllableClock());
    }

    private static Settings of(Scope scope, boolean reset, String region, String account, int shards,
        boolean controllableClock) {
      return new Settings(scope, reset, b -> {
        b.region(region).account(account).streamShards(shards);
        if (controllableClock) {
          b.controllableClock();
        }
      });
    }

    Streambed start() {
      StreambedBuilder b = Streambed.builder();
      setup.accept(b);
      return b.start();
    }
  }

  /** The programmatic form's settings; any the embedded builder has can be set with {@link #configure}. */
  public static final class Builder {
    private Consumer<StreambedBuilder> setup = b -> { };
    private boolean resetBetweenTests = true;

    private Builder() {}

    /** A clock that stands still until the test moves it with {@code Streambed.advance}. */
    public Builder controllableClock() {
      return configure(StreambedBuilder::controllableClock);
    }

    public Builder region(String region) {
      return configure(b -> b.region(region));
    }

    public Builder account(String accountId) {
      return configure(b -> b.account(accountId));
    }

    /** Any setting of the embedded builder: shards, rollover, storage, Lambda's... */
    public Builder configure(Consumer<StreambedBuilder> more) {
      Objects.requireNonNull(more, "more");
      Consumer<StreambedBuilder> before = setup;
      setup = b -> {
        before.accept(b);
        more.accept(b);
      };
      return this;
    }

    /** For a static field: whether the instance returns to its starting state between tests (yes by default). */
    public Builder resetBetweenTests(boolean reset) {
      this.resetBetweenTests = reset;
      return this;
    }

    public StreambedExtension build() {
      return new StreambedExtension(new Settings(null, resetBetweenTests, setup));
    }
  }
}
