package dev.streambed.lambda.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.protocol.RestResponse;
import dev.streambed.kernel.protocol.RestRoute;
import dev.streambed.kernel.protocol.RestService;
import dev.streambed.lambda.Aliases;
import dev.streambed.lambda.Functions;
import dev.streambed.lambda.Invocations;
import dev.streambed.lambda.esm.EventSourceMappings;
import dev.streambed.lambda.LambdaError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Lambda over AWS's REST-JSON protocol: the one operation table, and Lambda's error shape. */
public final class LambdaApi {
  static final JsonFactory JSON = new JsonFactory();

  private LambdaApi() {}

  public static RestService service(Functions functions, Aliases aliases, EventSourceMappings mappings,
      Invocations invocations) {
    FunctionOperations f = new FunctionOperations(functions);
    InvokeOperation invoke = new InvokeOperation(invocations);
    MappingOperations m = new MappingOperations(mappings);
    VersionOperations v = new VersionOperations(functions, aliases, mappings);
    EventInvokeOperations e = new EventInvokeOperations(functions.eventInvokeConfigs());
    UnusedFeatures none = new UnusedFeatures(functions);
    PolicyOperations p = new PolicyOperations(functions.policies());
    return new RestService("lambda", List.of(
        new RestRoute("POST", "/2015-03-31/functions", f::create),
        new RestRoute("POST", "/2015-03-31/functions/", f::create),
        new RestRoute("GET", "/2015-03-31/functions/", f::list),
        new RestRoute("GET", "/2015-03-31/functions", f::list),
        new RestRoute("GET", "/2015-03-31/functions/{FunctionName}", f::get),
        new RestRoute("DELETE", "/2015-03-31/functions/{FunctionName}", f::delete),
        new RestRoute("GET", "/2015-03-31/functions/{FunctionName}/configuration", f::getConfiguration),
        new RestRoute("PUT", "/2015-03-31/functions/{FunctionName}/configuration", f::updateConfiguration),
        new RestRoute("PUT", "/2015-03-31/functions/{FunctionName}/code", f::updateCode),
        new RestRoute("GET", "/2016-08-19/account-settings/", f::accountSettings),
        new RestRoute("GET", "/2016-08-19/account-settings", f::accountSettings),
        RestRoute.waiting("POST", "/2015-03-31/functions/{FunctionName}/invocations", invoke::invoke),
        new RestRoute("POST", "/2015-03-31/functions/{FunctionName}/versions", v::publish),
        new RestRoute("GET", "/2015-03-31/functions/{FunctionName}/versions", v::listVersions),
        new RestRoute("POST", "/2015-03-31/functions/{FunctionName}/aliases", v::createAlias),
        new RestRoute("GET", "/2015-03-31/functions/{FunctionName}/aliases", v::listAliases),
        new RestRoute("GET", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", v::getAlias),
        new RestRoute("PUT", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", v::updateAlias),
        new RestRoute("DELETE", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", v::deleteAlias),
        new RestRoute("PUT", "/2017-10-31/functions/{FunctionName}/concurrency", v::putConcurrency),
        new RestRoute("GET", "/2019-09-30/functions/{FunctionName}/concurrency", v::getConcurrency),
        new RestRoute("DELETE", "/2017-10-31/functions/{FunctionName}/concurrency", v::deleteConcurrency),
        new RestRoute("PUT", "/2019-09-25/functions/{FunctionName}/event-invoke-config", e::put),
        new RestRoute("POST", "/2019-09-25/functions/{FunctionName}/event-invoke-config", e::update),
        new RestRoute("GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config", e::get),
        new RestRoute("DELETE", "/2019-09-25/functions/{FunctionName}/event-invoke-config", e::delete),
        new RestRoute("GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config/list", e::list),
        new RestRoute("POST", "/2015-03-31/functions/{FunctionName}/policy", p::add),
        new RestRoute("GET", "/2015-03-31/functions/{FunctionName}/policy", p::get),
        new RestRoute("DELETE", "/2015-03-31/functions/{FunctionName}/policy/{StatementId}", p::remove),
        new RestRoute("GET", "/2021-10-31/functions/{FunctionName}/url", none::getUrlConfig),
        new RestRoute("PUT", "/2024-08-31/functions/{FunctionName}/recursion-config", none::putRecursionConfig),
        new RestRoute("GET", "/2024-08-31/functions/{FunctionName}/recursion-config", none::getRecursionConfig),
        new RestRoute("GET", "/2020-06-30/functions/{FunctionName}/code-signing-config", none::getCodeSigningConfig),
        new RestRoute("POST", "/2017-03-31/tags/{ARN}", v::tag),
        new RestRoute("GET", "/2017-03-31/tags/{ARN}", v::listTags),
        new RestRoute("DELETE", "/2017-03-31/tags/{ARN}", v::untag),
        new RestRoute("POST", "/2015-03-31/event-source-mappings/", m::create),
        new RestRoute("POST", "/2015-03-31/event-source-mappings", m::create),
        new RestRoute("GET", "/2015-03-31/event-source-mappings/", m::list),
        new RestRoute("GET", "/2015-03-31/event-source-mappings", m::list),
        new RestRoute("GET", "/2015-03-31/event-source-mappings/{UUID}", m::get),
        new RestRoute("PUT", "/2015-03-31/event-source-mappings/{UUID}", m::update),
        new RestRoute("DELETE", "/2015-03-31/event-source-mappings/{UUID}", m::delete),
        new RestRoute("GET", "/_streambed/lambda/code/{CodeSha256}", f::download)),
        LambdaApi::error);
  }

  /**
   * Lambda's errors: the code in {@code x-amzn-ErrorType}, and a body with {@code Type} User and
   * the message. Not-found errors carry it as {@code Message}, others as {@code message}, and the
   * framework's validation errors carry only {@code message}; so AWS's recordings show them.
   */
  static RestResponse error(AwsException e) {
    String code = e.errorCode().code();
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      if (e.errorCode() == LambdaError.ACCESS_DENIED) {
        g.writeNullField("Message");
      } else {
        if (e.errorCode() != CommonError.VALIDATION && e.errorCode() != LambdaError.INVALID_PARAMETER_VALUE_UNTYPED) {
          g.writeStringField("Type", e.errorCode().status() >= 500 ? "Service" : "User");
        }
        String member = e.errorCode() == LambdaError.RESOURCE_NOT_FOUND ? "Message" : "message";
        g.writeStringField(member, e.getMessage() == null ? "" : e.getMessage());
      }
      for (Map.Entry<String, Object> extra : e.extras().entrySet()) {
        g.writeStringField(extra.getKey(), String.valueOf(extra.getValue()));
      }
      g.writeEndObject();
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    int status = e.errorCode() == CommonError.UNKNOWN_OPERATION ? 404 : e.errorCode().status();
    return RestResponse.json(status, out.toByteArray()).withHeaders(Map.of("x-amzn-ErrorType", code));
  }
}
