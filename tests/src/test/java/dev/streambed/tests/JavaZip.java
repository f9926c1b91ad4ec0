package dev.streambed.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Java function's deployment package as users build one: the compiled classes of this test
 * build at the zip's root and the jars of libraries in {@code lib/}.
 */
public final class JavaZip {
  private JavaZip() {}

  /** The classes (with their nested classes) and the jars the {@code libraries} classes come from. */
  public static byte[] of(Class<?>[] classes, Class<?>... libraries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Class<?> c : classes) {
        add(c, out);
      }
      for (Class<?> library : libraries) {
        Path jar = Path.of(library.getProtectionDomain().getCodeSource().getLocation().toURI());
        out.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
        Files.copy(jar, out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  private static void add(Class<?> c, ZipOutputStream out) throws IOException {
    String name = c.getName().replace('.', '/') + ".class";
    out.putNextEntry(new ZipEntry(name));
    try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
      in.transferTo(out);
    }
    out.closeEntry();
    for (Class<?> nested : c.getDeclaredClasses()) {
      add(nested, out);
    }
  }
}
