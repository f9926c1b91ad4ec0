package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.Av.b;
import static dev.streambed.tests.differential.Av.bool;
import static dev.streambed.tests.differential.Av.bs;
import static dev.streambed.tests.differential.Av.item;
import static dev.streambed.tests.differential.Av.l;
import static dev.streambed.tests.differential.Av.m;
import static dev.streambed.tests.differential.Av.n;
import static dev.streambed.tests.differential.Av.ns;
import static dev.streambed.tests.differential.Av.nul;
import static dev.streambed.tests.differential.Av.s;
import static dev.streambed.tests.differential.Av.ss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Condition, update and projection expressions and their legacy parameters, request for request
 * against DynamoDB Local. Tagged "expressions" so that they run on their own
 * ({@code -Dgroups=expressions}) or not at all ({@code -DexcludedGroups=expressions}).
 */
@Tag("expressions")
class DifferentialExpressionsTest extends DifferentialTest {
  private static String table;
  private static final Map<String, AttributeValue> KEY = item("pk", s("item"));

  @BeforeAll
  static void createTable() {
    table = table("expr", "pk", ScalarAttributeType.S, null, null);
    d.assertNoDifferences();
  }

  /** The item every sequence starts from. */
  private static Map<String, AttributeValue> seed() {
    return item(
        "pk", s("item"),
        "s", s("hello world"),
        "n", n("10"),
        "b", b(1, 2, 3),
        "t", bool(true),
        "z", nul(),
        "ss", ss("a", "b", "c"),
        "ns", ns("1", "2", "3"),
        "bs", bs(new byte[] {1}, new byte[] {2}),
        "l", l(s("x"), n("1"), l(s("inner")), m("k", s("v"))),
        "m", m("a", n("1"), "b", s("two"), "nested", m("deep", l(n("5"), n("6")))),
        "blank", s(""),
        "size", s("a reserved word as a name"),
        "dotted.name", s("a name with a dot"));
  }

  private static void reset() {
    d.step(PutItemRequest.builder().tableName(table).item(seed()).build());
  }

