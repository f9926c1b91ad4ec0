package dev.streambed.iam;

/** A tag on a role, user or policy. */
public record Tag(String key, String value) {}
