package dev.streambed.lambda.api;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.lambda.LambdaError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** Lambda's Marker/MaxItems paging over a list ordered by a key. */
final class Pages {
  private Pages() {}

  /** A page and the marker of the next one, or null. */
  record Page<T>(List<T> items, String nextMarker) {}

  static <T> Page<T> page(List<T> all, Function<T, String> key, String marker, String maxItems, int defaultMax) {
    int max = defaultMax;
    if (maxItems != null) {
      try {
        max = Integer.parseInt(maxItems);
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 1 || max > 10000) {
        throw AwsException.validation("1 validation error detected: Value '" + maxItems + "' at "
            + "'maxItems' failed to satisfy constraint: Member must have value "
            + (max < 1 ? "greater than or equal to 1" : "less than or equal to 10000"));
      }
    }
    int from = 0;
    if (marker != null) {
      String after;
      try {
        after = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new AwsException(LambdaError.INVALID_PARAMETER_VALUE, "Invalid marker: " + marker);
      }
      while (from < all.size() && !key.apply(all.get(from)).equals(after)) {
        from++;
      }
      if (from < all.size()) {
        from++;
      } else {
        // The marker's item is gone (deleted since): resume at the first item after it.
        from = 0;
        while (from < all.size() && key.apply(all.get(from)).compareTo(after) <= 0) {
          from++;
        }
      }
    }
    List<T> items = all.subList(from, Math.min(all.size(), from + max));
    String next = from + max < all.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(
            key.apply(items.get(items.size() - 1)).getBytes(StandardCharsets.UTF_8))
        : null;
    return new Page<>(items, next);
  }
}
