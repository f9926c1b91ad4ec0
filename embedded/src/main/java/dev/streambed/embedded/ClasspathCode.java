package dev.streambed.embedded;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The deployment package of a handler taken from this JVM's classpath: a zip holding one jar,
 * {@code lib/classpath.jar}, whose manifest's {@code Class-Path} names the handler's own code
 * location and every entry of the classpath, by absolute {@code file:} URL. Lambda's Java
 * runtime puts {@code lib/*.jar} on the function's classpath and Java follows a jar's
 * {@code Class-Path} (Maven's test runner starts its JVMs the same way), so the function's class
 * loader sees the test's classes and libraries without a byte of them being copied, and loads
 * them, in a class loader of its own, only when the handler uses them.
 */
final class ClasspathCode {
  private ClasspathCode() {}

  /** The zip for a handler class: the same bytes for the same classpath, so code is stored once. */
  static byte[] zipFor(Class<?> handler) {
    Set<String> urls = new LinkedHashSet<>();
    Path own = location(handler);
    if (own != null) {
      urls.add(url(own));
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank() && Files.exists(Path.of(entry))) {
        urls.add(url(Path.of(entry)));
      }
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    try {
      ByteArrayOutputStream jar = new ByteArrayOutputStream();
      try (JarOutputStream out = new JarOutputStream(jar)) {
        ZipEntry e = new ZipEntry("META-INF/MANIFEST.MF");
        e.setTime(0);
        out.putNextEntry(e);
        manifest.write(out);
        out.closeEntry();
      }
      ByteArrayOutputStream zip = new ByteArrayOutputStream();
      try (ZipOutputStream out = new ZipOutputStream(zip)) {
        ZipEntry e = new ZipEntry("lib/classpath.jar");
        e.setTime(0);
        out.putNextEntry(e);
        out.write(jar.toByteArray());
        out.closeEntry();
      }
      return zip.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory or jar a class was loaded from, or null when it has none (a generated class). */
  private static Path location(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** A directory's URL ends with a slash, which is how a class loader tells it from a jar. */
  private static String url(Path p) {
    String u = p.toAbsolutePath().normalize().toUri().toString();
    return Files.isDirectory(p) && !u.endsWith("/") ? u + "/" : u;
  }
}
