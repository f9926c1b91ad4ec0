package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** PartiQL through the SDK and the AWS CLI: statements, paging, indexes, batches, transactions. */
class PartiQlTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("Orders").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("customer").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("order").attributeType(ScalarAttributeType.N),
            a -> a.attributeName("status").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("customer").keyType(KeyType.HASH),
            k -> k.attributeName("order").keyType(KeyType.RANGE))
        .globalSecondaryIndexes(g -> g.indexName("byStatus")
            .keySchema(k -> k.attributeName("status").keyType(KeyType.HASH))
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
    for (int k = 1; k <= 30; k++) {
      int i = k;
      ddb.executeStatement(b -> b.statement("INSERT INTO Orders VALUE {'customer': ?, 'order': ?, 'total': ?}")
          .parameters(s(i % 3 == 0 ? "carol" : "dave"), n(i), n(i * 10)));
    }
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  private static List<String> totals(List<Map<String, AttributeValue>> items) {
    return items.stream().map(i -> i.get("total").n()).toList();
  }

  @Test
  void aSelectOnThePartitionKeyIsAQueryInKeyOrderBothWays() {
    ExecuteStatementResponse carol = ddb.executeStatement(b -> b.statement(
        "SELECT total FROM Orders WHERE customer = 'carol' AND \"order\" BETWEEN 3 AND 12"));
    assertThat(totals(carol.items())).containsExactly("30", "60", "90", "120");
    ExecuteStatementResponse desc = ddb.executeStatement(b -> b.statement(
        "SELECT total FROM Orders WHERE customer = 'carol' AND total > 200 ORDER BY \"order\" DESC"));
    assertThat(totals(desc.items())).containsExactly("300", "270", "240", "210");
  }

  @Test
  void limitAndNextTokenPageThroughEveryMatchOnce() {
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String current = token;
      ExecuteStatementResponse page = ddb.executeStatement(b -> b.statement(
          "SELECT * FROM Orders WHERE customer IN ['dave', 'carol'] AND total >= ?")
          .parameters(n(100)).limit(7).nextToken(current));
      seen.addAll(totals(page.items()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isGreaterThan(3);
    assertThat(seen).hasSize(21).doesNotHaveDuplicates();
    assertThatThrownBy(() -> ddb.executeStatement(b -> b.statement("SELECT * FROM Orders").nextToken("nonsense")))
        .hasMessageContaining("Invalid NextToken");
  }

  @Test
  void writesGoThroughTheItemOperationsAndReturnWhatWasAskedFor() {
    ddb.executeStatement(b -> b.statement("INSERT INTO Orders VALUE {'customer':'erin','order':1,'total':5,"
        + "'tags':<<'new'>>,'lines':[{'sku':'a'}]}"));
    assertThatThrownBy(() -> ddb.executeStatement(b -> b.statement(
        "INSERT INTO Orders VALUE {'customer':'erin','order':1}")))
        .isInstanceOf(DuplicateItemException.class).hasMessageContaining("Duplicate primary key exists in table");
    ExecuteStatementResponse updated = ddb.executeStatement(b -> b.statement(
        "UPDATE Orders SET total = total + 1 SET tags = set_add(tags, <<'paid'>>) SET status = 'PAID' "
            + "REMOVE lines[0] WHERE customer = 'erin' AND \"order\" = 1 RETURNING ALL NEW *"));
    Map<String, AttributeValue> item = updated.items().get(0);
    assertThat(item.get("total").n()).isEqualTo("6");
    assertThat(item.get("tags").ss()).containsExactlyInAnyOrder("new", "paid");
    assertThat(item.get("lines").l()).isEmpty();
    // The index entry was written with the item: the keys-only index finds it.
    ExecuteStatementResponse paid = ddb.executeStatement(b -> b.statement(
        "SELECT * FROM \"Orders\".\"byStatus\" WHERE status = 'PAID'"));
    assertThat(paid.items()).containsExactly(Map.of("customer", s("erin"), "order", n(1), "status", s("PAID")));
    assertThatThrownBy(() -> ddb.executeStatement(b -> b.statement(
        "UPDATE Orders SET total = 0 WHERE customer = 'erin' AND \"order\" = 1 AND total > 100")
        .returnValuesOnConditionCheckFailure("ALL_OLD")))
        .isInstanceOfSatisfying(ConditionalCheckFailedException.class,
            e -> assertThat(e.item().get("total").n()).isEqualTo("6"));
    ExecuteStatementResponse deleted = ddb.executeStatement(b -> b.statement(
        "DELETE FROM Orders WHERE customer = 'erin' AND \"order\" = 1 RETURNING ALL OLD *")
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertThat(deleted.items()).hasSize(1);
    assertThat(deleted.consumedCapacity().tableName()).isEqualTo("Orders");
    assertThat(ddb.getItem(b -> b.tableName("Orders").key(Map.of("customer", s("erin"), "order", n(1)))).hasItem())
        .isFalse();
    assertThatThrownBy(() -> ddb.executeStatement(b -> b.statement("DELETE FROM Orders WHERE customer = 'erin'")))
        .hasMessageContaining("Where clause does not contain a mandatory equality on all key attributes");
  }

  @Test
  void aBatchAnswersEachStatementOnItsOwn() {
    List<BatchStatementResponse> answers = ddb.batchExecuteStatement(b -> b.statements(
        s -> s.statement("INSERT INTO Orders VALUE {'customer':'fay','order':1}"),
        s -> s.statement("INSERT INTO Orders VALUE {'customer':'dave','order':1}"),
        s -> s.statement("UPDATE Orders SET x = 1 WHERE customer = 'nobody' AND \"order\" = 1"),
        s -> s.statement("DELETE FROM NoSuchTable WHERE id = 'x'"))).responses();
    assertThat(answers.get(0).error()).isNull();
    assertThat(answers.get(0).tableName()).isEqualTo("Orders");
    assertThat(answers.get(1).error().codeAsString()).isEqualTo("DuplicateItem");
    assertThat(answers.get(2).error().codeAsString()).isEqualTo("ConditionalCheckFailed");
    assertThat(answers.get(3).error().codeAsString()).isEqualTo("ResourceNotFound");
    List<BatchStatementResponse> reads = ddb.batchExecuteStatement(b -> b.statements(
        s -> s.statement("SELECT * FROM Orders WHERE customer = 'fay' AND \"order\" = 1"),
        s -> s.statement("SELECT * FROM Orders WHERE customer = 'fay'"))).responses();
    assertThat(reads.get(0).item()).containsEntry("customer", s("fay"));
    assertThat(reads.get(1).error().message()).isEqualTo("Only single item select is supported");
  }

  @Test
  void aTransactionAppliesEveryStatementOrNone() {
    ddb.executeTransaction(b -> b.transactStatements(
        s -> s.statement("INSERT INTO Orders VALUE {'customer':'gus','order':1,'total':10}"),
        s -> s.statement("EXISTS(SELECT * FROM Orders WHERE customer = 'dave' AND \"order\" = 1)")));
    assertThatThrownBy(() -> ddb.executeTransaction(b -> b.transactStatements(
        s -> s.statement("UPDATE Orders SET total = 0 WHERE customer = 'gus' AND \"order\" = 1"),
        s -> s.statement("EXISTS(SELECT * FROM Orders WHERE customer = 'nobody' AND \"order\" = 1)"))))
        .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(e.cancellationReasons())
            .extracting(r -> r.code()).containsExactly("None", "ConditionalCheckFailed"));
    var read = ddb.executeTransaction(b -> b.transactStatements(
        s -> s.statement("SELECT total FROM Orders WHERE customer = 'gus' AND \"order\" = 1"),
        s -> s.statement("SELECT * FROM Orders WHERE customer = 'nobody' AND \"order\" = 1")));
    assertThat(read.responses().get(0).item()).containsExactly(Map.entry("total", n(10)));
    assertThat(read.responses().get(1).hasItem()).isFalse();
  }

  @Test
  void theAwsCliRunsAStatement() throws Exception {
    AwsCli aws = new AwsCli(streambed.endpoint().toString());
    assertThat(aws.run("dynamodb", "create-table", "--table-name", "CliOrders",
        "--attribute-definitions", "AttributeName=customer,AttributeType=S",
        "--key-schema", "AttributeName=customer,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST").exitCode())
        .isZero();
    AwsCli.Result inserted = aws.run("dynamodb", "execute-statement", "--statement",
        "INSERT INTO CliOrders VALUE {'customer': 'carol', 'total': 30}");
    assertThat(inserted.exitCode()).as(inserted.stderr()).isZero();
    AwsCli.Result r = aws.run("dynamodb", "execute-statement", "--statement",
        "SELECT total FROM CliOrders WHERE customer = ?", "--parameters", "[{\"S\":\"carol\"}]");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode out = JSON.readTree(r.stdout());
    assertThat(out.at("/Items/0/total/N").asText()).isEqualTo("30");
    AwsCli.Result bad = aws.run("dynamodb", "execute-statement", "--statement", "SELECT * FROM");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr()).contains("ValidationException", "Statement wasn't well formed");
  }
}
