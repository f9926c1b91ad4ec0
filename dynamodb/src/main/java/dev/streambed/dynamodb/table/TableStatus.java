package dev.streambed.dynamodb.table;

/** TableStatus as DynamoDB reports it. */
public enum TableStatus { CREATING, UPDATING, DELETING, ACTIVE }
