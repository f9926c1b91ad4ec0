package dev.streambed.embedded;

import dev.streambed.lambda.runtime.JavaMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Lambda function about to be deployed on an embedded Streambed: its code (a handler class
 * from this JVM's classpath, or a zip for any runtime) and its settings; {@link #deploy} creates
 * it, and a role for it unless one is given. Unset settings take Lambda's defaults (3 s timeout,
 * 128 MB).
 */
public final class FunctionDeployment {
  private final Streambed streambed;
  private final String runtime;
  private final byte[] zip;
  private final boolean fromClasspath;
  private String handler;
  private String name;
  private String role;
  private String description;
  private Integer timeoutSeconds;
  private Integer memoryMb;
  private final Map<String, String> environment = new LinkedHashMap<>();

  FunctionDeployment(Streambed streambed, String runtime, String handler, byte[] zip, boolean fromClasspath,
      String name) {
    this.streambed = streambed;
    this.runtime = runtime;
    this.handler = handler;
    this.zip = zip;
    this.fromClasspath = fromClasspath;
    this.name = name;
  }

  /** A handler class of this JVM, run inside it in a class loader of its own, as Lambda's Java runtime runs it. */
  static FunctionDeployment ofClass(Streambed streambed, Class<?> handlerClass) {
    String simple = handlerClass.getSimpleName().replaceAll("[^a-zA-Z0-9_-]", "-");
    String runtime = Runtime.version().feature() >= 21 ? "java21" : "java17";
    FunctionDeployment d = new FunctionDeployment(streambed, runtime, handlerClass.getName(),
        ClasspathCode.zipFor(handlerClass), true, simple.isEmpty() ? "function" : simple);
    // Whatever the instance's default for Java zips, a classpath handler can only run in this JVM.
    d.environment.put(JavaMode.VARIABLE, JavaMode.IN_PROCESS.toString());
    return d;
  }

  /** The function's name (by default the handler class's simple name, or the zip handler's words). */
  public FunctionDeployment name(String functionName) {
    this.name = Objects.requireNonNull(functionName, "functionName");
    return this;
  }

  /**
   * For a handler class: the public method to call instead of {@code handleRequest}, as Lambda's
   * {@code package.Class::method} handler names it.
   */
  public FunctionDeployment method(String methodName) {
    if (!fromClasspath) {
      throw new IllegalStateException("a zip's handler names its method already: " + handler);
    }
    String cls = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    this.handler = cls + "::" + Objects.requireNonNull(methodName, "methodName");
    return this;
  }

  /**
   * Runs as this existing role instead of a new one. The role must trust
   * {@code lambda.amazonaws.com}; a trigger needs it to read the stream, and logs need it to write
   * to CloudWatch Logs.
   */
  public FunctionDeployment role(String roleArn) {
    this.role = Objects.requireNonNull(roleArn, "roleArn");
    return this;
  }

  public FunctionDeployment description(String text) {
    this.description = text;
    return this;
  }

  /** How long an invocation may run (1 s to 15 minutes; Lambda's default 3 s). */
  public FunctionDeployment timeout(Duration timeout) {
    this.timeoutSeconds = Math.toIntExact(timeout.toSeconds());
    return this;
  }

  /** Memory in MB (128 to 10,240), shown in the REPORT line. */
  public FunctionDeployment memorySize(int megabytes) {
    this.memoryMb = megabytes;
    return this;
  }

  /**
   * An environment variable of the function. Functions run inside this JVM read the JVM's own
   * environment instead (a JVM's environment cannot be changed), so for them this is
   * configuration only, as GetFunctionConfiguration shows it.
   */
  public FunctionDeployment environment(String key, String value) {
    environment.put(key, value);
    return this;
  }

  /**
   * Creates the function, and unless {@link #role} named one, a role {@code NAME-role} that trusts
   * Lambda and has AWS's {@code AWSLambdaDynamoDBExecutionRole} (read streams, write logs): what a
   * stream trigger and the function's log lines need. Fails as CreateFunction fails (an existing
   * name is {@code ResourceConflictException}).
   */
  public DeployedFunction deploy() {
    String roleArn = role != null ? role : streambed.triggerRole(name + "-role");
    streambed.server().functions().create(streambed.accountId(), streambed.region(),
        new dev.streambed.lambda.Functions.CreateRequest(name, runtime, handler, roleArn, description,
            timeoutSeconds, memoryMb, Map.copyOf(environment), null, zip, null, "Zip", null, null, false));
    return new DeployedFunction(streambed, name, roleArn);
  }
}
