package dev.streambed.iam;

import java.util.List;
import java.util.Map;

/** An IAM user as stored, with its attached managed policies and inline policies. */
public record User(
    String accountId,
    String userName,
    String path,
    String userId,
    String arn,
    long createDate,
    List<Tag> tags,
    List<String> attachedPolicyArns,
    Map<String, String> inlinePolicies) {

  User with(List<Tag> tags, List<String> attached, Map<String, String> inline) {
    return new User(accountId, userName, path, userId, arn, createDate, tags, attached, inline);
  }
}
