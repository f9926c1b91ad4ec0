package dev.streambed.lambda.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A Java handler as Lambda's Java runtime finds and calls it. {@code package.Class} names a class
 * implementing {@code RequestHandler<I, O>} or {@code RequestStreamHandler};
 * {@code package.Class::method} names a public method taking at most an input (any type, or an
 * {@code InputStream}), an {@code OutputStream} and a {@code Context}, in that order; among
 * overloads the longest signature wins, one ending in {@code Context} counting one more. Events
 * are read and results written by AWS's {@code aws-lambda-java-serialization}: the Lambda event
 * classes ({@code DynamodbEvent}...) with its mix-ins, any other type with its Jackson, or the
 * function's own {@code CustomPojoSerializer} when it declares one.
 */
final class JavaHandler {
  private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

  /** The handler's call on one event. */
  private interface Body {
    void run(InputStream in, OutputStream out, Context context) throws Throwable;
  }

  private final Body body;

  private JavaHandler(Body body) {
    this.body = body;
  }

  /** A handler whose every call fails with the same fault (a missing class, say). */
  private static JavaHandler failing(JavaFault fault) {
    return new JavaHandler((in, out, context) -> {
      throw fault;
    });
  }

  /**
   * Loads the handler's class (its static initializers run here: the init phase) and builds its
   * instance; a fault that leaves the environment unable to serve is thrown.
   */
  static JavaHandler load(String handler, ClassLoader loader) throws JavaFault {
    String[] parts = handler == null ? new String[0] : handler.split("::", -1);
    if (parts.length < 1 || parts.length > 2 || parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank())) {
      return failing(JavaFault.setup("Invalid handler: `" + handler + "'", null, false));
    }
    String className = parts[0];
    Class<?> c;
    try {
      c = Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      return failing(JavaFault.setup("Class not found: " + className, e, false));
    } catch (LinkageError | RuntimeException e) {
      Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
      throw JavaFault.setup("Error loading class " + className
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), e, true);
    }
    try {
      JavaHandler.Serializers serializers = new Serializers(loader);
      return parts.length == 2 ? method(c, parts[1], serializers) : ofInterface(c, serializers);
    } catch (JavaFault f) {
      throw f;
    } catch (RuntimeException | LinkageError e) {
      // A serializer that cannot be built (its event class needs a library the function lacks)
      // fails each invocation, as AWS's runtime builds it on the first call.
      return failing(JavaFault.thrown(e));
    }
  }

  /** Runs the handler on an event; what it threw comes back as a {@link JavaFault}. */
  byte[] call(byte[] event, Context context) throws JavaFault {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      body.run(new ByteArrayInputStream(event), out, context);
    } catch (JavaFault f) {
      throw f;
    } catch (InvocationTargetException e) {
      throw JavaFault.thrown(e.getCause() == null ? e : e.getCause());
    } catch (Throwable t) {
      // The function's own code: whatever it throws, Errors included (StackOverflowError,
      // NoClassDefFoundError), is its error, reported with its class as AWS's runtime does.
      throw JavaFault.thrown(t);
    }
    return out.toByteArray();
  }

  private static JavaHandler ofInterface(Class<?> c, Serializers serializers) throws JavaFault {
    if (RequestStreamHandler.class.isAssignableFrom(c)) {
      RequestStreamHandler h = (RequestStreamHandler) instance(c);
      return new JavaHandler(h::handleRequest);
    }
    if (!RequestHandler.class.isAssignableFrom(c)) {
      return failing(JavaFault.setup("Class does not implement an appropriate handler interface: "
          + c.getName(), null, false));
    }
    Type[] types = requestHandlerTypes(c, Map.of());
    if (types == null || types[0] instanceof TypeVariable<?> || types[1] instanceof TypeVariable<?>) {
      return failing(JavaFault.setup("Class " + c.getName()
          + " does not implement RequestHandler with concrete type parameters", null, false));
    }
    @SuppressWarnings("unchecked")
    RequestHandler<Object, Object> h = (RequestHandler<Object, Object>) instance(c);
    PojoSerializer<Object> in = serializers.of(types[0]);
    PojoSerializer<Object> out = isVoid(types[1]) ? null : serializers.of(types[1]);
    return new JavaHandler((input, output, context) ->
        write(out, h.handleRequest(read(in, input), context), output));
  }

  private static JavaHandler method(Class<?> c, String name, Serializers serializers) throws JavaFault {
    Method[] candidates = Arrays.stream(c.getMethods()).filter(m -> m.getName().equals(name))
        .sorted(PRIORITY).toArray(Method[]::new);
    for (Method m : candidates) {
      Body body = bodyOf(c, m, serializers);
      if (body != null) {
        return new JavaHandler(body);
      }
    }
    return failing(JavaFault.setup("No public method named " + name
        + " with appropriate method signature found on class " + c.getName(), null, false));
  }

  /** Non-bridge methods first, then longer signatures, a trailing Context counting one more. */
  private static final Comparator<Method> PRIORITY = Comparator
      .comparing(Method::isBridge)
      .thenComparing(m -> -weight(m));

  private static int weight(Method m) {
    Class<?>[] p = m.getParameterTypes();
    return p.length + (p.length > 0 && p[p.length - 1] == Context.class ? 1 : 0);
  }

  /** The call of one overload, or null when its signature is not one Lambda calls. */
  private static Body bodyOf(Class<?> c, Method m, Serializers serializers) throws JavaFault {
    Class<?>[] p = m.getParameterTypes();
    Type[] g = m.getGenericParameterTypes();
    boolean in = false;
    boolean out = false;
    boolean pojo = false;
    boolean ctx = false;
    switch (p.length) {
      case 0 -> { }
      case 1 -> {
        in = p[0] == InputStream.class;
        out = p[0] == OutputStream.class;
        ctx = p[0] == Context.class;
        pojo = !in && !out && !ctx;
      }
      case 2 -> {
        if (p[0] == InputStream.class && (p[1] == OutputStream.class || p[1] == Context.class)) {
          in = true;
          out = p[1] == OutputStream.class;
          ctx = p[1] == Context.class;
        } else if (p[0] == OutputStream.class && p[1] == Context.class) {
          out = true;
          ctx = true;
        } else if (p[0] != Context.class && p[0] != OutputStream.class && p[1] == Context.class) {
          pojo = true;
          ctx = true;
        } else {
          return null;
        }
      }
      case 3 -> {
        if (p[0] != InputStream.class || p[1] != OutputStream.class || p[2] != Context.class) {
          return null;
        }
        in = true;
        out = true;
        ctx = true;
      }
      default -> {
        return null;
      }
    }
    boolean stream = in || out;
    Object target = Modifier.isStatic(m.getModifiers()) ? null : instance(c);
    boolean takesIn = in;
    boolean takesOut = out;
    boolean takesContext = ctx;
    if (stream) {
      return (input, output, context) -> {
        Object[] args = new Object[p.length];
        int i = 0;
        if (takesIn) {
          args[i++] = input;
        }
        if (takesOut) {
          args[i++] = output;
        }
        if (takesContext) {
          args[i] = context;
        }
        m.invoke(target, args);
      };
    }
    PojoSerializer<Object> reader = pojo ? serializers.of(g[0]) : null;
    Type result = m.getGenericReturnType();
    PojoSerializer<Object> writer = isVoid(result) ? null : serializers.of(result);
    return (input, output, context) -> {
      Object[] args = new Object[p.length];
      int i = 0;
      if (reader != null) {
        args[i++] = read(reader, input);
      }
      if (takesContext) {
        args[i] = context;
      }
      write(writer, m.invoke(target, args), output);
    };
  }

  private static Object read(PojoSerializer<Object> serializer, InputStream in) {
    if (serializer == null) {
      return null;
    }
    try {
      return serializer.fromJson(in);
    } catch (RuntimeException e) {
      throw new RuntimeException("An error occurred during JSON parsing", e);
    }
  }

  private static void write(PojoSerializer<Object> serializer, Object result, OutputStream out) throws Exception {
    if (serializer == null) {
      out.write(NULL);
      return;
    }
    try {
      serializer.toJson(result, out);
    } catch (RuntimeException e) {
      throw new RuntimeException("An error occurred during JSON serialization of response", e);
    }
  }

  private static boolean isVoid(Type t) {
    return t == void.class || t == Void.class;
  }

  /** A new instance through the public no-argument constructor; its failure ends the init phase. */
  private static Object instance(Class<?> c) throws JavaFault {
    java.lang.reflect.Constructor<?> k;
    try {
      k = c.getConstructor();
    } catch (NoSuchMethodException e) {
      String why = c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers())
          ? " cannot be instantiated because it is a non-static inner class"
          : " has no public zero-argument constructor";
      throw JavaFault.setup("Class " + c.getName() + why, e, true);
    }
    try {
      return k.newInstance();
    } catch (InvocationTargetException e) {
      throw JavaFault.init(e.getCause() == null ? e : e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw JavaFault.init(e);
    }
  }

  /** The I and O of {@code RequestHandler<I, O>} as the class binds them, or null. */
  private static Type[] requestHandlerTypes(Type t, Map<TypeVariable<?>, Type> outer) {
    Class<?> raw;
    Map<TypeVariable<?>, Type> bound = new HashMap<>();
    if (t instanceof ParameterizedType p) {
      raw = (Class<?>) p.getRawType();
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < vars.length; i++) {
        bound.put(vars[i], args[i] instanceof TypeVariable<?> v && outer.containsKey(v) ? outer.get(v) : args[i]);
      }
      if (raw == RequestHandler.class) {
        return new Type[] {bound.get(vars[0]), bound.get(vars[1])};
      }
    } else if (t instanceof Class<?> c) {
      raw = c;
    } else {
      return null;
    }
    for (Type i : raw.getGenericInterfaces()) {
      Type[] found = requestHandlerTypes(i, bound);
      if (found != null) {
        return found;
      }
    }
    Type s = raw.getGenericSuperclass();
    return s == null ? null : requestHandlerTypes(s, bound);
  }

  /** Chooses the serializer of each type as AWS's Java runtime does. */
  private static final class Serializers {
    private final ClassLoader loader;
    private final CustomPojoSerializer custom;

    Serializers(ClassLoader loader) {
      this.loader = loader;
      Iterator<CustomPojoSerializer> found = ServiceLoader.load(CustomPojoSerializer.class, loader).iterator();
      this.custom = found.hasNext() ? found.next() : null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    PojoSerializer<Object> of(Type type) {
      if (custom != null) {
        return new PojoSerializer<>() {
          @Override
          public Object fromJson(InputStream in) {
            return custom.fromJson(in, type);
          }

          @Override
          public Object fromJson(String in) {
            return custom.fromJson(in, type);
          }

          @Override
          public void toJson(Object value, OutputStream out) {
            custom.toJson(value, out, type);
          }
        };
      }
      if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
        return EventSerializers.of(c, loader);
      }
      return JacksonFactory.getInstance().getSerializer(type);
    }
  }
}
