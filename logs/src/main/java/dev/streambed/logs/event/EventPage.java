package dev.streambed.logs.event;

import java.util.List;

/** What GetLogEvents answers: events in time order and the tokens to read on in either direction. */
public record EventPage(List<StoredEvent> events, String nextForwardToken, String nextBackwardToken) {}
