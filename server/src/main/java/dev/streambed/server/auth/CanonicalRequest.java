package dev.streambed.server.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * SigV4's canonical request, rebuilt from the request as it came on the wire: method, path
 * (dot segments removed, then percent-encoded once more, as the SDKs and botocore encode it for
 * every service but S3), query (decoded, strictly re-encoded, sorted), the signed headers
 * (values trimmed, inner runs of spaces made one, repeats joined by commas), the list of signed
 * headers, and the payload's hash.
 */
final class CanonicalRequest {
  private CanonicalRequest() {}

  static String build(String method, String rawPath, String rawQuery, String signedHeaders,
      Function<String, List<String>> headers, String payloadHash, String excludedParameter) {
    StringBuilder out = new StringBuilder(256);
    out.append(method).append('\n');
    out.append(encode(normalize(rawPath == null || rawPath.isEmpty() ? "/" : rawPath), false)).append('\n');
    out.append(query(rawQuery, excludedParameter)).append('\n');
    for (String name : signedHeaders.split(";", -1)) {
      out.append(name).append(':').append(headerValue(headers.apply(name))).append('\n');
    }
    out.append('\n').append(signedHeaders).append('\n').append(payloadHash);
    return out.toString();
  }

  private static String headerValue(List<String> values) {
    if (values == null) {
      return "";
    }
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        joined.append(',');
      }
      joined.append(values.get(i).trim().replaceAll(" +", " "));
    }
    return joined.toString();
  }

  /** Removes {@code .} and {@code ..} segments (RFC 3986 section 5.2.4), keeping a trailing slash. */
  static String normalize(String path) {
    if (!path.contains("/.")) {
      return path;
    }
    Deque<String> kept = new ArrayDeque<>();
    String[] segments = path.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      String s = segments[i];
      if (s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        kept.pollLast();
        continue;
      }
      kept.addLast(s);
    }
    String last = segments[segments.length - 1];
    StringBuilder out = new StringBuilder();
    for (String s : kept) {
      out.append('/').append(s);
    }
    if (last.equals(".") || last.equals("..")) {
      out.append('/');
    }
    return out.isEmpty() ? "/" : out.toString();
  }

  private static String query(String rawQuery, String excluded) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name.equals(excluded)) {
        continue;
      }
      pairs.add(new String[] {encode(name, true), encode(value, true)});
    }
    pairs.sort((a, b) -> {
      int c = a[0].compareTo(b[0]);
      return c != 0 ? c : a[1].compareTo(b[1]);
    });
    StringBuilder out = new StringBuilder();
    for (String[] p : pairs) {
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }

  /** The query's parameters, decoded, first value of each. */
  static Map<String, String> decodedQuery(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      out.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return out;
  }

  /** Percent-decoding only ({@code +} stays itself); a malformed escape is kept as written. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int hi;
      int lo;
      if (c == '%' && i + 2 < s.length()
          && (hi = Character.digit(s.charAt(i + 1), 16)) >= 0 && (lo = Character.digit(s.charAt(i + 2), 16)) >= 0) {
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Percent-encodes all but SigV4's unreserved characters (and '/', unless {@code slash}). */
  static String encode(String s, boolean slash) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~' || (c == '/' && !slash)) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
