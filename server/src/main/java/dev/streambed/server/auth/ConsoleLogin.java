package dev.streambed.server.auth;

/**
 * What the web console calls to let a person in, since a browser cannot sign its requests. The
 * front door hands the console's site (its pages under {@link #PATH_PREFIX}) its requests without
 * asking for a SigV4 signature; with {@code --auth strict} the console must then ask for an access
 * key and secret (the bootstrap root key, an IAM user's key, or temporary credentials with their
 * session token), check them with {@link #login}, keep its own session, and act as the identity
 * returned. An API call sent to a console path is not the console's and still needs its
 * signature. With open authentication {@link #required()} is false and anyone may use the
 * console, as anyone may use the API.
 */
public interface ConsoleLogin {
  /** Paths the console owns and authenticates itself. */
  String PATH_PREFIX = "/console";

  /** Whether the console must have a login (strict authentication is on). */
  boolean required();

  /**
   * Checks a key pair; returns the ARN of whom it stands for ({@code arn:aws:iam::ACCOUNT:root},
   * a user's, or an assumed-role session's), or throws {@link AuthFailure} with AWS's message.
   */
  String login(String accessKeyId, String secretAccessKey, String sessionToken);

  /**
   * With {@code --iam enforce}, checks that the person logged in as {@code who} may do
   * {@code action} (e.g. {@code dynamodb:PutItem}) on {@code resource} (its ARN), and throws AWS's
   * AccessDeniedException with its message otherwise, as the API would refuse the same call; the
   * console calls the services in Java, past the API's own checks. Without enforcement it allows
   * everything.
   */
  void authorize(String who, String action, String resource);

  /** The login of a server whose authentication is open: nothing is required, every key is root. */
  static ConsoleLogin open(String accountId) {
    return new ConsoleLogin() {
      @Override
      public boolean required() {
        return false;
      }

      @Override
      public String login(String accessKeyId, String secretAccessKey, String sessionToken) {
        return "arn:aws:iam::" + accountId + ":root";
      }

      @Override
      public void authorize(String who, String action, String resource) {
        // Nothing is enforced where nobody logs in.
      }
    };
  }

  /**
   * The login of a strict server: the same keys a signature is checked with, and the same
   * policies a call is authorized with ({@code enforcement} null when IAM is not enforced).
   */
  static ConsoleLogin strict(Keys keys, Enforcement enforcement, String region) {
    return new ConsoleLogin() {
      @Override
      public boolean required() {
        return true;
      }

      @Override
      public String login(String accessKeyId, String secretAccessKey, String sessionToken) {
        return keys.login(accessKeyId, secretAccessKey, sessionToken);
      }

      @Override
      public void authorize(String who, String action, String resource) {
        if (enforcement != null) {
          enforcement.authorize(who, region, action, resource);
        }
      }
    };
  }
}
