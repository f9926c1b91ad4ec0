package dev.streambed.embedded.handlers;

import java.util.Map;

/** A handler named by method ({@code Greeter::greet}), taking a plain object. */
public class Greeter {
  public String greet(Map<String, Object> event) {
    return "Hello, " + event.get("name");
  }
}
