package dev.streambed.console.web;

import dev.streambed.kernel.protocol.WebRequest;
import java.util.Locale;

/**
 * What keeps other sites out of the console. The console is served on the API's own address
 * (127.0.0.1 unless told otherwise), and:
 * <ul>
 *   <li>a request must name this machine in its Host header (an IP address, {@code localhost}
 *       or the configured host), so a page of another site whose name was made to resolve to
 *       127.0.0.1 (DNS rebinding) is refused;</li>
 *   <li>a state-changing request must come from the console's own origin, as the browser's
 *       {@code Origin} and {@code Sec-Fetch-Site} headers say, and carry the session's form
 *       token.</li>
 * </ul>
 */
final class Guard {
  private final String configuredHost;

  Guard(String configuredHost) {
    this.configuredHost = configuredHost.toLowerCase(Locale.ROOT);
  }

  /** Why the request's Host is refused, or null. */
  String refuseHost(WebRequest r) {
    String host = hostName(r.header("host"));
    if (host == null) {
      return "The request names no host.";
    }
    if (host.equals("localhost") || host.equals(configuredHost) || isIpLiteral(host)) {
      return null;
    }
    return "The console answers only requests addressed to this machine (an IP address or localhost), not to "
        + host + ".";
  }

  /** Why a POST is refused, or null. */
  String refusePost(WebRequest r, boolean tokenValid) {
    String site = r.header("sec-fetch-site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return "The form was sent from another site.";
    }
    String origin = r.header("origin");
    if (origin != null) {
      String host = r.header("host");
      if (host == null || !(origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host))) {
        return "The form was sent from another site.";
      }
    }
    if (!tokenValid) {
      return "The form's token is missing or stale; reload the page and try again.";
    }
    return null;
  }

  /** The host part of a Host header, lower-cased, without its port. */
  static String hostName(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close < 0 ? null : h.substring(0, close + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static boolean isIpLiteral(String host) {
    if (host.startsWith("[") && host.endsWith("]")) {
      return host.length() > 2 && host.substring(1, host.length() - 1).chars()
          .allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
