package dev.streambed.console;

import dev.streambed.kernel.error.AwsException;

/**
 * Who may use the console and what they may do, as the server decides it for the API. With open
 * authentication nobody signs in and everything is allowed. With {@code --auth strict} a person
 * signs in with an access key pair, as at the AWS console's sign-in with keys, since a browser
 * cannot sign its requests; with {@code --iam enforce} each action is then authorized with the
 * action and resource ARN the equivalent API call needs, because the pages call the services in
 * Java, past the API's own checks.
 */
public interface Access {
  /** Whether a person must sign in before any page is shown. */
  boolean required();

  /**
   * The ARN of whom a key pair stands for ({@code arn:aws:iam::ACCOUNT:root}, a user's, an
   * assumed-role session's), or an {@link AwsException} with AWS's code and message for the keys
   * a signed request would be refused with.
   */
  String signIn(String accessKeyId, String secretAccessKey, String sessionToken);

  /** Throws AWS's AccessDeniedException unless {@code who} may do {@code action} on {@code resource}. */
  void authorize(String who, String action, String resource);

  /** Open authentication: no sign-in, everything allowed. */
  Access OPEN = new Access() {
    @Override
    public boolean required() {
      return false;
    }

    @Override
    public String signIn(String accessKeyId, String secretAccessKey, String sessionToken) {
      throw new IllegalStateException("nobody signs in where authentication is open");
    }

    @Override
    public void authorize(String who, String action, String resource) {
      // Everything is allowed where nobody signs in, as anyone may call the API.
    }
  };
}
