package dev.streambed.console.home;

import dev.streambed.console.Services;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.kernel.protocol.WebResponse;

/** Where Streambed is and how to point the AWS CLI and SDKs at it. */
public final class HomePage {
  private final Services services;
  private final Layout layout;

  public HomePage(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  public WebResponse show(Exchange x) {
    String endpoint = services.endpoint().get();
    return layout.render(x, new Layout.Page("Home"), h -> {
      h.el("p", "DynamoDB, DynamoDB Streams, Lambda, IAM, STS, CloudWatch Logs and SQS on one local endpoint.");
      h.tag("dl", "class", "facts");
      fact(h, "Endpoint", endpoint);
      fact(h, "Region", x.region());
      fact(h, "Account", x.account());
      if (x.who() != null) {
        fact(h, "Signed in as", x.who());
      }
      h.end();
      if (x.who() != null) {
        Forms.button(h, x, Layout.ROOT + "/logout", "Sign out");
      }
      h.el("h2", "Point the AWS CLI at it");
      h.el("p", x.who() != null
          ? "Every request must be signed with an access key this Streambed knows (the root key pair it was started "
              + "with, or an IAM user's); the region is taken from each request's signature."
          : "Any access key and secret are accepted; the region is taken from each request's signature.");
      String keys = x.who() != null ? "AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=..." : "AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test";
      h.el("pre", "export " + keys + " AWS_DEFAULT_REGION=" + x.region() + "\n"
          + "aws dynamodb list-tables --endpoint-url " + endpoint + "\n"
          + "aws lambda list-functions --endpoint-url " + endpoint, "class", "code", "id", "cli");
      h.el("p", "Or, with the AWS CLI v2 and the SDKs, once for every command:");
      h.el("pre", "export AWS_ENDPOINT_URL=" + endpoint, "class", "code");
      h.el("h2", "Services");
      h.tag("ul", "class", "cards");
      card(h, "/tables", "DynamoDB tables", "Tables, items, indexes, streams and their triggers.");
      card(h, "/functions", "Lambda functions", "Create from a blueprint, edit code, test, add triggers.");
      card(h, "/roles", "IAM roles", "Execution roles and the policies attached to them.");
      card(h, "/logs", "CloudWatch Logs", "Log groups, streams, events, and a live tail.");
      h.end();
    });
  }

  private static void fact(Html h, String name, String value) {
    h.el("dt", name).tag("dd").el("code", value).end();
  }

  private static void card(Html h, String path, String title, String text) {
    h.tag("li").link(Layout.ROOT + path, title).el("p", text).end();
  }
}
