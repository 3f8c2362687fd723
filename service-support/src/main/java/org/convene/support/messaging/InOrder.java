package org.convene.support.messaging;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * How a Kafka listener handles a message when throughput matters: to completion, on the consumer's
 * own thread (a thread of its own, never an event loop), before the next record of the poll. Records
 * are then polled many at a time and committed once per poll, in order, and a failure takes the
 * container's one well-trodden path (seek back, retry with backoff, dead letter). A listener that
 * returns its {@code Mono} instead is acknowledged asynchronously: one record per poll, a pause, a
 * wake-up and a synchronous commit each, which held notifications-service's consumer below 100
 * messages/s.
 */
public final class InOrder {

    /** Longer than any store operation's own time-out: a message that takes this long has failed. */
    public static final Duration HANDLING_LIMIT = Duration.ofSeconds(30);

    private InOrder() {}

    public static void handle(Mono<Void> handling) {
        handling.block(HANDLING_LIMIT);
    }
}
