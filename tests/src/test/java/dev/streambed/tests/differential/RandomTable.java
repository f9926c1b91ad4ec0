package dev.streambed.tests.differential;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A table of a random shape and its items: a hash key {@code pk} of type S, N or B, perhaps a
 * range key {@code sk}, a global secondary index {@code gsi} on {@code g} and {@code gr}, and
 * (with a range key) a local secondary index {@code lsi} on {@code pk} and {@code l}, each with
 * a random projection. Items carry the attributes of {@link RandomValues} besides their keys.
 *
 * <p>Index range values ({@code gr}, {@code l}) are unique per item: AWS promises no order among
 * equal index keys, so pages of an index could not be compared one for one otherwise. Some items
 * leave index attributes out, so both indexes are sparse.
 */
final class RandomTable {
  /** The characters of generated strings: ASCII, Latin-1, the BMP above and a surrogate pair. */
  private static final String[] CHARS = {"a", "b", "z", "A", "0", " ", "é", "ÿ", "€", "\uFF5E", "\uD834\uDD1E"};

  final String name;
  final ScalarAttributeType hashType;
  final ScalarAttributeType rangeType;
  final ScalarAttributeType gType;
  final ScalarAttributeType grType;
  final ScalarAttributeType lType;
  final ProjectionType gsiProjection;
  final ProjectionType lsiProjection;
  final List<AttributeValue> hashes = new ArrayList<>();
  final List<Map<String, AttributeValue>> items = new ArrayList<>();
  private final RandomValues values;
  private final Random random;
  private int ordinal;

  RandomTable(String base, RandomValues values, ScalarAttributeType hashType, ScalarAttributeType rangeType) {
    this.values = values;
    this.random = values.random();
    this.name = Differential.tableName(base);
    this.hashType = hashType;
    this.rangeType = rangeType;
    List<ScalarAttributeType> types = List.of(ScalarAttributeType.S, ScalarAttributeType.N, ScalarAttributeType.B);
    this.gType = values.pick(types);
    this.grType = values.pick(types);
    this.lType = values.pick(types);
    List<ProjectionType> projections = List.of(ProjectionType.ALL, ProjectionType.KEYS_ONLY, ProjectionType.INCLUDE);
    this.gsiProjection = values.pick(projections);
    this.lsiProjection = values.pick(projections);
  }

  boolean hasRange() {
    return rangeType != null;
  }

