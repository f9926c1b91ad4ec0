package dev.streambed.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.embedded.DeployedFunction;
import dev.streambed.embedded.StartingPosition;
import dev.streambed.embedded.Streambed;
import dev.streambed.junit5.handlers.CountOrders;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.StsClient;

/** @WithStreambed as a user writes it: the instance and SDK clients as parameters. */
@WithStreambed(region = "eu-central-1", account = "111122223333")
class ParameterInjectionTest {
  private static Streambed fromBeforeAll;

  @BeforeAll
  static void setUp(Streambed streambed, DynamoDbClient ddb) {
    fromBeforeAll = streambed;
    ddb.createTable(b -> b.tableName("Orders").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH"))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE")));
  }

  @Test
  void theInstanceAndItsClientsAreInjected(Streambed streambed, DynamoDbClient ddb, TestInfo info) {
    assertThat(streambed).isSameAs(fromBeforeAll);
    assertThat(streambed.region()).isEqualTo("eu-central-1");
    assertThat(ddb).isSameAs(streambed.dynamoDb());
    assertThat(ddb.describeTable(b -> b.tableName("Orders")).table().tableArn())
        .isEqualTo("arn:aws:dynamodb:eu-central-1:111122223333:table/Orders");
    assertThat(info.getDisplayName()).startsWith("theInstanceAndItsClientsAreInjected");
  }

  @Test
  void everySyncClientSpeaksToIt(DynamoDbStreamsClient streams, LambdaClient lambda, IamClient iam, StsClient sts,
      CloudWatchLogsClient logs, SqsClient sqs) {
    assertThat(streams.listStreams().streams()).extracting(s -> s.tableName()).containsExactly("Orders");
    assertThat(lambda.listFunctions().functions()).isEmpty();
    assertThat(iam.listRoles().roles()).isEmpty();
    assertThat(sts.getCallerIdentity().account()).isEqualTo("111122223333");
    assertThat(logs.describeLogGroups().logGroups()).isEmpty();
    assertThat(sqs.createQueue(b -> b.queueName("jobs")).queueUrl()).endsWith("/111122223333/jobs");
  }

  @Test
  void everyAsyncClientSpeaksToIt(DynamoDbAsyncClient ddb, DynamoDbStreamsAsyncClient streams, LambdaAsyncClient lambda,
      IamAsyncClient iam, StsAsyncClient sts, CloudWatchLogsAsyncClient logs, SqsAsyncClient sqs) {
    assertThat(ddb.listTables().join().tableNames()).containsExactly("Orders");
    assertThat(streams.listStreams().join().streams()).hasSize(1);
    assertThat(lambda.listFunctions().join().functions()).isEmpty();
    assertThat(iam.listRoles().join().roles()).isEmpty();
    assertThat(sts.getCallerIdentity().join().account()).isEqualTo("111122223333");
    assertThat(logs.describeLogGroups().join().logGroups()).isEmpty();
    assertThat(sqs.listQueues().join().queueUrls()).isEmpty();
  }

  @Test
  void aHandlerAndItsTriggerInATest(Streambed streambed, DynamoDbClient ddb) {
    DeployedFunction fn = streambed.deploy(CountOrders.class).withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
    ddb.putItem(b -> b.tableName("Orders").item(Map.of("id", AttributeValue.fromS("o-1"))));
    ddb.putItem(b -> b.tableName("Orders").item(Map.of("id", AttributeValue.fromS("o-2"))));
    streambed.awaitQuiescent();
    assertThat(fn.output()).containsExactly("order o-1", "order o-2");
  }
}
