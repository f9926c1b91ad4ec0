package dev.streambed.console.web;

import dev.streambed.console.Access;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;

/**
 * The sign-in page of a console under strict authentication, as the AWS console's sign-in with
 * access keys: an access key ID, its secret, and the session token of temporary credentials. The
 * keys are checked as a signed request's would be, and a refusal shows AWS's code and message.
 * The form is protected like every other (its session's token, its origin).
 */
final class SignIn {
  static final String PATH = "/login";
  private final Access access;
  private final Layout layout;

  SignIn(Access access, Layout layout) {
    this.access = access;
    this.layout = layout;
  }

  WebResponse form(Exchange x) {
    if (!access.required()) {
      return Layout.redirect(Layout.ROOT + "/");
    }
    return form(x, null);
  }

  private WebResponse form(Exchange x, AwsException error) {
    return layout.render(x, new Layout.Page("Sign in").error(error), h -> {
      h.el("p", "Sign in with an access key: the root key pair Streambed was started with, an IAM user's "
          + "access key, or temporary credentials with their session token.");
      Forms.open(h, x, Layout.ROOT + PATH);
      String next = safeNext(x.param("next"));
      if (next != null) {
        h.tag("input", "type", "hidden", "name", "next", "value", next);
      }
      Forms.text(h, "Access key ID", "accessKeyId", x.value("accessKeyId"), null, "autocomplete", "username",
          "required", Html.BARE, "spellcheck", "false");
      Forms.input(h, "Secret access key", "password", "secretAccessKey", null, null, "autocomplete",
          "current-password", "required", Html.BARE);
      Forms.input(h, "Session token (optional)", "password", "sessionToken", null,
          "Only for temporary credentials, such as those of an assumed role.", "autocomplete", "off");
      Forms.submit(h, "Sign in");
      h.end();
    });
  }

  WebResponse submit(Exchange x) {
    if (!access.required()) {
      return Layout.redirect(Layout.ROOT + "/");
    }
    String key = x.value("accessKeyId");
    String secret = x.param("secretAccessKey");
    try {
      if (key == null || secret == null || secret.isEmpty()) {
        throw AwsException.validation("Enter an access key ID and its secret access key.");
      }
      String who = access.signIn(key, secret, x.value("sessionToken"));
      if (!x.signIn(who)) {
        return layout.render(x, new Layout.Page("Sign in").status(503), h -> h.el("p",
            "Too many people are signed in to this console; try again when some have signed out.", "role", "alert",
            "class", "error"));
      }
    } catch (AwsException e) {
      return form(x, e);
    }
    String next = safeNext(x.param("next"));
    return Layout.redirect(next == null ? Layout.ROOT + "/" : next);
  }

  WebResponse signOut(Exchange x) {
    x.signOut();
    x.flash("You have signed out.");
    return Layout.redirect(Layout.ROOT + PATH);
  }

  /** A page of the console to return to; never another site's address. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith(Layout.ROOT + "/") || next.contains("//") || next.contains("\\")
        || next.startsWith(Layout.ROOT + PATH) || next.chars().anyMatch(c -> c < 0x20)) {
      return null;
    }
    return next;
  }
}
