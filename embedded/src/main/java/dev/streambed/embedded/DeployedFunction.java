package dev.streambed.embedded;

import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableRef;
import dev.streambed.lambda.esm.MappingConfig;
import java.util.List;

/**
 * A function deployed on an embedded Streambed: add stream triggers to it, and read what it
 * logged. It names the function, so after {@link Streambed#reset} it names one that is gone.
 */
public final class DeployedFunction {
  private final Streambed streambed;
  private final String name;
  private final String roleArn;

  DeployedFunction(Streambed streambed, String name, String roleArn) {
    this.streambed = streambed;
    this.name = name;
    this.roleArn = roleArn;
  }

  public String name() {
    return name;
  }

  /** The function's unqualified ARN. */
  public String arn() {
    return "arn:aws:lambda:" + streambed.region() + ":" + streambed.accountId() + ":function:" + name;
  }

  /** The role the function runs as. */
  public String roleArn() {
    return roleArn;
  }

  /**
   * Triggers the function with the records of a table's stream: {@code batchSize} records at most
   * per invocation, from {@code startingPosition}. The table must have a stream.
   */
  public DeployedFunction withTrigger(String tableName, int batchSize, StartingPosition startingPosition) {
    return withTrigger(Trigger.on(tableName).batchSize(batchSize).startingPosition(startingPosition));
  }

  /**
   * Creates the trigger (an event source mapping, as CreateEventSourceMapping does, with its checks
   * of the role) and returns this function, for more. The trigger reads from the moment this
   * returns.
   */
  public DeployedFunction withTrigger(Trigger trigger) {
    String source = trigger.source();
    String streamArn = source.startsWith("arn:") ? source : streamOf(source);
    streambed.server().eventSourceMappings().create(streambed.accountId(), streambed.region(),
        trigger.settings(name, streamArn));
    return this;
  }

  private String streamOf(String tableName) {
    Table t = streambed.server().dynamoDb().tables().describe(
        new TableRef(streambed.accountId(), streambed.region(), tableName));
    if (t.latestStreamArn() == null) {
      throw new IllegalArgumentException("Table " + tableName + " has no stream to trigger " + name
          + " from: create it (or update it) with StreamSpecification StreamEnabled=true and a StreamViewType");
    }
    return t.latestStreamArn();
  }

  /** The UUIDs of the function's triggers, as ListEventSourceMappings shows them. */
  public List<String> triggers() {
    return streambed.server().eventSourceMappings().list(streambed.accountId(), streambed.region(), name, null)
        .stream().map(MappingConfig::uuid).toList();
  }

  /**
   * Every line the function's invocations wrote to CloudWatch Logs ({@code /aws/lambda/NAME}), in
   * time order: Lambda's {@code START}, {@code END} and {@code REPORT} lines with the function's
   * own output between them.
   */
  public List<String> logs() {
    return streambed.logLines(name);
  }

  /** The function's own output: its log lines without Lambda's {@code INIT_START}, {@code START}, {@code END} and {@code REPORT}. */
  public List<String> output() {
    return streambed.logLines(name).stream().filter(l -> !FunctionLogs.isLambdas(l)).toList();
  }

  @Override
  public String toString() {
    return arn();
  }
}
