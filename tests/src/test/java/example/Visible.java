package example;

import java.util.LinkedHashMap;
import java.util.Map;

/** Tells which of the named classes the function can load: its own libraries, not Streambed's. */
public class Visible {
  public Map<String, Boolean> check(String[] classNames) {
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (String name : classNames) {
      try {
        Class.forName(name, false, Visible.class.getClassLoader());
        seen.put(name, true);
      } catch (ClassNotFoundException e) {
        seen.put(name, false);
      }
    }
    return seen;
  }
}