  CreateTableRequest create() {
    List<AttributeDefinition> defs = new ArrayList<>();
    defs.add(def("pk", hashType));
    List<KeySchemaElement> keys = new ArrayList<>();
    keys.add(key("pk", KeyType.HASH));
    if (hasRange()) {
      defs.add(def("sk", rangeType));
      keys.add(key("sk", KeyType.RANGE));
      defs.add(def("l", lType));
    }
    defs.add(def("g", gType));
    defs.add(def("gr", grType));
    CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(defs).keySchema(keys)
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi")
            .keySchema(key("g", KeyType.HASH), key("gr", KeyType.RANGE))
            .projection(projection(gsiProjection)).build());
    if (hasRange()) {
      b.localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("lsi")
          .keySchema(key("pk", KeyType.HASH), key("l", KeyType.RANGE))
          .projection(projection(lsiProjection)).build());
    }
    return b.build();
  }

  private static Projection projection(ProjectionType type) {
    Projection.Builder p = Projection.builder().projectionType(type);
    if (type == ProjectionType.INCLUDE) {
      p.nonKeyAttributes("a", "c");
    }
    return p.build();
  }

  private static AttributeDefinition def(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  /**
   * {@code count} new items over {@code partitions} partition keys (one item per partition key
   * on a hash-only table, however many are asked for), with random attributes; {@code padding}
   * characters of attribute {@code p} make them bigger.
   */
  List<Map<String, AttributeValue>> generate(int partitions, int count, int padding) {
    Set<String> known = new LinkedHashSet<>();
    hashes.forEach(h -> known.add(canonical(h)));
    while (hashes.size() < partitions) {
      AttributeValue h = value(hashType);
      if (known.add(canonical(h))) {
        hashes.add(h);
      }
    }
    Map<String, Set<String>> ranges = new LinkedHashMap<>();
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    Set<String> usedHashes = new LinkedHashSet<>();
    for (Map<String, AttributeValue> i : items) {
      usedHashes.add(canonical(i.get("pk")));
      if (hasRange()) {
        ranges.computeIfAbsent(canonical(i.get("pk")), k -> new LinkedHashSet<>()).add(canonical(i.get("sk")));
      }
    }
    for (int n = 0; n < count; n++) {
      AttributeValue h = values.pick(hashes);
      if (!hasRange() && !usedHashes.add(canonical(h))) {
        h = value(hashType);
        if (!usedHashes.add(canonical(h))) {
          continue;
        }
        hashes.add(h);
      }
      Map<String, AttributeValue> item = new LinkedHashMap<>(values.item("pk", h));
      if (hasRange()) {
        Set<String> taken = ranges.computeIfAbsent(canonical(h), k -> new LinkedHashSet<>());
        AttributeValue r;
        do {
          r = value(rangeType);
        } while (!taken.add(canonical(r)));
        item.put("sk", r);
        if (random.nextInt(5) != 0) {
          item.put("l", unique(lType));
        }
      }
      if (random.nextInt(4) != 0) {
        item.put("g", random.nextInt(3) == 0 ? value(gType) : small(gType));
      }
      if (random.nextInt(10) != 0) {
        item.put("gr", unique(grType));
      }
      if (padding > 0) {
        item.put("p", AttributeValue.fromS("x".repeat(padding)));
      }
      out.add(item);
    }
    items.addAll(out);
    return out;
  }

  /** The key a value stands for: numbers by value ("1.0" and "1" are one key), others as they are. */
  static String canonical(AttributeValue v) {
    if (v.n() != null) {
      BigDecimal d = new BigDecimal(v.n());
      return "N:" + (d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
    }
    return v.toString();
  }

  /** A random key value of the type: S of 1 to 4 characters, N of several forms, B of 1 to 3 bytes. */
  AttributeValue value(ScalarAttributeType type) {
    switch (type) {
      case S: {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          s.append(CHARS[random.nextInt(CHARS.length)]);
        }
        return AttributeValue.fromS(s.toString());
      }
      case N:
        return AttributeValue.fromN(number());
      default: {
        byte[] b = new byte[1 + random.nextInt(3)];
        random.nextBytes(b);
        return AttributeValue.fromB(SdkBytes.fromByteArray(b));
      }
    }
  }

  /** A number written as an integer, a decimal or with an exponent, from -999 to 999. */
  private String number() {
    int whole = random.nextInt(1999) - 999;
    return switch (random.nextInt(4)) {
      case 0 -> whole + "." + random.nextInt(100);
      case 1 -> new BigDecimal(whole).scaleByPowerOfTen(-random.nextInt(3)).toString();
      case 2 -> whole + "E-1";
      default -> Integer.toString(whole);
    };
  }

  /** One of three values of the type, so that index partitions hold several items. */
  private AttributeValue small(ScalarAttributeType type) {
    return small(type, random.nextInt(3));
  }

  private static AttributeValue small(ScalarAttributeType type, int k) {
    return switch (type) {
      case S -> AttributeValue.fromS("g" + k);
      case N -> AttributeValue.fromN(Integer.toString(k * 10 - 5));
      default -> AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) (0x7f + k)}));
    };
  }

  /** The primary key of one of the table's items. */
  Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put("pk", item.get("pk"));
    if (hasRange()) {
      key.put("sk", item.get("sk"));
    }
    return key;
  }

  /** A value of the type that no other item of this table has. */
  AttributeValue unique(ScalarAttributeType type) {
    int n = ++ordinal;
    return switch (type) {
      case S -> AttributeValue.fromS(CHARS[random.nextInt(CHARS.length)] + String.format("%05d", n));
      case N -> AttributeValue.fromN((n * 3 - 5000) + (random.nextBoolean() ? ".5" : ""));
      default -> AttributeValue.fromB(SdkBytes.fromByteArray(ByteBuffer.allocate(3)
          .put((byte) random.nextInt(256)).putShort((short) n).array()));
    };
  }

  /** A value of the range attribute of {@code index} (null: the table), often one that exists. */
  AttributeValue rangeValue(String index) {
    String attribute = index == null ? "sk" : index.equals("gsi") ? "gr" : "l";
    ScalarAttributeType type = index == null ? rangeType : index.equals("gsi") ? grType : lType;
    if (!items.isEmpty() && random.nextInt(3) != 0) {
      AttributeValue v = values.pick(items).get(attribute);
      if (v != null) {
        return v;
      }
    }
    return value(type);
  }

  /** A value of the hash attribute of {@code index} (null: the table), mostly one that exists. */
  AttributeValue hashValue(String index) {
    if ("gsi".equals(index)) {
      return random.nextInt(5) == 0 ? value(gType) : small(gType);
    }
    return random.nextInt(8) == 0 || hashes.isEmpty() ? value(hashType) : values.pick(hashes);
  }

  /** The partition key of {@code index} (null: the table) that most items share. */
  AttributeValue commonHash(String index) {
    return "gsi".equals(index) ? small(gType, 0) : hashes.get(0);
  }

  ScalarAttributeType rangeType(String index) {
    return index == null ? rangeType : index.equals("gsi") ? grType : lType;
  }
}
