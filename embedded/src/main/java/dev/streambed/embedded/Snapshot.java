package dev.streambed.embedded;

import dev.streambed.storage.Entry;
import java.util.List;

/**
 * The whole state of an embedded Streambed at one moment (every stored entry: tables and items,
 * streams and their records, functions and their code, triggers and their positions, roles,
 * logs, queues), held in memory to {@link Streambed#reset(Snapshot) return to}.
 */
public final class Snapshot {
  static final Snapshot EMPTY = new Snapshot(List.of());

  private final List<Entry> entries;

  Snapshot(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  List<Entry> entries() {
    return entries;
  }

  /** Whether nothing at all was stored. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public String toString() {
    return "Snapshot of " + entries.size() + " entries";
  }
}
