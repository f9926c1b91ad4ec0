package dev.streambed.tests.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.tests.Streambed;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What keeps other sites out of the console, seen from HTTP: a form is taken only with the
 * session's token and from the console's own origin, only requests addressed to this machine are
 * answered, pages are neither framed nor cached, and stored data is shown as text, never markup.
 */
class ConsoleSecurityTest {
  private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static Streambed streambed;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private static URI uri(String path) {
    return URI.create(streambed.endpoint() + path);
  }

  private static HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).GET();
    if (cookie != null) {
      r.header("Cookie", cookie);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String cookie, String origin, String form)
      throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(form))
        .header("Content-Type", "application/x-www-form-urlencoded");
    if (cookie != null) {
      r.header("Cookie", cookie);
    }
    if (origin != null) {
      r.header("Origin", origin);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A visitor: the session cookie a first page sets, and the token of its forms. */
  private record Visitor(String cookie, String token) {}

  private static Visitor visit() throws IOException, InterruptedException {
    HttpResponse<String> page = get("/console/tables/create", null);
    String setCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    Matcher m = TOKEN.matcher(page.body());
    assertThat(m.find()).isTrue();
    return new Visitor(setCookie.substring(0, setCookie.indexOf(';')), m.group(1));
  }

  private static String createTable(String name, String token) {
    return "_csrf=" + token + "&name=" + name + "&hash=id&hashType=S&billing=PAY_PER_REQUEST";
  }

  private static boolean tableExists(String name) {
    return streambed.dynamoDb().listTables().tableNames().contains(name);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteAndPagesAreNeitherFramedNorCached() throws Exception {
    HttpResponse<String> page = get("/console/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly").contains("SameSite=Strict")
        .contains("Path=/console");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'")
        .contains("default-src 'self'");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void aFormWithoutTheSessionsTokenChangesNothing() throws Exception {
    Visitor v = visit();
    assertThat(post("/console/tables/create", null, null, createTable("NoCookie", v.token())).statusCode()).isEqualTo(403);
    assertThat(post("/console/tables/create", v.cookie(), null, createTable("NoToken", "")).statusCode()).isEqualTo(403);
    Visitor other = visit();
    assertThat(post("/console/tables/create", v.cookie(), null, createTable("OthersToken", other.token())).statusCode())
        .isEqualTo(403);
    assertThat(tableExists("NoCookie") || tableExists("NoToken") || tableExists("OthersToken")).isFalse();

    HttpResponse<String> done = post("/console/tables/create", v.cookie(), streambed.endpoint().toString(),
        createTable("WithToken", v.token()));
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location")).contains("/console/tables/WithToken");
    assertThat(tableExists("WithToken")).isTrue();
  }

  @Test
  void aFormSentFromAnotherSiteIsRefused() throws Exception {
    Visitor v = visit();
    HttpResponse<String> refused = post("/console/tables/create", v.cookie(), "http://evil.example",
        createTable("FromElsewhere", v.token()));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("The form was sent from another site.");
    HttpRequest crossSite = HttpRequest.newBuilder(uri("/console/tables/create"))
        .POST(HttpRequest.BodyPublishers.ofString(createTable("CrossSite", v.token())))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", v.cookie())
        .header("Sec-Fetch-Site", "cross-site").build();
    assertThat(http.send(crossSite, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    assertThat(tableExists("FromElsewhere") || tableExists("CrossSite")).isFalse();
  }

  /**
   * A page of another site (another origin on this machine) with a form that posts to the
   * console, in the visitor's own browser: refused, even with the token of the visitor's form.
   */
  @Test
  void aFormOfAnotherSitesPageInTheBrowserIsRefused() throws Exception {
    try (Browser b = new Browser(streambed.endpoint().toString())) {
      b.open("/console/tables/create");
      String token = b.driver().findElement(By.name("_csrf")).getAttribute("value");
      String page = "<!doctype html><title>Another site</title><form method=post action=\"" + streambed.endpoint()
          + "/console/tables/create\"><input type=hidden name=_csrf value=\"" + token + "\">"
          + "<input type=hidden name=name value=Forged><input type=hidden name=hash value=id>"
          + "<input type=hidden name=hashType value=S><input type=hidden name=billing value=PAY_PER_REQUEST>"
          + "<button>Win a prize</button></form>";
      HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      other.createContext("/", e -> {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        e.sendResponseHeaders(200, body.length);
        e.getResponseBody().write(body);
        e.close();
      });
      other.start();
      try {
        b.driver().get("http://localhost:" + other.getAddress().getPort() + "/");
        b.press("Win a prize");
        b.waitForText("The form was sent from another site.");
        assertThat(b.title()).isEqualTo("Request refused");
      } finally {
        other.stop(0);
      }
    }
    assertThat(tableExists("Forged")).isFalse();
  }

  @Test
  void onlyRequestsAddressedToThisMachineAreAnswered() throws Exception {
    assertThat(statusWithHost("evil.example")).startsWith("HTTP/1.1 403");
    assertThat(statusWithHost("127.0.0.1:" + streambed.port())).startsWith("HTTP/1.1 200");
    assertThat(statusWithHost("localhost:" + streambed.port())).startsWith("HTTP/1.1 200");
  }

  private static String statusWithHost(String host) throws IOException {
    try (Socket s = new Socket("127.0.0.1", streambed.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /console/ HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return head;
    }
  }

  @Test
  void storedTextIsShownAsTextNeverAsMarkup() throws Exception {
    streambed.dynamoDb().createTable(r -> r.tableName("Notes").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    streambed.dynamoDb().putItem(r -> r.tableName("Notes").item(Map.of("id", AttributeValue.fromS("1"),
        "body", AttributeValue.fromS("<script>alert('x')</script>\" onmouseover=\"x"))));
    String page = get("/console/tables/Notes/items", null).body();
    assertThat(page).contains("&lt;script&gt;alert('x')&lt;/script&gt;").doesNotContain("<script>alert");
  }

  @Test
  void theApiOnTheSamePortIsUntouched() throws Exception {
    HttpResponse<String> health = get("/", null);
    assertThat(health.body()).isEqualTo("healthy: streambed");
    assertThat(get("/console", null).headers().firstValue("Location")).contains("/console/");
    assertThat(get("/console/no-such-page", null).statusCode()).isEqualTo(404);
  }
}
