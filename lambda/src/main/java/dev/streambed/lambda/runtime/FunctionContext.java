package dev.streambed.lambda.runtime;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code Context} an in-process Java handler gets, with the values AWS's runtime gives. */
final class FunctionContext implements Context {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RuntimeSpec spec;
  private final String logStream;
  private final Invocation invocation;
  private final String traceId;
  private final LambdaLogger logger;
  private final ClientContext clientContext;

  FunctionContext(RuntimeSpec spec, String logStream, Invocation invocation, String traceId, LambdaLogger logger) {
    this.spec = spec;
    this.logStream = logStream;
    this.invocation = invocation;
    this.traceId = traceId;
    this.logger = logger;
    this.clientContext = clientContext(invocation.clientContext);
  }

  @Override
  public String getAwsRequestId() {
    return invocation.requestId;
  }

  @Override
  public String getLogGroupName() {
    return spec.logGroup();
  }

  @Override
  public String getLogStreamName() {
    return logStream;
  }

  @Override
  public String getFunctionName() {
    return spec.functionName();
  }

  @Override
  public String getFunctionVersion() {
    return spec.version();
  }

  @Override
  public String getInvokedFunctionArn() {
    return invocation.functionArn;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return clientContext;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, invocation.deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return spec.memoryMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  @Override
  public String getXrayTraceId() {
    return traceId;
  }

  /** X-Amz-Client-Context: base64 of {@code {"client": {...}, "custom": {...}, "env": {...}}}. */
  private static ClientContext clientContext(String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(Base64.getDecoder().decode(header));
    } catch (IllegalArgumentException | java.io.IOException e) {
      return null;
    }
    JsonNode c = root.path("client");
    Client client = new Client() {
      @Override
      public String getInstallationId() {
        return c.path("installation_id").asText(null);
      }

      @Override
      public String getAppTitle() {
        return c.path("app_title").asText(null);
      }

      @Override
      public String getAppVersionName() {
        return c.path("app_version_name").asText(null);
      }

      @Override
      public String getAppVersionCode() {
        return c.path("app_version_code").asText(null);
      }

      @Override
      public String getAppPackageName() {
        return c.path("app_package_name").asText(null);
      }
    };
    Map<String, String> custom = strings(root.path("custom"));
    Map<String, String> env = strings(root.path("env"));
    return new ClientContext() {
      @Override
      public Client getClient() {
        return client;
      }

      @Override
      public Map<String, String> getCustom() {
        return custom;
      }

      @Override
      public Map<String, String> getEnvironment() {
        return env;
      }
    };
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> m = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
