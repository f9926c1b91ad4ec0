package dev.streambed.iam;

import java.util.List;
import java.util.Map;

/**
 * An IAM role as stored: its identity, its trust policy (the document as the caller sent it),
 * the managed policies attached to it (ARNs, in attachment order) and its inline policies.
 */
public record Role(
    String accountId,
    String roleName,
    String path,
    String roleId,
    String arn,
    long createDate,
    String assumeRolePolicyDocument,
    String description,
    int maxSessionDuration,
    List<Tag> tags,
    List<String> attachedPolicyArns,
    Map<String, String> inlinePolicies) {

  Role with(String trust, String description, int maxSessionDuration, List<Tag> tags,
      List<String> attached, Map<String, String> inline) {
    return new Role(accountId, roleName, path, roleId, arn, createDate, trust, description,
        maxSessionDuration, tags, attached, inline);
  }
}
