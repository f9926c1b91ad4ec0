package dev.streambed.lambda.esm;

import dev.streambed.streams.StreamRecord;

/**
 * A stream record as a mapping carries it: the record, its JSON as the function receives it
 * (written once, for the filter, the payload size and the event), and the hash of its
 * partition key, which picks its lane so that one key's records stay in order.
 */
record EventRecord(StreamRecord record, byte[] json, int keyHash) {
  long sequence() {
    return record.sequence();
  }

  String sequenceNumber() {
    return record.sequenceNumber();
  }
}
