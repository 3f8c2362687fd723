package org.convene.events.event.domain;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where events are kept. Saving an event also stores its recorded changes for publishing, atomically. */
public interface Events {

    Mono<Event> insert(Event event);

    /** Saves if the stored version is still the one the event was loaded at; else {@link VersionConflict}. */
    Mono<Event> update(Event event);

    Mono<Event> findById(EventId id);

    Flux<Event> findByOrganisation(OrganisationId organisation);

    /** Published events matching the query, ordered by start then id, after the query's cursor. */
    Flux<Event> findPublished(PublicEventQuery query);

    /**
     * An organisation's public events for its calendar feed, ordered by start then id, at most {@code limit}:
     * published ones that end after {@code endsAfter}, and those cancelled since {@code cancelledSince} (after
     * being published) that would have, so subscribed calendars drop them. Never unlisted or invite-only ones.
     */
    Flux<Event> findForCalendarFeed(OrganisationId organisation, Instant endsAfter, Instant cancelledSince, int limit);
}
