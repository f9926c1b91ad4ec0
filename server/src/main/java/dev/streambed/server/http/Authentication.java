package dev.streambed.server.http;

import dev.streambed.server.auth.AuthFailure;
import dev.streambed.server.auth.ConsoleLogin;
import dev.streambed.server.auth.SigV4Verifier;
import dev.streambed.server.auth.SignedRequest;
import dev.streambed.server.auth.Verified;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The front door's signature check. Open (the default): the Authorization header is only read
 * for the access key and region, any signature passes. Strict ({@code --auth strict}): every
 * request is verified, and one that reaches a service without a SigV4 signature that verifies is
 * refused in its protocol's words. Only the health check and the console (a site under
 * {@link ConsoleLogin#PATH_PREFIX}, which signs its own visitors in) answer whatever the verdict: a
 * request under that path that no site takes, or an API call sent there, is verified as any other.
 */
public final class Authentication {
  /** Accepts any credentials, reading only the credential scope of the Authorization header. */
  public static final Authentication OPEN = new Authentication(null);

  private final SigV4Verifier verifier;

  private Authentication(SigV4Verifier verifier) {
    this.verifier = verifier;
  }

  public static Authentication strict(SigV4Verifier verifier) {
    return new Authentication(verifier);
  }

  public boolean isStrict() {
    return verifier != null;
  }

  /** Who signed a request and where, or why it was refused. */
  record Admission(SigV4 signature, AuthFailure refused) {}

  /** Checks the request as it came (before its body is inflated, since the signature covers it). */
  Admission admit(FullHttpRequest request) {
    SigV4 claimed = SigV4.parse(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (verifier == null) {
      return new Admission(claimed, null);
    }
    String uri = request.uri();
    if (uri.startsWith("http://") || uri.startsWith("https://")) {
      int slash = uri.indexOf('/', uri.indexOf("//") + 2);
      uri = slash < 0 ? "/" : uri.substring(slash);
    }
    int q = uri.indexOf('?');
    SignedRequest signed = new SignedRequest(request.method().name(), q < 0 ? uri : uri.substring(0, q),
        q < 0 ? null : uri.substring(q + 1), name -> request.headers().getAll(name), request.content().nioBuffer());
    try {
      Verified v = verifier.verify(signed);
      return new Admission(new SigV4(v.accessKeyId(), v.date(), v.region(), v.service()), null);
    } catch (AuthFailure f) {
      return new Admission(claimed, f);
    }
  }

  /**
   * Whether a request under a site's path may be the site's. Open: every one is. Strict: not an
   * API call, one with an {@code X-Amz-Target}, an {@code Authorization} header, a presigned query
   * string, or an {@code Action} in its query or form, which is verified as on any other path; a
   * browser sends none of these to the console.
   */
  boolean maySiteTake(FullHttpRequest request) {
    if (verifier == null) {
      return true;
    }
    if (request.headers().contains(AwsHeaders.TARGET) || request.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
      return false;
    }
    Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
    if (query.containsKey("Action") || query.containsKey("X-Amz-Signature") || query.containsKey("X-Amz-Credential")) {
      return false;
    }
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      String body = request.content().toString(StandardCharsets.UTF_8);
      return !new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters().containsKey("Action");
    }
    return true;
  }

  /**
   * The refusal of a verified signature whose scope names another service than the one the
   * request reached (null when it is the same, or authentication is open).
   */
  AuthFailure wrongService(SigV4 signature, String signingName) {
    if (verifier == null || signature == null || signature.service().equals(signingName)) {
      return null;
    }
    return new AuthFailure(AuthFailure.Kind.INVALID_SIGNATURE, "Credential should be scoped to correct service: '"
        + signingName + "'. ");
  }
}
