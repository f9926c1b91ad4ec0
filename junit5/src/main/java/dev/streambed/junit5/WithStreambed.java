package dev.streambed.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against an embedded Streambed on a free port. Test methods,
 * lifecycle methods and constructors take it as a parameter ({@code dev.streambed.embedded.Streambed}),
 * or take ready AWS SDK clients for it ({@code DynamoDbClient}, {@code DynamoDbStreamsClient},
 * {@code LambdaClient}, {@code IamClient}, {@code StsClient}, {@code CloudWatchLogsClient},
 * {@code SqsClient} and their async forms).
 *
 * <pre>{@code
 * @WithStreambed
 * class OrdersTest {
 *   @Test
 *   void handlesEveryOrder(Streambed streambed, DynamoDbClient ddb) { ... }
 * }
 * }</pre>
 *
 * <p>With {@link Scope#CLASS} (the default) the class's tests share one instance, which returns
 * between tests to the state it had when the class's first test began: what {@code @BeforeAll}
 * set up stays, what a test changed is gone. Its tests must then run one at a time (JUnit runs a
 * class's tests in one thread unless told otherwise); test classes may run in parallel, each with
 * its own instance on its own port. With {@link Scope#TEST} every test gets a new instance.
 *
 * <p>{@link Streambed @Streambed} is the same annotation under a shorter name. Its simple name is
 * also that of the instance's class, {@code dev.streambed.embedded.Streambed}, so a test that
 * takes the instance as a parameter (as most do) cannot import both: this name avoids the clash.
 *
 * <p>For settings beyond these, register {@link StreambedExtension#builder()} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(StreambedExtension.class)
public @interface WithStreambed {
  /** How long one instance lives. */
  Scope scope() default Scope.CLASS;

  /** A clock that stands still until the test moves it with {@code Streambed.advance}. */
  boolean controllableClock() default false;

  String region() default "us-east-1";

  /** The account id in every ARN. */
  String account() default "000000000000";

  /** Shards each DynamoDB stream writes to at once. */
  int streamShards() default 1;

  /** With {@link Scope#CLASS}: whether the instance returns to its starting state between tests. */
  boolean resetBetweenTests() default true;
}
