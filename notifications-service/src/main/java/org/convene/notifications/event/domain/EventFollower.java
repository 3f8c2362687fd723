package org.convene.notifications.event.domain;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A feature that acts on news about an event, told after the event's view is kept, so what it reads of
 * the event is at least as new as the news. Each news is told once per delivery of its message, which may
 * be more than once: a follower acts once however often it is told (invariant 3, docs/invariants.md).
 * The event feature depends on none of them: they depend on it.
 */
public interface EventFollower {

    /**
     * The event has a new time. {@code messageId} names this announcement of it; {@code traceparent} is
     * the trace it came with (null: none).
     */
    default Mono<Void> rescheduled(String messageId, EventId event, @Nullable String traceparent) {
        return Mono.empty();
    }

    /** A public event was just published (an unlisted or invitation-only one is for its invitees only). */
    default Mono<Void> publishedPublicly(NewEvent event) {
        return Mono.empty();
    }
}
