package dev.streambed.lambda.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One invocation in an environment: its event, the lines it printed, and its answer. */
final class Invocation {
  final String requestId;
  final byte[] payload;
  final long deadlineMillis;
  final String functionArn;
  final String clientContext;
  /** Guarded by the environment's lock. */
  final List<Outcome.Line> lines = new ArrayList<>();
  final CompletableFuture<Invocation> done = new CompletableFuture<>();
  /** Completed when the runtime takes the event (with {@link #deliveredNanos} set). */
  final CompletableFuture<Void> taken = new CompletableFuture<>();
  boolean delivered;
  /** When the runtime took the event: the invocation's duration counts from here. */
  long deliveredNanos;
  /** How many lines came before the runtime took the event: the init phase's output. */
  int initLineCount;
  boolean answered;
  boolean marked;
  byte[] response;
  boolean error;

  Invocation(String requestId, byte[] payload, long deadlineMillis, String functionArn, String clientContext) {
    this.requestId = requestId;
    this.payload = payload;
    this.deadlineMillis = deadlineMillis;
    this.functionArn = functionArn;
    this.clientContext = clientContext;
  }

  /** Ends it with an answer, unless it already has one. */
  void fail(byte[] body) {
    if (!answered) {
      answered = true;
      error = true;
      response = body;
    }
  }
}
