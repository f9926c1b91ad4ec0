package dev.streambed.streams;

/** One element of a table's key schema, as DescribeStream shows it. */
public record KeyElement(String attributeName, String keyType) {}
