package dev.streambed.console;

import dev.streambed.dynamodb.DynamoDb;
import dev.streambed.iam.Iam;
import dev.streambed.lambda.Functions;
import dev.streambed.lambda.Invocations;
import dev.streambed.lambda.esm.EventSourceMappings;
import dev.streambed.logs.Logs;
import java.util.function.Supplier;

/**
 * The services the console's pages call: the same objects the HTTP API calls, so the same
 * validation and errors apply. The console works in one account and region, Streambed's
 * defaults, and shows the endpoint clients are pointed at.
 */
public record Services(DynamoDb dynamoDb, Iam iam, Logs logs, Functions functions, Invocations invocations,
    EventSourceMappings mappings, String account, String region, Supplier<String> endpoint) {}
