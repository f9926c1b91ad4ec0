package dev.streambed.bench.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments the way a POSIX shell would for the simple cases: words
 * separated by whitespace, single quotes kept literally, double quotes and backslashes. The server
 * is then started directly, without a shell, so that its pid is the server's own.
 */
public final class CommandLineSplitter {
  private CommandLineSplitter() {}

  public static List<String> split(String commandLine) {
    List<String> args = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < commandLine.length(); i++) {
      char c = commandLine.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\\' && i + 1 < commandLine.length() && quote == 0) {
        word.append(commandLine.charAt(++i));
        inWord = true;
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < commandLine.length()) {
          word.append(commandLine.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          args.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed quote in: " + commandLine);
    }
    if (inWord) {
      args.add(word.toString());
    }
    return args;
  }
}
