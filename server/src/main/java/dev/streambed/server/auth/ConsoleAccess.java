package dev.streambed.server.auth;

import dev.streambed.console.Access;

/**
 * The console's {@link Access}, given by the server's {@link ConsoleLogin}: the same keys a
 * signature is checked with and the same policies an API call is authorized with. A refused key
 * pair is shown as DynamoDB's framework answers it (UnrecognizedClientException,
 * InvalidSignatureException, ExpiredTokenException), with AWS's message.
 */
public final class ConsoleAccess implements Access {
  private final ConsoleLogin login;

  public ConsoleAccess(ConsoleLogin login) {
    this.login = login;
  }

  @Override
  public boolean required() {
    return login.required();
  }

  @Override
  public String signIn(String accessKeyId, String secretAccessKey, String sessionToken) {
    try {
      return login.login(accessKeyId, secretAccessKey, sessionToken);
    } catch (AuthFailure f) {
      throw Wire.JSON.refusal(f);
    }
  }

  @Override
  public void authorize(String who, String action, String resource) {
    login.authorize(who, action, resource);
  }
}
