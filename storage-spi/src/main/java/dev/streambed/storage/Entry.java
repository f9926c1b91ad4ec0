package dev.streambed.storage;

/** A stored key, its value and its version. The arrays belong to the caller and are not changed. */
public record Entry(byte[] key, byte[] value, long version) {}