  private static Map<String, AttributeValue> values(Object... pairs) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
    }
    return out;
  }

  private static void condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    reset();
    DeleteItemRequest.Builder delete = DeleteItemRequest.builder().tableName(table).key(KEY)
        .conditionExpression(expression).returnValues(ReturnValue.ALL_OLD)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (names != null && !names.isEmpty()) {
      delete.expressionAttributeNames(names);
    }
    if (values != null && !values.isEmpty()) {
      delete.expressionAttributeValues(values);
    }
    d.step(delete.build());
  }

  private static void condition(String expression, Map<String, AttributeValue> values) {
    condition(expression, null, values);
  }

  @Test
  void conditionFunctions() {
    condition("attribute_exists(s)", null);
    condition("attribute_exists(nothere)", null);
    condition("attribute_not_exists(nothere)", null);
    condition("attribute_not_exists(s)", null);
    condition("attribute_exists(m.a)", null);
    condition("attribute_exists(m.nested.deep[1])", null);
    condition("attribute_exists(l[3].k)", null);
    condition("attribute_exists(l[9])", null);
    condition("attribute_exists(#d)", Map.of("#d", "dotted.name"), null);
    for (String type : List.of("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M")) {
      for (String path : List.of("s", "n", "b", "t", "z", "ss", "ns", "bs", "l", "m", "nothere")) {
        condition("attribute_type(" + path + ", :t)", values(":t", s(type)));
      }
    }
    condition("attribute_type(s, :t)", values(":t", s("STRING")));
    condition("attribute_type(s, :t)", values(":t", n("1")));
    condition("begins_with(s, :p)", values(":p", s("hello")));
    condition("begins_with(s, :p)", values(":p", s("world")));
    condition("begins_with(b, :p)", values(":p", b(1, 2)));
    condition("begins_with(n, :p)", values(":p", s("1")));
    condition("begins_with(s, :p)", values(":p", n("1")));
    condition("begins_with(s, :p)", values(":p", s("")));
    condition("contains(s, :v)", values(":v", s("lo wo")));
    condition("contains(s, :v)", values(":v", s("xyz")));
    condition("contains(ss, :v)", values(":v", s("b")));
    condition("contains(ns, :v)", values(":v", n("2")));
    condition("contains(ns, :v)", values(":v", s("2")));
    condition("contains(bs, :v)", values(":v", b(2)));
    condition("contains(l, :v)", values(":v", s("x")));
    condition("contains(l, :v)", values(":v", n("1")));
    condition("contains(b, :v)", values(":v", b(2, 3)));
    condition("contains(m, :v)", values(":v", s("a")));
    condition("contains(nothere, :v)", values(":v", s("a")));
    for (String path : List.of("s", "b", "ss", "ns", "bs", "l", "m", "n", "t", "nothere", "blank")) {
      condition("size(" + path + ") = :n", values(":n", n("3")));
      condition("size(" + path + ") > :n", values(":n", n("0")));
    }
    condition("size(s) = size(s)", null);
    condition("size(:v) = :n", values(":v", s("abc"), ":n", n("3")));
  }

  @Test
  void conditionComparators() {
    for (String op : List.of("=", "<>", "<", "<=", ">", ">=")) {
      condition("n " + op + " :v", values(":v", n("10")));
      condition("n " + op + " :v", values(":v", n("9.5")));
      condition("n " + op + " :v", values(":v", s("10")));
      condition("s " + op + " :v", values(":v", s("hello")));
      condition("b " + op + " :v", values(":v", b(1, 2, 4)));
      condition("ss " + op + " :v", values(":v", ss("c", "b", "a")));
      condition("l " + op + " :v", values(":v", l(s("x"), n("1"), l(s("inner")), m("k", s("v")))));
      condition("nothere " + op + " :v", values(":v", n("1")));
      condition("m.a " + op + " n", null);
      condition(":a " + op + " :b", values(":a", n("1"), ":b", n("2")));
    }
    condition("n BETWEEN :lo AND :hi", values(":lo", n("5"), ":hi", n("10")));
    condition("n BETWEEN :lo AND :hi", values(":lo", n("11"), ":hi", n("20")));
    condition("n BETWEEN :lo AND :hi", values(":lo", n("20"), ":hi", n("5")));
    condition("s BETWEEN :lo AND :hi", values(":lo", s("a"), ":hi", s("z")));
    condition("n BETWEEN :lo AND :hi", values(":lo", s("a"), ":hi", n("20")));
    condition("n IN (:a, :b, :c)", values(":a", n("1"), ":b", n("10"), ":c", s("10")));
    condition("n IN (:a)", values(":a", n("11")));
    condition("s IN (:a, :b)", values(":a", s("hello world"), ":b", n("1")));
    condition("n = :a AND s = :b", values(":a", n("10"), ":b", s("hello world")));
    condition("n = :a AND s = :b", values(":a", n("10"), ":b", s("x")));
    condition("n = :a OR s = :b", values(":a", n("11"), ":b", s("hello world")));
    condition("NOT n = :a", values(":a", n("10")));
    condition("NOT (n = :a OR attribute_exists(nothere))", values(":a", n("11")));
    condition("(n = :a OR n = :b) AND NOT attribute_not_exists(s)", values(":a", n("1"), ":b", n("10")));
    condition("n = :a OR n = :b AND n = :c", values(":a", n("10"), ":b", n("1"), ":c", n("2")));
    condition("#n > :v", Map.of("#n", "n"), values(":v", n("1")));
    condition("#s = :v", Map.of("#s", "size"), values(":v", s("a reserved word as a name")));
    condition("m.#k = :v", Map.of("#k", "b"), values(":v", s("two")));
    condition("l[0] = :v", values(":v", s("x")));
    condition("l[2][0] = :v", values(":v", s("inner")));
    condition("m.nested.deep[0] < m.nested.deep[1]", null);
  }

  @Test
  void conditionsOnMissingItems() {
    Map<String, AttributeValue> nothereKey = item("pk", s("no-such-item"));
    for (String expression : List.of("attribute_not_exists(pk)", "attribute_exists(pk)", "n = :v",
        "NOT n = :v", "n <> :v", "size(s) < :v")) {
      boolean usesValue = expression.contains(":v");
      PutItemRequest.Builder put = PutItemRequest.builder().tableName(table)
          .item(item("pk", s("no-such-item"), "n", n("1"))).conditionExpression(expression)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
      if (usesValue) {
        put.expressionAttributeValues(values(":v", n("1")));
      }
      d.step(put.build());
      DeleteItemRequest.Builder delete = DeleteItemRequest.builder().tableName(table).key(nothereKey)
          .conditionExpression(expression);
      if (usesValue) {
        delete.expressionAttributeValues(values(":v", n("1")));
      }
      d.step(delete.build());
    }
  }

  @Test
  void conditionErrors() {
    condition("", null);
    condition("n = ", values(":v", n("1")));
    condition("n = :v", null);
    condition("n = :v", values(":v", n("1"), ":unused", n("2")));
    condition("#x = :v", values(":v", n("1")));
    condition("n = :v", Map.of("#unused", "n"), values(":v", n("1")));
    condition("size = :v", values(":v", n("1")));
    condition("name = :v", values(":v", n("1")));
    condition("n == :v", values(":v", n("1")));
    condition("unknown_function(n)", null);
    condition("attribute_exists(:v)", values(":v", n("1")));
    condition("attribute_type(s, s)", null);
    condition("begins_with(s)", null);
    condition("size(s)", null);
    condition("n", null);
    condition("n = :v AND", values(":v", n("1")));
    condition("l[-1] = :v", values(":v", n("1")));
    condition("l[x] = :v", values(":v", n("1")));
    condition("n IN ()", null);
    condition("n BETWEEN :a", values(":a", n("1")));
    condition("(n = :v", values(":v", n("1")));
    condition(":v = :v", values(":v", n("1")));
    condition("n = :v", values(":v", AttributeValue.builder().build()));
    condition("n = :v", values("v", n("1")));
    condition("#n = :v", Map.of("n", "n"), values(":v", n("1")));
    condition("n = :v", Map.of(), values(":v", n("1")));
    condition("n = :v", values());
    d.step(DeleteItemRequest.builder().tableName(table).key(KEY).expressionAttributeValues(values(":v", n("1"))).build());
    d.step(DeleteItemRequest.builder().tableName(table).key(KEY).expressionAttributeNames(Map.of("#n", "n")).build());
  }

  private static void update(String expression, Map<String, String> names, Map<String, AttributeValue> values,
      ReturnValue returnValue) {
    UpdateItemRequest.Builder update = UpdateItemRequest.builder().tableName(table).key(KEY)
        .updateExpression(expression).returnValues(returnValue);
    if (names != null && !names.isEmpty()) {
      update.expressionAttributeNames(names);
    }
    if (values != null && !values.isEmpty()) {
      update.expressionAttributeValues(values);
    }
    d.step(update.build());
  }

  private static void update(String expression, Map<String, AttributeValue> values) {
    reset();
    update(expression, null, values, ReturnValue.ALL_NEW);
  }

  @Test
  void updateActions() {
    update("SET s = :v", values(":v", s("changed")));
    update("SET newattr = :v", values(":v", m("a", l(n("1")))));
    update("SET n = n + :one", values(":one", n("1")));
    update("SET n = n - :v", values(":v", n("0.5")));
    update("SET n = :v - n", values(":v", n("1")));
    update("SET n = n + n", null);
    update("SET nothere = nothere + :one", values(":one", n("1")));
    update("SET s = s + :one", values(":one", n("1")));
    update("SET n = n + :big", values(":big", n("9.9999999999999999999999999999999999999E+125")));
    update("SET n = if_not_exists(n, :v)", values(":v", n("0")));
    update("SET nothere = if_not_exists(nothere, :v)", values(":v", n("0")));
    update("SET nothere = if_not_exists(nothere, :v) + :one", values(":v", n("0"), ":one", n("1")));
    update("SET l = list_append(l, :l)", values(":l", l(s("end"))));
    update("SET l = list_append(:l, l)", values(":l", l(s("start"))));
    update("SET l = list_append(l, :v)", values(":v", s("not a list")));
    update("SET newlist = list_append(if_not_exists(newlist, :empty), :l)", values(":empty", l(), ":l", l(n("1"))));
    update("SET m.a = :v", values(":v", n("2")));
    update("SET m.newkey = :v", values(":v", n("2")));
    update("SET m.nested.deep[0] = :v", values(":v", n("50")));
    update("SET m.nothere.deep = :v", values(":v", n("2")));
    update("SET l[1] = :v", values(":v", s("replaced")));
    update("SET l[10] = :v", values(":v", s("appended")));
    update("SET l[2][0] = :v", values(":v", s("deep")));
    update("SET s[0] = :v", values(":v", s("x")));
    update("SET s.a = :v", values(":v", s("x")));
    update("SET a = :v, b = :v", values(":v", n("1")));
    update("SET #s = :v", values(":v", n("1")));
    update("REMOVE s", null);
    update("REMOVE s, n, nothere", null);
    update("REMOVE l[0]", null);
    update("REMOVE l[0], l[2]", null);
    update("REMOVE l[10]", null);
    update("REMOVE m.a", null);
    update("REMOVE m.nested.deep[1]", null);
    update("ADD n :v", values(":v", n("5")));
    update("ADD n :v", values(":v", n("-5.5")));
    update("ADD newnum :v", values(":v", n("5")));
    update("ADD ss :v", values(":v", ss("c", "d")));
    update("ADD ns :v", values(":v", ns("3", "4")));
    update("ADD bs :v", values(":v", bs(new byte[] {3})));
    update("ADD newset :v", values(":v", ss("x")));
    update("ADD s :v", values(":v", n("1")));
    update("ADD ss :v", values(":v", ns("1")));
    update("ADD l :v", values(":v", l(n("1"))));
    update("ADD m.a :v", values(":v", n("1")));
    update("DELETE ss :v", values(":v", ss("a", "z")));
    update("DELETE ss :v", values(":v", ss("a", "b", "c")));
    update("DELETE ns :v", values(":v", ns("1")));
    update("DELETE bs :v", values(":v", bs(new byte[] {1})));
    update("DELETE nothere :v", values(":v", ss("a")));
    update("DELETE ss :v", values(":v", s("a")));
    update("DELETE n :v", values(":v", ns("10")));
    update("SET s = :v REMOVE n ADD ns :add DELETE ss :del",
        values(":v", s("all"), ":add", ns("9"), ":del", ss("a")));
    update("REMOVE n SET s = :v", values(":v", s("order")));
  }

  @Test
  void updateErrors() {
    update("", null);
    update("SET", null);
    update("SET s = :v", null);
    update("SET s = :v", values(":v", n("1"), ":unused", n("1")));
    update("SET pk = :v", values(":v", s("other")));
    update("REMOVE pk", null);
    update("ADD pk :v", values(":v", n("1")));
    update("SET s = :v, s = :w", values(":v", s("1"), ":w", s("2")));
    update("SET m.a = :v REMOVE m", values(":v", n("1")));
    update("SET m = :v REMOVE m.a", values(":v", n("1")));
    update("SET l[0] = :v REMOVE l[0]", values(":v", n("1")));
    update("SET s = :v SET n = :v", values(":v", n("1")));
    update("REMOVE s REMOVE n", null);
    update("SET size = :v", values(":v", n("1")));
    update("SET s = size(s)", null);
    update("SET s = :v + :w", values(":v", s("a"), ":w", s("b")));
    update("SET s = list_append(:v, :w)", values(":v", n("1"), ":w", l()));
    update("SET s = unknown(:v)", values(":v", n("1")));
    update("SET s = if_not_exists(:v, s)", values(":v", n("1")));
    update("ADD s", null);
    update("ADD s, n :v", values(":v", n("1")));
    update("DELETE s", null);
    update("ADD n :v", values(":v", s("1")));
    update("SET s :v", values(":v", n("1")));
    update("UPDATE s = :v", values(":v", n("1")));
    update("SET s = :v", values(":v", ss()));
  }

  @Test
  void returnValuesOfUpdates() {
    for (ReturnValue rv : ReturnValue.knownValues()) {
      reset();
      update("SET s = :v, newattr = :v REMOVE n ADD ns :n", null,
          values(":v", s("rv"), ":n", ns("7")), rv);
      update("SET m.a = :v, l[0] = :v", null, values(":v", s("nested")), rv);
      update("REMOVE nothere", null, null, rv);
      d.step(DeleteItemRequest.builder().tableName(table).key(KEY).build());
      update("SET s = :v", null, values(":v", s("created")), rv);
    }
    d.step(DeleteItemRequest.builder().tableName(table).key(KEY).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(KEY).updateExpression("SET s = :v")
        .expressionAttributeValues(values(":v", s("capacity"))).returnValues(ReturnValue.ALL_NEW)
        .returnConsumedCapacity("TOTAL").build());
  }

  @Test
  void returnValuesOnConditionCheckFailure() {
    for (ReturnValuesOnConditionCheckFailure on : List.of(ReturnValuesOnConditionCheckFailure.ALL_OLD,
        ReturnValuesOnConditionCheckFailure.NONE)) {
      reset();
      d.step(UpdateItemRequest.builder().tableName(table).key(KEY).updateExpression("SET s = :v")
          .conditionExpression("n = :wrong").expressionAttributeValues(values(":v", s("x"), ":wrong", n("0")))
          .returnValuesOnConditionCheckFailure(on).build());
      d.step(PutItemRequest.builder().tableName(table).item(KEY).conditionExpression("attribute_not_exists(pk)")
          .returnValuesOnConditionCheckFailure(on).build());
      d.step(DeleteItemRequest.builder().tableName(table).key(KEY).conditionExpression("attribute_not_exists(pk)")
          .returnValuesOnConditionCheckFailure(on).build());
      d.step(DeleteItemRequest.builder().tableName(table).key(item("pk", s("absent")))
          .conditionExpression("attribute_exists(pk)").returnValuesOnConditionCheckFailure(on).build());
    }
  }

  private static void project(String expression, Map<String, String> names) {
    GetItemRequest.Builder get = GetItemRequest.builder().tableName(table).key(KEY).projectionExpression(expression);
    if (names != null) {
      get.expressionAttributeNames(names);
    }
    d.step(get.build());
  }

  @Test
  void projections() {
    reset();
    for (String p : List.of("s", "s, n", "pk", "m.a", "m.nested.deep[1]", "l[0]", "l[0], l[2]", "l[2][0]",
        "l[3].k", "m.a, m.b", "nothere", "m.nothere", "l[9]", "s, nothere", "ss, ns, bs", "l[0], m.nested")) {
      project(p, null);
    }
    project("#s", Map.of("#s", "size"));
    project("#d", Map.of("#d", "dotted.name"));
    project("m.#a", Map.of("#a", "a"));
    // Errors
    for (String p : List.of("", "size", "s,", "s, s", "m, m.a", "l[0], l", "l[x]", ":v", "s.", "a b")) {
      project(p, null);
    }
    project("#undefined", null);
    project("s", Map.of("#unused", "s"));
    d.step(GetItemRequest.builder().tableName(table).key(item("pk", s("absent"))).projectionExpression("s").build());
  }

  @Test
  void legacyParameters() {
    reset();
    Map<String, ExpectedAttributeValue> expected = new LinkedHashMap<>();
    expected.put("n", ExpectedAttributeValue.builder().value(n("10")).build());
    d.step(PutItemRequest.builder().tableName(table).item(seed()).expected(expected).build());
    expected.put("s", ExpectedAttributeValue.builder().exists(false).build());
    d.step(PutItemRequest.builder().tableName(table).item(seed()).expected(expected).build());
    d.step(PutItemRequest.builder().tableName(table).item(seed()).expected(expected)
        .conditionalOperator(ConditionalOperator.OR).build());
    for (ComparisonOperator op : ComparisonOperator.knownValues()) {
      List<AttributeValue> args = switch (op) {
        case NULL, NOT_NULL -> List.of();
        case BETWEEN -> List.of(n("1"), n("20"));
        case IN -> List.of(n("1"), n("10"));
        case BEGINS_WITH -> List.of(s("hel"));
        case CONTAINS, NOT_CONTAINS -> List.of(s("b"));
        default -> List.of(n("10"));
      };
      String attribute = switch (op) {
        case BEGINS_WITH -> "s";
        case CONTAINS, NOT_CONTAINS -> "ss";
        default -> "n";
      };
      d.step(DeleteItemRequest.builder().tableName(table).key(KEY).returnValues(ReturnValue.ALL_OLD)
          .expected(Map.of(attribute, ExpectedAttributeValue.builder().comparisonOperator(op)
              .attributeValueList(args).build())).build());
      reset();
    }
    d.step(DeleteItemRequest.builder().tableName(table).key(KEY)
        .expected(Map.of("n", ExpectedAttributeValue.builder().exists(true).build())).build());
    d.step(DeleteItemRequest.builder().tableName(table).key(KEY)
        .expected(Map.of("n", ExpectedAttributeValue.builder().exists(false).value(n("1")).build())).build());
    d.step(DeleteItemRequest.builder().tableName(table).key(KEY)
        .expected(Map.of("n", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.EQ).build())).build());
    d.step(DeleteItemRequest.builder().tableName(table).key(KEY).conditionalOperator(ConditionalOperator.AND).build());
    d.step(DeleteItemRequest.builder().tableName(table).key(KEY).conditionExpression("attribute_exists(n)")
        .expected(Map.of("n", ExpectedAttributeValue.builder().exists(true).value(n("10")).build())).build());
    // AttributeUpdates
    reset();
    Map<String, AttributeValueUpdate> updates = new LinkedHashMap<>();
    updates.put("s", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("put")).build());
    updates.put("n", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("5")).build());
    updates.put("ss", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(ss("a")).build());
    updates.put("t", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build());
    updates.put("newset", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(ns("1")).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(KEY).attributeUpdates(updates)
        .returnValues(ReturnValue.ALL_NEW).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(KEY).attributeUpdates(Map.of("pk",
        AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("x")).build())).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(KEY).attributeUpdates(Map.of("s",
        AttributeValueUpdate.builder().action(AttributeAction.ADD).value(s("x")).build())).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(KEY).attributeUpdates(Map.of("s",
        AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(s("x")).build())).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(KEY).attributeUpdates(Map.of("s",
        AttributeValueUpdate.builder().action(AttributeAction.ADD).value(bool(true)).build())).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(KEY).attributeUpdates(Map.of("s",
        AttributeValueUpdate.builder().action(AttributeAction.PUT).build())).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(KEY).attributeUpdates(updates)
        .updateExpression("SET s = :v").expressionAttributeValues(values(":v", s("x"))).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(item("pk", s("fresh"))).attributeUpdates(Map.of(
        "n", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("1")).build())).returnValues(ReturnValue.ALL_NEW).build());
    // AttributesToGet
    reset();
    d.step(GetItemRequest.builder().tableName(table).key(KEY).attributesToGet("s", "n", "nothere").build());
    d.step(GetItemRequest.builder().tableName(table).key(KEY).attributesToGet("s", "s").build());
    d.step(GetItemRequest.builder().tableName(table).key(KEY).attributesToGet("s").projectionExpression("s").build());
  }
}
