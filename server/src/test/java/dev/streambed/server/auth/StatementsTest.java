package dev.streambed.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.protocol.RequestContext;
import org.junit.jupiter.api.Test;

/**
 * Which action and table a PartiQL statement is authorized with, and that what this reading cannot
 * tell falls back to "*" rather than to a table the statement does not touch.
 */
class StatementsTest {
  private static final RequestContext C = new RequestContext("r", "us-east-1", "123456789012", "AKID", "h");
  private static final String T = "arn:aws:dynamodb:us-east-1:123456789012:table/";

  @Test
  void eachVerbIsItsActionOnItsTable() {
    assertThat(Statements.permission(C, "SELECT * FROM \"Music\" WHERE a = 1"))
        .isEqualTo(new Permission("dynamodb:PartiQLSelect", T + "Music"));
    assertThat(Statements.permission(C, "select a from \"Music\".\"ByArtist\""))
        .isEqualTo(new Permission("dynamodb:PartiQLSelect", T + "Music/index/ByArtist"));
    assertThat(Statements.permission(C, "INSERT INTO Music VALUE {'a': 1}"))
        .isEqualTo(new Permission("dynamodb:PartiQLInsert", T + "Music"));
    assertThat(Statements.permission(C, "UPDATE \"Mu\"\"sic\" SET a = 1 WHERE k = 'x'"))
        .isEqualTo(new Permission("dynamodb:PartiQLUpdate", T + "Mu\"sic"));
    assertThat(Statements.permission(C, "DELETE FROM \"Music\" WHERE k = 'FROM other'"))
        .isEqualTo(new Permission("dynamodb:PartiQLDelete", T + "Music"));
    assertThat(Statements.permission(C, "EXISTS(SELECT * FROM \"Music\" WHERE k = 'x')"))
        .isEqualTo(new Permission("dynamodb:PartiQLSelect", T + "Music"));
  }

  @Test
  void commentsAndStringsCannotNameAnotherTable() {
    assertThat(Statements.permission(C, "SELECT * -- FROM \"Allowed\"\n FROM \"Secret\""))
        .isEqualTo(new Permission("dynamodb:PartiQLSelect", T + "Secret"));
    assertThat(Statements.permission(C, "SELECT 'FROM \"Allowed\"' FROM \"Secret\""))
        .isEqualTo(new Permission("dynamodb:PartiQLSelect", T + "Secret"));
    assertThat(Statements.permission(C, "SELECT * FROM 'x'").resource()).isEqualTo("*");
    assertThat(Statements.permission(C, "DROP TABLE x").resource()).isEqualTo("*");
  }
}
