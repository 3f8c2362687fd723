package org.convene.notifications.event.domain;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The events this service knows of, for the features that write about them. */
public interface Events {

    /** Empty while the event is not known yet (its message is still on its way). */
    Mono<Event> find(EventId id);

    /** Published events starting after {@code from}, up to and including {@code to}. */
    Flux<Event> startingBetween(Instant from, Instant to);
}
