package dev.streambed.logs.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.logs.LogsError;
import dev.streambed.logs.group.GroupRef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reading request members with AWS's type rules. */
final class Wire {
  private Wire() {}







  /**
   * The group named by {@code logGroupName} or by {@code logGroupIdentifier} (a name or an ARN);
   * AWS rejects both together with ValidationException.
   */
  static GroupRef group(JsonNode in, RequestContext context) {
    String name = JsonMembers.string(in, "logGroupName");
    String identifier = JsonMembers.string(in, "logGroupIdentifier");
    if (name != null && identifier != null) {
      throw new AwsException(LogsError.VALIDATION,
          "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    }
    if (identifier != null) {
      if (identifier.startsWith("arn:")) {
        GroupRef ref = GroupRef.fromArn(identifier);
        if (ref == null) {
          throw LogsError.invalid("Invalid log group ARN: " + identifier);
        }
        return ref;
      }
      name = identifier;
    }
    Violations v = new Violations();
    v.groupName(name, "logGroupName");
    v.throwIfAny();
    return new GroupRef(context.accountId(), context.region(), name);
  }

  static String pageToken(String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /** The position a page token carries, or InvalidParameterException as AWS words it. */
  static String pagePosition(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LogsError.invalidToken();
    }
  }
}
