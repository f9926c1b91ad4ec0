package dev.streambed.dynamodb.item;

/** The ReturnValues parameter of the write operations. */
public enum ReturnValue { NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW }
