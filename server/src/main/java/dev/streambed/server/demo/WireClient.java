package dev.streambed.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's client: AWS's wire protocols spoken over plain HTTP, so the demo goes through the
 * same front door as the AWS CLI and the SDKs. Requests carry a signature header with a scope
 * (region and service) as an SDK's do; Streambed accepts any credentials by default.
 */
final class WireClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

  /** An AWS error answered to a call: its code and message, as the CLI prints them. */
  static final class AwsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;

    AwsError(String code, String message) {
      super(message);
      this.code = code;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final String region;

  WireClient(String endpoint, String region) {
    this.endpoint = URI.create(endpoint);
    this.region = region;
  }

  /** A call of a JSON protocol service (DynamoDB, CloudWatch Logs) by its target. */
  JsonNode json(String service, String target, String version, Object body) {
    return send(HttpRequest.newBuilder(endpoint)
        .header("X-Amz-Target", target)
        .header("Content-Type", "application/x-amz-json-" + version)
        .header("Authorization", authorization(service))
        .POST(HttpRequest.BodyPublishers.ofString(write(body))));
  }

  JsonNode dynamoDb(String operation, Object body) {
    return json("dynamodb", "DynamoDB_20120810." + operation, "1.0", body);
  }

  JsonNode logs(String operation, Object body) {
    return json("logs", "Logs_20140328." + operation, "1.1", body);
  }

  /** A call of Lambda's REST API: method, path under {@code /2015-03-31}, and an optional body. */
  JsonNode lambda(String method, String path, Object body) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(write(body));
    return send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31" + path))
        .header("Content-Type", "application/json")
        .header("Authorization", authorization("lambda"))
        .method(method, publisher));
  }

  /** An IAM call over AWS's Query protocol; answers the XML response. */
  String iam(String action, Map<String, String> parameters) {
    StringJoiner form = new StringJoiner("&");
    form.add("Action=" + action).add("Version=2010-05-08");
    parameters.forEach((k, v) -> form.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpResponse<String> r = exchange(HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .header("Authorization", authorization("iam"))
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    if (r.statusCode() / 100 != 2) {
      throw new AwsError(first(XML_CODE, r.body()), first(XML_MESSAGE, r.body()));
    }
    return r.body();
  }

  private static String first(Pattern p, String xml) {
    Matcher m = p.matcher(xml);
    return m.find() ? m.group(1) : "";
  }

  private String authorization(String service) {
    // Only the scope is read: which region and service the request is meant for.
    return "AWS4-HMAC-SHA256 Credential=demo/20260101/" + region + "/" + service
        + "/aws4_request, SignedHeaders=host, Signature=0";
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<String> r = exchange(request);
    JsonNode body = r.body().isEmpty() ? JSON.createObjectNode() : read(r.body());
    if (r.statusCode() / 100 != 2) {
      // Lambda names its error in a header; the JSON services in the body's __type.
      String type = r.headers().firstValue("x-amzn-ErrorType").orElse(body.path("__type").asText(""));
      type = type.substring(type.indexOf('#') + 1);
      int colon = type.indexOf(':');
      String message = body.has("message") ? body.get("message").asText() : body.path("Message").asText();
      throw new AwsError(colon < 0 ? type : type.substring(0, colon), message);
    }
    return body;
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + endpoint + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
