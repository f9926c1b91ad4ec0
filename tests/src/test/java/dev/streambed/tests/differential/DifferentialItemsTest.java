package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.Av.b;
import static dev.streambed.tests.differential.Av.bool;
import static dev.streambed.tests.differential.Av.bs;
import static dev.streambed.tests.differential.Av.chars;
import static dev.streambed.tests.differential.Av.item;
import static dev.streambed.tests.differential.Av.l;
import static dev.streambed.tests.differential.Av.m;
import static dev.streambed.tests.differential.Av.n;
import static dev.streambed.tests.differential.Av.ns;
import static dev.streambed.tests.differential.Av.nul;
import static dev.streambed.tests.differential.Av.s;
import static dev.streambed.tests.differential.Av.ss;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Item CRUD of every attribute type, request for request against DynamoDB Local. */
class DifferentialItemsTest extends DifferentialTest {
  private static String pkS;
  private static String pkSskN;
  private static String pkB;
  private static String pkN;
  private static String provisioned;

  @BeforeAll
  static void tables() {
    pkS = table("items-s", "pk", ScalarAttributeType.S, null, null);
    pkSskN = table("items-sn", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    pkB = table("items-b", "pk", ScalarAttributeType.B, "sk", ScalarAttributeType.B);
    pkN = table("items-n", "pk", ScalarAttributeType.N, null, null);
    provisioned = Differential.tableName("items-prov");
    d.step(CreateTableRequest.builder().tableName(provisioned)
        .attributeDefinitions(def("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH))
        .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build())
        .build());
    d.assertNoDifferences();
  }

  private static void put(String table, Map<String, AttributeValue> item) {
    d.step(PutItemRequest.builder().tableName(table).item(item).build());
  }

  private static void get(String table, Map<String, AttributeValue> key) {
    d.step(GetItemRequest.builder().tableName(table).key(key).consistentRead(true).build());
  }

  private static void putThenGet(String table, Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
    put(table, item);
    get(table, key);
  }

  @Test
  void everyAttributeType() {
    Map<String, AttributeValue> all = item(
        "pk", s("all"),
        "s", s("text ü 😀"),
        "n", n("42"),
        "b", b(0, 1, (byte) 0xff),
        "t", bool(true),
        "f", bool(false),
        "z", nul(),
        "m", m("a", n("1"), "b", m("c", l(s("x"), n("2"), nul())), "empty", m()),
        "l", l(s("a"), n("1"), b(7), bool(true), nul(), l(), m("k", ss("p", "q"))),
        "ss", ss("b", "a", "c"),
        "ns", ns("3", "1", "2.5", "-7"),
        "bs", bs(new byte[] {1}, new byte[] {2, 3}, new byte[0]),
        "emptyList", l(),
        "emptyMap", m(),
        "emptyS", s(""),
        "emptyB", b());
    putThenGet(pkS, all, item("pk", s("all")));
    get(pkS, item("pk", s("absent")));
  }

  @Test
  void numberForms() {
    String[] forms = {"1.50", "-0", "0", "0.0", "1E+2", "1e2", "1E-2", "-1.0E+3", "0.000001", "+5", ".5", "5.",
        "00012", "12345678901234567890123456789012345678", "1234567890123456789012345678901234567.8",
        "9.9999999999999999999999999999999999999E+125", "1E-130", "-1E-130", "1E+125",
        "123456789012345678901234567890123456789", "1E+126", "1E-131", "1e999", "1e-999",
        "abc", "", " 1", "1 ", "0x10", "1e", "--1", "Infinity", "NaN", "1,5", "1.2.3", "١٢"};
    int i = 0;
    for (String form : forms) {
      Map<String, AttributeValue> key = item("pk", s("num" + i++));
      put(pkS, item("pk", key.get("pk"), "n", n(form)));
      get(pkS, key);
      put(pkS, item("pk", key.get("pk"), "ns", ns(form, "7")));
      get(pkS, key);
      put(pkSskN, item("pk", s("k"), "sk", n(form)));
      get(pkSskN, item("pk", s("k"), "sk", n(form)));
      put(pkN, item("pk", n(form)));
    }
  }

  @Test
  void numbersComeBackInCanonicalForm() {
    d.compareNumberText(true);
    String[] forms = {"1.50", "-0", "1E+2", "0.0001", "00012", "-1.0E+3", "1E-130", "9.99E+125", "12.3400"};
    int i = 0;
    for (String form : forms) {
      Map<String, AttributeValue> key = item("pk", s("canon" + i++));
      putThenGet(pkS, item("pk", key.get("pk"), "n", n(form), "ns", ns(form), "l", l(n(form)),
          "m", m("x", n(form))), key);
    }
  }

  @Test
  void sets() {
    put(pkS, item("pk", s("set"), "ss", ss()));
    put(pkS, item("pk", s("set"), "ns", ns()));
    put(pkS, item("pk", s("set"), "bs", bs()));
    put(pkS, item("pk", s("set"), "ss", ss("a", "a")));
    put(pkS, item("pk", s("set"), "ns", ns("1", "1.0")));
    put(pkS, item("pk", s("set"), "ns", ns("1", "1")));
    put(pkS, item("pk", s("set"), "bs", bs(new byte[] {1}, new byte[] {1})));
    putThenGet(pkS, item("pk", s("set"), "ss", ss(""), "ss2", ss("", "a")), item("pk", s("set")));
    put(pkS, item("pk", s("set"), "m", m("inner", ss())));
    put(pkS, item("pk", s("set"), "l", l(ns("2", "2"))));
    get(pkS, item("pk", s("set")));
  }

  @Test
  void malformedAttributeValues() {
    put(pkS, item("pk", s("bad"), "x", AttributeValue.builder().build()));
    put(pkS, item("pk", s("bad"), "x", AttributeValue.builder().s("a").n("1").build()));
    put(pkS, item("pk", s("bad"), "x", AttributeValue.fromNul(false)));
    put(pkS, item("pk", s("bad"), "x", m("", s("empty name"))));
    put(pkS, item("pk", s("bad"), "", s("empty name")));
    put(pkS, item("pk", s("bad"), chars(10_000, 'a'), s("long name")));
    put(pkS, item("pk", s("bad"), chars(255, 'a'), s("name of 255")));
    for (int levels : new int[] {31, 32, 33}) {
      AttributeValue deep = s("leaf");
      for (int i = 0; i < levels; i++) {
        deep = l(deep);
      }
      put(pkS, item("pk", s("bad"), "deep", deep));
      AttributeValue deepMap = s("leaf");
      for (int i = 0; i < levels; i++) {
        deepMap = m("x", deepMap);
      }
      put(pkS, item("pk", s("bad"), "deep", deepMap));
    }
    AttributeValue deepMap = s("leaf");
    for (int i = 0; i < 31; i++) {
      deepMap = m("x", deepMap);
    }
    putThenGet(pkS, item("pk", s("bad"), "deep", deepMap), item("pk", s("bad")));
  }

  @Test
  void keys() {
    // Empty strings and binaries
    put(pkS, item("pk", s("")));
    put(pkSskN, item("pk", s(""), "sk", n("1")));
    put(pkB, item("pk", b(), "sk", b(1)));
    put(pkB, item("pk", b(1), "sk", b()));
    putThenGet(pkS, item("pk", s("nonkey"), "e", s(""), "eb", b()), item("pk", s("nonkey")));
    // Type mismatches and missing keys
    put(pkS, item("pk", n("1")));
    put(pkSskN, item("pk", s("a"), "sk", s("1")));
    put(pkS, item("other", s("a")));
    put(pkSskN, item("pk", s("a")));
    put(pkSskN, item("sk", n("1")));
    put(pkS, item("pk", ss("a")));
    put(pkS, item("pk", nul()));
    get(pkS, item("pk", n("1")));
    get(pkS, item("other", s("a")));
    get(pkS, item("pk", s("a"), "extra", s("b")));
    get(pkSskN, item("pk", s("a")));
    get(pkSskN, item("pk", s("a"), "sk", n("1"), "extra", n("2")));
    get(pkS, item("pk", s("")));
    get(pkSskN, item("pk", s("a"), "sk", s("1")));
    d.step(GetItemRequest.builder().tableName(pkS).key(Map.of()).build());
    d.step(GetItemRequest.builder().tableName(pkS).build());
    d.step(DeleteItemRequest.builder().tableName(pkS).key(item("pk", s(""))).build());
    d.step(DeleteItemRequest.builder().tableName(pkSskN).key(item("pk", s("a"))).build());
    d.step(DeleteItemRequest.builder().tableName(pkS).key(item("pk", s("a"), "x", s("b"))).build());
    d.step(UpdateItemRequest.builder().tableName(pkS).key(item("pk", n("1"))).build());
    d.step(UpdateItemRequest.builder().tableName(pkSskN).key(item("pk", s("a"))).build());
    // Key sizes
    put(pkS, item("pk", s(chars(2048, 'h'))));
    get(pkS, item("pk", s(chars(2048, 'h'))));
    put(pkS, item("pk", s(chars(2049, 'h'))));
    get(pkS, item("pk", s(chars(2049, 'h'))));
    put(pkS, item("pk", s(chars(1024, 'é'))));
    put(pkS, item("pk", s(chars(1025, 'é'))));
    put(pkSskN, item("pk", s("r"), "sk", n("1")));
    put(pkB, item("pk", b(new byte[2048]), "sk", b(new byte[1024])));
    put(pkB, item("pk", b(new byte[2049]), "sk", b(1)));
    put(pkB, item("pk", b(1), "sk", b(new byte[1025])));
    d.step(GetItemRequest.builder().tableName(pkB)
        .key(item("pk", b(new byte[2048]), "sk", b(new byte[1024]))).build());
    d.step(GetItemRequest.builder().tableName(pkB)
        .key(item("pk", b(1), "sk", b(new byte[1025]))).build());
    // Numbers as keys
    putThenGet(pkN, item("pk", n("1.50"), "v", s("one and a half")), item("pk", n("1.5")));
    get(pkN, item("pk", n("15E-1")));
  }

  @Test
  void itemSizeLimit() {
    // 400 KB counts names and values: pk "pk"(2) + "big"(3) + value.
    int limit = 400 * 1024;
    int key = 2 + "size".length();
    for (int value : new int[] {limit - key - 3 - 1, limit - key - 3, limit - key - 3 + 1}) {
      putThenGet(pkS, item("pk", s("size"), "big", s(chars(value, 'x'))), item("pk", s("size")));
    }
    putThenGet(pkS, item("pk", s("size"), "big", b(new byte[limit - key - 3])), item("pk", s("size")));
    put(pkS, item("pk", s("size"), "big", b(new byte[limit - key - 3 + 1])));
    // Multi-byte characters count by their UTF-8 bytes
    put(pkS, item("pk", s("size"), "big", s(chars(limit / 2, 'é'))));
    // Many small attributes
    Map<String, AttributeValue> many = new java.util.LinkedHashMap<>();
    many.put("pk", s("many"));
    for (int i = 0; i < 4000; i++) {
      many.put("attribute" + i, n(String.valueOf(i)));
    }
    putThenGet(pkS, many, item("pk", s("many")));
  }

  @Test
  void returnValuesOnPutAndDelete() {
    Map<String, AttributeValue> key = item("pk", s("rv"));
    for (ReturnValue rv : List.of(ReturnValue.NONE, ReturnValue.ALL_OLD)) {
      d.step(PutItemRequest.builder().tableName(pkS).item(item("pk", s("rv"), "v", n("1"))).returnValues(rv).build());
      d.step(PutItemRequest.builder().tableName(pkS).item(item("pk", s("rv"), "v", n("2"))).returnValues(rv).build());
      d.step(DeleteItemRequest.builder().tableName(pkS).key(key).returnValues(rv).build());
      d.step(DeleteItemRequest.builder().tableName(pkS).key(key).returnValues(rv).build());
    }
    for (ReturnValue rv : List.of(ReturnValue.ALL_NEW, ReturnValue.UPDATED_OLD, ReturnValue.UPDATED_NEW)) {
      d.step(PutItemRequest.builder().tableName(pkS).item(item("pk", s("rv"))).returnValues(rv).build());
      d.step(DeleteItemRequest.builder().tableName(pkS).key(key).returnValues(rv).build());
    }
    d.step(PutItemRequest.builder().tableName(pkS).item(item("pk", s("rv"))).returnValues("EVERYTHING").build());
    d.step(DeleteItemRequest.builder().tableName(pkS).key(key).returnValues("EVERYTHING").build());
    // UpdateItem without an update: the key alone is written
    for (ReturnValue rv : ReturnValue.knownValues()) {
      d.step(DeleteItemRequest.builder().tableName(pkS).key(key).build());
      d.step(UpdateItemRequest.builder().tableName(pkS).key(key).returnValues(rv).build());
      d.step(UpdateItemRequest.builder().tableName(pkS).key(key).returnValues(rv).build());
    }
    get(pkS, key);
  }

  @Test
  void consumedCapacity() {
    for (String table : List.of(pkS, provisioned)) {
      for (ReturnConsumedCapacity mode : List.of(ReturnConsumedCapacity.TOTAL, ReturnConsumedCapacity.INDEXES,
          ReturnConsumedCapacity.NONE)) {
        for (int size : new int[] {10, 1024, 1025, 4096, 4097, 9000, 300_000}) {
          Map<String, AttributeValue> key = item("pk", s("cap"));
          d.step(PutItemRequest.builder().tableName(table)
              .item(item("pk", s("cap"), "v", s(chars(size, 'c')))).returnConsumedCapacity(mode).build());
          d.step(GetItemRequest.builder().tableName(table).key(key).returnConsumedCapacity(mode).build());
          d.step(GetItemRequest.builder().tableName(table).key(key).consistentRead(true)
              .returnConsumedCapacity(mode).build());
          d.step(UpdateItemRequest.builder().tableName(table).key(key).returnConsumedCapacity(mode).build());
          d.step(DeleteItemRequest.builder().tableName(table).key(key).returnConsumedCapacity(mode).build());
          d.step(DeleteItemRequest.builder().tableName(table).key(key).returnConsumedCapacity(mode).build());
          d.step(GetItemRequest.builder().tableName(table).key(key).returnConsumedCapacity(mode).build());
        }
      }
      d.step(GetItemRequest.builder().tableName(table).key(item("pk", s("cap")))
          .returnConsumedCapacity("ALL").build());
    }
  }

  @Test
  void missingTable() {
    String missing = Differential.tableName("no-such-table");
    Map<String, AttributeValue> key = item("pk", s("a"));
    for (ReturnConsumedCapacity mode : List.of(ReturnConsumedCapacity.TOTAL, ReturnConsumedCapacity.NONE)) {
      d.step(PutItemRequest.builder().tableName(missing).item(key).returnConsumedCapacity(mode).build());
      d.step(GetItemRequest.builder().tableName(missing).key(key).returnConsumedCapacity(mode).build());
      d.step(UpdateItemRequest.builder().tableName(missing).key(key).returnConsumedCapacity(mode).build());
      d.step(DeleteItemRequest.builder().tableName(missing).key(key).returnConsumedCapacity(mode).build());
    }
    d.step(PutItemRequest.builder().tableName("x").item(key).build());
    d.step(GetItemRequest.builder().tableName("bad name").key(key).build());
    d.step(PutItemRequest.builder().tableName(pkS).build());
  }

  /** Expression parameters without an expression to use them: refused before any expression is parsed. */
  @Test
  void expressionParametersWithoutExpressions() {
    Map<String, AttributeValue> key = item("pk", s("noexpr"));
    Map<String, AttributeValue> values = Map.of(":v", n("1"));
    Map<String, String> names = Map.of("#n", "n");
    d.step(PutItemRequest.builder().tableName(pkS).item(key).expressionAttributeValues(values).build());
    d.step(PutItemRequest.builder().tableName(pkS).item(key).expressionAttributeNames(names).build());
    d.step(DeleteItemRequest.builder().tableName(pkS).key(key).expressionAttributeValues(values).build());
    d.step(DeleteItemRequest.builder().tableName(pkS).key(key).expressionAttributeNames(names).build());
    d.step(UpdateItemRequest.builder().tableName(pkS).key(key).expressionAttributeValues(values).build());
    d.step(UpdateItemRequest.builder().tableName(pkS).key(key).expressionAttributeNames(names)
        .expressionAttributeValues(values).build());
    d.step(GetItemRequest.builder().tableName(pkS).key(key).expressionAttributeNames(names).build());
    d.step(PutItemRequest.builder().tableName(pkS).item(key).conditionalOperator("AND").build());
    d.step(DeleteItemRequest.builder().tableName(pkS).key(key).conditionalOperator("OR").build());
    d.step(UpdateItemRequest.builder().tableName(pkS).key(key).conditionalOperator("AND").build());
  }

  @Test
  void itemCountAfterWrites() {
    String table = table("count", "pk", ScalarAttributeType.S, null, null);
    for (int i = 0; i < 5; i++) {
      put(table, item("pk", s("c" + i), "v", s(chars(i * 100, 'v'))));
    }
    d.step(DeleteItemRequest.builder().tableName(table).key(item("pk", s("c0"))).build());
    d.step(DescribeTableRequest.builder().tableName(table).build());
  }

  @Test
  void malformedRequests() {
    d.raw("malformed-json", "PutItem", "{\"TableName\": ");
    d.raw("malformed-json-garbage", "GetItem", "not json at all");
    d.raw("serialization-list-body", "GetItem", "[]");
    d.raw("serialization-table-name", "GetItem", "{\"TableName\": 5, \"Key\": {}}");
    d.raw("serialization-item-list", "PutItem", "{\"TableName\": \"" + pkS + "\", \"Item\": []}");
    d.raw("serialization-value-string", "PutItem", "{\"TableName\": \"" + pkS + "\", \"Item\": {\"pk\": \"x\"}}");
    d.raw("number-not-string", "PutItem", "{\"TableName\": \"" + pkS + "\", \"Item\": {\"pk\": {\"S\": \"x\"}, \"n\": {\"N\": 5}}}");
    d.raw("malformed-base64", "PutItem", "{\"TableName\": \"" + pkS + "\", \"Item\": {\"pk\": {\"S\": \"x\"}, \"b\": {\"B\": \"abc\"}}}");
    d.raw("unknown-type", "PutItem", "{\"TableName\": \"" + pkS + "\", \"Item\": {\"pk\": {\"S\": \"x\"}, \"b\": {\"Q\": \"abc\"}}}");
    d.raw("unknown-member", "GetItem", "{\"TableName\": \"" + pkS + "\", \"Key\": {\"pk\": {\"S\": \"x\"}}, \"Bogus\": 1}");
    d.raw("unknown-operation", "Frobnicate", "{}");
  }

  static SdkBytes bytes(int n) {
    return SdkBytes.fromByteArray(new byte[n]);
  }
}
