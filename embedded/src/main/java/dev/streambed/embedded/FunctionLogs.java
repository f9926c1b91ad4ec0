package dev.streambed.embedded;

import dev.streambed.logs.Logs;
import dev.streambed.logs.event.FilterPage;
import dev.streambed.logs.event.StoredEvent;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.logs.stream.LogStream;
import java.util.ArrayList;
import java.util.List;

/** A function's log lines, read from CloudWatch Logs as FilterLogEvents reads a group. */
final class FunctionLogs {
  private FunctionLogs() {}

  /** Every event of {@code /aws/lambda/NAME}, all its log streams merged in time order. */
  static List<String> lines(Logs logs, String account, String region, String functionName) {
    LogGroup group = logs.groups().find(new GroupRef(account, region, "/aws/lambda/" + functionName));
    if (group == null) {
      return List.of();
    }
    List<String> streams = logs.streams().byName(group, "", null, false, Integer.MAX_VALUE).stream()
        .map(LogStream::name).toList();
    List<String> lines = new ArrayList<>();
    String token = null;
    do {
      FilterPage page = logs.filter().filter(group, streams, null, null, m -> true, 10_000, token);
      for (StoredEvent e : page.events()) {
        lines.add(line(e.message()));
      }
      token = page.nextToken();
    } while (token != null);
    return lines;
  }

  /**
   * A log event's message as a line: without the newline that ends every event Lambda writes of
   * a function's output, as CloudWatch Logs stores it (what a test compares is the line itself).
   */
  private static String line(String message) {
    return message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
  }

  /** Whether a line is one Lambda writes around the function's output, not the function's own. */
  static boolean isLambdas(String line) {
    return line.startsWith("START RequestId: ") || line.startsWith("END RequestId: ")
        || line.startsWith("REPORT RequestId: ") || line.startsWith("INIT_START ");
  }
}
