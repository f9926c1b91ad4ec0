package dev.streambed.server.http;

import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.kernel.protocol.QueryService;
import dev.streambed.kernel.protocol.RestService;
import dev.streambed.kernel.protocol.WebSite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services behind the front door, by protocol, and the web sites served beside them. The
 * door holds one set at a time and swaps it whole, so every request is routed within one set of
 * services.
 *
 * @param json the AWS JSON services by their X-Amz-Target prefix
 * @param fallback the service whose error shape answers requests that name no service
 * @param query the Query-protocol services
 * @param rest the REST-JSON services
 * @param sites the web sites (the console), each under its own path
 */
record Routes(Map<String, JsonService> json, JsonService fallback, List<QueryService> query,
    List<RestService> rest, List<WebSite> sites) {

  static Routes of(List<JsonService> json, List<QueryService> query, List<RestService> rest,
      List<WebSite> sites) {
    Map<String, JsonService> byPrefix = new LinkedHashMap<>();
    for (JsonService s : json) {
      byPrefix.put(s.targetPrefix(), s);
    }
    return new Routes(Map.copyOf(byPrefix), json.get(0), List.copyOf(query), List.copyOf(rest),
        List.copyOf(sites));
  }
}
