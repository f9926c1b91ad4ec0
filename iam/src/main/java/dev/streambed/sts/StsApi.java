package dev.streambed.sts;

import dev.streambed.kernel.protocol.QueryOperation;
import dev.streambed.kernel.protocol.QueryService;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.protocol.XmlWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** STS's operation table on AWS's Query protocol, API version 2011-06-15. */
public final class StsApi {
  public static final String VERSION = "2011-06-15";
  public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private StsApi() {}

  public static QueryService service(Sts sts) {
    Map<String, QueryOperation> ops = new LinkedHashMap<>();
    ops.put("GetCallerIdentity", (in, ctx, out) -> {
      Identity id = caller(sts, ctx);
      out.element("Arn", id.arn()).element("UserId", id.userId()).element("Account", id.accountId());
    });
    ops.put("AssumeRole", (in, ctx, out) -> {
      Credentials c = sts.assumeRole(caller(sts, ctx), in.required("RoleArn"),
          in.required("RoleSessionName"), in.integer("DurationSeconds"));
      credentials(out, c);
      out.start("AssumedRoleUser")
          .element("AssumedRoleId", c.userId())
          .element("Arn", c.arn())
          .end();
    });
    ops.put("GetSessionToken", (in, ctx, out) ->
        credentials(out, sts.sessionToken(caller(sts, ctx), ctx.accessKeyId(), in.integer("DurationSeconds"))));
    return new QueryService("sts", VERSION, NAMESPACE, Map.copyOf(ops));
  }

  private static Identity caller(Sts sts, RequestContext ctx) {
    return sts.identityOf(ctx.accessKeyId(), ctx.accountId());
  }

  private static void credentials(XmlWriter out, Credentials c) {
    out.start("Credentials")
        .element("AccessKeyId", c.accessKeyId())
        .element("SecretAccessKey", c.secretAccessKey())
        .element("SessionToken", c.sessionToken())
        .element("Expiration", Instant.ofEpochMilli(c.expiration()).toString())
        .end();
  }
}
