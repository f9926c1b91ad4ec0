package dev.streambed.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against an embedded Streambed on a free port: the same as
 * {@link WithStreambed @WithStreambed}, with the same settings and parameters, under the shorter
 * name. The instance's class has this simple name too ({@code dev.streambed.embedded.Streambed}),
 * so a test that imports this annotation names the instance's class in full, or uses
 * {@code @WithStreambed}:
 *
 * <pre>{@code
 * import dev.streambed.junit5.Streambed;
 *
 * @Streambed(controllableClock = true)
 * class SessionsTest {
 *   @Test
 *   void expire(dev.streambed.embedded.Streambed streambed, DynamoDbClient ddb) { ... }
 * }
 * }</pre>
 *
 * <p>A class carries one of the two, not both.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(StreambedExtension.class)
public @interface Streambed {
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
