package dev.streambed.logs.group;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.logs.LogKeys;
import dev.streambed.logs.LogsError;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Decoded;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Log groups: create, find, list, delete (with their streams and events), retention and tags. */
public final class LogGroups {
  /** The retention periods PutRetentionPolicy accepts, in days. */
  public static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120,
      150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

  private static final int DELETE_CHUNK = 1000;

  private final Storage storage;
  /** Every log write reads its group: decoded once per change. */
  private final Decoded<LogGroup> decoded = new Decoded<>(4096, null);
  private final Clock clock;
  private final SecureRandom ids = new SecureRandom();

  public LogGroups(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** A page of groups in name order, and the name to continue after when there is more. */
  public record Page(List<LogGroup> groups, String lastName) {}

  public LogGroup create(GroupRef ref, String kmsKeyId, String logGroupClass, Map<String, String> tags) {
    byte[] key = key(ref);
    LogGroup group = new LogGroup(ref, ids.nextLong(), clock.millis(), null, kmsKeyId,
        logGroupClass == null ? "STANDARD" : logGroupClass, new TreeMap<>(tags));
    try {
      storage.commit(new Batch().expectVersion(key, Storage.ABSENT).put(key, GroupCodec.encode(group)));
    } catch (VersionConflictException e) {
      throw new AwsException(LogsError.RESOURCE_ALREADY_EXISTS, "The specified log group already exists");
    }
    return group;
  }

  /** The group, or null. */
  public LogGroup find(GroupRef ref) {
    Entry e = storage.get(key(ref));
    return e == null ? null : decoded.of(e, bytes -> GroupCodec.decode(ref, bytes));
  }

  /** The group, or ResourceNotFoundException as AWS words it. */
  public LogGroup require(GroupRef ref) {
    LogGroup g = find(ref);
    if (g == null) {
      throw LogsError.groupNotFound();
    }
    return g;
  }

  /**
   * Groups of an account and region in name order, after {@code after} (exclusive, may be null),
   * whose name starts with {@code prefix} or contains {@code pattern} (case-sensitive, as AWS
   * documents logGroupNamePattern).
   */
  public Page list(String account, String region, String prefix, String pattern, String after, int limit) {
    byte[] all = LogKeys.groupsPrefix(account, region);
    byte[] from = prefix == null ? all : Keys.concat(all, prefix.getBytes(StandardCharsets.UTF_8));
    byte[] to = Keys.prefixEnd(from);
    if (after != null) {
      byte[] afterKey = Keys.successor(Keys.concat(all, after.getBytes(StandardCharsets.UTF_8)));
      if (Arrays.compareUnsigned(afterKey, from) > 0) {
        from = afterKey;
      }
    }
    List<LogGroup> out = new ArrayList<>();
    while (true) {
      List<Entry> chunk = storage.range(from, to, false, 256);
      for (Entry e : chunk) {
        String name = new String(e.key(), all.length, e.key().length - all.length, StandardCharsets.UTF_8);
        if (pattern != null && !name.contains(pattern)) {
          continue;
        }
        if (out.size() == limit) {
          return new Page(out, out.get(out.size() - 1).ref().name());
        }
        out.add(GroupCodec.decode(new GroupRef(account, region, name), e.value()));
      }
      if (chunk.size() < 256) {
        return new Page(out, null);
      }
      from = Keys.successor(chunk.get(chunk.size() - 1).key());
    }
  }

  /** Every group of every account and region whose events expire. */
  public List<LogGroup> withRetention() {
    byte[] all = LogKeys.allGroups();
    byte[] from = all;
    List<LogGroup> out = new ArrayList<>();
    while (true) {
      List<Entry> chunk = storage.range(from, Keys.prefixEnd(all), false, 256);
      for (Entry e : chunk) {
        String[] parts = LogKeys.groupKeyParts(e.key());
        LogGroup g = GroupCodec.decode(new GroupRef(parts[0], parts[1], parts[2]), e.value());
        if (g.retentionInDays() != null) {
          out.add(g);
        }
      }
      if (chunk.size() < 256) {
        return out;
      }
      from = Keys.successor(chunk.get(chunk.size() - 1).key());
    }
  }

  /** Deletes the group, its streams and its events. */
  public void delete(GroupRef ref) {
    LogGroup g = require(ref);
    storage.commit(new Batch().delete(key(ref)));
    deleteRange(LogKeys.streamsPrefix(g.id()));
    deleteRange(LogKeys.eventsOfGroup(g.id()));
  }

  /** Deletes every key that starts with {@code prefix}, a chunk at a time. */
  public void deleteRange(byte[] prefix) {
    byte[] end = Keys.prefixEnd(prefix);
    while (true) {
      List<Entry> chunk = storage.range(prefix, end, false, DELETE_CHUNK);
      if (chunk.isEmpty()) {
        return;
      }
      Batch b = new Batch();
      chunk.forEach(e -> b.delete(e.key()));
      storage.commit(b);
      if (chunk.size() < DELETE_CHUNK) {
        return;
      }
    }
  }

  public void putRetention(GroupRef ref, Integer days) {
    update(ref, g -> g.withRetention(days));
  }

  public void tag(GroupRef ref, Map<String, String> tags) {
    update(ref, g -> {
      SortedMap<String, String> t = new TreeMap<>(g.tags());
      t.putAll(tags);
      return g.withTags(t);
    });
  }

  public void untag(GroupRef ref, Collection<String> keys) {
    update(ref, g -> {
      SortedMap<String, String> t = new TreeMap<>(g.tags());
      keys.forEach(t::remove);
      return g.withTags(t);
    });
  }

  private void update(GroupRef ref, UnaryOperator<LogGroup> change) {
    byte[] key = key(ref);
    while (true) {
      Entry e = storage.get(key);
      if (e == null) {
        throw LogsError.groupNotFound();
      }
      LogGroup next = change.apply(GroupCodec.decode(ref, e.value()));
      try {
        storage.commit(new Batch().expectVersion(key, e.version()).put(key, GroupCodec.encode(next)));
        return;
      } catch (VersionConflictException raced) {
        // Another writer changed the group: apply the change to what it wrote.
      }
    }
  }

  private static byte[] key(GroupRef ref) {
    return LogKeys.group(ref.accountId(), ref.region(), ref.name());
  }
}
