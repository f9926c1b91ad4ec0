package dev.streambed.lambda.runtime;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.util.SerializeUtil;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's serializers of the Lambda event classes, shared by every in-process function although
 * AWS's library expects one function per JVM: it caches the classes it loads by name alone
 * ({@code SerializeUtil}'s class cache), and keeps one instance of each custom serializer (S3's,
 * say) whose event class and class loader are set on every use. So a second function's
 * {@code DynamodbEvent} would get the mix-ins of the first function's classes (its {@code Keys}
 * read as null), or its joda-time classes. Every use therefore runs under one lock, with the
 * cache emptied and the serializer set for the calling function's classes first. An event's
 * (de)serialization takes a millisecond; functions of one Streambed wait for each other only that
 * long.
 */
final class EventSerializers {
  private static final Logger LOG = LoggerFactory.getLogger(EventSerializers.class);
  private static final Object LOCK = new Object();
  private static final Map<?, ?> CLASS_CACHE = classCache();
  private static final String JACKSON_SERIALIZERS = "com.amazonaws.services.lambda.runtime.serialization.factories.";

  private EventSerializers() {}

  /** The library's cache of classes by name, or null if this version of it has none we know. */
  private static Map<?, ?> classCache() {
    try {
      Field f = SerializeUtil.class.getDeclaredField("cachedClasses");
      f.setAccessible(true);
      return (Map<?, ?>) f.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("aws-lambda-java-serialization keeps no class cache we know; nothing to empty", e);
      return null;
    }
  }

  /** A serializer of a Lambda event class of one function's class loader. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static PojoSerializer<Object> of(Class<?> eventClass, ClassLoader loader) {
    PojoSerializer<Object> built;
    synchronized (LOCK) {
      forget();
      built = LambdaEventSerializers.serializerFor((Class) eventClass, loader);
    }
    // Jackson's serializers (with mix-ins) are made for this call's classes; the library's own
    // serializers (S3's, say) are shared instances, set for the calling function on every use.
    boolean shared = !built.getClass().getName().startsWith(JACKSON_SERIALIZERS);
    return new PojoSerializer<>() {
      private PojoSerializer<Object> current() {
        forget();
        return shared ? LambdaEventSerializers.serializerFor((Class) eventClass, loader) : built;
      }

      @Override
      public Object fromJson(InputStream input) {
        synchronized (LOCK) {
          return current().fromJson(input);
        }
      }

      @Override
      public Object fromJson(String input) {
        synchronized (LOCK) {
          return current().fromJson(input);
        }
      }

      @Override
      public void toJson(Object value, OutputStream output) {
        synchronized (LOCK) {
          current().toJson(value, output);
        }
      }
    };
  }

  private static void forget() {
    if (CLASS_CACHE != null) {
      CLASS_CACHE.clear();
    }
  }
}
