package dev.streambed.iam.api;

import dev.streambed.iam.Iam;
import dev.streambed.sts.Sts;
import dev.streambed.kernel.protocol.QueryOperation;
import dev.streambed.kernel.protocol.QueryService;
import java.util.LinkedHashMap;
import java.util.Map;

/** IAM's operation table on AWS's Query protocol, API version 2010-05-08. */
public final class IamApi {
  public static final String VERSION = "2010-05-08";
  public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

  private IamApi() {}

  /** IAM's operations; {@code sts} tells who signed, for the calls that default to the caller. */
  public static QueryService service(Iam iam, Sts sts) {
    Map<String, QueryOperation> ops = new LinkedHashMap<>();
    RoleOperations.register(iam, ops);
    PolicyOperations.register(iam, ops);
    UserOperations.register(iam, sts, ops);
    return new QueryService("iam", VERSION, NAMESPACE, Map.copyOf(ops));
  }
}
