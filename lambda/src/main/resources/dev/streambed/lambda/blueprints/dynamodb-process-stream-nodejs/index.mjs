console.log('Loading function');

export const handler = async (event) => {
  // Each record is one change of one item: INSERT, MODIFY or REMOVE.
  for (const record of event.Records) {
    console.log(record.eventID);
    console.log(record.eventName);
    console.log('DynamoDB Record: %j', record.dynamodb);
  }
  return `Successfully processed ${event.Records.length} records.`;
};
