package dev.streambed.embedded;

/** Where a new stream trigger starts reading, as Lambda's StartingPosition for DynamoDB streams. */
public enum StartingPosition {
  /** The oldest record the stream still holds: everything written in the last 24 hours. */
  TRIM_HORIZON,
  /** Only records written after the trigger was created. */
  LATEST
}
