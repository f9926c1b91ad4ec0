package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;

/**
 * One term of a KeyConditionExpression: an attribute, an operator ({@code =}, {@code <},
 * {@code <=}, {@code >}, {@code >=}, {@code BETWEEN} or {@code begins_with}) and its values.
 * Which term is the partition key's and which the sort key's is the caller's to decide, against
 * the table's or index's key schema.
 */
public record KeyConditionTerm(String attribute, String operator, AttributeValue low, AttributeValue high) {}
