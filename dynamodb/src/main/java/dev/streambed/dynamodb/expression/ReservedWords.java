package dev.streambed.dynamodb.expression;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * DynamoDB's reserved words ("Reserved words in DynamoDB" in the developer guide): names that an
 * expression may not use as attribute names without an ExpressionAttributeNames placeholder. The
 * list is case-insensitive.
 */
final class ReservedWords {
  private static final Set<String> WORDS = load();

  private ReservedWords() {}

  static boolean isReserved(String name) {
    return WORDS.contains(name.toUpperCase(Locale.ROOT));
  }

  static int count() {
    return WORDS.size();
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>(1024);
    try (InputStream in = ReservedWords.class.getResourceAsStream("reserved-words.txt")) {
      if (in == null) {
        throw new IllegalStateException("reserved-words.txt is missing from the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String word = line.trim();
        if (!word.isEmpty()) {
          words.add(word.toUpperCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
