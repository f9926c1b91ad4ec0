package dev.streambed.console;

import dev.streambed.console.web.Changes;
import dev.streambed.dynamodb.table.Table;

/**
 * The names of what pages listen to, and the services' listeners that publish them: item writes
 * (after they committed), table changes, triggers' changes and results, and log events.
 */
public final class Topics {
  public static final String TABLES = "tables";
  public static final String TRIGGERS = "triggers";
  public static final String LOGS = "logs";

  private Topics() {}

  public static String table(String name) {
    return "table:" + name;
  }

  public static String items(String table) {
    return "items:" + table;
  }

  public static String logGroup(String group) {
    return "log:" + group;
  }

  static void feed(Services s, Changes changes) {
    s.dynamoDb().writePath().onCommitted(change -> {
      Table t = change.table();
      if (t.account().equals(s.account()) && t.region().equals(s.region())) {
        changes.publish(items(t.name()));
      }
    });
    s.dynamoDb().tables().catalog().onChange(ref -> {
      if (ref.account().equals(s.account()) && ref.region().equals(s.region())) {
        changes.publish(TABLES);
        changes.publish(table(ref.name()));
      }
    });
    s.mappings().onChange(uuid -> changes.publish(TRIGGERS));
    s.mappings().onResult(uuid -> changes.publish(TRIGGERS));
    s.logs().watch().subscribeAll((group, events) -> {
      if (group.accountId().equals(s.account()) && group.region().equals(s.region())) {
        changes.publish(LOGS);
        changes.publish(logGroup(group.name()));
      }
    });
  }
}
