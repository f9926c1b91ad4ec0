package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;

/**
 * One entry of the legacy {@code AttributeUpdates} parameter of UpdateItem: the attribute, its
 * {@code Action} (PUT, ADD or DELETE; null means PUT) and its {@code Value} (null when absent).
 */
public record AttributeUpdate(String name, String action, AttributeValue value) {}
