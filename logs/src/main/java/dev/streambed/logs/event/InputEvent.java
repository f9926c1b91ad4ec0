package dev.streambed.logs.event;

/** An event as PutLogEvents takes it: a timestamp in epoch milliseconds and a message. */
public record InputEvent(long timestamp, String message) {}
