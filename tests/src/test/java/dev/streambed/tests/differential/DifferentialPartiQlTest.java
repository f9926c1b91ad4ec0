package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.Av.n;
import static dev.streambed.tests.differential.Av.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** PartiQL statements, batches and transactions, request for request against DynamoDB Local. */
class DifferentialPartiQlTest extends DifferentialTest {
  private static String t;
  private static String h;

  @BeforeAll
  static void data() {
    t = Differential.tableName("partiql");
    d.step(CreateTableRequest.builder().tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
            def("g", ScalarAttributeType.S))
        .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
            .keySchema(key("g", KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.ALL)).build())
        .build());
    h = table("partiqlh", "id", ScalarAttributeType.S, null, null);
    run("INSERT INTO \"" + t + "\" VALUE {'pk':'a','sk':1,'v':'x','n':5,'m':{'a':{'b':[1,2,3]}},"
        + "'nul':null,'bo':true,'ns':<<1,2>>}");
    run("INSERT INTO \"" + t + "\" VALUE {'pk':'a','sk':2,'v':'y','g':'G1','l':[1,'two',{'m':true}],"
        + "'ss':<<'a','b'>>}");
    for (int i = 0; i < 12; i++) {
      d.step(ExecuteStatementRequest.builder().statement("INSERT INTO \"" + t + "\" VALUE {'pk':?,'sk':?,'w':?}")
          .parameters(s("p"), n(Integer.toString(i)), n(Integer.toString(i * i))).build());
    }
    for (String id : List.of("u1", "u2", "u3")) {
      run("INSERT INTO \"" + h + "\" VALUE {'id':'" + id + "','x':1}");
    }
    d.assertNoDifferences();
  }

  private static Answer run(String statement) {
    return d.step(ExecuteStatementRequest.builder().statement(statement).build());
  }

  private static String q(String template) {
    return template.replace("$T", "\"" + t + "\"").replace("$H", "\"" + h + "\"");
  }

  @Test
  void selectsReadKeysAndFilters() {
    for (String where : List.of("pk='a'", "pk='a' AND sk > 1", "pk='a' AND n IS MISSING",
        "pk='a' AND nul IS NULL", "pk='a' AND zz IS NOT NULL", "pk='a' AND v IS NOT MISSING",
        "pk='a' AND n BETWEEN 1 AND 9 AND n IN [4,5] AND n <> 6 AND n != 7",
        "pk='a' AND begins_with(v, 'x') AND contains(ns, 1) AND attribute_type(ns, 'NS') AND size(v) = 1",
        "pk='a' AND m.a.b[1] = 2", "pk='a' AND NOT (v = 'x' OR v = 'q')", "'a' = pk AND sk > 1",
        "pk = 'p' AND sk BETWEEN 3 AND 5", "pk = 'p' AND sk IN [1, 4]", "pk = 'p' AND w > 50",
        "pk IN ['a'] AND sk <= 1", "(pk = 'a' OR pk = 'a') AND sk = 2", "v = 'x'")) {
      run(q("SELECT * FROM $T WHERE " + where));
    }
    run(q("SELECT v, l[1], m.a FROM $T WHERE pk='a'"));
    run(q("SELECT * FROM $T WHERE pk='p' ORDER BY sk DESC"));
    run(q("SELECT * FROM $T.\"byG\" WHERE g='G1'"));
    d.step(ExecuteStatementRequest.builder().statement(q("SELECT * FROM $T WHERE pk=? AND sk=?"))
        .parameters(s("a"), n("2")).consistentRead(true).build());
  }

  @Test
  void limitsAndNextTokens() {
    Answer first = d.step(ExecuteStatementRequest.builder().statement(q("SELECT * FROM $T WHERE pk='p'"))
        .limit(5).build());
    assertThat(first.body()).containsKey("NextToken");
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      var page = d.ours().executeStatement(b -> b.statement(q("SELECT w FROM $T WHERE pk='p' AND w > 10")).limit(4));
      if (token != null) {
        String current = token;
        page = d.ours().executeStatement(b -> b.statement(q("SELECT w FROM $T WHERE pk='p' AND w > 10"))
            .limit(4).nextToken(current));
      }
      page.items().forEach(i -> seen.add(i.get("w").n()));
      token = page.nextToken();
    } while (token != null);
    assertThat(seen).containsExactly("16", "25", "36", "49", "64", "81", "100", "121");
  }

  @Test
  void writesAndTheirReturnValues() {
    run(q("UPDATE $H SET v='z' WHERE id='u1' RETURNING ALL NEW *"));
    run(q("UPDATE $H SET x = x + 1 WHERE id='u1' RETURNING MODIFIED NEW *"));
    run(q("UPDATE $H SET x = x + 1 WHERE id='u1' RETURNING MODIFIED OLD *"));
    run(q("UPDATE $H SET l = [1] SET s = <<'a'>> WHERE id='u1'"));
    run(q("UPDATE $H SET l = list_append(l, [2,3]), s = set_add(s, <<'b','c'>>) WHERE id='u1' RETURNING ALL NEW *"));
    run(q("UPDATE $H SET s = set_delete(s, <<'b'>>) WHERE id='u1' RETURNING ALL OLD *"));
    run(q("UPDATE $H REMOVE l[0] SET m = {'k': 'v'} WHERE id='u1' RETURNING ALL NEW *"));
    run(q("UPDATE $H SET a = 1 + 2 + 3, q = if_not_exists(q, 4) WHERE id = 'u1' RETURNING MODIFIED NEW *"));
    run(q("DELETE FROM $H WHERE id='u2' RETURNING ALL OLD *"));
    run(q("DELETE FROM $H WHERE id='nobody'"));
    d.step(GetItemRequest.builder().tableName(h).key(java.util.Map.of("id", s("u1"))).consistentRead(true).build());
    d.step(ExecuteStatementRequest.builder().statement(q("INSERT INTO $H VALUE {'id':?, 'b': ?}"))
        .parameters(s("bin"), AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {1, 2})))
        .build());
  }

  @Test
  void statementErrors() {
    for (String bad : List.of("INSERT INTO $H VALUE {'id':'u3'}", "SELECT * FROM $T ORDER BY sk DESC",
        "SELECT * FROM $T WHERE pk='a' ORDER BY v", "SELECT * FROM $T WHERE v = 'x' ORDER BY sk",
        "SELECT * FROM $T WHERE pk = 1", "SELECT * FROM $T WHERE pk = 'a' AND sk = 'x'",
        "SELECT * FROM $T WHERE pk = pk", "SELECT pk, pk FROM $T WHERE pk='a'",
        "SELECT * FROM $T WHERE pk = 'a' AND x = MISSING", "SELECT * FROM $T WHERE pk = 'a' AND nosuchfn(v)",
        "SELECT * FROM $T WHERE pk = 'a' AND begins_with(sk, 1)", "SELECT * FROM $T WHERE pk='a' AND n + 1 = 3",
        "SELECT * FROM $T.\"nope\"", "SELECT * FROM \"nope-table\"", "SELEC * FROM $T", "SELECT * FROM $T WHERE",
        "UPDATE $H SET v='z' WHERE id='nobody'", "UPDATE $T SET v='z' WHERE pk='a'",
        "UPDATE $H SET id='z' WHERE id='u3'", "UPDATE $H SET x = 'a' + 1 WHERE id='u3'",
        "UPDATE $H SET y = z + 1 WHERE id='u3'", "UPDATE $H SET a = 1, a = 2 WHERE id = 'u3'",
        "UPDATE $H SET s = set_add(zz, <<'c'>>) WHERE id='u3'", "UPDATE $H SET x = 1 WHERE id='u3' RETURNING ALL NEW",
        "UPDATE $H SET a = 1 WHERE id = 5", "DELETE FROM $H WHERE id='u3' RETURNING ALL NEW *",
        "DELETE FROM $T WHERE pk='a'", "DELETE FROM $H WHERE id='u3' AND x = 7",
        "INSERT INTO $H VALUE {'id':'r1'} RETURNING ALL OLD *", "INSERT INTO $H VALUE {'x':'r1'}",
        "INSERT INTO $H VALUE {'id':1}", "INSERT INTO $H VALUE {'id':'d','a':1,'a':2}",
        "INSERT INTO $H (id) VALUES ('x')")) {
      run(q(bad));
    }
    d.step(ExecuteStatementRequest.builder().statement(q("INSERT INTO $H VALUE ?"))
        .parameters(AttributeValue.fromM(java.util.Map.of("id", s("p2")))).build());
    d.step(ExecuteStatementRequest.builder().statement(q("SELECT * FROM $H WHERE id=?")).build());
    d.step(ExecuteStatementRequest.builder().statement(q("SELECT * FROM $H WHERE id=?")).parameters(List.of()).build());
    d.step(ExecuteStatementRequest.builder().statement(q("SELECT * FROM $H")).nextToken("garbage").build());
    d.step(ExecuteStatementRequest.builder().statement(q("SELECT * FROM $H")).limit(0).build());
    d.step(ExecuteStatementRequest.builder().statement(q("SELECT * FROM $T.\"byG\" WHERE g='G1'")).consistentRead(true).build());
    d.step(ExecuteStatementRequest.builder().statement(q("UPDATE $H SET x=2 WHERE id='u3' AND x=7"))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
  }

  private static BatchStatementRequest st(String statement) {
    return BatchStatementRequest.builder().statement(q(statement)).build();
  }

  private static ParameterizedStatement ps(String statement) {
    return ParameterizedStatement.builder().statement(q(statement)).build();
  }

  @Test
  void batches() {
    run(q("INSERT INTO $H VALUE {'id':'b1'}"));
    d.step(BatchExecuteStatementRequest.builder().statements(st("INSERT INTO $H VALUE {'id':'b1'}"),
        st("UPDATE $H SET Age=20 WHERE id='nobody'"),
        BatchStatementRequest.builder().statement(q("UPDATE $H SET Age=20 WHERE id='b1' AND Age = 3"))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build(),
        st("DELETE FROM $H WHERE id='b9'"), st("INSERT INTO \"nope-table\" VALUE {'id':'u1'}"),
        st("INSERT INTO $H VALUE {'id':'b2'}"), st("UPDATE $H SET Age=20 WHERE id='u3' RETURNING ALL NEW *"))
        .build());
    d.step(BatchExecuteStatementRequest.builder().statements(st("SELECT * FROM $H WHERE id='b2'"),
        st("SELECT * FROM $H WHERE id='zz'"), st("SELECT * FROM $H"),
        BatchStatementRequest.builder().statement(q("SELECT id FROM $H WHERE id=?")).parameters(s("u3")).build(),
        st("SELECT id FROM \"nope-table\" WHERE id='a'"), st("SELECT * FROM $H WHERE id='b1' AND x = 2"))
        .build());
    d.step(BatchExecuteStatementRequest.builder().statements(st("SELECT * FROM $H WHERE id='b1'"),
        st("INSERT INTO $H VALUE {'id':'b3'}")).build());
    d.step(BatchExecuteStatementRequest.builder().statements(st("UPDATE $H SET a=1 WHERE id='b4'"),
        st("UPDATE $H SET b=1 WHERE id='b4'")).build());
    d.step(BatchExecuteStatementRequest.builder().statements(List.of()).build());
  }

  @Test
  void transactions() {
    d.step(ExecuteTransactionRequest.builder().transactStatements(ps("INSERT INTO $H VALUE {'id':'x1'}"),
        ps("UPDATE $H SET x=2 WHERE id='u3'"), ps("EXISTS(SELECT * FROM $T WHERE pk='a' AND sk=1 AND n=5)")).build());
    d.step(ExecuteTransactionRequest.builder().transactStatements(ps("INSERT INTO $H VALUE {'id':'u3'}"),
        ps("UPDATE $H SET x=1 WHERE id='nobody'"),
        ParameterizedStatement.builder().statement(q("DELETE FROM $H WHERE id='x1' AND x=5"))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build(),
        ps("INSERT INTO $H VALUE {'id':'fresh'}")).build());
    d.step(ExecuteTransactionRequest.builder().transactStatements(ps("SELECT * FROM $H WHERE id='u3'"),
        ps("SELECT x FROM $H WHERE id='none'")).build());
    d.step(ExecuteTransactionRequest.builder().transactStatements(ps("SELECT * FROM $H WHERE id='u3'"),
        ps("INSERT INTO $H VALUE {'id':'t3'}")).build());
    d.step(ExecuteTransactionRequest.builder().transactStatements(ps("SELECT * FROM $H")).build());
    d.step(ExecuteTransactionRequest.builder().transactStatements(ps("INSERT INTO $H VALUE {'id':'t4'}"),
        ps("UPDATE $H SET x=1 WHERE id='t4'")).build());
    d.step(ExecuteTransactionRequest.builder().transactStatements(ps("INSERT INTO \"nope-table\" VALUE {'id':'t6'}")).build());
    d.step(GetItemRequest.builder().tableName(h).key(java.util.Map.of("id", s("fresh"))).consistentRead(true).build());
  }
}
