package dev.streambed.dynamodb.table;

/** Where a table name lives: tables are scoped by account and region, as on AWS. */
public record TableRef(String account, String region, String name) {}
