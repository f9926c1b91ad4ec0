package dev.streambed.lambda.esm;

import dev.streambed.kernel.time.Timers;
import dev.streambed.lambda.Functions;
import dev.streambed.lambda.Invocations;
import dev.streambed.streams.Streams;
import java.time.Clock;

/**
 * What the pollers of every mapping share: the services they call, their store, and time.
 *
 * @param idle called when a shard's processor has nothing left to do, so that those who wait
 *     for the pollers to catch up look again
 */
record Context(EventSourceMappings mappings, Functions functions, Invocations invocations, Streams streams,
    Checkpoints checkpoints, Clock clock, Timers timers, FailureDestinations destinations, Runnable idle) {}
