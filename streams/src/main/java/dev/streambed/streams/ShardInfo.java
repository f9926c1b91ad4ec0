package dev.streambed.streams;

/**
 * A shard as DescribeStream lists it.
 *
 * @param endingSequenceNumber null while the shard is open
 */
public record ShardInfo(String shardId, String parentShardId, String startingSequenceNumber,
    String endingSequenceNumber) {

  public boolean open() {
    return endingSequenceNumber == null;
  }
}
