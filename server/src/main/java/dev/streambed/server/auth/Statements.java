package dev.streambed.server.auth;

import dev.streambed.kernel.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a PartiQL statement asks of IAM: dynamodb:PartiQLSelect, PartiQLInsert, PartiQLUpdate or
 * PartiQLDelete on the table (or the index, {@code "Table"."Index"}) it names. Only the words
 * that decide it are read; a statement this cannot read is authorized on "*", which only a
 * policy for every table allows, and is then refused by the parser anyway.
 */
final class Statements {
  private Statements() {}

  static Permission permission(RequestContext c, String statement) {
    List<String> words = words(statement, 64);
    // ExecuteTransaction's check, EXISTS(SELECT ...), reads as the SELECT it holds.
    if (words.size() > 2 && words.get(0).equalsIgnoreCase("EXISTS") && words.get(1).equals("(")) {
      words = words.subList(2, words.size());
    }
    if (words.isEmpty()) {
      return Permission.anywhere("dynamodb:PartiQLSelect");
    }
    String verb = words.get(0).toUpperCase(Locale.ROOT);
    String action;
    String keyword;
    switch (verb) {
      case "SELECT" -> {
        action = "dynamodb:PartiQLSelect";
        keyword = "FROM";
      }
      case "INSERT" -> {
        action = "dynamodb:PartiQLInsert";
        keyword = "INTO";
      }
      case "UPDATE" -> {
        action = "dynamodb:PartiQLUpdate";
        keyword = "UPDATE";
      }
      case "DELETE" -> {
        action = "dynamodb:PartiQLDelete";
        keyword = "FROM";
      }
      default -> {
        return Permission.anywhere("dynamodb:PartiQLSelect");
      }
    }
    int at = keyword.equals("UPDATE") ? 0 : indexOf(words, keyword);
    if (at < 0 || at + 1 >= words.size() || !isName(words.get(at + 1))) {
      return Permission.anywhere(action);
    }
    String table = unquote(words.get(at + 1));
    String resource = Arns.table(c, table);
    if (at + 3 < words.size() && words.get(at + 2).equals(".") && isName(words.get(at + 3))) {
      resource += "/index/" + unquote(words.get(at + 3));
    }
    return new Permission(action, resource);
  }

  private static int indexOf(List<String> words, String keyword) {
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).equalsIgnoreCase(keyword)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isName(String word) {
    return word.startsWith("\"") || Character.isLetter(word.charAt(0)) || word.charAt(0) == '_';
  }

  private static String unquote(String word) {
    return word.startsWith("\"") ? word.substring(1, word.length() - 1).replace("\"\"", "\"") : word;
  }

  /**
   * The first words of a statement: bare words, double-quoted names, '.', and other single
   * characters; single-quoted strings are skipped whole, and {@code --} comments to their line's end.
   */
  static List<String> words(String s, int max) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length() && out.size() < max) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
      } else if (ch == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
        // A comment, to the end of its line, as the PartiQL lexer reads it.
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (ch == '"' || ch == '\'') {
        int j = i + 1;
        while (j < s.length()) {
          if (s.charAt(j) == ch) {
            if (j + 1 < s.length() && s.charAt(j + 1) == ch) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        if (j >= s.length()) {
          return out;
        }
        if (ch == '"') {
          out.add(s.substring(i, j + 1));
        } else {
          out.add("''");
        }
        i = j + 1;
      } else if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '$') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else {
        out.add(String.valueOf(ch));
        i++;
      }
    }
    return out;
  }
}
