package dev.streambed.logs.event;

import java.util.List;

/** What FilterLogEvents answers: matching events in time order, and a token when there may be more. */
public record FilterPage(List<StoredEvent> events, String nextToken) {}
