package dev.streambed.lambda;

import dev.streambed.iam.Iam;
import dev.streambed.kernel.error.AwsException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks AWS makes of an EventInvokeConfig's destinations when the config is put or updated
 * (Lambda Developer Guide, "Capturing records of Lambda asynchronous invocations"): the ARN names
 * a service that takes invocation records (SQS, SNS, Lambda, EventBridge, and S3 for failures
 * only), it is a well-formed ARN of that service, a function destination exists and is not the
 * function itself, and the function's execution role may send to it: sqs:SendMessage,
 * sns:Publish, lambda:InvokeFunction, events:PutEvents, or s3:PutObject and s3:ListBucket.
 *
 * <p>A destination that fails any of the later checks is refused with AWS's one message, "The
 * destination ARN ARN is invalid." (InvalidParameterValueException): recorded for a function
 * that does not exist (test_lambda_api's put_destination_lambda_doesntexist), and what AWS
 * answers when the role lacks the permission, as the Terraform AWS provider's documentation of
 * aws_lambda_function_event_invoke_config reports. That AWS answers so for a malformed ARN of a
 * served service is not confirmed.
 */
final class DestinationChecks {
  /** The services that take records, and what the role needs for each. */
  private static final Map<String, List<String>> ACTIONS = Map.of(
      "sqs", List.of("sqs:SendMessage"),
      "sns", List.of("sns:Publish"),
      "lambda", List.of("lambda:InvokeFunction"),
      "events", List.of("events:PutEvents"),
      "s3", List.of("s3:PutObject", "s3:ListBucket"));
  private static final String PARTITION = "arn:aws[a-zA-Z0-9-]*:";
  private static final String REGION_ACCOUNT = ":[a-z]{2}((-gov)|(-iso[a-z]?))?-[a-z]+-\\d:\\d{12}:";
  /** The resource part each service's ARN has (a queue's or topic's name, a bus, a bucket). */
  private static final Map<String, Pattern> SHAPES = Map.of(
      "sqs", Pattern.compile(PARTITION + "sqs" + REGION_ACCOUNT + "[a-zA-Z0-9_-]{1,80}(\\.fifo)?"),
      "sns", Pattern.compile(PARTITION + "sns" + REGION_ACCOUNT + "[a-zA-Z0-9_-]{1,256}(\\.fifo)?"),
      "events", Pattern.compile(PARTITION + "events" + REGION_ACCOUNT + "event-bus/[a-zA-Z0-9._/-]{1,256}"),
      "s3", Pattern.compile(PARTITION + "s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"));

  private final Functions functions;
  private final Iam iam;

  DestinationChecks(Functions functions, Iam iam) {
    this.functions = functions;
    this.iam = iam;
  }

  /**
   * Refuses the destinations of a change as AWS does, for the function (version or alias)
   * {@code function} whose config it is.
   */
  void check(FunctionRef ref, FunctionConfig function, String onSuccess, String onFailure) {
    for (String[] d : new String[][] {{onSuccess, "onSuccess"}, {onFailure, "onFailure"}}) {
      String service = d[0] == null || d[0].isEmpty() ? null : serviceOf(d[0]);
      if (d[0] != null && !d[0].isEmpty() && (!ACTIONS.containsKey(service)
          // S3 buckets take the records of failures only (PutFunctionEventInvokeConfig's reference);
          // that AWS refuses one for successes with this message is not confirmed.
          || service.equals("s3") && d[1].equals("onSuccess"))) {
        throw Functions.invalid("The provided destination config DestinationConfig(onSuccess="
            + describe("OnSuccess", onSuccess) + ", onFailure=" + describe("OnFailure", onFailure) + ") is invalid.");
      }
    }
    for (String d : new String[] {onSuccess, onFailure}) {
      if (d != null && !d.isEmpty()) {
        checkOne(ref, function, d);
      }
    }
  }

  private void checkOne(FunctionRef ref, FunctionConfig function, String destination) {
    String service = serviceOf(destination);
    if (service.equals("lambda")) {
      FunctionRef target;
      try {
        target = FunctionRef.parse(destination, ref.account(), ref.region());
      } catch (AwsException malformed) {
        throw invalid(destination);
      }
      if (target.name().equals(ref.name()) && target.account().equals(ref.account())) {
        throw Functions.invalid("You can't specify the function as a destination for itself.");
      }
      try {
        functions.get(target);
      } catch (AwsException e) {
        throw invalid(destination);
      }
    } else if (!SHAPES.get(service).matcher(destination).matches()) {
      throw invalid(destination);
    }
    // Lambda sends as the function's role, in a session named after the function, as it runs it.
    String session = Iam.sessionArn(function.role(), function.name());
    for (String action : ACTIONS.get(service)) {
      String resource = action.equals("s3:PutObject") ? destination + "/*" : destination;
      if (!iam.isAllowed(session, action, resource)) {
        throw invalid(destination);
      }
    }
  }

  private static AwsException invalid(String destination) {
    return Functions.invalid("The destination ARN " + destination + " is invalid.");
  }

  /** The service an ARN names ({@code arn:PARTITION:SERVICE:...}), or "" when it names none. */
  private static String serviceOf(String arn) {
    String[] parts = arn.split(":", 4);
    return parts.length >= 3 ? parts[2] : "";
  }

  /** A destination as Lambda's Java model prints it in its refusal. */
  private static String describe(String type, String destination) {
    return destination == null ? "null" : type + "(destination=" + destination + ")";
  }
}
