package dev.streambed.lambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The command of a Java function's own JVM: the machine's {@code java} (the one running
 * Streambed) with AWS's runtime interface client, as Lambda's {@code java17} and {@code java21}
 * runtimes start it. The client's jars ship inside Streambed as resources and are written out
 * once; they alone are the JVM's class path, and the client itself loads the function from its
 * working directory (the unpacked code) and {@code lib/*.jar} in a class loader of its own, as on
 * AWS, so that the function sees none of Streambed's libraries.
 */
final class JavaCommand {
  static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final List<String> JARS = List.of("aws-lambda-java-runtime-interface-client.jar",
      "aws-lambda-java-core.jar", "aws-lambda-java-serialization.jar", "utils-lite.jar");

  private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  private final Path dir;
  private String classPath;
  private String jniLibrary;

  JavaCommand(Path dir) {
    this.dir = dir;
  }

  List<String> command(RuntimeSpec spec) throws IOException {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Lambda gives the heap about 85% of the function's memory, uses the serial collector and
    // stops the JIT at its first tier for a quick start.
    c.add("-XX:MaxHeapSize=" + Math.max(16, spec.memoryMb() * 85 / 100) + "m");
    c.add("-XX:+UseSerialGC");
    c.add("-XX:+TieredCompilation");
    c.add("-XX:TieredStopAtLevel=1");
    c.add("-Xshare:auto");
    c.add("-Djava.net.preferIPv4Stack=true");
    // The client opens its telemetry log descriptor through FileDescriptor's private constructor.
    c.add("--add-opens=java.base/java.io=ALL-UNNAMED");
    String path = classPath();
    // The client would unpack its native library to one fixed file, /tmp/.libaws-lambda-jni.so,
    // each JVM overwriting it while others have it loaded (and crashing them with SIGABRT); on
    // AWS one environment runs per sandbox. Every environment here loads Streambed's one copy.
    c.add("-D" + JNI_PROPERTY + "=" + jniLibrary);
    c.add("-cp");
    c.add(path);
    c.add(MAIN);
    c.add(spec.handler());
    return c;
  }

  private synchronized String classPath() throws IOException {
    if (classPath == null) {
      Files.createDirectories(dir);
      List<String> paths = new ArrayList<>();
      for (String jar : JARS) {
        Path target = dir.resolve(jar);
        try (InputStream in = JavaCommand.class.getResourceAsStream("java/" + jar)) {
          if (in == null) {
            throw new IOException("this build of Streambed lacks " + jar + " of the Java runtime");
          }
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        paths.add(target.toString());
      }
      jniLibrary = unpackJni(dir.resolve(JARS.get(0))).toString();
      classPath = String.join(java.io.File.pathSeparator, paths);
    }
    return classPath;
  }

  /** The runtime interface client's native library for this machine, unpacked from its jar. */
  private Path unpackJni(Path clientJar) throws IOException {
    String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
    boolean musl;
    try (java.util.stream.Stream<Path> libs = Files.list(Path.of("/lib"))) {
      musl = libs.anyMatch(l -> l.getFileName().toString().startsWith("ld-musl-"));
    } catch (IOException noLib) {
      musl = false;
    }
    String name = "libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + arch + ".so";
    Path target = dir.resolve(name);
    try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(clientJar.toFile())) {
      java.util.zip.ZipEntry entry = jar.getEntry("jni/" + name);
      if (entry == null) {
        throw new IOException("the Java runtime interface client has no native library " + name);
      }
      try (InputStream in = jar.getInputStream(entry)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return target;
  }
}
