package dev.streambed.lambda;

import dev.streambed.iam.Iam;
import dev.streambed.iam.policy.AuthorizationRequest;
import dev.streambed.logs.Logs;
import dev.streambed.logs.event.InputEvent;
import dev.streambed.logs.group.GroupRef;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an invocation's log lines to CloudWatch Logs, to the group {@code /aws/lambda/NAME} and
 * the environment's log stream, when the function's role may: as on AWS, a role without
 * logs:CreateLogGroup (for a new group), logs:CreateLogStream (for a new stream) and
 * logs:PutLogEvents loses the output. Lambda writes as the role's session named after the
 * function, and adds the function's ARN as {@code lambda:SourceFunctionArn} to these three calls
 * (AWS Lambda Developer Guide, "Using source function ARN to control function access behavior").
 */
public final class InvocationLogs {
  private static final Logger LOG = LoggerFactory.getLogger(InvocationLogs.class);

  private final Logs logs;
  private final Iam iam;

  public InvocationLogs(Logs logs, Iam iam) {
    this.logs = logs;
    this.iam = iam;
  }

  /** One line with the time it was written. */
  public record Line(long timestamp, String message) {}

  /** Writes the lines if the role allows it; returns whether they were written. */
  public boolean write(FunctionConfig f, String logStream, List<Line> lines) {
    if (lines.isEmpty()) {
      return true;
    }
    String groupArn = "arn:aws:logs:" + f.region() + ":" + f.account() + ":log-group:" + f.logGroup();
    String streamArn = groupArn + ":log-stream:" + logStream;
    GroupRef group = new GroupRef(f.account(), f.region(), f.logGroup());
    dev.streambed.logs.group.LogGroup existing = logs.groups().find(group);
    String session = Iam.sessionArn(f.role(), f.name());
    if (existing == null && !allowed(session, f, "logs:CreateLogGroup", groupArn)) {
      LOG.debug("{}: role {} may not logs:CreateLogGroup on {}; output dropped", f.name(), f.role(), groupArn);
      return false;
    }
    boolean streamExists = existing != null && logs.streams().find(existing, logStream) != null;
    if ((!streamExists && !allowed(session, f, "logs:CreateLogStream", streamArn))
        || !allowed(session, f, "logs:PutLogEvents", streamArn)) {
      LOG.debug("{}: role {} may not write log stream {}; output dropped", f.name(), f.role(), streamArn);
      return false;
    }
    logs.append(group, logStream, lines.stream().map(l -> new InputEvent(l.timestamp(), l.message())).toList());
    return true;
  }

  private boolean allowed(String session, FunctionConfig f, String action, String resource) {
    return iam.authorize(session, AuthorizationRequest.of(action, resource)
        .with("lambda:SourceFunctionArn", f.arn())).allowed();
  }
}
