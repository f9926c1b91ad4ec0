package dev.streambed.iam;

import java.util.List;

/**
 * A managed policy: a customer managed one from CreatePolicy, or one of AWS's (account
 * {@code aws}). Versions are kept newest first, as ListPolicyVersions returns them.
 */
public record ManagedPolicy(
    String accountId,
    String policyName,
    String path,
    String policyId,
    String arn,
    String description,
    long createDate,
    long updateDate,
    String defaultVersionId,
    int nextVersion,
    List<Version> versions,
    List<Tag> tags) {

  /** One version of a policy's document. */
  public record Version(String versionId, String document, long createDate) {}

  public boolean awsManaged() {
    return "aws".equals(accountId);
  }

  public Version version(String versionId) {
    for (Version v : versions) {
      if (v.versionId().equals(versionId)) {
        return v;
      }
    }
    return null;
  }

  public Version defaultVersion() {
    return version(defaultVersionId);
  }
}
