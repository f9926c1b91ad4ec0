package dev.streambed.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests signed with the AWS SDK's own SigV4 signer and sent as they are (or altered after
 * signing), for what an SDK client does not let a test do: presigned URLs, tampered bodies,
 * scopes for another service, and signing times of the test's choosing.
 */
final class Signing {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Headers java.net.http sets itself. */
  private static final Set<String> RESTRICTED = Set.of("host", "content-length");

  private Signing() {}

  /** A POST with its headers signed by {@code key} for {@code service}, as of {@code clock}. */
  static SdkHttpRequest post(URI endpoint, Map<String, String> headers, String body, String service,
      String accessKey, String secret, Clock clock) {
    return postTo(endpoint.resolve("/"), headers, body, service, accessKey, secret, clock);
  }

  /** A POST to {@code uri} (any path) with its headers signed by {@code key} for {@code service}. */
  static SdkHttpRequest postTo(URI uri, Map<String, String> headers, String body, String service,
      String accessKey, String secret, Clock clock) {
    SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
    headers.forEach(b::putHeader);
    return AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(accessKey, secret))
        .request(b.build()).payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
  }

  /** A presigned GET of {@code pathAndQuery}, valid for {@code expires}. */
  static URI presign(URI endpoint, String pathAndQuery, String service, String accessKey, String secret,
      String sessionToken, Clock clock, Duration expires) {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
        .uri(endpoint.resolve(pathAndQuery)).build();
    AwsCredentialsIdentity identity = sessionToken == null ? AwsCredentialsIdentity.create(accessKey, secret)
        : software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(accessKey, secret, sessionToken);
    return AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
        .payload(null)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request().getUri();
  }

  /** Sends a signed request with {@code body} (which may differ from what was signed). */
  static HttpResponse<String> send(SdkHttpRequest signed, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(signed.getUri())
        .method(signed.method().name(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
      if (!RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
        for (String v : h.getValue()) {
          b.header(h.getKey(), v);
        }
      }
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An unsigned request, or one with a hand-written Authorization header. */
  static HttpResponse<String> raw(URI uri, String method, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
