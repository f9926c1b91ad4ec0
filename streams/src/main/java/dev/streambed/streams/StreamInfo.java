package dev.streambed.streams;

import java.util.List;

/**
 * A stream as DescribeStream shows it.
 *
 * @param status ENABLED or DISABLED
 * @param shards the shards still listed, parents before their children
 */
public record StreamInfo(String arn, String label, String account, String region, String tableName,
    String status, String viewType, List<KeyElement> keySchema, long createdMillis, List<ShardInfo> shards) {}
