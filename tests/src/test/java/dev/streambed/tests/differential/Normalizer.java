package dev.streambed.tests.differential;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns SDK responses into comparable trees: members by name in sorted maps, attribute values in
 * DynamoDB's JSON shape with sets as sorted sets and numbers by value, binaries as base64.
 *
 * <p>Members that legitimately differ between two servers are left out, each with its reason
 * ({@link #EXCLUDED}); ARNs keep everything but their account.
 */
final class Normalizer {
  /**
   * Members never compared, by the SDK model class that holds them. Each differs between any two
   * DynamoDB deployments, real AWS included.
   */
  static final Map<String, Map<String, String>> EXCLUDED = Map.of(
      "TableDescription", Map.of(
          "TableId", "a random UUID per table",
          "CreationDateTime", "the moment the table was created",
          "LatestStreamLabel", "a timestamp (the moment the stream was enabled)",
          "WarmThroughput", "AWS reports it (recorded in test_dynamodb.snapshot.json, test_table_crud); "
              + "DynamoDB Local 2.6.1 predates the feature, so it is never there to compare with"),
      "GlobalSecondaryIndexDescription", Map.of(
          "WarmThroughput", "AWS reports it (recorded in test_dynamodb.snapshot.json, "
              + "test_gsi_with_billing_mode); DynamoDB Local 2.6.1 predates the feature"),
      "ProvisionedThroughputDescription", Map.of(
          "LastIncreaseDateTime", "a timestamp",
          "LastDecreaseDateTime", "a timestamp"),
      "BillingModeSummary", Map.of(
          "LastUpdateToPayPerRequestDateTime", "a timestamp"));

  /** What stands for a stream record's eventID in AWS's format (32 hexadecimal characters). */
  static final String EVENT_ID = "<eventID: 32 hex>";
  private static final Pattern HEX_EVENT_ID = Pattern.compile("[0-9a-f]{32}");

  private static final Pattern ARN = Pattern.compile("arn:aws:dynamodb:([^:]*):([^:]*):(.*)");
  private static final Pattern STREAM_LABEL = Pattern.compile("/stream/[0-9T:.\\-]+$");

  /**
   * When true, top-level numbers (N and NS members of an item) are compared by their text too,
   * not only by value. Numbers inside lists and maps are always compared by value: DynamoDB
   * Local returns them as they were written ("1.50", "-0", "1E+2") where Streambed returns them
   * canonical, and no record of AWS's answer was found to say which is right.
   */
  private final boolean numberText;

  Normalizer(boolean numberText) {
    this.numberText = numberText;
  }

  Object tree(Object value) {
    if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
      return null;
    }
    if (value instanceof AttributeValue av) {
      return attribute(av);
    }
    if (value instanceof SdkPojo pojo) {
      Map<String, String> excluded = EXCLUDED.getOrDefault(pojo.getClass().getSimpleName(), Map.of());
      Map<String, Object> out = new TreeMap<>();
      for (SdkField<?> field : pojo.sdkFields()) {
        if (excluded.containsKey(field.memberName())) {
          continue;
        }
        Object v = tree(field.getValueOrDefault(pojo));
        if (field.memberName().equals("eventID") && v instanceof String id
            && HEX_EVENT_ID.matcher(id).matches()) {
          v = EVENT_ID;
        }
        if (v != null) {
          out.put(field.memberName(), v);
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object e : list) {
        out.add(tree(e));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), tree(v)));
      return out;
    }
    if (value instanceof SdkBytes bytes) {
      return base64(bytes);
    }
    if (value instanceof Instant) {
      return "<instant>";
    }
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof String s && s.startsWith("arn:")) {
      return arn(s);
    }
    return value;
  }

  /** An ARN with its account replaced and its stream label (a timestamp) left out. */
  static String arn(String arn) {
    Matcher m = ARN.matcher(arn);
    if (!m.matches()) {
      return arn;
    }
    String resource = STREAM_LABEL.matcher(m.group(3)).replaceFirst("/stream/<label>");
    return "arn:aws:dynamodb:" + m.group(1) + ":<account>:" + resource;
  }

  Map<String, Object> attribute(AttributeValue av) {
    return attribute(av, true);
  }

  private Map<String, Object> attribute(AttributeValue av, boolean topLevel) {
    Map<String, Object> out = new TreeMap<>();
    boolean text = numberText && topLevel;
    switch (av.type()) {
      case S -> out.put("S", av.s());
      case N -> out.put("N", number(av.n(), text));
      case B -> out.put("B", base64(av.b()));
      case BOOL -> out.put("BOOL", av.bool());
      case NUL -> out.put("NULL", av.nul());
      case SS -> out.put("SS", new TreeSet<>(av.ss()));
      case NS -> {
        Set<String> set = new TreeSet<>();
        av.ns().forEach(n -> set.add(number(n, text)));
        out.put("NS", set);
      }
      case BS -> {
        Set<String> set = new TreeSet<>();
        av.bs().forEach(b -> set.add(base64(b)));
        out.put("BS", set);
      }
      case M -> {
        Map<String, Object> m = new TreeMap<>();
        av.m().forEach((k, v) -> m.put(k, attribute(v, false)));
        out.put("M", m);
      }
      case L -> {
        List<Object> l = new ArrayList<>();
        av.l().forEach(v -> l.add(attribute(v, false)));
        out.put("L", l);
      }
      default -> out.put("?", String.valueOf(av));
    }
    return out;
  }

  /** DynamoDB numbers compared by value: "1.50", "1.5" and "15E-1" are one number. */
  static String number(String text, boolean asText) {
    if (asText) {
      return text;
    }
    try {
      BigDecimal value = new BigDecimal(text);
      return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return "not a number: " + text;
    }
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }
}
