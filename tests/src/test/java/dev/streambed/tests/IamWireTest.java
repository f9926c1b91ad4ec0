package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Query protocol on the wire: envelopes, namespaces, errors, routing without a signature. */
class IamWireTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String IAM_SCOPE =
      "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0";
  private static Streambed streambed;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private static HttpResponse<String> post(String form, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(streambed.endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersInAwsEnvelope() throws Exception {
    HttpResponse<String> r = post("Action=ListRoles&Version=2010-05-08", IAM_SCOPE);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml");
    String requestId = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertThat(requestId).matches("[0-9a-f-]{36}");
    assertThat(r.body()).isEqualTo("<ListRolesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
        + "<ListRolesResult><Roles></Roles><IsTruncated>false</IsTruncated></ListRolesResult>"
        + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></ListRolesResponse>");
  }

  @Test
  void errorsInAwsEnvelope() throws Exception {
    HttpResponse<String> r = post("Action=GetRole&Version=2010-05-08&RoleName=a%26b", IAM_SCOPE);
    assertThat(r.statusCode()).isEqualTo(404);
    String requestId = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertThat(r.body()).isEqualTo("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
        + "<Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
        + "<Message>The role with name a&amp;b cannot be found.</Message></Error>"
        + "<RequestId>" + requestId + "</RequestId></ErrorResponse>");

    HttpResponse<String> missing = post("Action=GetRole&Version=2010-05-08", IAM_SCOPE);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("<Code>ValidationError</Code>",
        "Value null at 'roleName' failed to satisfy constraint: Member must not be null");

    HttpResponse<String> unknown = post("Action=Frobnicate&Version=2010-05-08", IAM_SCOPE);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("<Code>InvalidAction</Code>",
        "Could not find operation Frobnicate for version 2010-05-08");

    HttpResponse<String> wrongVersion = post("Action=ListRoles&Version=2011-06-15", IAM_SCOPE);
    assertThat(wrongVersion.statusCode()).isEqualTo(400);
    assertThat(wrongVersion.body()).contains("<Code>InvalidAction</Code>",
        "Could not find operation ListRoles for version 2011-06-15");

    HttpResponse<String> badEscape = post("Action=GetRole&Version=2010-05-08&RoleName=%zz", IAM_SCOPE);
    assertThat(badEscape.statusCode()).isEqualTo(400);
    assertThat(badEscape.body()).contains("<Code>MalformedQueryString</Code>");
    // The server keeps serving on the same port.
    assertThat(post("Action=ListRoles&Version=2010-05-08", IAM_SCOPE).statusCode()).isEqualTo(200);
  }

  @Test
  void routesUnsignedRequestsByAction() throws Exception {
    HttpResponse<String> r = post("Action=GetCallerIdentity&Version=2011-06-15", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
        .contains("<Arn>arn:aws:iam::000000000000:root</Arn>", "<Account>000000000000</Account>");

    HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(
        URI.create(streambed.endpoint() + "/?Action=GetCallerIdentity&Version=2011-06-15")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).contains("<GetCallerIdentityResult>");
  }
}
