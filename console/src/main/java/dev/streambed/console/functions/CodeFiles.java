package dev.streambed.console.functions;

import dev.streambed.kernel.error.AwsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** A function's deployment package as files: read from its zip, and a zip with one file replaced. */
final class CodeFiles {
  static final int MAX_EDITABLE = 1024 * 1024;

  private CodeFiles() {}

  /** The files of a zip by name, in the zip's order (directories left out). */
  static Map<String, byte[]> read(byte[] zip) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (!e.isDirectory()) {
          files.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The file as text, or null when it is binary or too large to edit in a browser. */
  static String text(byte[] content) {
    if (content.length > MAX_EDITABLE) {
      return null;
    }
    for (byte b : content) {
      if (b == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The zip with {@code name} holding {@code content}, every other file as it was. */
  static byte[] replace(Map<String, byte[]> files, String name, String content) {
    if (!files.containsKey(name)) {
      throw AwsException.validation("The package has no file " + name + ".");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        out.putNextEntry(new ZipEntry(f.getKey()));
        out.write(f.getKey().equals(name) ? content.getBytes(StandardCharsets.UTF_8) : f.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Whether the console edits this runtime's code: script runtimes, whose files are source. */
  static boolean editable(String runtime) {
    return runtime != null && (runtime.startsWith("python") || runtime.startsWith("nodejs")
        || runtime.startsWith("provided") || runtime.startsWith("ruby"));
  }

  /** The file the handler names ({@code lambda_function.lambda_handler} is in lambda_function.py). */
  static String handlerFile(Map<String, byte[]> files, String handler) {
    if (handler != null && handler.contains(".")) {
      String module = handler.substring(0, handler.lastIndexOf('.')).replace('.', '/');
      for (String name : files.keySet()) {
        int dot = name.lastIndexOf('.');
        if (dot > 0 && name.substring(0, dot).equals(module)) {
          return name;
        }
      }
    }
    return files.keySet().stream().filter(n -> text(files.get(n)) != null).findFirst()
        .orElse(files.isEmpty() ? null : files.keySet().iterator().next());
  }
}
