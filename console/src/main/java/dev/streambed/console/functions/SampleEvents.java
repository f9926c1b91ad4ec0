package dev.streambed.console.functions;

import java.util.List;

/** Test events to start from, as the Lambda console offers them. */
final class SampleEvents {
  record Sample(String name, String text, String json) {}

  static final List<Sample> ALL = List.of(
      new Sample("hello-world", "Hello world", "{\n  \"key1\": \"value1\",\n  \"key2\": \"value2\",\n  \"key3\": \"value3\"\n}"),
      new Sample("dynamodb-update", "DynamoDB Streams: insert, modify and remove", """
          {
            "Records": [
              {
                "eventID": "c4ca4238a0b923820dcc509a6f75849b",
                "eventName": "INSERT",
                "eventVersion": "1.1",
                "eventSource": "aws:dynamodb",
                "awsRegion": "us-east-1",
                "dynamodb": {
                  "Keys": {"Id": {"N": "101"}},
                  "NewImage": {"Message": {"S": "New item!"}, "Id": {"N": "101"}},
                  "ApproximateCreationDateTime": 1428537600,
                  "SequenceNumber": "4421584500000000017450439091",
                  "SizeBytes": 26,
                  "StreamViewType": "NEW_AND_OLD_IMAGES"
                },
                "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899"
              },
              {
                "eventID": "c81e728d9d4c2f636f067f89cc14862c",
                "eventName": "MODIFY",
                "eventVersion": "1.1",
                "eventSource": "aws:dynamodb",
                "awsRegion": "us-east-1",
                "dynamodb": {
                  "Keys": {"Id": {"N": "101"}},
                  "NewImage": {"Message": {"S": "This item has changed"}, "Id": {"N": "101"}},
                  "OldImage": {"Message": {"S": "New item!"}, "Id": {"N": "101"}},
                  "ApproximateCreationDateTime": 1428537600,
                  "SequenceNumber": "4421584500000000017450439092",
                  "SizeBytes": 59,
                  "StreamViewType": "NEW_AND_OLD_IMAGES"
                },
                "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899"
              },
              {
                "eventID": "eccbc87e4b5ce2fe28308fd9f2a7baf3",
                "eventName": "REMOVE",
                "eventVersion": "1.1",
                "eventSource": "aws:dynamodb",
                "awsRegion": "us-east-1",
                "dynamodb": {
                  "Keys": {"Id": {"N": "101"}},
                  "OldImage": {"Message": {"S": "This item has changed"}, "Id": {"N": "101"}},
                  "ApproximateCreationDateTime": 1428537600,
                  "SequenceNumber": "4421584500000000017450439093",
                  "SizeBytes": 38,
                  "StreamViewType": "NEW_AND_OLD_IMAGES"
                },
                "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899"
              }
            ]
          }
          """));

  private SampleEvents() {}

  static Sample find(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElse(ALL.get(0));
  }
}
