package dev.streambed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.iam.Iam;
import dev.streambed.logs.Logs;
import dev.streambed.logs.event.StoredEvent;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.storage.memory.MemoryStorage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function's output reaches CloudWatch Logs only when its role may write it there. */
class InvocationLogsTest {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private final MemoryStorage storage = new MemoryStorage();
  private final Iam iam = new Iam(storage, Clock.systemUTC(), new SecureRandom());
  private final Logs logs = new Logs(storage, Clock.systemUTC());
  private final InvocationLogs invocationLogs = new InvocationLogs(logs, iam);

  private FunctionConfig function(String name, String roleName) {
    String role = iam.roles().create("000000000000", roleName, null, TRUST, null, null, List.of()).arn();
    return new FunctionConfig("$LATEST", "000000000000", "us-east-1", name, "python3.12", "h.h", role, "",
        3, 128, Map.of(), List.of("x86_64"), "sha", 1, 0, "rev", Map.of(), 512, null, null);
  }

  private List<String> messages(FunctionConfig f, String stream) {
    LogGroup group = logs.groups().find(new GroupRef("000000000000", "us-east-1", f.logGroup()));
    if (group == null) {
      return List.of();
    }
    return logs.events().get(group, stream, null, null, true, 100, null).events().stream()
        .map(StoredEvent::message).toList();
  }

  @Test
  void aRoleWithTheBasicExecutionPolicyWritesTheLines() {
    FunctionConfig f = function("logged", "basic");
    iam.roles().attach("000000000000", "basic", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    long now = System.currentTimeMillis();
    assertThat(invocationLogs.write(f, "2026/06/01/[$LATEST]abc", List.of(
        new InvocationLogs.Line(now, "START RequestId: 1 Version: $LATEST"),
        new InvocationLogs.Line(now, "hello")))).isTrue();
    assertThat(messages(f, "2026/06/01/[$LATEST]abc")).containsExactly("START RequestId: 1 Version: $LATEST", "hello");
  }

  @Test
  void aRoleWithoutLogsActionsLosesTheOutput() {
    FunctionConfig f = function("silent", "bare");
    assertThat(invocationLogs.write(f, "s", List.of(new InvocationLogs.Line(System.currentTimeMillis(), "hello"))))
        .isFalse();
    assertThat(logs.groups().find(new GroupRef("000000000000", "us-east-1", f.logGroup()))).isNull();
  }

  @Test
  void aRoleThatMayOnlyPutEventsNeedsTheGroupAndStreamToExist() {
    FunctionConfig f = function("narrow", "narrow");
    iam.roles().putInline("000000000000", "narrow", "put", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}");
    assertThat(invocationLogs.write(f, "s", List.of(new InvocationLogs.Line(System.currentTimeMillis(), "x"))))
        .isFalse();
  }
}
