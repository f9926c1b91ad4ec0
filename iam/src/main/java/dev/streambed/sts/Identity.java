package dev.streambed.sts;

/**
 * Who signed a request, as GetCallerIdentity answers it.
 *
 * @param arn the caller's ARN: a user's, an assumed-role session's
 *     ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}) or the account's root
 * @param userId AWS's UserId: the user's id, {@code ROLEID:SESSION}, or the account id for root
 */
public record Identity(String accountId, String arn, String userId) {
  public boolean root() {
    return arn.endsWith(":root");
  }
}
