package dev.streambed.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of an in-process Java function: its code directory, then its {@code lib/*.jar}
 * in name order (the order AWS's runtime client uses), over a parent that shows only the Java
 * platform and the Lambda API of {@code aws-lambda-java-core} ({@code RequestHandler},
 * {@code Context}, {@code LambdaLogger}...). So a function's own libraries never meet Streambed's
 * (its Jackson, Netty or AWS SDK are its own), while the handler interfaces it implements are the
 * very ones Streambed calls through, as they are the system class loader's on AWS.
 */
final class FunctionClassLoader extends URLClassLoader {
  private static final ClassLoader API = new ApiLoader(FunctionClassLoader.class.getClassLoader());

  static {
    ClassLoader.registerAsParallelCapable();
  }

  /** Unnamed, so that stack traces name no loader, as on AWS. */
  FunctionClassLoader(Path code) {
    super(urls(code), API);
  }

  private static URL[] urls(Path code) {
    List<URL> urls = new ArrayList<>();
    try {
      urls.add(code.toUri().toURL());
      Path lib = code.resolve("lib");
      if (Files.isDirectory(lib)) {
        try (Stream<Path> jars = Files.list(lib)) {
          for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
            urls.add(jar.toUri().toURL());
          }
        }
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return urls.toArray(URL[]::new);
  }

  /** The platform's classes, and from {@code source} only the Lambda API's. */
  private static final class ApiLoader extends ClassLoader {
    private static final String API_PACKAGE = "com.amazonaws.services.lambda.runtime.";
    private final ClassLoader source;

    static {
      ClassLoader.registerAsParallelCapable();
    }

    ApiLoader(ClassLoader source) {
      super("lambda-api", ClassLoader.getPlatformClassLoader());
      this.source = source;
    }

    /** Classes of {@code com.amazonaws.services.lambda.runtime} and its {@code logging} package. */
    private static boolean isApi(String className) {
      if (!className.startsWith(API_PACKAGE)) {
        return false;
      }
      String rest = className.substring(API_PACKAGE.length());
      return rest.indexOf('.') < 0 || (rest.startsWith("logging.") && rest.indexOf('.', 8) < 0);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (isApi(name)) {
        return source.loadClass(name);
      }
      return super.loadClass(name, resolve);
    }

    private static String classOf(String resource) {
      return resource.endsWith(".class")
          ? resource.substring(0, resource.length() - 6).replace('/', '.').replace(File.separatorChar, '.') : "";
    }

    @Override
    public URL getResource(String name) {
      return isApi(classOf(name)) ? source.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return isApi(classOf(name)) ? source.getResources(name) : super.getResources(name);
    }

    @Override
    protected URL findResource(String name) {
      return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
      return Collections.emptyEnumeration();
    }
  }
}
