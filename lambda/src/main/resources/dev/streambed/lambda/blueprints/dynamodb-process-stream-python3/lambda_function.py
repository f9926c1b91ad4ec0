import json

print('Loading function')


def lambda_handler(event, context):
    # Each record is one change of one item: INSERT, MODIFY or REMOVE.
    for record in event['Records']:
        print(record['eventID'])
        print(record['eventName'])
        print("DynamoDB Record: " + json.dumps(record['dynamodb'], indent=2))
    return 'Successfully processed {} records.'.format(len(event['Records']))
