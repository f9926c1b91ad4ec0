package dev.streambed.bench.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's Java stream handler, deployed from this jar's own class file: it logs, for each
 * record, its key and the moment (System.nanoTime, the JVM's monotonic clock) the handler saw it,
 * or, for a function whose name ends in "-count", one line per batch with its size. (An in-process
 * handler sees the JVM's environment, not its function's, so the name is what tells them apart.)
 */
public final class MarkHandler implements RequestHandler<Map<String, Object>, Integer> {
  @Override
  @SuppressWarnings("unchecked")
  public Integer handleRequest(Map<String, Object> event, Context context) {
    long now = System.nanoTime();
    List<Map<String, Object>> records = (List<Map<String, Object>>) event.get("Records");
    if (context.getFunctionName().endsWith("-count")) {
      context.getLogger().log("BATCH " + records.size());
      return records.size();
    }
    for (Map<String, Object> r : records) {
      Map<String, Object> keys = (Map<String, Object>) ((Map<String, Object>) r.get("dynamodb")).get("Keys");
      Object pk = ((Map<String, Object>) keys.get("pk")).get("S");
      context.getLogger().log("SEEN " + pk + " " + now);
    }
    return records.size();
  }
}
