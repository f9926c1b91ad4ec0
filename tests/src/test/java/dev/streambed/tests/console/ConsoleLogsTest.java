package dev.streambed.tests.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.tests.Streambed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/**
 * CloudWatch Logs in the console: groups, a group's streams by their last event, a stream's
 * events, the filter box with the filter pattern language, and the live tail, which shows
 * events written through the API as they arrive.
 */
class ConsoleLogsTest {
  private static Streambed streambed;
  private static Browser browser;
  private static CloudWatchLogsClient logs;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    browser = new Browser(streambed.endpoint().toString());
    logs = streambed.logs();
  }

  @AfterAll
  static void stop() {
    browser.close();
    streambed.close();
  }

  private static void put(String group, String stream, long time, String... messages) {
    java.util.List<InputLogEvent> events = new java.util.ArrayList<>();
    for (String m : messages) {
      events.add(InputLogEvent.builder().timestamp(time).message(m).build());
    }
    logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(events));
  }

  @Test
  void groupsStreamsByLastEventEventsAndFilters() {
    long now = System.currentTimeMillis();
    logs.createLogGroup(r -> r.logGroupName("/app/orders"));
    logs.createLogStream(r -> r.logGroupName("/app/orders").logStreamName("older"));
    logs.createLogStream(r -> r.logGroupName("/app/orders").logStreamName("newer"));
    put("/app/orders", "older", now - 60_000, "ERROR first order failed", "INFO second order");
    put("/app/orders", "newer", now - 1_000, "INFO third order");
    Browser b = browser;
    b.open("/console/");
    b.click("Logs");
    b.click("/app/orders");
    String streams = b.text(By.cssSelector("table.streams"));
    assertThat(streams.indexOf("newer")).isLessThan(streams.indexOf("older"));
    b.screenshot("console-log-group");

    b.type("Search all log streams", "ERROR");
    b.press("Filter");
    b.waitForText("Events matching the filter (1)");
    assertThat(b.text(By.cssSelector("[data-live=streams] ol.events"))).contains("ERROR first order failed")
        .doesNotContain("third");
    b.type("Search all log streams", "{ $.level = ");
    b.press("Filter");
    b.waitForText("InvalidParameterException: If a filter pattern starts with '{' it must end with '}'");

    b.click("older");
    b.waitForText("Log events (2)");
    b.type("Filter events", "second");
    b.press("Filter");
    b.waitForText("Log events (1)");
    assertThat(b.text(By.cssSelector("[data-live=events]"))).contains("INFO second order").doesNotContain("ERROR");
  }

  @Test
  void aStreamsEventsFollowNewEventsWithoutReload() {
    logs.createLogGroup(r -> r.logGroupName("/app/follow"));
    logs.createLogStream(r -> r.logGroupName("/app/follow").logStreamName("s"));
    put("/app/follow", "s", System.currentTimeMillis(), "one");
    browser.open("/console/logs/stream?group=%2Fapp%2Ffollow&name=s");
    browser.waitForText("Log events (1)");
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    js.executeScript("window.stillTheSamePage = true;");
    put("/app/follow", "s", System.currentTimeMillis(), "two");
    browser.waitForText("Log events (2)");
    assertThat(js.executeScript("return window.stillTheSamePage === true;")).isEqualTo(true);
  }

  @Test
  void theLiveTailShowsEachNewEventThatPassesItsFilter() {
    logs.createLogGroup(r -> r.logGroupName("/app/tail"));
    logs.createLogStream(r -> r.logGroupName("/app/tail").logStreamName("s"));
    put("/app/tail", "s", System.currentTimeMillis(), "before the tail");
    Browser b = browser;
    b.open("/console/logs/group?name=%2Fapp%2Ftail");
    b.click("Start live tail");
    b.waitFor(d -> d.findElement(By.id("tail-status")).getText().equals("Live: waiting for new events.") ? true : null);
    put("/app/tail", "s", System.currentTimeMillis(), "INSERT john 3");
    b.waitForText("INSERT john 3");
    assertThat(b.text(By.id("tail"))).doesNotContain("before the tail");
    b.screenshot("console-live-tail");

    b.type("Filter pattern", "REMOVE");
    b.press("Apply");
    // The new tail's page, not the one before it, must be the one waiting.
    b.waitFor(d -> d.getCurrentUrl().contains("filter=REMOVE") ? true : null);
    b.waitFor(d -> d.findElement(By.id("tail-status")).getText().equals("Live: waiting for new events.") ? true : null);
    put("/app/tail", "s", System.currentTimeMillis(), "MODIFY john 2", "REMOVE alice 2");
    b.waitForText("REMOVE alice 2");
    assertThat(b.text(By.id("tail"))).doesNotContain("MODIFY");
    assertThat(b.text(By.id("tail-status"))).isEqualTo("Live: 1 event.");
  }
}
