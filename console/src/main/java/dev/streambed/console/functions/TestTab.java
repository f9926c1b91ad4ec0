package dev.streambed.console.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.console.Services;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.lambda.FunctionConfig;
import dev.streambed.lambda.FunctionRef;
import dev.streambed.lambda.Invocations;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Testing a function: Invoke (RequestResponse, with the log tail) with an event the user wrote
 * or a sample, showing the result, whether the function failed, and what it logged.
 */
public final class TestTab {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Services services;
  private final Layout layout;
  private final FunctionPage functions;

  public TestTab(Services services, Layout layout, FunctionPage functions) {
    this.services = services;
    this.layout = layout;
    this.functions = functions;
  }

  public WebResponse form(Exchange x) {
    FunctionConfig f = functions.function(x);
    SampleEvents.Sample sample = SampleEvents.find(x.param("template"));
    return render(x, f, sample.name(), sample.json(), null, null);
  }

  public WebResponse invoke(Exchange x) {
    FunctionConfig f = functions.function(x);
    String event = x.param("event") == null ? "" : x.param("event");
    try {
      Invocations.Result result = services.invocations().invoke(new FunctionRef(x.account(), x.region(), f.name(), null),
          "RequestResponse", "Tail", event.getBytes(StandardCharsets.UTF_8), null);
      return render(x, f, x.param("template"), event, result, null);
    } catch (AwsException e) {
      return render(x, f, x.param("template"), event, null, e);
    }
  }

  private WebResponse render(Exchange x, FunctionConfig f, String template, String event, Invocations.Result result,
      AwsException error) {
    return layout.render(x, FunctionTabs.page(f.name()).error(error), h -> {
      FunctionTabs.render(h, f.name(), "test");
      if (result != null) {
        result(h, x, f, result);
      }
      h.tag("form", "method", "get", "action", Layout.url("functions", f.name(), "test"), "class", "row");
      Forms.select(h, "Event template", "template", SampleEvents.ALL.stream()
          .map(s -> new Forms.Option(s.name(), s.text())).toList(), template == null ? "hello-world" : template);
      h.tag("div", "class", "field").el("button", "Use template", "type", "submit").end();
      h.end();
      Forms.open(h, x, Layout.url("functions", f.name(), "test"), "class", "panel");
      h.tag("input", "type", "hidden", "name", "template", "value", template);
      Forms.textarea(h, "Event JSON", "event", event, 16, "class", "code");
      Forms.submit(h, "Test");
      h.end();
    });
  }

  private static void result(Html h, Exchange x, FunctionConfig f, Invocations.Result r) {
    boolean failed = r.functionError();
    h.tag("section", "class", failed ? "error" : "flash", "role", "status", "aria-labelledby", "result-heading");
    h.el("h2", failed ? "Execution result: failed" : "Execution result: succeeded", "id", "result-heading");
    h.end();
    h.el("h3", "Response");
    h.el("pre", pretty(new String(r.payload(), StandardCharsets.UTF_8)), "class", "code", "id", "test-response");
    h.el("h3", "Log output");
    String tail = r.logTail() == null ? "" : new String(Base64.getDecoder().decode(r.logTail()), StandardCharsets.UTF_8);
    h.el("pre", tail, "class", "code", "id", "test-log");
    h.tag("p").link(Layout.url("logs", "group") + "?name=" + Layout.encode(f.logGroup()), "Open the log group " + f.logGroup()).end();
  }

  private static String pretty(String payload) {
    try {
      return JSON.readTree(payload).toPrettyString();
    } catch (java.io.IOException notJson) {
      return payload;
    }
  }
}
